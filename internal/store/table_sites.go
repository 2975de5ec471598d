package store

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/cdrtui/cdrtui/internal/evidence"
	"github.com/cdrtui/cdrtui/internal/ident"
)

// maxRecordSites bounds the positions one file's records may give (each a
// different cell or position): a file giving more keeps the first ones
// and says so in its notes.
const maxRecordSites = 1 << 20

// recordSites collects the cells' positions an operator's records give
// (Airtel's "First CGI Lat/Long", a "Cell Site Lat"/"Cell Site Long" pair):
// each cell at each position once, with the first line giving it. They go
// into cell_sites with the file as their source once its rows are in, so
// that the case's cells find a position from the evidence itself. A cell
// the file gives two positions is placed by neither: which is right is
// not known, and neither is averaged (see clashes).
type recordSites struct {
	seen    map[string]bool
	sites   []evidence.CellSite
	more    int64
	posOf   map[string]string // cell key -> its first position, "lat lon"
	clashed map[string]bool   // cell keys given two positions
}

func (r *recordSites) note(cell string, line int64, pos evidence.CellPosition) {
	if !pos.Set || cell == "" {
		return
	}
	c, ok := ident.ParseCell(cell)
	if !ok {
		return
	}
	p := fmt.Sprintf("%.6f %.6f", pos.Lat, pos.Lon)
	k := c.Key() + " " + p
	if r.seen[k] {
		return
	}
	if r.seen == nil {
		r.seen, r.posOf, r.clashed = map[string]bool{}, map[string]string{}, map[string]bool{}
	}
	if first, ok := r.posOf[c.Key()]; !ok {
		r.posOf[c.Key()] = p
	} else if first != p {
		r.clashed[c.Key()] = true
	}
	if len(r.sites) >= maxRecordSites {
		r.more++
		return
	}
	r.seen[k] = true
	az := math.NaN()
	if pos.HasAzimuth {
		az = pos.Azimuth
	}
	r.sites = append(r.sites, evidence.CellSite{Line: line, Cell: strings.Clone(cell), Key: c.Key(), AltKey: evidence.AltCellKey(c, ""),
		Lat: pos.Lat, Lon: pos.Lon, Azimuth: az, Beam: math.NaN(), Range: math.NaN(), Samples: -1, Address: strings.Clone(pos.Name)})
}

// write stores the positions collected, citing the file and line; a
// cell's clashing positions are rejects instead (clashes).
func (r *recordSites) write(ctx context.Context, j *importJob) error {
	if err := r.clashes(ctx, j); err != nil {
		return err
	}
	for start := 0; start < len(r.sites); start += siteBatch {
		batch := r.sites[start:min(start+siteBatch, len(r.sites))]
		i := 0
		j.feed.set(func() (feedRow, bool) {
			if i >= len(batch) {
				return nil, false
			}
			i++
			return siteRow{source: j.sourceID, s: &batch[i-1]}, true
		})
		_, err := j.conn.ExecContext(ctx, fmt.Sprintf(insertSites, feedSelect(j.feedName, 13)))
		j.feed.set(nil)
		if err != nil {
			return fmt.Errorf("%w: %v", errCaseFailed, err)
		}
	}
	if len(r.sites) > 0 {
		note := fmt.Sprintf("positions of %d cells given by the records are in cell_sites.", len(r.sites))
		if r.more > 0 {
			note = fmt.Sprintf("positions of the first %d cells given by the records are in cell_sites; %d more were not kept.", len(r.sites), r.more)
		}
		j.det.notes = strings.TrimSpace(j.det.notes + " " + note)
	}
	return nil
}
