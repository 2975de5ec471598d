package persona

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/ui/table"
)

// Row refs: what a row stands for, to drill down to its records.
type (
	appRef         string
	unknownPortRef int
	unknownSummary struct{}
	deviceRef      struct {
		imei  bool
		value string
	}
	cellRef struct {
		id   int64
		name string
	}
	destRef struct {
		ip   string
		port int
	}
)

func count(n int64) string { return table.Thousands(n) }

func percent(x float64) string { return strconv.FormatFloat(x, 'f', 2, 64) + "%" }

// confidenceText shows the confidence with a glyph, so that it reads
// without colour: ●●● high, ●●○ medium, ●○○ low.
func confidenceText(c string, mixed bool) string {
	g := map[string]string{"high": "●●● high", "medium": "●●○ medium", "low": "●○○ low", "none": "○○○ none"}[c]
	if g == "" {
		g = c
	}
	if mixed {
		g += " (mixed)"
	}
	return g
}

// confidenceWord is the confidence as an export writes it: high, medium,
// low or none, "(mixed)" when the app's ports differ.
func confidenceWord(c string, mixed bool) string {
	if mixed {
		return c + " (mixed)"
	}
	return c
}

func portsText(ports []analysis.PortDetail) string {
	parts := make([]string, 0, len(ports))
	for _, p := range ports {
		if p.Port < 0 {
			parts = append(parts, "none")
			continue
		}
		parts = append(parts, strconv.Itoa(p.Port))
	}
	return strings.Join(parts, " ")
}

// appSource is Table III: application, frequency, usage, with confidence,
// ports and the other readings of those ports; unknown ports close the
// table as one row that leads to their own list.
func appSource(r *casework.Persona) *table.SliceSource {
	src := &table.SliceSource{
		Cols: []table.Column{
			{Title: "Application", MinWidth: 11, MaxWidth: 22, Sortable: true},
			{Title: "Frequency", Right: true, Sortable: true},
			{Title: "Usage %", Right: true, Sortable: true},
			{Title: "Confidence", Sortable: true},
			{Title: "Ports", MaxWidth: 24},
			{Title: "May also be", MaxWidth: 40},
		},
		SortCol: 1, SortDesc: true,
	}
	for _, a := range r.Apps {
		src.Rows = append(src.Rows, table.Row{
			Cells: []string{a.App, count(a.Count), percent(a.Percent), confidenceText(a.Confidence, a.Mixed), portsText(a.Ports),
				strings.Join(a.Alternatives(), ", ")},
			Values: []any{nil, nil, nil, confidenceWord(a.Confidence, a.Mixed)}, // an export's confidence is its word, not its glyphs
			Ref:    appRef(a.App),
		})
	}
	if len(r.UnknownPorts) > 0 {
		src.Rows = append(src.Rows, table.Row{
			Cells: []string{fmt.Sprintf("? %d unknown ports", len(r.UnknownPorts)), count(r.UnknownTotal),
				percent(analysis.Percent(r.UnknownTotal, r.Total)), "○○○ none", "", "enter: list them"},
			// exported as data: the screen's hint to press enter is no reading of the ports
			Values: []any{nil, nil, nil, "none", nil, ""},
			Ref:    unknownSummary{},
		})
	}
	return src
}

func unknownSource(r *casework.Persona) *table.SliceSource {
	src := &table.SliceSource{
		Cols: []table.Column{
			{Title: "Port", Right: true, Sortable: true},
			{Title: "Records", Right: true, Sortable: true},
			{Title: "Usage %", Right: true, Sortable: true},
			{Title: "Bytes", Right: true, Sortable: true},
			{Title: "Busiest hours", MaxWidth: 30},
		},
		SortCol: 1, SortDesc: true,
	}
	for _, u := range r.UnknownPorts {
		src.Rows = append(src.Rows, table.Row{
			Cells: []string{strconv.Itoa(u.Port), count(u.Count), percent(u.Percent), count(u.Bytes), busiestHours(u.Hours)},
			Ref:   unknownPortRef(u.Port),
		})
	}
	return src
}

