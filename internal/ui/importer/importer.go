// Package importer is import inside the workbench: a file picker for files
// and directories, the detected layout of each file before anything runs,
// and the import itself in the background (the panes keep working) with
// its progress and a summary. The shell owns one Model per open case and
// refreshes the panes when an import lands (DoneMsg).
package importer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/filepicker"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

type stage int

const (
	picking stage = iota
	previewing
	running
	finished
)

// Model is the import dialog and the state of the import it runs.
type Model struct {
	env     *uikit.Env
	picker  filepicker.Model
	stage   stage
	chosen  []string
	preview *store.Preview
	pvErr   error
	pvTag   uint64
	scroll  int
	width   int
	height  int

	progress store.Progress
	files    int // files finished in this run
	started  time.Time
	elapsed  time.Duration
	results  []store.FileResult
	runErr   error
	events   chan tea.Msg
	cancel   context.CancelFunc

	// the command's --tz, --date-order, --map, --kind, --country, --plmn
	// and --encoding, set in the preview (z, d, m, k, c, n, e; see
	// options.go)
	opts    options
	input   textinput.Model
	editing field
	stale   bool // the picker's folder changed under its list (picker_safe.go)
}

// New returns the dialog, its picker in dir (the working directory when "").
func New(env *uikit.Env, dir string) *Model {
	fp := filepicker.New()
	fp.DirAllowed = false
	fp.FileAllowed = true
	fp.ShowPermissions = false
	fp.ShowHidden = false
	if dir == "" {
		dir, _ = os.Getwd()
	}
	fp.CurrentDirectory = dir
	fp.Styles.Cursor = env.Styles.Key
	fp.Styles.Selected = env.Styles.Selected
	fp.Styles.Directory = env.Styles.Subtitle
	fp.Styles.File = env.Styles.Text
	fp.Styles.FileSize = env.Styles.Muted
	fp.Styles.EmptyDirectory = env.Styles.Muted.SetString("(no files here)")
	fp.Cursor = "▸"
	return &Model{env: env, picker: fp, width: 80, height: 20, input: newOptionInput()}
}

// Editing reports that an option's text field has the keyboard.
func (m *Model) Editing() bool { return m.editing != noField }

// Init reads the picker's directory.
func (m *Model) Init() tea.Cmd { return m.picker.Init() }

// Running reports an import under way.
func (m *Model) Running() bool { return m.stage == running }

// SetSize gives the dialog its area.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.picker.SetHeight(max(3, h-6))
}

// Reset returns a finished dialog to the picker (a new import).
func (m *Model) Reset() tea.Cmd {
	if m.stage == running {
		return nil
	}
	m.stage, m.chosen, m.preview, m.pvErr, m.results, m.runErr = picking, nil, nil, nil, nil, nil
	return m.picker.Init()
}

// Note is the one-line state of a running or finished import, for the
// status line while the dialog is hidden.
func (m *Model) Note() string {
	switch m.stage {
	case running:
		return "importing " + m.progressText()
	case finished:
		return "import done: " + m.summaryLine()
	}
	return ""
}

// Messages of the import job.
type (
	previewMsg struct {
		tag uint64
		pv  *store.Preview
		err error
	}
	progressMsg struct{ p store.Progress }
	// DoneMsg says an import landed: the shell refreshes the panes.
	DoneMsg struct {
		Results []store.FileResult
		Err     error
		Elapsed time.Duration
		Paths   []string       // as chosen
		Options map[string]any // the options set, by the command's flag names
	}
)

// CloseMsg asks the shell to hide the dialog (the import, if any, goes on).
type CloseMsg struct{}

func closeDialog() tea.Msg { return CloseMsg{} }

// Handles reports whether msg belongs to the import job (it must reach the
// model even while the dialog is hidden).
func Handles(msg tea.Msg) bool {
	switch msg.(type) {
	case previewMsg, progressMsg, DoneMsg:
		return true
	}
	return msg != nil && reflect.TypeOf(msg).PkgPath() == pickerPkg // the picker's directory listings
}

var pickerPkg = reflect.TypeOf(filepicker.Model{}).PkgPath()

