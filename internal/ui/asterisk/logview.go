package asterisk

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// logAround is how far around a call the log is shown, in seconds.
const logAround = 300

// noLevel names the entries without a level (banners, comments) in the
// level filter.
const noLevel = "(none)"

// logWindow is a span of the log around one call.
type logWindow struct {
	from, to int64 // Unix seconds
	label    string
}

// logAroundMsg opens the log around a call.
type logAroundMsg struct {
	window logWindow
	err    error
}

// logSource lists log entries of a level ("" all, noLevel those without)
// within a window (nil: all) and the workbench's time scope (by their wall
// clock, as the calls; an entry with no time cannot be placed in a scope
// and is left out of one), in time order, with their file and line.
func logSource(st *store.Store, level string, w *logWindow, scope casework.TimeScope) *table.SQLSource {
	var conds []string
	var args []any
	switch level {
	case "":
	case noLevel:
		conds = append(conds, "g.level = ''")
	default:
		conds = append(conds, "g.level = ?")
		args = append(args, level)
	}
	if w != nil {
		conds = append(conds, "g.time BETWEEN ? AND ?")
		args = append(args, w.from, w.to)
	}
	if scope.From != 0 {
		conds = append(conds, "g.time + g.wall_offset >= ?")
		args = append(args, scope.From)
	}
	if scope.To != 0 {
		conds = append(conds, "g.time + g.wall_offset < ?")
		args = append(args, scope.To)
	}
	return &table.SQLSource{
		DB:    st.DB(),
		From:  "ast_log g JOIN sources s ON s.id = g.source_id",
		Where: strings.Join(conds, " AND "),
		Args:  args,
		ID:    "g.id",
		Cols: []table.SQLColumn{
			{Column: table.Column{Title: "Time", MinWidth: 19, Sortable: true}, Expr: "g.time + g.wall_offset", SortExpr: "coalesce(g.time, 0)", Format: table.WallClock},
			{Column: table.Column{Title: "Level", Sortable: true}, Expr: "g.level", Filter: true},
			{Column: table.Column{Title: "Text", MinWidth: 20, MaxWidth: 120}, Expr: "replace(g.text, char(10), ' ⏎ ')", Filter: true},
			{Column: table.Column{Title: "Call ID", MaxWidth: 12}, Expr: "g.call_id", Filter: true},
			{Column: table.Column{Title: "File", MaxWidth: 24}, Expr: "g.file", Filter: true},
			{Column: table.Column{Title: "Thread", MaxWidth: 8}, Expr: "g.thread"},
			{Column: table.Column{Title: "Year", MaxWidth: 8}, Expr: "g.year_source"},
			{Column: table.Column{Title: "Read from", MaxWidth: 48, TruncLeft: true}, Expr: "s.path || ':' || g.line"},
		},
		Ref: func(id any, cells []string) any { return cells[len(cells)-1] },
	}
}

// openLogAround looks up a call's span and opens the log around it.
func (p *Pane) openLogAround(id int64) tea.Cmd {
	db, ctx := p.env.Store.DB(), p.env.Context
	return func() tea.Msg {
		var start, end, off int64
		err := db.QueryRowContext(ctx, `SELECT start, coalesce("end", start), wall_offset FROM ast_calls WHERE id = ?`, id).Scan(&start, &end, &off)
		if err != nil {
			return logAroundMsg{err: err}
		}
		label := fmt.Sprintf("±%d min around the call of %s", logAround/60, uikit.Wall(start, int32(off)))
		return logAroundMsg{window: logWindow{from: start - logAround, to: end + logAround, label: label}}
	}
}

func (p *Pane) logAroundLoaded(msg logAroundMsg) tea.Cmd {
	if msg.err != nil {
		return uikit.Fail(msg.err)
	}
	w := msg.window
	p.window = &w
	p.view = viewLog
	p.resize()
	return p.setLogSource()
}

// setLogSource shows the log at the chosen level and window, with an
// empty message that says which of them is empty.
func (p *Pane) setLogSource() tea.Cmd {
	var empty string
	switch {
	case p.window != nil && p.level != "":
		empty = fmt.Sprintf("no %s log entries within ±%d minutes of this call (W: another level, esc: the whole log)", p.level, logAround/60)
	case p.window != nil:
		empty = fmt.Sprintf("no log entries within ±%d minutes of this call (esc: the whole log)", logAround/60)
	case p.level != "":
		empty = fmt.Sprintf("no %s entries in the Asterisk log (v: another level)", p.level)
	default:
		empty = noLogText
	}
	if p.env.Scope.Set() {
		empty += " · in the time scope " + p.env.Scope.String() + " (T changes it)"
	}
	p.log.SetEmpty(empty)
	return p.log.SetSource(logSource(p.env.Store, p.level, p.window, p.env.Scope))
}

// noLogText is what the log view says when the case holds no log at all.
const noLogText = "no Asterisk log in this case (var/log/asterisk/messages*)"

func (p *Pane) logKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, p.keys.Level):
		p.level = nextLevel(p.levels(), p.level)
		return p.setLogSource()
	case key.Matches(msg, p.keys.WholeLog) && p.window != nil:
		p.window = nil
		return p.setLogSource()
	case key.Matches(msg, p.keys.Open):
		if row, ok := p.log.Selected(); ok {
			if ref, ok := row.Ref.(string); ok {
				if i := strings.LastIndexByte(ref, ':'); i > 0 {
					line, _ := strconv.ParseInt(ref[i+1:], 10, 64)
					return p.openRaw(ref[:i], line, viewLog)
				}
			}
		}
		return nil
	}
	return p.log.Update(msg)
}

// levelOrder puts the usual levels first, most severe first.
var levelOrder = map[string]int{"ERROR": 1, "WARNING": 2, "SECURITY": 3, "NOTICE": 4, "VERBOSE": 5, "DTMF": 6, "DEBUG": 7}

// levels lists the levels the log holds, in levelOrder and then by name,
// entries without one last.
func (p *Pane) levels() []string {
	if p.report == nil {
		return nil
	}
	var out []string
	none := false
	for l := range p.report.LogByLevel {
		if l == "" {
			none = true
			continue
		}
		out = append(out, l)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := levelOrder[out[i]], levelOrder[out[j]]
		if a == 0 {
			a = 100
		}
		if b == 0 {
			b = 100
		}
		if a != b {
			return a < b
		}
		return out[i] < out[j]
	})
	if none {
		out = append(out, noLevel)
	}
	return out
}

// nextLevel cycles "" (all) → each level → "".
func nextLevel(levels []string, cur string) string {
	if cur == "" {
		if len(levels) == 0 {
			return ""
		}
		return levels[0]
	}
	for i, l := range levels {
		if l == cur && i+1 < len(levels) {
			return levels[i+1]
		}
	}
	return ""
}

func (p *Pane) logInfoHeight() int { return 1 }

func (p *Pane) logView() string {
	st := p.env.Styles
	level := "all levels"
	if p.level != "" {
		level = "level " + p.level
	}
	span, hint := "the whole log", " · W level · enter: the entry in its file"
	if p.window != nil {
		span, hint = p.window.label, " · esc whole log · W level"
	}
	switch {
	case p.env.Scope.Set() && p.window == nil:
		span = "in scope " + p.env.Scope.String()
	case p.env.Scope.Set():
		span += ", in scope " + p.env.Scope.String()
	}
	info := st.Subtitle.Render("Log: ") + st.Text.Render(inert.String(level)+" · "+span) + st.Muted.Render(hint)
	return uikit.FitLine(info, p.width) + "\n" + p.log.View()
}
