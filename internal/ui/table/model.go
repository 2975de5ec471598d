package table

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// Options configure a table.
type Options struct {
	Name      string // used in export file names ("subscribers")
	ExportDir string // where exports go
	Empty     string // shown when there are no rows
	Context   context.Context
	// Of says what the table is in its exports ("applications of
	// 919812345678"); "" uses Name.
	Of string
	// Case is the case the rows come from, named in exports with the
	// SHA-256 of its sources.
	Case Case
}

var nextID atomic.Uint64

// Model is a table over a Source.
type Model struct {
	id     uint64
	src    Source
	cols   []Column
	st     *uikit.Styles
	keys   KeyMap
	opts   Options
	width  int
	height int

	rows     []Row // the loaded window, in display order
	cursor   int   // selected index in rows
	top      int   // first visible index in rows
	atStart  bool  // rows[0] is the first row of the data
	atEnd    bool  // the last row of rows is the last of the data
	before   int   // rows of the data before rows[0], -1 when unknown
	fetching bool

	sort   int
	desc   bool
	filter string
	colOff int // columns scrolled past after the first, which never scrolls

	gen uikit.Ticket // a new generation starts at every sort or filter change
	// pages and counts run one at a time: a newer request cancels the
	// query in flight (a filter typed on a ten-million-row table does not
	// leave a count per keystroke scanning it)
	pages, counts uikit.Job
	rowsGen       uint64 // the generation of the rows loaded (older than gen's while a new list loads)
	count         int64  // rows matching the filter, -1 while unknown
	err           error
	ready         bool

	filtering   bool
	filterInput textinput.Model
	filterSeq   uint64

	exporting   bool
	exportInput textinput.Model

	keep *keptSelection // where Refresh found the cursor, until its first page arrives

	params func() Params // the parameters exports name
}

// SetExportInfo sets what exports say the table is of, and the parameters
// it was computed with (read at each export).
func (m *Model) SetExportInfo(of string, params func() Params) {
	if of != "" {
		m.opts.Of = of
	}
	m.params = params
}

// New returns a table over src. Call Init (or Reload) to load it.
func New(src Source, st *uikit.Styles, opts Options) *Model {
	if opts.Context == nil {
		opts.Context = context.Background()
	}
	m := &Model{id: nextID.Add(1), src: src, cols: src.Columns(), st: st, keys: DefaultKeyMap(), opts: opts, count: -1}
	m.sort, m.desc = src.DefaultSort()
	m.filterInput = textinput.New()
	m.filterInput.Prompt = "/"
	m.filterInput.CharLimit = 200
	m.exportInput = textinput.New()
	m.exportInput.Prompt = "export to: "
	m.exportInput.CharLimit = 1024
	return m
}

// pageMsg carries a page to the table that asked for it.
type pageMsg struct {
	id, gen uint64
	dir     int // 0 replace from the start, +1 append, -1 prepend, 2 replace from the end
	limit   int // rows asked for: fewer means the data ended
	rows    []Row
	err     error
}

type countMsg struct {
	id, gen uint64
	n       int64
}

type filterTickMsg struct{ id, seq uint64 }

const (
	dirReset = 0
	dirNext  = 1
	dirPrev  = -1
	dirEnd   = 2
)

// Init loads the first page.
func (m *Model) Init() tea.Cmd { return m.Reload() }

// SetEmpty changes what is shown when the source has no rows (a list
// narrowed to a window says that the window is empty, not the case).
func (m *Model) SetEmpty(s string) { m.opts.Empty = s }

// Reload starts over from the first row (after a sort, a filter, or new
// data in the source).
func (m *Model) Reload() tea.Cmd {
	m.keep = nil
	return m.reload(m.pageSize())
}

// reload starts a new generation with a first page of limit rows.
func (m *Model) reload(limit int) tea.Cmd {
	gen := m.gen.Next()
	m.fetching = true
	m.err = nil
	m.count = -1
	cmds := []tea.Cmd{m.fetch(gen, dirReset, nil, limit)}
	if c, ok := m.src.(Counter); ok {
		id, filter := m.id, m.filter
		cmds = append(cmds, m.counts.Run(m.opts.Context, func(ctx context.Context, _ uint64) tea.Msg {
			n, err := c.Count(ctx, filter)
			if err != nil {
				return nil
			}
			return countMsg{id: id, gen: gen, n: n}
		}))
	}
	return tea.Batch(cmds...)
}

// SetSource replaces the source (new data) and reloads.
func (m *Model) SetSource(src Source) tea.Cmd {
	m.src, m.cols = src, src.Columns()
	m.sort, m.desc = src.DefaultSort()
	m.colOff = 0
	return m.Reload()
}

func (m *Model) pageSize() int { return max(200, 3*m.visibleRows()) }