// Update handles keys (while shown) and the job's messages; a folder
// that changed under the picker's list is read again first.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if m.stale && m.stage == picking {
		m.stale = false
		return tea.Batch(m.picker.Init(), m.update(msg))
	}
	return m.update(msg)
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case previewMsg:
		if msg.tag == m.pvTag && m.stage == previewing {
			m.preview, m.pvErr = msg.pv, msg.err
		}
		return nil
	case progressMsg:
		if msg.p.Path != m.progress.Path && m.progress.Path != "" {
			m.files++
		}
		m.progress = msg.p
		return m.wait()
	case DoneMsg:
		m.stage = finished
		m.results, m.runErr, m.elapsed = msg.Results, msg.Err, msg.Elapsed
		m.cancel = nil
		return nil
	case tea.KeyMsg:
		return m.key(msg)
	case tea.MouseMsg:
		if m.stage == picking {
			switch msg.Button {
			case tea.MouseButtonWheelDown:
				return m.key(tea.KeyMsg{Type: tea.KeyDown})
			case tea.MouseButtonWheelUp:
				return m.key(tea.KeyMsg{Type: tea.KeyUp})
			}
		}
		return nil
	}
	if m.stage == picking {
		var cmd tea.Cmd
		m.picker, cmd = m.picker.Update(msg)
		return cmd
	}
	return nil
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	switch m.stage {
	case picking:
		switch msg.String() {
		case "esc", "q":
			if len(m.chosen) > 0 && msg.String() == "esc" {
				m.chosen = nil
				return nil
			}
			return closeDialog
		case ".":
			m.toggle(m.picker.CurrentDirectory)
			return nil
		case "tab", "p":
			if len(m.chosen) > 0 {
				return m.startPreview()
			}
			return nil
		}
		var cmd tea.Cmd
		m.picker, cmd = m.picker.Update(msg)
		if ok, path := m.picker.DidSelectFile(msg); ok {
			m.toggle(path)
			return m.startPreview()
		}
		return cmd
	case previewing:
		if m.editing != noField {
			return m.fieldKey(msg)
		}
		if cmd, ok := m.optionKey(msg.String()); ok {
			return cmd
		}
		switch msg.String() {
		case "esc", "+", "a":
			m.stage = picking
			return m.picker.Init()
		case "enter", "r":
			if m.preview != nil && m.importable() > 0 {
				return m.run()
			}
		case "down", "j":
			m.scroll++
		case "up", "k":
			m.scroll = max(0, m.scroll-1)
		case "q":
			return closeDialog
		}
	case running:
		switch msg.String() {
		case "esc", "q", "I":
			return closeDialog
		case "ctrl+x":
			if m.cancel != nil {
				m.cancel()
			}
		}
	case finished:
		switch msg.String() {
		case "esc", "q", "enter":
			return closeDialog
		case "n":
			return m.Reset()
		case "down", "j":
			m.scroll++
		case "up", "k":
			m.scroll = max(0, m.scroll-1)
		}
	}
	return nil
}

func (m *Model) toggle(path string) {
	for i, c := range m.chosen {
		if c == path {
			m.chosen = append(m.chosen[:i], m.chosen[i+1:]...)
			return
		}
	}
	m.chosen = append(m.chosen, path)
}

func (m *Model) startPreview() tea.Cmd {
	m.stage, m.preview, m.pvErr, m.scroll = previewing, nil, nil, 0
	m.pvTag++
	tag, paths, ctx := m.pvTag, append([]string(nil), m.chosen...), m.env.Context
	opts, err := m.opts.store()
	if err != nil {
		m.pvErr = err
		return nil
	}
	st := m.env.Store
	return func() tea.Msg {
		pv, err := st.PreviewImportInto(ctx, paths, opts, 0)
		return previewMsg{tag: tag, pv: pv, err: err}
	}
}

func (m *Model) importable() int {
	n := 0
	for _, e := range m.preview.Entries {
		if e.Problem == "" {
			n++
		}
	}
	return n
}

// run starts the import in its own goroutine; its progress comes back
// through events, one message at a time (wait re-arms after each).
func (m *Model) run() tea.Cmd {
	m.stage, m.files, m.progress, m.scroll = running, 0, store.Progress{}, 0
	m.started = time.Now()
	ctx, cancel := context.WithCancel(m.env.Context)
	m.cancel = cancel
	events := make(chan tea.Msg, 1)
	m.events = events
	st, paths, started := m.env.Store, append([]string(nil), m.chosen...), m.started
	opts, _ := m.opts.store() // checked by the preview
	flags := m.opts.flags()
	go func() {
		defer cancel()
		opts.Progress = func(p store.Progress) {
			select { // keep only the newest snapshot; never block the import
			case events <- progressMsg{p}:
			default:
			}
		}
		res, err := st.Import(ctx, paths, opts)
		select { // make room: only this goroutine sends
		case <-events:
		default:
		}
		events <- DoneMsg{Results: res, Err: err, Elapsed: time.Since(started), Paths: paths, Options: flags}
		close(events)
	}()
	return m.wait()
}

func (m *Model) wait() tea.Cmd {
	ch := m.events
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil
		}
		return msg
	}
}

func (m *Model) progressText() string {
	p := m.progress
	if p.Path == "" {
		return "starting …"
	}
	pct := 0
	if p.Size > 0 {
		pct = int(min(100, p.Read*100/p.Size))
	}
	return fmt.Sprintf("%s %3d%% · %s rows · %s rejected", filepath.Base(inert.String(p.Path)), pct, thousands(p.Rows), thousands(p.Rejected))
}

// summaryLine counts the run's results as the command line's summary does.
func (m *Model) summaryLine() string {
	var imported, skipped, failed int
	var rows, sites, rejected, dropped int64
	for _, r := range m.results {
		switch {
		case r.Error != "":
			failed++
		case r.Skipped != "":
			skipped++
		default:
			imported++
			if r.Kind == store.KindCells {
				sites += r.Rows // reference data, not records
			} else {
				rows += r.Rows
			}
			rejected += r.Rejected
			dropped += r.Dropped
		}
	}
	// values dropped (an IMEI of a wrong length, an IMSI that is none) as
	// cdrtui import says them: rows kept, a value of theirs not
	cells := ""
	if sites > 0 {
		cells = ", " + plural64(sites, "cell site")
	}
	s := fmt.Sprintf("%s imported, %s rows%s, %s rejected, %s dropped, %s skipped, %s failed, in %s",
		plural(imported, "file"), thousands(rows), cells, plural64(rejected, "line"), plural64(dropped, "value"), plural(skipped, "file"), plural(failed, "file"), m.elapsed.Round(100*time.Millisecond))
	if m.runErr != nil {
		s += " — stopped: " + inDialog(m.runErr.Error())
	}
	return s
}

func plural(n int, what string) string { return plural64(int64(n), what) }

func plural64(n int64, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return thousands(n) + " " + what + "s"
}

func thousands(n int64) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func since(t time.Time) string { return time.Since(t).Round(100 * time.Millisecond).String() }
