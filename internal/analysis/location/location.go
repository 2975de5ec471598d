// Package location turns a subscriber's records, each in a cell with a
// known position, into where the phone was: the sites it used, its stays
// and moves (with distance and implied speed, an impossible speed
// flagged), and its places (home at night, work on weekday daytime). It is
// pure: plain values in, plain values out; distances are great-circle
// distances from github.com/paulmach/orb/geo.
package location

import (
	"math"
	"sort"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// Point is a position in degrees (WGS 84).
type Point struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

func (p Point) orb() orb.Point { return orb.Point{p.Lon, p.Lat} }

// DistanceM is the great-circle distance between a and b in metres
// (haversine, on orb's sphere of radius 6,378,137 m).
func DistanceM(a, b Point) float64 { return geo.DistanceHaversine(a.orb(), b.orb()) }

// BearingDeg is the initial bearing from a to b, degrees from true north
// clockwise, in [0, 360).
func BearingDeg(a, b Point) float64 {
	d := geo.Bearing(a.orb(), b.orb())
	if d < 0 {
		d += 360
	}
	return d
}

// Offset is the point at distance metres from p along bearing degrees.
func Offset(p Point, bearing, metres float64) Point {
	q := geo.PointAtBearingAndDistance(p.orb(), bearing, metres)
	return Point{Lat: q[1], Lon: q[0]}
}

// Candidate is one position a source gives for a cell.
type Candidate struct {
	Pos      Point
	Operator bool // an operator's list or a CDR, preferred to crowd-sourced data
}

// FarApartM is the distance beyond which two positions of one cell are
// said to disagree (a cell's coverage is commonly a few hundred metres to
// a few kilometres; crowd-sourced positions wander within it).
const FarApartM = 2000

// Choose picks the position a cell is drawn at: the last operator-given
// one, else the last one given; spread is the largest distance between
// any two candidates (0 for one).
func Choose(cs []Candidate) (chosen int, spread float64) {
	chosen = -1
	for i, c := range cs {
		if chosen < 0 || c.Operator || !cs[chosen].Operator {
			chosen = i
		}
		for j := 0; j < i; j++ {
			spread = math.Max(spread, DistanceM(c.Pos, cs[j].Pos))
		}
	}
	return chosen, spread
}

// Fix is one record placed (or not) by its cell.
type Fix struct {
	Wall   int64  // wall clock as written, Unix seconds
	Cell   string // as written
	CellID int64
	Pos    Point
	Placed bool // the cell has a position
}

// Params are the analyst's choices.
type Params struct {
	Night    Hours   // home: this window of the wall clock (22-06)
	Day      Hours   // work: this window on weekdays (09-17)
	MaxKMH   float64 // a move faster than this is impossible (250)...
	SlackKM  float64 // ...even with this granted at each end: a phone is within its cell's coverage, not at the mast (3)
	SameSite float64 // metres within which two cells are one site (100)
}

// DefaultParams are the defaults of the pane and the command.
func DefaultParams() Params {
	return Params{Night: Hours{22, 6}, Day: Hours{9, 17}, MaxKMH: 250, SlackKM: 3, SameSite: 100}
}

// Hours is a window of the wall clock, From inclusive to To exclusive,
// in whole hours; From > To wraps past midnight (22-06).
type Hours struct{ From, To int }

// Contains says whether hour h (0-23) is in the window.
func (h Hours) Contains(hour int) bool {
	if h.From <= h.To {
		return hour >= h.From && hour < h.To
	}
	return hour >= h.From || hour < h.To
}

// SiteUse is one cell's records.
type SiteUse struct {
	CellID  int64
	Cell    string
	Pos     Point
	Placed  bool
	Records int
	First   int64
	Last    int64
}

// Stay is a run of records at one site, in time order.
type Stay struct {
	Cell    string // the cell of the stay's first record
	CellID  int64
	Pos     Point
	From    int64
	To      int64
	Records int
}

// Move is a change of site between two stays.
type Move struct {
	FromCell   string
	ToCell     string
	From, To   Point
	Left       int64 // last record at the old site
	At         int64 // first record at the new site
	KM         float64
	KMH        float64
	Impossible bool
}

// Place is a site a subscriber comes back to, with the nights or days
// that make it so.
type Place struct {
	Cell    string
	CellID  int64
	Pos     Point
	Count   int      // nights (home) or days (work) on which it was the most used site
	Of      int      // nights or days with a placed record in the window
	Dates   []string // those nights or days, YYYY-MM-DD
	Records int
}

// Result is the whole analysis.
type Result struct {
	Sites  []SiteUse
	Stays  []Stay
	Moves  []Move
	Home   *Place
	Work   *Place
	Placed int // records with a position
	Total  int
}

// Analyse computes sites, stays, moves and places from fixes in wall-clock
// order.
func Analyse(fixes []Fix, p Params) Result {
	r := Result{Total: len(fixes)}
	byCell := map[int64]int{}
	var placed []Fix
	for _, f := range fixes {
		i, ok := byCell[f.CellID]
		if f.CellID != 0 {
			if !ok {
				i = len(r.Sites)
				byCell[f.CellID] = i
				r.Sites = append(r.Sites, SiteUse{CellID: f.CellID, Cell: f.Cell, Pos: f.Pos, Placed: f.Placed, First: f.Wall})
			}
			s := &r.Sites[i]
			s.Records++
			s.Last = f.Wall
		}
		if f.Placed {
			placed = append(placed, f)
		}
	}
	r.Placed = len(placed)
	sort.SliceStable(r.Sites, func(i, j int) bool {
		if r.Sites[i].Records != r.Sites[j].Records {
			return r.Sites[i].Records > r.Sites[j].Records
		}
		return r.Sites[i].First < r.Sites[j].First
	})
	r.Stays, r.Moves = staysAndMoves(placed, p)
	r.Home = place(placed, p, func(t time.Time) (string, bool) {
		if !p.Night.Contains(t.Hour()) {
			return "", false
		}
		if p.Night.From > p.Night.To && t.Hour() < p.Night.To {
			t = t.AddDate(0, 0, -1) // the small hours belong to the evening's night
		}
		return t.Format("2006-01-02"), true
	})
	r.Work = place(placed, p, func(t time.Time) (string, bool) {
		if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday || !p.Day.Contains(t.Hour()) {
			return "", false
		}
		return t.Format("2006-01-02"), true
	})
	return r
}

func staysAndMoves(placed []Fix, p Params) ([]Stay, []Move) {
	var stays []Stay
	var moves []Move
	for _, f := range placed {
		if n := len(stays); n > 0 && DistanceM(stays[n-1].Pos, f.Pos) <= p.SameSite {
			stays[n-1].To = f.Wall
			stays[n-1].Records++
			continue
		}
		if n := len(stays); n > 0 {
			last := stays[n-1]
			m := Move{FromCell: last.Cell, ToCell: f.Cell, From: last.Pos, To: f.Pos, Left: last.To, At: f.Wall}
			m.KM = DistanceM(last.Pos, f.Pos) / 1000
			hours := math.Max(float64(f.Wall-last.To), 1) / 3600
			m.KMH = m.KM / hours
			// a record places the phone within its cell's coverage, not at
			// the mast: the move is impossible only if it stays too fast
			// with SlackKM granted at each end
			m.Impossible = (m.KM-2*p.SlackKM)/hours > p.MaxKMH
			moves = append(moves, m)
		}
		stays = append(stays, Stay{Cell: f.Cell, CellID: f.CellID, Pos: f.Pos, From: f.Wall, To: f.Wall, Records: 1})
	}
	return stays, moves
}

// place finds the site that is the most used one of the most periods
// (nights, days); period names a record's period, false when it is in none.
func place(placed []Fix, p Params, period func(time.Time) (string, bool)) *Place {
	type key struct {
		period string
		site   int64
	}
	counts := map[key]int{}
	group := newSites(p)
	var periods []string
	seen := map[string]bool{}
	for _, f := range placed {
		d, ok := period(time.Unix(f.Wall, 0).UTC())
		if !ok {
			continue
		}
		site := group.site(f)
		counts[key{d, site}]++
		if !seen[d] {
			seen[d] = true
			periods = append(periods, d)
		}
	}
	if len(periods) == 0 {
		return nil
	}
	wins := map[int64][]string{}
	records := map[int64]int{}
	for _, d := range periods {
		best, bestN := int64(0), 0
		for k, n := range counts {
			if k.period == d && (n > bestN || n == bestN && k.site < best) {
				best, bestN = k.site, n
			}
		}
		wins[best] = append(wins[best], d)
	}
	for k, n := range counts {
		records[k.site] += n
	}
	var top int64
	for site, ds := range wins {
		if len(ds) > len(wins[top]) || len(ds) == len(wins[top]) && (records[site] > records[top] || records[site] == records[top] && site < top) {
			top = site
		}
	}
	f := group.byID[top]
	ds := wins[top]
	sort.Strings(ds)
	return &Place{Cell: f.Cell, CellID: f.CellID, Pos: f.Pos, Count: len(ds), Of: len(periods), Dates: ds, Records: records[top]}
}

// sites groups cells into sites: the first cell seen within SameSite
// metres of another (sectors of one mast) joins that one's site.
type sites struct {
	p     Params
	of    map[int64]int64
	order []Fix
	byID  map[int64]Fix
}

func newSites(p Params) *sites { return &sites{p: p, of: map[int64]int64{}, byID: map[int64]Fix{}} }

func (s *sites) site(f Fix) int64 {
	if id, ok := s.of[f.CellID]; ok {
		return id
	}
	for _, o := range s.order {
		if DistanceM(o.Pos, f.Pos) <= s.p.SameSite {
			s.of[f.CellID] = o.CellID
			return o.CellID
		}
	}
	s.of[f.CellID] = f.CellID
	s.order = append(s.order, f)
	s.byID[f.CellID] = f
	return f.CellID
}
