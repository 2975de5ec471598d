package asterisk

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// The CEL view lists the PBX's Channel Event Logging calls (events that
// share a linkedid) as `cdrtui asterisk --cel` does; enter opens one
// call's events in order with the file and line each came from and the
// call records tied to it (`--cel --linkedid`); enter on an event opens
// its file at that line.

// celListed bounds the calls the view holds (the first by time); the CLI
// lists them all.
const celListed = 10000

// celMsg carries a CEL report: the list, or one call's events.
type celMsg struct {
	tag  uint64
	rep  *casework.CELReport
	err  error
	call string // the linkedid whose events were asked, "" for the list
}

func (p *Pane) loadCEL(linkedID string) tea.Cmd {
	st := p.env.Store
	p.celTag.Key = "asterisk-cel"
	return tea.Batch(uikit.Busy("asterisk-cel", true), p.celTag.Run(p.env.Context, func(ctx context.Context, tag uint64) tea.Msg {
		rep, err := casework.AsteriskCEL(ctx, st, casework.CELOptions{LinkedID: linkedID, Limit: celListed})
		return celMsg{tag: tag, rep: rep, err: err, call: linkedID}
	}))
}

func (p *Pane) celLoaded(msg celMsg) tea.Cmd {
	done := uikit.Busy("asterisk-cel", false)
	if !p.celTag.Current(msg.tag) {
		return done
	}
	if msg.err != nil {
		return tea.Batch(done, uikit.Fail(msg.err))
	}
	if msg.call == "" {
		p.celRep = msg.rep
		// the title says why the list is empty (celInfo: casework.NoCEL)
		p.cel = table.New(celCallSource(msg.rep), p.env.Styles, table.EnvOptions(p.env, "asterisk-cel", "no calls"))
		p.resize()
		return tea.Batch(done, p.cel.Init())
	}
	p.celCall = msg.rep.Call
	p.celEvents = table.New(celEventSource(msg.rep.Call), p.env.Styles, table.EnvOptions(p.env, "asterisk-cel-call", "no events"))
	p.view = viewCELCall
	p.resize()
	return tea.Batch(done, p.celEvents.Init())
}

// celCallSource lists CEL calls.
func celCallSource(r *casework.CELReport) *table.SliceSource {
	src := &table.SliceSource{SortCol: -1, Cols: []table.Column{
		{Title: "First event", MinWidth: 26, Sortable: true}, {Title: "Linkedid", Sortable: true},
		{Title: "Secs", Right: true, Sortable: true}, {Title: "Evts", Right: true, Sortable: true},
		{Title: "CDRs", Right: true, Sortable: true}, {Title: "Ans", Sortable: true}, {Title: "Caller", Sortable: true},
		{Title: "Exten@context", MaxWidth: 30, Sortable: true}, {Title: "Chans", Right: true, Sortable: true}, {Title: "Zone", Sortable: true},
	}}
	if r == nil {
		return src
	}
	for _, c := range r.Listed {
		ans := "no"
		if c.Answered {
			ans = "yes"
		}
		zone := c.Zone
		if zone == "" {
			zone = "UTC"
		}
		src.Rows = append(src.Rows, table.Row{Cells: []string{c.FirstWall, c.LinkedID, fmt.Sprintf("%.3f", c.Seconds), fmt.Sprint(c.Events),
			fmt.Sprint(c.CDRs), ans, c.Caller, c.Exten + "@" + c.Context, fmt.Sprint(c.Channels), zone}, Ref: c.LinkedID})
	}
	return src
}

// celEventSource lists one call's events.
func celEventSource(v *casework.CELCallView) *table.SliceSource {
	src := &table.SliceSource{SortCol: -1, Cols: []table.Column{
		{Title: "Wall clock", MinWidth: 15}, {Title: "Event"}, {Title: "Channel", MaxWidth: 28}, {Title: "Uniqueid"},
		{Title: "Caller", MaxWidth: 24}, {Title: "Exten@context", MaxWidth: 24}, {Title: "App(data)", MaxWidth: 30},
		{Title: "Peer", MaxWidth: 28}, {Title: "Extra", MaxWidth: 30}, {Title: "Read from", MaxWidth: 48, TruncLeft: true},
	}}
	if v == nil {
		return src
	}
	for i, e := range v.Events {
		app := ""
		if e.App != "" {
			app = e.App + "(" + e.AppData + ")"
		}
		caller := e.CIDNum
		if e.CIDName != "" {
			caller = `"` + e.CIDName + `" ` + e.CIDNum
		}
		wall := e.Wall
		if len(wall) > 11 {
			wall = wall[11:] // the time of day: the date is in the title
		}
		src.Rows = append(src.Rows, table.Row{Cells: []string{wall, e.Event, e.Channel, e.UniqueID, caller, e.Exten + "@" + e.Context,
			app, e.Peer, e.Extra, fmt.Sprintf("%s:%d", e.Source, e.Line) + copiesNote(len(e.AlsoIn))}, Ref: i})
	}
	return src
}

