package casework

import (
	"cmp"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/analysis/location"
	"github.com/cdrtui/cdrtui/internal/store"
)

// Scene is one place and time of a tower-dump analysis: a set of cells,
// or a point and a radius (every cell whose site lies within it), and a
// wall-clock window [From, To).
type Scene struct {
	Text    string              `json:"scene"` // as typed
	Cells   []analysis.CellSpec `json:"-"`
	Point   *location.Point     `json:"point,omitempty"`
	RadiusM float64             `json:"radius_m,omitempty"`
	From    int64               `json:"-"`
	To      int64               `json:"-"`
}

// The bounds of a scenes analysis.
const (
	MinScenes = 2
	MaxScenes = 20
)

var pointRadius = regexp.MustCompile(`^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*[~+]\s*(\d+(?:\.\d+)?\s*(?:m|km)?)\s*$`)

// ParseScene reads a scene as typed: CELL[,CELL…]@FROM..TO,
// LAT,LON~RADIUS@FROM..TO (22.5726,88.3639~500m@…), or
// cells=CELL,CELL;from=T;to=T (point=LAT,LON;radius=500m instead of
// cells). Cells are written in any encoding, a trailing * a prefix; times
// as --from/--to take them (2024-03-18T10:00, a date alone is the whole
// day).
func ParseScene(s string) (Scene, error) {
	sc := Scene{Text: strings.TrimSpace(s)}
	var where, from, to, radius string
	if strings.Contains(s, "=") {
		for _, part := range strings.Split(s, ";") {
			k, v, ok := strings.Cut(part, "=")
			if !ok {
				return sc, fmt.Errorf("scene %q: %q is not key=value", s, part)
			}
			switch strings.ToLower(strings.TrimSpace(k)) {
			case "cells", "cell":
				where = v
			case "point", "near":
				where = v
			case "radius":
				radius = v
			case "from":
				from = v
			case "to":
				to = v
			default:
				return sc, fmt.Errorf("scene %q: unknown key %q (cells, point, radius, from, to)", s, k)
			}
		}
		if radius != "" {
			where += "~" + radius
		}
	} else {
		w, span, ok := strings.Cut(s, "@")
		if !ok {
			return sc, fmt.Errorf("scene %q: write CELL[,CELL…]@FROM..TO or LAT,LON~500m@FROM..TO", s)
		}
		where = w
		if from, to, ok = strings.Cut(span, ".."); !ok {
			return sc, fmt.Errorf("scene %q: the window is FROM..TO", s)
		}
	}
	if strings.TrimSpace(from) == "" || strings.TrimSpace(to) == "" {
		return sc, fmt.Errorf("scene %q: a scene needs both ends of its window", s)
	}
	ts, err := ParseTimeScope(strings.TrimSpace(from), strings.TrimSpace(to))
	if err != nil {
		return sc, fmt.Errorf("scene %q: %v", s, err)
	}
	sc.From, sc.To = ts.From, ts.To
	if m := pointRadius.FindStringSubmatch(where); m != nil {
		lat, _ := strconv.ParseFloat(m[1], 64)
		lon, _ := strconv.ParseFloat(m[2], 64)
		if lat < -90 || lat > 90 || lon < -180 || lon > 180 {
			return sc, fmt.Errorf("scene %q: %s,%s is not a latitude and longitude", s, m[1], m[2])
		}
		r, err := ParseDistance(m[3])
		if err != nil || r <= 0 {
			return sc, fmt.Errorf("scene %q: the radius %q must be a positive distance (500m, 2km)", s, m[3])
		}
		sc.Point, sc.RadiusM = &location.Point{Lat: lat, Lon: lon}, r
		return sc, nil
	}
	if sc.Cells, err = analysis.ParseHuntCells(where); err != nil {
		return sc, fmt.Errorf("scene %q: %v", s, err)
	}
	if len(sc.Cells) == 0 {
		return sc, fmt.Errorf("scene %q: no cell (or LAT,LON~RADIUS) before the @", s)
	}
	return sc, nil
}

