package casework

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/analysis/location"
	"github.com/cdrtui/cdrtui/internal/store"
)

// ColocParams are what co-location is computed with.
type ColocParams struct {
	Scope   TimeScope
	WindowS int64   // records at most this far apart in time (900)
	RadiusM float64 // and their sites at most this far apart (0: the same site)
	Top     int     // companions listed by ColocateTop (10)
}

// DefaultColocParams are the pane's and the command's defaults: the same
// site within 15 minutes.
func DefaultColocParams() ColocParams { return ColocParams{WindowS: 900, Top: 10} }

func (p ColocParams) analysis() location.ColocParams {
	return location.ColocParams{WindowS: p.WindowS, RadiusM: p.RadiusM, SameSite: location.DefaultParams().SameSite}
}

// ColocMethod says how Expected is computed.
const ColocMethod = "expected: B's records shifted circularly by 1, 2 ... whole days (up to 28) within the span of both, each keeping its hour of day and its place, meetings counted the same way, averaged"

// ColocRecord is one record of a meeting: whose, when, where, and the
// file and line it came from.
type ColocRecord struct {
	Side string  `json:"side"` // a or b
	At   string  `json:"at"`
	Cell string  `json:"cell"`
	Lat  float64 `json:"lat"`
	Lon  float64 `json:"lon"`
	Kind string  `json:"kind"`
	File string  `json:"file"`
	Line int64   `json:"line"`
}

// ColocMeeting is one run of A and B together.
type ColocMeeting struct {
	At        string        `json:"at"`
	End       string        `json:"end"`
	CellA     string        `json:"cell_a"`
	CellB     string        `json:"cell_b"`
	DistanceM float64       `json:"distance_m"`
	Records   []ColocRecord `json:"records"`
	at        int64
}

// Wall is the meeting's first record's wall clock (Unix seconds).
func (m ColocMeeting) Wall() int64 { return m.at }

// ColocReport is `cdrtui colocate --json` and the Location pane's
// Co-location view.
type ColocReport struct {
	Case     string         `json:"case"`
	A        string         `json:"a"`
	B        string         `json:"b"`
	RadiusM  float64        `json:"radius_m"`
	WindowS  int64          `json:"window_s"`
	Meetings []ColocMeeting `json:"meetings"`
	Expected float64        `json:"expected"`
	Shifts   []int          `json:"expected_by_shift"` // meetings with B shifted by 1, 2 ... days
	Score    float64        `json:"score"`             // -log10 of the chance of so many meetings (analysis.Surprise)
	PlacedA  int            `json:"records_placed_a"`
	PlacedB  int            `json:"records_placed_b"`
	Method   string         `json:"method"`
	Scope    TimeScope      `json:"time_scope,omitzero"`
}

// placedFixes are a subscriber's records with their positions, in wall
// order, beside the records themselves.
type placedFixes struct {
	msisdn string
	recs   []store.LocRecord
	fixes  []location.Fix
	sites  map[int64]LocSite
	placed int
}

// siteBook is every cell of the case with its name and, when placed, its
// site: what ColocateTop reads once for A and every candidate.
type siteBook struct {
	names  map[int64]string
	chosen map[int64]LocSite
}

// subscriberFixes places a subscriber's records in scope by their cells
// (book nil: the cells' sites read for them alone; a cell's site is the
// same either way).
func subscriberFixes(ctx context.Context, st Locator, typed string, ts TimeScope, book *siteBook) (*placedFixes, error) {
	sub, msisdn, err := FindSubscriber(ctx, st, typed)
	if err != nil {
		return nil, err
	}
	recs, err := st.LocationRecords(ctx, sub, ts.From, ts.To)
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
	var names map[int64]string
	chosen := map[int64]LocSite{}
	if book == nil {
		if names, chosen, err = placeCells(ctx, st, ids); err != nil {
			return nil, err
		}
	} else {
		names = book.names
		for _, id := range ids {
			if s, ok := book.chosen[id]; ok {
				chosen[id] = s
			}
		}
	}
	pf := &placedFixes{msisdn: msisdn, sites: chosen}
	for _, r := range recs {
		s, ok := chosen[r.CellID]
		if !ok {
			continue
		}
		pf.recs = append(pf.recs, r)
		pf.fixes = append(pf.fixes, location.Fix{Wall: r.Wall(), CellID: r.CellID, Cell: names[r.CellID], Pos: location.Point{Lat: s.Lat, Lon: s.Lon}, Placed: true})
	}
	pf.placed = len(pf.fixes)
	return pf, nil
}