// fetch runs one page query off the UI goroutine.
func (m *Model) fetch(gen uint64, dir int, after []any, limit int) tea.Cmd {
	req := PageRequest{Sort: m.sort, Desc: m.desc, Filter: m.filter, After: after, Limit: limit}
	if dir == dirPrev || dir == dirEnd {
		req.Backward = true
	}
	id, src := m.id, m.src
	return m.pages.Run(m.opts.Context, func(ctx context.Context, _ uint64) tea.Msg {
		rows, err := src.Page(ctx, req)
		for i := range rows {
			// a new slice: a source may share its cells with the rows it holds
			cells := make([]string, len(rows[i].Cells))
			for j, c := range rows[i].Cells {
				cells[j] = inert.String(c)
			}
			rows[i].Cells = cells
		}
		return pageMsg{id: id, gen: gen, dir: dir, limit: req.Limit, rows: rows, err: err}
	})
}

// maxWindow bounds the rows kept in memory.
func (m *Model) maxWindow() int { return 4 * m.pageSize() }

// Update handles the table's messages and, when it has the keyboard, keys.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case pageMsg:
		if msg.id == m.id {
			return m.applyPage(msg)
		}
	case countMsg:
		if msg.id == m.id && m.gen.Current(msg.gen) {
			m.count = msg.n
		}
	case filterTickMsg:
		if msg.id == m.id && msg.seq == m.filterSeq {
			return m.Reload()
		}
	case exportDoneMsg:
		if msg.id == m.id {
			if msg.err != nil {
				return uikit.Fail(msg.err)
			}
			return tea.Batch(uikit.Status(exportReport(msg)), m.auditExport(msg))
		}
	case tea.KeyMsg:
		return m.handleKey(msg)
	case tea.MouseMsg:
		return m.handleMouse(msg)
	}
	return nil
}

func (m *Model) applyPage(msg pageMsg) tea.Cmd {
	if !m.gen.Current(msg.gen) {
		return nil // stale: a newer sort or filter replaced it
	}
	m.fetching = false
	m.ready = true
	if msg.err != nil {
		m.err = msg.err
		return uikit.Fail(msg.err)
	}
	limit := msg.limit
	switch msg.dir {
	case dirReset:
		m.rowsGen = msg.gen
		m.rows, m.cursor, m.top, m.before = msg.rows, 0, 0, 0
		m.atStart, m.atEnd = true, len(msg.rows) < limit
		m.restoreSelection()
	case dirEnd:
		m.rowsGen, m.keep = msg.gen, nil
		reverse(msg.rows)
		m.rows, m.before = msg.rows, -1
		m.atEnd, m.atStart = true, len(msg.rows) < limit
		if m.atStart {
			m.before = 0
		}
		m.cursor = max(0, len(m.rows)-1)
		m.top = max(0, len(m.rows)-m.visibleRows())
	case dirNext:
		m.rows = append(m.rows, msg.rows...)
		m.atEnd = len(msg.rows) < limit
		if over := len(m.rows) - m.maxWindow(); over > 0 {
			m.rows = m.rows[over:]
			m.cursor, m.top = max(0, m.cursor-over), max(0, m.top-over)
			m.atStart = false
			if m.before >= 0 {
				m.before += over
			}
		}
	case dirPrev:
		reverse(msg.rows)
		m.rows = append(msg.rows, m.rows...)
		m.cursor += len(msg.rows)
		m.top += len(msg.rows)
		m.atStart = len(msg.rows) < limit
		if m.before >= 0 {
			m.before = max(0, m.before-len(msg.rows))
		}
		if m.atStart {
			m.before = 0
		}
		if over := len(m.rows) - m.maxWindow(); over > 0 {
			m.rows = m.rows[:len(m.rows)-over]
			m.atEnd = false
		}
	}
	return m.prefetch()
}

func reverse(rows []Row) {
	for i, j := 0, len(rows)-1; i < j; i, j = i+1, j-1 {
		rows[i], rows[j] = rows[j], rows[i]
	}
}

// prefetch loads the next or previous page when the cursor nears the edge
// of the loaded window.
func (m *Model) prefetch() tea.Cmd {
	if m.fetching || len(m.rows) == 0 {
		return nil
	}
	margin := max(20, m.visibleRows())
	if !m.atEnd && len(m.rows)-1-m.cursor < margin {
		m.fetching = true
		return m.fetch(m.gen.Tag(), dirNext, m.rows[len(m.rows)-1].Key, m.pageSize())
	}
	if !m.atStart && m.cursor < margin {
		m.fetching = true
		return m.fetch(m.gen.Tag(), dirPrev, m.rows[0].Key, m.pageSize())
	}
	return nil
}

// move moves the cursor by delta rows and keeps it visible.
func (m *Model) move(delta int) tea.Cmd {
	if len(m.rows) == 0 {
		return nil
	}
	m.cursor = min(max(m.cursor+delta, 0), len(m.rows)-1)
	m.scrollToCursor()
	return m.prefetch()
}

func (m *Model) scrollToCursor() {
	vis := m.visibleRows()
	if m.cursor < m.top {
		m.top = m.cursor
	}
	if m.cursor >= m.top+vis {
		m.top = m.cursor - vis + 1
	}
	m.top = max(0, min(m.top, max(0, len(m.rows)-vis)))
}

