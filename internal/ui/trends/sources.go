package trends

import (
	"fmt"
	"strings"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/ui/bars"
	"github.com/cdrtui/cdrtui/internal/ui/table"
)

// dateBarWidth is the width of the bars in the dates table.
const dateBarWidth = 24

// appSource lists the dictionary's applications with the ports whose
// first application they are, the current one marked ▶.
func appSource(d *analysis.Dictionary, current string) *table.SliceSource {
	src := &table.SliceSource{
		Cols: []table.Column{
			{Title: "Application", MinWidth: 12, Sortable: true},
			{Title: "Ports", MaxWidth: 50},
			{Title: "Vendor", MaxWidth: 20},
		},
		SortCol: 0,
	}
	apps := append(d.Apps(), analysis.NoPortApp)
	for _, a := range apps {
		sel := casework.AppPorts(d, a)
		ports := portRanges(sel.Ports)
		if sel.NoPort {
			ports = "records without a port"
		}
		if ports == "" {
			ports = "(none of its own: an alternative reading of other ports)"
		}
		name := a
		if a == current {
			name = "▶ " + a
		}
		src.Rows = append(src.Rows, table.Row{Cells: []string{name, ports, d.VendorOf(a)}, Ref: a})
	}
	return src
}

func portRanges(rs [][2]int) string {
	parts := make([]string, 0, len(rs))
	for _, r := range rs {
		if r[0] == r[1] {
			parts = append(parts, fmt.Sprint(r[0]))
		} else {
			parts = append(parts, fmt.Sprintf("%d-%d", r[0], r[1]))
		}
	}
	return strings.Join(parts, " ")
}

// dateSource lists every date of the span (zeros included) with each
// trend's count and a bar, all bars on one scale.
func dateSource(r *result) *table.SliceSource {
	src := &table.SliceSource{
		Cols: []table.Column{{Title: "Date", Sortable: true}, {Title: "Day"}},
	}
	for i := range r.trends {
		label := "Records"
		if len(r.trends) > 1 {
			label = strings.SplitN(r.labels[i], " ", 2)[0]
		}
		src.Cols = append(src.Cols, table.Column{Title: label, Right: true, Sortable: true}, table.Column{Title: "", MinWidth: dateBarWidth})
	}
	ts := make([]analysis.Trend, len(r.trends))
	for i, t := range r.trends {
		ts[i] = t.Trend
	}
	first, last, ok := analysis.Span(ts...)
	if !ok {
		return src
	}
	top := analysis.PeakOf(ts...).Day
	for _, d := range ts[0].Dates(first, last) {
		cells := []string{d.Date, d.Weekday}
		for _, t := range r.trends {
			n := t.ByDate[d.Date]
			cells = append(cells, table.Thousands(n), bars.Text(n, top, dateBarWidth))
		}
		src.Rows = append(src.Rows, table.Row{Cells: cells, Ref: d.Date})
	}
	return src
}