func (p *Pane) celKey(msg tea.KeyMsg) tea.Cmd {
	if p.cel == nil {
		return nil
	}
	if key.Matches(msg, p.keys.Open) {
		if row, ok := p.cel.Selected(); ok {
			if id, ok := row.Ref.(string); ok {
				return p.loadCEL(id)
			}
		}
		return nil
	}
	return p.cel.Update(msg)
}

func (p *Pane) celCallKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, p.keys.Back) && p.celEvents.Filter() == "":
		p.view = viewCEL
		p.resize()
		return nil
	case key.Matches(msg, p.keys.Open):
		if row, ok := p.celEvents.Selected(); ok {
			if i, ok := row.Ref.(int); ok && p.celCall != nil && i < len(p.celCall.Events) {
				e := p.celCall.Events[i]
				return p.openRaw(e.Source, e.Line, viewCELCall)
			}
		}
		return nil
	}
	return p.celEvents.Update(msg)
}

// celInfoLines is the CEL list's title, wrapped to the pane's width: the
// copies counted once and how many calls are listed come last, and must
// not be cut off at 80 columns.
func (p *Pane) celInfoLines() []string {
	var lines []string
	for _, l := range uikit.WrapStyled(p.celInfo(), max(1, p.width), max(1, p.width)) {
		lines = append(lines, uikit.FitLine(l, p.width))
	}
	return lines
}

// celInfo is the CEL list's title line.
func (p *Pane) celInfo() string {
	st := p.env.Styles
	r := p.celRep
	if r == nil {
		return st.Muted.Render("loading…")
	}
	more := ""
	if int64(len(r.Listed)) < r.Calls {
		more = fmt.Sprintf("; the first %s listed (cdrtui asterisk --cel --top N lists more)", table.Thousands(int64(len(r.Listed))))
	}
	if r.Events == 0 {
		return st.Muted.Render(casework.NoCEL)
	}
	return st.Subtitle.Render("Channel Event Logging") + st.Text.Render(": "+casework.CELSentence(r.CELSummary)+more)
}

// celCallInfo is one call's title: its linkedid and date, and its call
// records (or that none is tied).
func (p *Pane) celCallInfo() []string {
	st := p.env.Styles
	v := p.celCall
	if v == nil {
		return []string{st.Muted.Render("loading…")}
	}
	day, zone := "", "UTC"
	if len(v.Events) > 0 {
		day = v.Events[0].Wall[:10]
		if v.Events[0].Zone != "" {
			zone = v.Events[0].Zone
		}
	}
	lines := []string{st.Subtitle.Render("call "+inert.String(v.LinkedID)) +
		st.Text.Render(fmt.Sprintf(": %d events, %s, %s", len(v.Events), day, inert.String(zone)))}
	if len(v.CDRs) == 0 {
		return append(lines, st.Muted.Render("no call record carries its linkedid or a uniqueid of its channels"))
	}
	for i, c := range v.CDRs {
		if i == 2 {
			lines = append(lines, st.Muted.Render(fmt.Sprintf("… %d more call records (cdrtui asterisk --cel --linkedid)", len(v.CDRs)-i)))
			break
		}
		lines = append(lines, st.Text.Render(fmt.Sprintf("CDR %s → %s %s %s, tied by %s · %s:%d", inert.String(c.Src), inert.String(c.Dst),
			inert.String(c.Disposition), talkSeconds(c.BillSec), c.By, inert.String(shortPath(c.Source)), c.Line)))
	}
	return lines
}

// shortPath keeps a path's last two parts ("cdr-csv/Master.csv").
func shortPath(p string) string {
	parts := strings.Split(filepath.ToSlash(p), "/")
	if len(parts) <= 2 {
		return p
	}
	return "…/" + strings.Join(parts[len(parts)-2:], "/")
}

// copiesNote says how many further occurrences an event has (the same
// event in another source, or a repeated row; the CLI's --linkedid names
// them): " +1 copy", "" when none.
func copiesNote(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return " +1 copy"
	}
	return fmt.Sprintf(" +%d copies", n)
}

// talkSeconds is a call record's talk time ("60s"), or says it is
// unknown.
func talkSeconds(billsec *int64) string {
	if billsec == nil {
		return "talk time unknown"
	}
	return fmt.Sprintf("%ds", *billsec)
}
