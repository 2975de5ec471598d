package location

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/analysis/location"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// The hours the Places view steps through (n, w): the first of each is
// the default of the pane and of cdrtui location.
var (
	nightChoices = []location.Hours{{From: 22, To: 6}, {From: 21, To: 7}, {From: 23, To: 5}, {From: 0, To: 6}, {From: 20, To: 8}}
	dayChoices   = []location.Hours{{From: 9, To: 17}, {From: 8, To: 18}, {From: 10, To: 16}, {From: 9, To: 13}, {From: 14, To: 18}}
)

// cycleHours moves to the next window of the night (or of work) and
// computes the places again.
func (p *Pane) cycleHours(night bool) tea.Cmd {
	next := func(choices []location.Hours, cur location.Hours) location.Hours {
		for i, h := range choices {
			if h == cur {
				return choices[(i+1)%len(choices)]
			}
		}
		return choices[0] // typed hours: back to the first preset
	}
	if night {
		p.nightH = next(nightChoices, p.nightH)
	} else {
		p.dayH = next(dayChoices, p.dayH)
	}
	if p.focusA == "" && p.focusB == "" {
		return nil
	}
	return p.load()
}

// params are the analysis parameters the pane computes with.
func (p *Pane) params() casework.LocationParams {
	lp := casework.DefaultLocationParams()
	lp.Scope = p.env.Scope
	lp.Params.Night = p.nightH
	lp.Params.Day = p.dayH
	return lp
}

// audit records a subscriber's location shown in the case's audit trail:
// the report `cdrtui location CASE MSISDN --night N --day D --json` prints
// (its hash), with the hours it was computed for.
func (p *Pane) audit(r *casework.LocationReport) tea.Cmd {
	if r == nil {
		return nil
	}
	lp := p.params()
	hours := func(h location.Hours) string { return fmt.Sprintf("%02d-%02d", h.From, h.To) }
	return uikit.Audit("pane location", map[string]any{"msisdn": r.MSISDN, "night": hours(lp.Params.Night), "day": hours(lp.Params.Day)}, r)
}

type exportedMsg struct {
	paths []string
	what  string // "" for the location
	err   error
}

// export writes A's (and B's) location as CSV, KML and GeoJSON into the
// export directory, off the UI goroutine.
func (p *Pane) export() tea.Cmd {
	reps := []*casework.LocationReport{}
	for _, r := range []*casework.LocationReport{p.a, p.b} {
		if r != nil {
			reps = append(reps, r)
		}
	}
	if len(reps) == 0 {
		return uikit.Status("nothing to export: no subscriber placed yet")
	}
	st, ctx, dir := p.env.Locator(), p.env.Context, p.env.ExportDir
	return func() tea.Msg {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return exportedMsg{err: err}
		}
		at := time.Now()
		var paths []string
		for _, r := range reps {
			for _, ext := range []string{".csv", ".kml", ".geojson"} {
				path := filepath.Join(dir, fmt.Sprintf("location-%s-%s%s", r.MSISDN, at.Format("20060102-150405"), ext))
				if err := casework.ExportLocation(ctx, st, r, path, at); err != nil {
					return exportedMsg{err: err}
				}
				paths = append(paths, path)
			}
		}
		return exportedMsg{paths: paths}
	}
}

func (p *Pane) exported(msg exportedMsg) tea.Cmd {
	what := msg.what
	if what == "" {
		what = "location"
	}
	if msg.err != nil {
		return uikit.Fail(fmt.Errorf("%s export: %w", what, msg.err))
	}
	names := make([]string, len(msg.paths))
	for i, x := range msg.paths {
		names[i] = filepath.Base(x)
	}
	return tea.Batch(uikit.Status("exported "+strings.Join(names, ", ")+" to "+filepath.Dir(msg.paths[0])),
		uikit.AuditFiles("export "+what, map[string]any{"a": p.focusA, "b": p.focusB}, msg.paths...))
}

// exportColoc writes the co-location the view shows (A and B's meetings,
// or who was most with A) as CSV and JSON into the export directory, off
// the UI goroutine.
func (p *Pane) exportColoc() tea.Cmd {
	pair, top := p.coloc, p.companions
	if p.colocFor != p.colocKey() || (pair == nil && top == nil) {
		return uikit.Status("nothing to export: the co-location is not computed yet")
	}
	st, ctx, dir := p.env.Locator(), p.env.Context, p.env.ExportDir
	name := "colocation-" + p.focusA
	if pair != nil {
		name += "-" + p.focusB
	}
	return func() tea.Msg {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return exportedMsg{err: err}
		}
		at := time.Now()
		var paths []string
		for _, ext := range casework.ColocExportFormats {
			path := filepath.Join(dir, name+"-"+at.Format("20060102-150405")+ext)
			if err := casework.ExportColocation(ctx, st, pair, top, path, at); err != nil {
				return exportedMsg{err: err}
			}
			paths = append(paths, path)
		}
		return exportedMsg{paths: paths, what: "co-location"}
	}
}
