package casework

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis/location"
	"github.com/cdrtui/cdrtui/internal/store"
)

// LocationParams are what a location analysis is computed with.
type LocationParams struct {
	Scope  TimeScope
	Params location.Params
}

// DefaultLocationParams are the pane's and the command's defaults.
func DefaultLocationParams() LocationParams {
	return LocationParams{Params: location.DefaultParams()}
}

// ParseHours reads "22-06" (whole hours of the wall clock).
func ParseHours(s string) (location.Hours, error) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), "-")
	from, err1 := strconv.Atoi(strings.TrimSpace(a))
	to, err2 := strconv.Atoi(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil || from < 0 || from > 23 || to < 0 || to > 24 || from == to {
		return location.Hours{}, fmt.Errorf("%q is not hours FROM-TO of the wall clock (22-06, 09-17)", s)
	}
	return location.Hours{From: from, To: to % 24}, nil
}

// HoursString writes hours as ParseHours reads them.
func HoursString(h location.Hours) string { return fmt.Sprintf("%02d-%02d", h.From, h.To) }

// wallText is a wall clock as the JSON shapes write it.
func wallText(v int64) string { return time.Unix(v, 0).UTC().Format("2006-01-02T15:04:05") }

// LocSite is one cell the subscriber used, where it is, and what placed it.
type LocSite struct {
	Cell      string   `json:"cell"`
	Key       string   `json:"key,omitempty"`
	Lat       float64  `json:"lat"`
	Lon       float64  `json:"lon"`
	Records   int      `json:"records"`
	First     string   `json:"first"`
	Last      string   `json:"last"`
	Azimuth   *float64 `json:"azimuth,omitempty"`
	Beam      *float64 `json:"beam_width,omitempty"`
	Range     *float64 `json:"range_m,omitempty"`
	Address   string   `json:"address,omitempty"`
	Source    string   `json:"source"` // the file that gives the position drawn
	Line      int64    `json:"line"`
	Positions int      `json:"positions"`               // positions the sources give for the cell
	SpreadM   float64  `json:"spread_m,omitempty"`      // largest distance between them
	Disagree  bool     `json:"sources_disagree"`        // spread beyond location.FarApartM
	Others    []string `json:"other_sources,omitempty"` // the other positions: "lat,lon source:line"
}

// LocUnplaced is a cell used with no known position.
type LocUnplaced struct {
	Cell    string `json:"cell"`
	Records int    `json:"records"`
}

// LocStay is a run of records at one site.
type LocStay struct {
	Cell    string  `json:"cell"`
	From    string  `json:"from"`
	To      string  `json:"to"`
	Records int     `json:"records"`
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
	from    int64
}

// LocMove is a change of site.
type LocMove struct {
	FromCell   string  `json:"from_cell"`
	ToCell     string  `json:"to_cell"`
	Left       string  `json:"left"`
	At         string  `json:"at"`
	KM         float64 `json:"km"`
	KMH        float64 `json:"kmh"`
	Impossible bool    `json:"impossible"`
	FromLat    float64 `json:"from_lat"`
	FromLon    float64 `json:"from_lon"`
	ToLat      float64 `json:"to_lat"`
	ToLon      float64 `json:"to_lon"`
	at         int64
}

// LocPlace is home or work with what supports it.
type LocPlace struct {
	Cell    string   `json:"cell"`
	Lat     float64  `json:"lat"`
	Lon     float64  `json:"lon"`
	Nights  int      `json:"nights,omitempty"`
	Days    int      `json:"days,omitempty"`
	Of      int      `json:"of"` // nights (days) with a placed record in the hours
	Records int      `json:"records"`
	Dates   []string `json:"dates"`
}

// LocPlaces are the subscriber's places.
type LocPlaces struct {
	Home *LocPlace `json:"home"`
	Work *LocPlace `json:"work"`
}

// LocationReport is the location analysis of one subscriber; the pane and
// cdrtui location --json show the same numbers.
type LocationReport struct {
	Case        string        `json:"case"`
	MSISDN      string        `json:"msisdn"`
	PlacedShare float64       `json:"placed_share"`
	Records     int           `json:"records"`
	Placed      int           `json:"records_placed"`
	Night       string        `json:"night"`
	Day         string        `json:"work_hours"`
	Sites       []LocSite     `json:"sites"`
	Unplaced    []LocUnplaced `json:"unplaced_cells"`
	Stays       []LocStay     `json:"stays"`
	Moves       []LocMove     `json:"moves"`
	Places      LocPlaces     `json:"places"`
	Impossible  int           `json:"impossible_moves"`
	Scope       *TimeScope    `json:"time_scope,omitempty"`
	CellSources int64         `json:"cell_site_rows"`
}