// Colocate finds when A and B were together: records of both at the same
// site (or within RadiusM) within WindowS of each other, grouped into
// meetings, with every record of both sides that makes each; Expected is
// what chance alone gives if each kept their own pattern of places.
func Colocate(ctx context.Context, st Locator, a, b string, p ColocParams) (*ColocReport, error) {
	if p.WindowS <= 0 {
		return nil, fmt.Errorf("the window must be positive")
	}
	if p.RadiusM < 0 {
		return nil, fmt.Errorf("the radius must not be negative")
	}
	fa, err := subscriberFixes(ctx, st, a, p.Scope, nil)
	if err != nil {
		return nil, err
	}
	fb, err := subscriberFixes(ctx, st, b, p.Scope, nil)
	if err != nil {
		return nil, err
	}
	if fa.msisdn == fb.msisdn {
		return nil, fmt.Errorf("A and B are the same subscriber (%s)", fa.msisdn)
	}
	paths, err := st.SourcePaths(ctx)
	if err != nil {
		return nil, err
	}
	return colocate(st.Path(), fa, fb, p, paths), nil
}

// colocate is Colocate of two subscribers' placed records.
func colocate(casePath string, fa, fb *placedFixes, p ColocParams, paths map[int64]string) *ColocReport {
	ap := p.analysis()
	rep := &ColocReport{Case: casePath, A: fa.msisdn, B: fb.msisdn, RadiusM: p.RadiusM, WindowS: p.WindowS, Meetings: []ColocMeeting{},
		PlacedA: fa.placed, PlacedB: fb.placed, Method: ColocMethod, Scope: p.Scope, Shifts: []int{}}
	record := func(side string, pf *placedFixes, i int) ColocRecord {
		r, f := pf.recs[i], pf.fixes[i]
		return ColocRecord{Side: side, At: wallText(f.Wall), Cell: f.Cell, Lat: f.Pos.Lat, Lon: f.Pos.Lon, Kind: r.Kind, File: paths[r.SourceID], Line: r.Line}
	}
	for _, m := range location.Colocate(fa.fixes, fb.fixes, ap) {
		cm := ColocMeeting{At: wallText(m.At), End: wallText(m.End), CellA: fa.fixes[m.FirstA].Cell, CellB: fb.fixes[m.FirstB].Cell,
			DistanceM: math.Round(m.DistanceM), at: m.At}
		for _, i := range m.A {
			cm.Records = append(cm.Records, record("a", fa, i))
		}
		for _, j := range m.B {
			cm.Records = append(cm.Records, record("b", fb, j))
		}
		slices.SortStableFunc(cm.Records, func(x, y ColocRecord) int { return cmp.Compare(x.At, y.At) })
		rep.Meetings = append(rep.Meetings, cm)
	}
	ch := location.ColocExpected(fa.fixes, fb.fixes, ap)
	rep.Expected = math.Round(ch.Expected*1000) / 1000
	if ch.Counts != nil {
		rep.Shifts = ch.Counts
	}
	_, rep.Score = analysis.Surprise(len(rep.Meetings), ch.Expected)
	rep.Score = math.Round(rep.Score*100) / 100
	return rep
}

// Companion is a subscriber who was with A: meetings, what chance gives,
// and the first and last meeting.
type Companion struct {
	MSISDN   string  `json:"msisdn"`
	Meetings int     `json:"meetings"`
	Expected float64 `json:"expected"`
	Excess   float64 `json:"excess"` // meetings - expected
	Score    float64 `json:"score"`
	First    string  `json:"first"`
	Last     string  `json:"last"`
}

// CompanionsReport is `cdrtui colocate CASE A --json` (no B): who was
// most with A.
type CompanionsReport struct {
	Case       string      `json:"case"`
	A          string      `json:"a"`
	RadiusM    float64     `json:"radius_m"`
	WindowS    int64       `json:"window_s"`
	Candidates int         `json:"candidates"` // subscribers with a record near A's
	Companions []Companion `json:"companions"`
	Method     string      `json:"method"`
	Scope      TimeScope   `json:"time_scope,omitzero"`
}

