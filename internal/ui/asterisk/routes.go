package asterisk

import (
	"path/filepath"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// noRoutesText is what the routes list says when the dial plan sends no
// number out through a trunk.
const noRoutesText = "no outbound route in the case's dial plans (no pattern sends the number dialled out through a trunk)"

// routeSource lists the report's outbound routes (casework.Asterisk's,
// those of `cdrtui asterisk`), in its order: each row's Ref is its index.
func routeSource(r *casework.AsteriskReport) *table.SliceSource {
	src := &table.SliceSource{SortCol: -1, Cols: []table.Column{
		{Title: "Pattern", Sortable: true}, {Title: "Strips", Right: true, Sortable: true},
		{Title: "Trunk", MaxWidth: 60, Sortable: true}, {Title: "Context", Sortable: true},
		{Title: "Written at", MaxWidth: 60, TruncLeft: true, Sortable: true}, {Title: "Step", MaxWidth: 80},
	}}
	if r == nil {
		return src
	}
	for i, o := range r.OutboundRoutes {
		src.Rows = append(src.Rows, table.Row{Cells: []string{o.Pattern, strconv.Itoa(o.Strip), o.Trunk, o.Context, o.Where, o.Step}, Ref: i})
	}
	return src
}

// splitWhere parts a route's "path:line" into its file and line (0 when
// it names no line).
func splitWhere(where string) (string, int64) {
	i := strings.LastIndexByte(where, ':')
	if i < 0 {
		return where, 0
	}
	n, err := strconv.ParseInt(where[i+1:], 10, 64)
	if err != nil {
		return where, 0
	}
	return where[:i], n
}

// routesKey opens the selected route's step in its file at its line, as
// a CEL event or a log entry opens.
func (p *Pane) routesKey(msg tea.KeyMsg) tea.Cmd {
	if key.Matches(msg, p.keys.Open) {
		if row, ok := p.routes.Selected(); ok {
			if i, ok := row.Ref.(int); ok && p.report != nil && i < len(p.report.OutboundRoutes) {
				path, line := splitWhere(p.report.OutboundRoutes[i].Where)
				return p.openRaw(path, line, viewRoutes)
			}
		}
		return nil
	}
	return p.routes.Update(msg)
}

// routesInfo is the line over the routes: how many, and that the time
// scope and the calls filter leave them as they are (they are the
// configuration's, not the calls').
func (p *Pane) routesInfo() string {
	st := p.env.Styles
	if p.report == nil {
		return st.Muted.Render("loading…")
	}
	n := int64(len(p.report.OutboundRoutes))
	return st.Subtitle.Render("Outbound routes: "+analysis.Plural(n, "pattern", "patterns")+" sending the number out a trunk") +
		st.Muted.Render(" · the dial plan's, whatever the filter · enter: its line")
}

// routesDetailLines is the height of the selected route's details under
// the list: where it is written, whole but for a long path's start, its
// step as written, its trunk (and as written when a variable names it),
// and where that variable is set.
const routesDetailLines = 4

// routesView is the routes under their line, and the selected one's
// file:line and step below them: at 80 columns the list's "Written at"
// column keeps only the file name's end.
func (p *Pane) routesView() string {
	st := p.env.Styles
	lines := []string{uikit.FitLine(p.routesInfo(), p.width), p.routes.View()}
	row, ok := p.routes.Selected()
	i, isIdx := row.Ref.(int)
	if !ok || !isIdx || p.report == nil || i >= len(p.report.OutboundRoutes) {
		return strings.Join(lines, "\n")
	}
	o := p.report.OutboundRoutes[i]
	lines = append(lines,
		st.Subtitle.Render("at ")+fitLeft(inert.String(o.Where), p.width-3),
		uikit.FitLine(st.Subtitle.Render("step ")+inert.String(o.Step)+st.Muted.Render(" · context ")+inert.String(o.Context)+st.Muted.Render(" · enter: read it in its file"), p.width),
		uikit.FitLine(routeTrunkLine(o.Trunk, o.Written, st.Subtitle.Render, st.Muted.Render), p.width),
		uikit.FitLine(routeVarsLine(o.Vars, o.Where, st.Subtitle.Render), p.width))
	return strings.Join(lines, "\n")
}

// routeTrunkLine is the selected route's trunk: resolved, then as
// written where a variable names it ("trunk SIP/carrier · written
// SIP/${TRUNK}/${EXTEN:1}").
func routeTrunkLine(trunk, written string, head, muted func(...string) string) string {
	s := head("trunk ") + inert.String(trunk)
	if written != "" {
		s += muted(" · written ") + inert.String(written)
	}
	return s
}

// routeVarsLine is where the trunk's variables are set ("set TRUNK =
// carrier (globals_custom.conf:2)"), a file in the directory of the
// route's own (its "at" line above) named by its base name so that the
// line fits 80 columns; empty when no variable names the trunk.
func routeVarsLine(vars, where string, head func(...string) string) string {
	if vars == "" {
		return ""
	}
	if dir := filepath.Dir(where); dir != "." && dir != "/" {
		vars = strings.ReplaceAll(vars, "("+dir+"/", "(")
	}
	return head("set ") + inert.String(vars)
}

// fitLeft cuts s on its left to width columns, an ellipsis marking the
// cut: a path keeps its file name and line.
func fitLeft(s string, width int) string {
	if width < 2 || ansi.StringWidth(s) <= width {
		return uikit.FitLine(s, max(width, 0))
	}
	r := []rune(s)
	for len(r) > 0 && ansi.StringWidth(string(r))+1 > width {
		r = r[1:]
	}
	return "…" + string(r)
}
