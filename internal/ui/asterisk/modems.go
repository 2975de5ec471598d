package asterisk

import (
	"fmt"
	"github.com/cdrtui/cdrtui/internal/analysis"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// modemSource lists dongle.conf's modems joined to their calls and to the
// subscribers whose records carried their IMEIs.
func modemSource(r *casework.AsteriskReport) *table.SliceSource {
	cols := []table.Column{
		{Title: "Modem", Sortable: true}, {Title: "IMEI", MinWidth: 15, Sortable: true}, {Title: "IMSI", Sortable: true},
		{Title: "Number", Sortable: true}, {Title: "Calls", Right: true, Sortable: true}, {Title: "Minutes", Right: true, Sortable: true},
		{Title: "First call", MinWidth: 19, Sortable: true}, {Title: "Last call", MinWidth: 19, Sortable: true},
		{Title: "IMEI seen in", MinWidth: 12, MaxWidth: 40}, {Title: "Declared in", MaxWidth: 48, TruncLeft: true}, {Title: "Notes", MaxWidth: 80},
	}
	src := &table.SliceSource{Cols: cols, SortCol: -1}
	if r == nil {
		return src
	}
	for i, d := range r.Dongles {
		seen := "no IPDR/voice record"
		if ms := hitMSISDNs(d); len(ms) > 0 {
			seen = fmt.Sprintf("%d: %s", len(ms), strings.Join(ms, ", "))
		}
		if d.IMEI == "" {
			seen = "no IMEI declared"
		}
		src.Rows = append(src.Rows, table.Row{Cells: []string{d.Name, d.IMEI, d.IMSI, d.Exten, fmt.Sprint(d.Calls),
			fmt.Sprintf("%.1f", d.Minutes), d.First, d.Last, seen, d.Source, d.Notes}, Ref: i})
	}
	return src
}

// hitMSISDNs is the subscribers whose records carried a modem's IMEI,
// each once (a subscriber has a hit for each kind of record and each form
// of the IMEI its records wrote), most records first.
func hitMSISDNs(d casework.DongleReport) []string {
	var ms []string
	seen := map[string]bool{}
	for _, h := range d.SeenIn {
		if !seen[h.MSISDN] {
			seen[h.MSISDN] = true
			ms = append(ms, h.MSISDN)
		}
	}
	return ms
}

// hitSource lists the subscribers whose records carried a modem's IMEI.
func hitSource(d casework.DongleReport) *table.SliceSource {
	src := &table.SliceSource{SortCol: -1, Cols: []table.Column{
		{Title: "MSISDN", Sortable: true}, {Title: "Kind", Sortable: true}, {Title: "Records", Right: true, Sortable: true},
		{Title: "IMSI with this IMEI", Sortable: true}, {Title: "First", MinWidth: 19, Sortable: true}, {Title: "Last", MinWidth: 19, Sortable: true},
		{Title: "IMEI as written", Sortable: true},
	}}
	for _, h := range d.SeenIn {
		src.Rows = append(src.Rows, table.Row{Cells: []string{h.MSISDN, h.Kind, fmt.Sprint(h.Records), h.IMSI, unixWall(h.First), unixWall(h.Last), h.IMEI}, Ref: h.MSISDN})
	}
	return src
}

// unixWall writes Unix seconds as the wall clock (the device summaries
// keep no offset: the operators' files carried none).
func unixWall(u int64) string { return time.Unix(u, 0).UTC().Format("2006-01-02 15:04:05") }

func (p *Pane) modemsKey(msg tea.KeyMsg) tea.Cmd {
	row, ok := p.modems.Selected()
	i, isIdx := row.Ref.(int)
	if !ok || !isIdx || p.report == nil || i >= len(p.report.Dongles) {
		return p.modems.Update(msg)
	}
	d := p.report.Dongles[i]
	switch {
	case key.Matches(msg, p.keys.Open):
		p.hitsOf = d
		empty := "this IMEI is in no IPDR or voice record of the case"
		if p.env.Scope.Set() {
			empty = "this IMEI is in no IPDR or voice record of the case in the time scope"
		}
		p.hits = table.New(hitSource(d), p.env.Styles, table.EnvOptions(p.env, "asterisk-imei-"+d.Name, empty))
		p.view = viewHits
		p.resize()
		return p.hits.Init()
	case key.Matches(msg, p.keys.ModemCalls):
		p.formText = [formFields]string{fieldDongle: d.Name}
		p.view = viewCalls
		return p.applyFilter(store.PBXFilter{Dongle: d.Name})
	}
	return p.modems.Update(msg)
}

func (p *Pane) hitsKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, p.keys.Back) && p.hits.Filter() == "":
		p.view = viewModems
		return nil
	case key.Matches(msg, p.keys.Focus):
		if row, ok := p.hits.Selected(); ok {
			if msisdn, ok := row.Ref.(string); ok {
				return tea.Batch(uikit.RequestFocus(uikit.RoleA, msisdn, "persona"),
					uikit.Status("A = "+msisdn+", whose records carried modem "+p.hitsOf.Name+"'s IMEI "+p.hitsOf.IMEI))
			}
		}
		return nil
	}
	return p.hits.Update(msg)
}

// modemsInfoHeight is the line over the modems saying the time scope.
func (p *Pane) modemsInfoHeight() int {
	if p.env.Scope.Set() {
		return 1
	}
	return 0
}

// modemsView is the modems, under a line saying what a time scope
// changes: their calls, and the IPDR and voice records that carried their
// IMEIs, are those in it (the report's).
func (p *Pane) modemsView() string {
	if p.modemsInfoHeight() == 0 {
		return p.modems.View()
	}
	st := p.env.Styles
	info := st.Subtitle.Render("Calls and IMEI records in scope " + p.env.Scope.String())
	return uikit.FitLine(info, p.width) + "\n" + p.modems.View()
}

func (p *Pane) hitsView() string {
	st := p.env.Styles
	d := p.hitsOf
	in := ""
	if p.env.Scope.Set() {
		in = " in the time scope"
	}
	title := st.Subtitle.Render("IMEI "+inert.String(d.IMEI)) + st.Text.Render(fmt.Sprintf(" of %s (number %s): IPDR or voice records of %s%s carry it",
		inert.String(d.Name), inert.String(d.Exten), analysis.Plural(int64(len(hitMSISDNs(d))), "subscriber", "subscribers"), in))
	// the title wraps (a long IMEI, modem and number would cut it at 80
	// columns) and the list takes what is left
	lines := uikit.WrapStyled(title, max(10, p.width), max(10, p.width))
	for i, l := range lines {
		lines[i] = uikit.FitLine(l, p.width)
	}
	p.hits.SetSize(p.width, p.bodyHeight()-len(lines))
	return strings.Join(lines, "\n") + "\n" + p.hits.View()
}