func (m *Model) handleKey(msg tea.KeyMsg) tea.Cmd {
	if m.filtering {
		return m.filterKey(msg)
	}
	if m.exporting {
		return m.exportKey(msg)
	}
	k := m.keys
	switch {
	case key.Matches(msg, k.Up):
		return m.move(-1)
	case key.Matches(msg, k.Down):
		return m.move(1)
	case key.Matches(msg, k.PageUp):
		return m.move(-m.visibleRows())
	case key.Matches(msg, k.PageDown):
		return m.move(m.visibleRows())
	case key.Matches(msg, k.Top):
		if m.atStart {
			return m.move(-len(m.rows))
		}
		return m.Reload()
	case key.Matches(msg, k.Bottom):
		if m.atEnd {
			return m.move(len(m.rows))
		}
		gen := m.gen.Next()
		m.fetching = true
		return m.fetch(gen, dirEnd, nil, m.pageSize())
	case key.Matches(msg, k.Left):
		m.colOff = max(0, m.colOff-1)
	case key.Matches(msg, k.Right):
		m.colOff = min(m.colOff+1, max(0, len(m.cols)-2)) // the first column stays
	case key.Matches(msg, k.Sort):
		return m.nextSort()
	case key.Matches(msg, k.Reverse):
		m.desc = !m.desc
		return m.Reload()
	case key.Matches(msg, k.Filter):
		m.filtering = true
		m.filterInput.SetValue(m.filter)
		m.filterInput.CursorEnd()
		return m.filterInput.Focus()
	case key.Matches(msg, k.Export):
		return m.startExport()
	case key.Matches(msg, k.Cancel):
		return m.ClearFilter()
	case key.Matches(msg, k.Whole):
		if text := m.WholeRow(); text != "" {
			return uikit.Status(text)
		}
	}
	return nil
}

// ClearFilter drops the filter in force (esc); nil when there is none.
func (m *Model) ClearFilter() tea.Cmd {
	if m.filter == "" {
		return nil
	}
	m.filter = ""
	m.filterInput.SetValue("")
	return m.Reload()
}

// Escape is what esc does to the table: it clears the filter in force and
// reports true, or reports false when there is no filter (esc then backs
// out of the view, the pane's to do).
func (m *Model) Escape(msg tea.KeyMsg) (tea.Cmd, bool) {
	if m == nil || m.filter == "" || !key.Matches(msg, m.keys.Cancel) {
		return nil, false
	}
	return m.ClearFilter(), true
}

func (m *Model) nextSort() tea.Cmd {
	for i := 1; i <= len(m.cols); i++ {
		c := (m.sort + i) % len(m.cols)
		if m.cols[c].Sortable {
			if c == m.sort {
				return nil
			}
			m.sort = c
			return m.Reload()
		}
	}
	return nil
}

func (m *Model) filterKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Accept):
		m.filtering = false
		m.filterInput.Blur()
		return nil
	case key.Matches(msg, m.keys.Cancel):
		m.filtering = false
		m.filterInput.Blur()
		if m.filter == "" {
			return nil
		}
		m.filter = ""
		return m.Reload()
	}
	var cmd tea.Cmd
	m.filterInput, cmd = m.filterInput.Update(msg)
	if v := m.filterInput.Value(); v != m.filter {
		m.filter = v
		m.filterSeq++
		return tea.Batch(cmd, uikit.Debounce(150*time.Millisecond, filterTickMsg{id: m.id, seq: m.filterSeq}))
	}
	return cmd
}

func (m *Model) handleMouse(msg tea.MouseMsg) tea.Cmd {
	if msg.Action != tea.MouseActionPress {
		return nil
	}
	switch msg.Button {
	case tea.MouseButtonWheelUp:
		return m.move(-3)
	case tea.MouseButtonWheelDown:
		return m.move(3)
	case tea.MouseButtonLeft:
		return m.click(msg.X, msg.Y)
	}
	return nil
}

// Rows returns the rows loaded (the page window around the cursor).
func (m *Model) Rows() []Row { return m.rows }

// Selected returns the row under the cursor.
func (m *Model) Selected() (Row, bool) {
	if m.cursor < 0 || m.cursor >= len(m.rows) {
		return Row{}, false
	}
	return m.rows[m.cursor], true
}

// Editing reports whether the filter or export prompt has the keyboard.
func (m *Model) Editing() bool { return m.filtering || m.exporting }

// Filter is the filter in force.
func (m *Model) Filter() string { return m.filter }

// KeyMap returns the table's keys.
func (m *Model) KeyMap() KeyMap { return m.keys }

// Loaded reports whether the first page has arrived.
func (m *Model) Loaded() bool { return m.ready }

// SetSize sets the table's size, header and footer lines included.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 10), max(h, 3)
	m.filterInput.Width = max(10, m.width-4)
	m.exportInput.Width = max(10, m.width-14)
	m.scrollToCursor()
}

func (m *Model) visibleRows() int { return max(1, m.height-2) }