// ColocateTop ranks everyone by how unlikely their meetings with A are by
// chance (the score, -log10 of the Poisson chance of so many meetings
// given the expected; then meetings beyond chance, then meetings):
// co-residents and colleagues meet A every day by habit and chance gives
// them nearly as much; a contact who meets A where neither usually is
// stands out even with a few meetings. The candidates are the subscribers
// with a record at one of A's sites (or within the radius) within the
// window of one of A's records, read through the cell indexes.
func ColocateTop(ctx context.Context, st Locator, a string, p ColocParams) (*CompanionsReport, error) {
	if p.WindowS <= 0 {
		return nil, fmt.Errorf("the window must be positive")
	}
	names, all, err := placeCells(ctx, st, nil) // every cell's site, read once
	if err != nil {
		return nil, err
	}
	book := &siteBook{names: names, chosen: all}
	fa, err := subscriberFixes(ctx, st, a, p.Scope, book)
	if err != nil {
		return nil, err
	}
	paths, err := st.SourcePaths(ctx)
	if err != nil {
		return nil, err
	}
	rep := &CompanionsReport{Case: st.Path(), A: fa.msisdn, RadiusM: p.RadiusM, WindowS: p.WindowS, Companions: []Companion{}, Method: ColocMethod, Scope: p.Scope}
	near := nearCells(fa.sites, all, p.analysis())
	// A's records as windows per cell, merged when they overlap
	type span struct{ from, to int64 }
	spans := map[int64][]span{}
	for _, f := range fa.fixes {
		for _, c := range near[f.CellID] {
			ss := spans[c]
			if n := len(ss); n > 0 && f.Wall-p.WindowS <= ss[n-1].to {
				ss[n-1].to = f.Wall + p.WindowS + 1
			} else {
				ss = append(ss, span{f.Wall - p.WindowS, f.Wall + p.WindowS + 1})
			}
			spans[c] = ss
		}
	}
	cands := map[string]bool{}
	if sr, ok := st.(spanReader); ok { // one question for every span
		var all []store.CellSpan
		for c, ss := range spans {
			for _, s := range ss {
				all = append(all, store.CellSpan{Cell: c, From: s.from, To: s.to})
			}
		}
		found, err := sr.SubscribersInCellSpans(ctx, all)
		if err != nil {
			return nil, err
		}
		for _, m := range found {
			if m != fa.msisdn {
				cands[m] = true
			}
		}
	} else {
		for c, ss := range spans {
			for _, s := range ss {
				recs, err := st.RecordsInCells(ctx, []int64{c}, s.from, s.to)
				if err != nil {
					return nil, err
				}
				for _, r := range recs {
					if r.MSISDN != fa.msisdn {
						cands[r.MSISDN] = true
					}
				}
			}
		}
	}
	rep.Candidates = len(cands)
	for m := range cands {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		fb, err := subscriberFixes(ctx, st, m, p.Scope, book)
		if err != nil {
			return nil, err
		}
		r := colocate(rep.Case, fa, fb, p, paths)
		if len(r.Meetings) == 0 {
			continue
		}
		c := Companion{MSISDN: m, Meetings: len(r.Meetings), Expected: r.Expected, Score: r.Score,
			Excess: math.Round((float64(len(r.Meetings))-r.Expected)*1000) / 1000, First: r.Meetings[0].At, Last: r.Meetings[len(r.Meetings)-1].At}
		rep.Companions = append(rep.Companions, c)
	}
	slices.SortFunc(rep.Companions, func(x, y Companion) int {
		return cmp.Or(cmp.Compare(y.Score, x.Score), cmp.Compare(y.Excess, x.Excess), cmp.Compare(y.Meetings, x.Meetings), cmp.Compare(x.MSISDN, y.MSISDN))
	})
	if p.Top > 0 && len(rep.Companions) > p.Top {
		rep.Companions = rep.Companions[:p.Top]
	}
	return rep, nil
}

// spanReader is what a case answers in one question where it would
// otherwise take one per span (a case on ClickHouse, where each question
// is a round trip to the cluster): the MSISDNs with a record in a cell
// within its span, every span at once.
type spanReader interface {
	SubscribersInCellSpans(ctx context.Context, spans []store.CellSpan) ([]string, error)
}

// nearCells maps each of the given placed cells to the case's cells
// (all, placed) at the same site (or within the radius), itself included.
func nearCells(sites, all map[int64]LocSite, p location.ColocParams) map[int64][]int64 {
	out := map[int64][]int64{}
	for id, s := range sites {
		out[id] = []int64{id}
		for oid, o := range all {
			if oid == id {
				continue
			}
			if _, ok := p.Near(location.Fix{CellID: id, Pos: location.Point{Lat: s.Lat, Lon: s.Lon}},
				location.Fix{CellID: oid, Pos: location.Point{Lat: o.Lat, Lon: o.Lon}}); ok {
				out[id] = append(out[id], oid)
			}
		}
	}
	return out
}
