package store

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/cdrtui/cdrtui/internal/evidence"
)

// clashes takes out of the positions collected those of every cell the
// file gives two or more different positions (a "Latitude" of 28.5921 on
// one row and 28.6921 on another for one First Cell ID): one of them is
// wrong and the file does not say which, so the cell is placed by none
// of them. Each position is a field-level reject on the first line that
// gives it, naming the others with their lines, and the source's notes
// say which cells.
func (r *recordSites) clashes(ctx context.Context, j *importJob) error {
	if len(r.clashed) == 0 {
		return nil
	}
	byCell := map[string][]evidence.CellSite{}
	kept := r.sites[:0]
	for _, s := range r.sites {
		if r.clashed[s.Key] {
			byCell[s.Key] = append(byCell[s.Key], s)
			continue
		}
		kept = append(kept, s)
	}
	var rejects []reject
	var cells []string
	order := make([]string, 0, len(byCell))
	for k := range byCell {
		order = append(order, k)
	}
	sort.Slice(order, func(a, b int) bool { return byCell[order[a]][0].Line < byCell[order[b]][0].Line })
	for _, k := range order {
		ss := byCell[k]
		cells = append(cells, fmt.Sprintf("%s (lines %s)", k, siteLines(ss)))
		for i, s := range ss {
			var others []string
			for o, t := range ss {
				if o != i {
					others = append(others, fmt.Sprintf("%.6f, %.6f on line %d", t.Lat, t.Lon, t.Line))
				}
			}
			rejects = append(rejects, reject{line: s.Line, severity: "field",
				reason: fmt.Sprintf("cell_position \"%.6f, %.6f\" dropped: cell %s is at %s in this file: two positions for one cell, neither kept",
					s.Lat, s.Lon, k, strings.Join(others, " and "))})
			j.dropped.Add(1)
		}
	}
	r.sites = kept
	j.det.notes = strings.TrimSpace(j.det.notes + " " + fmt.Sprintf("cells given two positions by the records, placed by neither: %s.", strings.Join(cells, "; ")))
	return j.writeRejects(ctx, rejects)
}

func siteLines(ss []evidence.CellSite) string {
	lines := make([]string, len(ss))
	for i, s := range ss {
		lines[i] = fmt.Sprint(s.Line)
	}
	return strings.Join(lines, ", ")
}
