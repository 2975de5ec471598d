package casework

import (
	"context"
	"fmt"
	"math"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
)

// Data narrows a data selection (the records behind a row) to the scope.
func (s TimeScope) Data(sel store.DataSelection) store.DataSelection { return s.data(sel) }

// data narrows a data selection to the scope.
func (s TimeScope) data(sel store.DataSelection) store.DataSelection {
	if !s.Set() {
		return sel
	}
	sel.WallFrom, sel.WallTo = s.From, s.To
	if sel.WallFrom == 0 {
		sel.WallFrom = math.MinInt64
	}
	if sel.WallTo == 0 {
		sel.WallTo = math.MaxInt64
	}
	return sel
}

// events keeps the data events in scope.
func (s TimeScope) events(evs []store.DataEvent) []store.DataEvent {
	if !s.Set() {
		return evs
	}
	out := evs[:0:0]
	for _, e := range evs {
		if s.Contains(e.Start + int64(e.WallOffset)) {
			out = append(out, e)
		}
	}
	return out
}

// days is the number of dates of the case's span inside the scope (at
// least 1): the "days" of the chance model under a scope.
func (s TimeScope) days(ctx context.Context, st Case) (int, error) {
	first, last, ok, err := st.WallSpan(ctx)
	if err != nil || !ok {
		return 1, err
	}
	if s.From != 0 && first < s.From {
		first = s.From
	}
	if s.To != 0 && last >= s.To {
		last = s.To - 1
	}
	if last < first {
		return 1, nil
	}
	return max(1, int(floorDiv(last, 86400)-floorDiv(first, 86400)+1)), nil
}

// Hunt narrows a hunt's window to the scope (the hunt's own bounds stay
// when they are narrower). A hunt's upper bound is inclusive.
func (s TimeScope) Hunt(q *analysis.HuntQuery) *analysis.HuntQuery {
	if !s.Set() || q == nil {
		return q
	}
	c := *q
	if s.From != 0 && (!c.HasFrom || c.From < s.From) {
		c.From, c.HasFrom = s.From, true
	}
	if s.To != 0 && (!c.HasTo || c.To > s.To-1) {
		c.To, c.HasTo = s.To-1, true
	}
	return &c
}

// PBX narrows a PBX calls filter to the scope.
func (s TimeScope) PBX(f store.PBXFilter) store.PBXFilter {
	if s.From != 0 && (f.From == 0 || f.From < s.From) {
		f.From = s.From
	}
	if s.To != 0 && (f.To == 0 || f.To > s.To) {
		f.To = s.To
	}
	return f
}

// BuildTrendIn is BuildTrend over the records in the time scope.
func BuildTrendIn(ctx context.Context, st Case, d *analysis.Dictionary, info DictionaryInfo, who TrendScope, app string, ts TimeScope) (*Trend, error) {
	return buildTrend(ctx, st, d, info, who, app, ts)
}

// LoadPairIn is LoadPair over the records in the time scope; the chance
// model counts the days of the case inside the scope.
func LoadPairIn(ctx context.Context, st Case, dict *analysis.Dictionary, a, b string, match Match, ts TimeScope) (*PairData, error) {
	if !ts.Set() {
		return LoadPair(ctx, st, dict, a, b, match)
	}
	if _, err := ParseMatch(string(match)); err != nil {
		return nil, err
	}
	load := func(msisdn string) ([]store.DataEvent, error) {
		id, err := st.SubscriberID(ctx, msisdn)
		if err != nil {
			return nil, err
		}
		evs, err := st.DataEvents(ctx, id)
		return ts.events(evs), err
	}
	recsA, err := load(a)
	if err != nil {
		return nil, err
	}
	recsB, err := load(b)
	if err != nil {
		return nil, err
	}
	days, err := ts.days(ctx, st)
	if err != nil {
		return nil, err
	}
	paths, err := st.SourcePaths(ctx)
	if err != nil {
		return nil, err
	}
	return NewPairData(dict, match, days, paths, a, recsA, b, recsB), nil
}

// CorrelateIn is Correlate over the records in the time scope.
func CorrelateIn(ctx context.Context, st Case, dict *analysis.Dictionary, a, b string, window int64, match Match, ts TimeScope) (*Correlation, error) {
	p, err := LoadPairIn(ctx, st, dict, a, b, match, ts)
	if err != nil {
		return nil, err
	}
	return p.At(window), nil
}

// SimBoxIn is SimBox over the voice records in the time scope.
func SimBoxIn(ctx context.Context, st Case, rules SimBoxRules, ts TimeScope) (*SimBoxReport, error) {
	night, err := rules.Config.NightWindow()
	if err != nil {
		return nil, err
	}
	acts, err := st.SimBoxActivityIn(ctx, night, ts.From, ts.To)
	if err != nil {
		return nil, err
	}
	res := analysis.ScoreSimBoxes(acts, rules.Config)
	return &SimBoxReport{Case: st.Path(), ConfigOrigin: rules.Origin, RulesInWords: rules.Config.Describe(), SimBoxResult: res}, nil
}

// ScopeNote is the line a command prints under a scope.
func ScopeNote(ts TimeScope) string {
	if !ts.Set() {
		return ""
	}
	return fmt.Sprintf("time scope: %s (wall clock as written)", ts)
}