// busiestHours names the (up to) three hours of the day with most records.
func busiestHours(h [24]int64) string {
	var parts []string
	used := [24]bool{}
	for range 3 {
		best := -1
		for i, n := range h {
			if n > 0 && !used[i] && (best < 0 || n > h[best]) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		used[best] = true
		parts = append(parts, fmt.Sprintf("%02dh (%d)", best, h[best]))
	}
	return strings.Join(parts, " ")
}

// deviceSource lists handsets (IMEI) then SIMs (IMSI) in order of first
// use; one that came after another is flagged ⚑ (new: after the previous
// one's last use; both: while it was still used).
func deviceSource(r *casework.Persona) *table.SliceSource {
	src := &table.SliceSource{
		Cols: []table.Column{
			{Title: "Kind"},
			{Title: "Identity", MinWidth: 15},
			{Title: "Flag"},
			{Title: "Records", Right: true, Sortable: true},
			{Title: "First seen", Sortable: true},
			{Title: "Last seen", Sortable: true},
			{Title: "Follows", MinWidth: 15},
			{Title: "Seen with", MaxWidth: 40},
			{Title: "Written as", MaxWidth: 40},
		},
		SortCol: -1,
	}
	add := func(kind string, imei bool, ids []analysis.IdentityUse) {
		for _, id := range ids {
			flag := map[string]string{"replaced": "⚑ new", "alongside": "⚑ both"}[id.Change]
			src.Rows = append(src.Rows, table.Row{
				Cells: []string{kind, id.Value, flag, count(id.Records), id.FirstWall, id.LastWall, id.Previous, strings.Join(id.With, " "), otherForms(id)},
				Ref:   deviceRef{imei: imei, value: id.Value},
			})
		}
	}
	add("IMEI", true, r.IMEIs)
	add("IMSI", false, r.IMSIs)
	return src
}

// otherForms lists the forms a handset was written in besides the one
// shown (its IMEI without check digit, its IMEISV), "" when none.
func otherForms(id analysis.IdentityUse) string {
	var out []string
	for _, f := range id.Forms {
		if f != id.Value {
			out = append(out, f)
		}
	}
	return strings.Join(out, " ")
}

func cellSource(r *casework.Persona) *table.SliceSource {
	src := &table.SliceSource{
		Cols: []table.Column{
			{Title: "Cell", MinWidth: 8, MaxWidth: 30, Sortable: true},
			{Title: "Data", Right: true, Sortable: true},
			{Title: "Voice", Right: true, Sortable: true},
			{Title: "First seen", Sortable: true},
			{Title: "Last seen", Sortable: true},
			{Title: "Key (MCC-MNC-LAC-CI)", MaxWidth: 24},
			{Title: "Written as", MaxWidth: 40},
		},
		SortCol: 1, SortDesc: true,
	}
	for _, c := range r.Cells {
		var others []string
		for _, f := range c.Forms {
			if f != c.Cell {
				others = append(others, f)
			}
		}
		src.Rows = append(src.Rows, table.Row{
			Cells: []string{c.Cell, count(c.DataRecords), count(c.VoiceRecords), c.First, c.Last, c.Key, strings.Join(others, " ")},
			Ref:   cellRef{id: c.ID, name: c.Cell},
		})
	}
	return src
}

func destText(ip string, port int) string {
	if ip == "" {
		ip = "(no IP)"
	}
	if port < 0 {
		return ip + ":(no port)"
	}
	if strings.Contains(ip, ":") {
		return "[" + ip + "]:" + strconv.Itoa(port)
	}
	return ip + ":" + strconv.Itoa(port)
}

// destinationSource lists the top destinations with their reverse DNS
// (names, or why there are none).
func destinationSource(r *casework.Persona) *table.SliceSource {
	src := &table.SliceSource{
		Cols: []table.Column{
			{Title: "Destination", MinWidth: 12, Sortable: true},
			{Title: "Application", MaxWidth: 18, Sortable: true},
			{Title: "Records", Right: true, Sortable: true},
			{Title: "Bytes", Right: true, Sortable: true},
			{Title: "Reverse DNS", MaxWidth: 48},
			{Title: "First seen", Sortable: true},
			{Title: "Last seen", Sortable: true},
		},
		SortCol: 2, SortDesc: true,
	}
	for _, d := range r.Destinations {
		src.Rows = append(src.Rows, table.Row{
			Cells: []string{destText(d.IP, d.Port), d.App, count(d.Records), count(d.Bytes), rdnsText(d), d.First, d.Last},
			Ref:   destRef{ip: d.IP, port: d.Port},
		})
	}
	return src
}

func rdnsText(d casework.PersonaDestination) string {
	switch d.RDNSStatus {
	case "ok":
		return strings.Join(d.Names, " ")
	case "none":
		return "(no name)"
	case "timeout":
		return "(timed out: r to retry)"
	case "error":
		return "(lookup failed: r to retry)"
	}
	if d.IP == "" {
		return ""
	}
	return "(not looked up: r)"
}