// Location places a subscriber's records in scope by their cells and
// computes sites, stays, moves and places.
func Location(ctx context.Context, st Locator, typed string, p LocationParams) (*LocationReport, error) {
	sub, msisdn, err := FindSubscriber(ctx, st, typed)
	if err != nil {
		return nil, err
	}
	recs, err := st.LocationRecords(ctx, sub, p.Scope.From, p.Scope.To)
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	var ids []int64
	for _, r := range recs {
		if r.CellID != 0 && !seen[r.CellID] {
			seen[r.CellID] = true
			ids = append(ids, r.CellID)
		}
	}
	names, chosen, err := placeCells(ctx, st, ids)
	if err != nil {
		return nil, err
	}
	rep := &LocationReport{Case: st.Path(), MSISDN: msisdn, Night: HoursString(p.Params.Night), Day: HoursString(p.Params.Day),
		Sites: []LocSite{}, Unplaced: []LocUnplaced{}, Stays: []LocStay{}, Moves: []LocMove{}}
	rep.CellSources, _, _ = st.CellSiteCount(ctx)
	if p.Scope.Set() {
		s := p.Scope
		rep.Scope = &s
	}
	fixes := make([]location.Fix, len(recs))
	for i, r := range recs {
		f := location.Fix{Wall: r.Wall(), CellID: r.CellID, Cell: names[r.CellID]}
		if s, ok := chosen[r.CellID]; ok {
			f.Pos, f.Placed = location.Point{Lat: s.Lat, Lon: s.Lon}, true
		}
		fixes[i] = f
	}
	res := location.Analyse(fixes, p.Params)
	rep.Records, rep.Placed = res.Total, res.Placed
	if res.Total > 0 {
		rep.PlacedShare = math.Round(float64(res.Placed)/float64(res.Total)*10000) / 10000
	}
	for _, s := range res.Sites {
		if !s.Placed {
			rep.Unplaced = append(rep.Unplaced, LocUnplaced{Cell: s.Cell, Records: s.Records})
			continue
		}
		ls := chosen[s.CellID]
		ls.Records, ls.First, ls.Last = s.Records, wallText(s.First), wallText(s.Last)
		rep.Sites = append(rep.Sites, ls)
	}
	for _, s := range res.Stays {
		rep.Stays = append(rep.Stays, LocStay{Cell: s.Cell, From: wallText(s.From), To: wallText(s.To), Records: s.Records, Lat: s.Pos.Lat, Lon: s.Pos.Lon, from: s.From})
	}
	for _, m := range res.Moves {
		rep.Moves = append(rep.Moves, LocMove{FromCell: m.FromCell, ToCell: m.ToCell, Left: wallText(m.Left), At: wallText(m.At),
			KM: round3(m.KM), KMH: round3(m.KMH), Impossible: m.Impossible,
			FromLat: m.From.Lat, FromLon: m.From.Lon, ToLat: m.To.Lat, ToLon: m.To.Lon, at: m.At})
		if m.Impossible {
			rep.Impossible++
		}
	}
	place := func(pl *location.Place, night bool) *LocPlace {
		if pl == nil {
			return nil
		}
		lp := &LocPlace{Cell: pl.Cell, Lat: pl.Pos.Lat, Lon: pl.Pos.Lon, Of: pl.Of, Records: pl.Records, Dates: pl.Dates}
		if night {
			lp.Nights = pl.Count
		} else {
			lp.Days = pl.Count
		}
		return lp
	}
	rep.Places = LocPlaces{Home: place(res.Home, true), Work: place(res.Work, false)}
	return rep, nil
}

// placeCells finds the cells' names and, for those with a site, the
// position drawn (location.Choose over every source's position).
func placeCells(ctx context.Context, st Locator, ids []int64) (map[int64]string, map[int64]LocSite, error) {
	refs, err := st.CellRefs(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	sites, err := st.SitesOf(ctx, refs)
	if err != nil {
		return nil, nil, err
	}
	chosen := map[int64]LocSite{}
	names := map[int64]string{}
	for _, c := range refs {
		names[c.ID] = c.Cell
		ss := sites[c.ID]
		if len(ss) == 0 {
			continue
		}
		cands := make([]location.Candidate, len(ss))
		for i, s := range ss {
			cands[i] = location.Candidate{Pos: location.Point{Lat: s.Lat, Lon: s.Lon}, Operator: s.Operator}
		}
		i, spread := location.Choose(cands)
		s := ss[i]
		ls := LocSite{Cell: c.Cell, Key: c.Key, Lat: s.Lat, Lon: s.Lon, Azimuth: s.Azimuth, Beam: s.Beam, Range: s.Range,
			Address: s.Address, Source: s.Source, Line: s.Line, Positions: len(ss), SpreadM: math.Round(spread), Disagree: spread > location.FarApartM}
		for j, o := range ss {
			if j != i {
				ls.Others = append(ls.Others, fmt.Sprintf("%.6f,%.6f %s:%d", o.Lat, o.Lon, o.Source, o.Line))
			}
		}
		chosen[c.ID] = ls
	}
	return names, chosen, nil
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

// StayWall and MoveWall give the pane the Unix wall clock of a stay's
// start and a move's arrival, to step through days.
func (s LocStay) StayWall() int64 { return s.from }

// MoveWall is the wall clock of a move's arrival.
func (m LocMove) MoveWall() int64 { return m.at }

// LocationCoverage is how much of the case's (sub 0) or a subscriber's
// records could be placed.
func LocationCoverage(ctx context.Context, st Locator, sub int64) (store.Coverage, error) {
	return st.CoverageOf(ctx, sub)
}