// ParseDistance reads a distance: 500m, 2km, 1.5km, or metres as a number
// (0 to 100 km).
func ParseDistance(s string) (float64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	mult := 1.0
	switch {
	case strings.HasSuffix(t, "km"):
		t, mult = strings.TrimSuffix(t, "km"), 1000
	case strings.HasSuffix(t, "m"):
		t = strings.TrimSuffix(t, "m")
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
	if err != nil || !(v >= 0) || v*mult > 100_000 {
		return 0, fmt.Errorf("%q is not a distance of 0 to 100 km (500m, 2km)", s)
	}
	return v * mult, nil
}

// SceneInfo is one scene as the report gives it: the cells it resolved to.
type SceneInfo struct {
	Scene   string   `json:"scene"`
	From    string   `json:"from"`
	To      string   `json:"to"`
	Cells   []string `json:"cells"`
	Unknown []string `json:"unknown_cells,omitempty"` // cells named exactly that the case does not hold
	// SwitchCells: an unknown cell that is the bare number of CDMA cells
	// kept with their switch, with those cells (the scene is not widened)
	SwitchCells []analysis.SwitchCellHint `json:"switch_cells,omitempty"`
	Note        string                    `json:"note,omitempty"` // why a point scene found no cell (pointNote)
	Records     int                       `json:"records"`        // records in its cells and window
	People      int                       `json:"subscribers"`
}

// SceneRecord is a record that places a subscriber at a scene.
type SceneRecord struct {
	Scene int    `json:"scene"` // the scene's number, from 1, as the pane and the text output show it
	At    string `json:"at"`
	Cell  string `json:"cell"`
	Kind  string `json:"kind"`
	File  string `json:"file"`
	Line  int64  `json:"line"`
}

// SceneSubscriber is one subscriber present at scenes.
type SceneSubscriber struct {
	MSISDN    string        `json:"msisdn"`
	Scenes    int           `json:"scenes"`
	SceneList []int         `json:"scene_list"` // scene numbers, from 1
	Records   int           `json:"records"`
	Evidence  []SceneRecord `json:"evidence"`
}

// ScenesReport is `cdrtui scenes --json` and the Hunt pane's scenes mode.
type ScenesReport struct {
	Case        string            `json:"case"`
	Scenes      []SceneInfo       `json:"scenes"`
	Min         int               `json:"min"`
	Subscribers []SceneSubscriber `json:"subscribers"`
}

// switchCellHinter is a case that tells a bare CDMA cell number from a
// cell it does not hold (a SQLite case; a cluster's answers no hint).
type switchCellHinter interface {
	SwitchCellHints(ctx context.Context, unknown []string) ([]analysis.SwitchCellHint, error)
}

// NotSwitch are the scene's unknown cells no switch cell explains.
func (s SceneInfo) NotSwitch() []string {
	var out []string
	for _, c := range s.Unknown {
		if !slices.ContainsFunc(s.SwitchCells, func(h analysis.SwitchCellHint) bool { return h.Cell == c }) {
			out = append(out, c)
		}
	}
	return out
}

// Scenes finds every subscriber with a record at min or more of the
// scenes, ranked by scenes, then records, descending (then MSISDN), each
// with the records (file and line) that place them at each scene. Records
// are read by cell and window through the cell indexes.
func Scenes(ctx context.Context, st Locator, scenes []Scene, min int) (*ScenesReport, error) {
	if len(scenes) < MinScenes || len(scenes) > MaxScenes {
		return nil, fmt.Errorf("give %d to %d scenes, not %d", MinScenes, MaxScenes, len(scenes))
	}
	if min < 1 || min > len(scenes) {
		return nil, fmt.Errorf("--min must be 1 to %d (the number of scenes), not %d", len(scenes), min)
	}
	rep := &ScenesReport{Case: st.Path(), Min: min, Subscribers: []SceneSubscriber{}}
	var all map[int64]LocSite
	by := map[string]*SceneSubscriber{}
	for i, sc := range scenes {
		num := i + 1 // scenes are numbered from 1 everywhere the analyst sees them
		info := SceneInfo{Scene: sc.Text, From: wallText(sc.From), To: wallText(sc.To), Cells: []string{}}
		var ids []int64
		if sc.Point != nil {
			if all == nil {
				var err error
				if _, all, err = placeCells(ctx, st, nil); err != nil {
					return nil, err
				}
			}
			for id, s := range all {
				if location.DistanceM(*sc.Point, location.Point{Lat: s.Lat, Lon: s.Lon}) <= sc.RadiusM {
					ids = append(ids, id)
				}
			}
			slices.Sort(ids)
			if len(ids) == 0 {
				info.Note = pointNote(*sc.Point, sc.RadiusM, all)
			}
		} else {
			var err error
			if ids, info.Unknown, err = st.ResolveCells(ctx, sc.Cells); err != nil {
				return nil, err
			}
			if h, ok := st.(switchCellHinter); ok && len(info.Unknown) > 0 {
				if info.SwitchCells, err = h.SwitchCellHints(ctx, info.Unknown); err != nil {
					return nil, err
				}
			}
		}
		recs, err := st.RecordsInCells(ctx, ids, sc.From, sc.To)
		if err != nil {
			return nil, err
		}
		people := map[string]bool{}
		for _, r := range recs {
			people[r.MSISDN] = true
			s := by[r.MSISDN]
			if s == nil {
				s = &SceneSubscriber{MSISDN: r.MSISDN}
				by[r.MSISDN] = s
			}
			if n := len(s.SceneList); n == 0 || s.SceneList[n-1] != num {
				s.SceneList = append(s.SceneList, num)
			}
			s.Records++
			s.Evidence = append(s.Evidence, SceneRecord{Scene: num, At: wallText(r.Wall()), Cell: r.Cell, Kind: r.Kind, File: r.Source, Line: r.Line})
		}
		var refs []store.CellRef
		if len(ids) > 0 {
			if refs, err = st.CellRefs(ctx, ids); err != nil {
				return nil, err
			}
		}
		for _, c := range refs {
			info.Cells = append(info.Cells, c.Cell) // the cells the scene stands for, with records or not
		}
		info.Records, info.People = len(recs), len(people)
		rep.Scenes = append(rep.Scenes, info)
	}
	for _, s := range by {
		s.Scenes = len(s.SceneList)
		if s.Scenes >= min {
			rep.Subscribers = append(rep.Subscribers, *s)
		}
	}
	slices.SortFunc(rep.Subscribers, func(x, y SceneSubscriber) int {
		return cmp.Or(cmp.Compare(y.Scenes, x.Scenes), cmp.Compare(y.Records, x.Records), cmp.Compare(x.MSISDN, y.MSISDN))
	})
	return rep, nil
}
