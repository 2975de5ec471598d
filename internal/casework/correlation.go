package casework

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
)

// Match says which records of two subscribers can match.
type Match string

// The ways of keying records: by application (the dictionary's application
// of the destination port, so WhatsApp on 5222 matches WhatsApp on 5228;
// unknown ports keyed "port N"), or by the exact destination port, as in
// the paper.
const (
	MatchApp  Match = "app"
	MatchPort Match = "port"
)

// ParseMatch reads "app" or "port".
func ParseMatch(s string) (Match, error) {
	switch Match(s) {
	case MatchApp, MatchPort:
		return Match(s), nil
	}
	return "", fmt.Errorf("match must be app or port, not %q", s)
}

// DefaultWindow is the window of the paper's Figure 3 (3 minutes).
const DefaultWindow int64 = 180

// CaseDays is the number of calendar days of the wall clock that the case
// spans, first record's date to last record's date inclusive (from the
// subscriber summaries): the "days" of the chance model. It is at least 1.
func CaseDays(ctx context.Context, st Case) (int, error) {
	first, last, ok, err := st.WallSpan(ctx)
	if err != nil || !ok {
		return 1, err
	}
	return max(1, int(floorDiv(last, 86400)-floorDiv(first, 86400)+1)), nil
}

func floorDiv(x, y int64) int64 {
	q := x / y
	if x%y != 0 && x < 0 {
		q--
	}
	return q
}

// keyer turns destination ports into match keys and keys into the
// application they belong to.
type keyer struct {
	dict  *analysis.Dictionary
	match Match
	keys  map[int]string
	apps  map[string]string // key -> application
}

func newKeyer(dict *analysis.Dictionary, match Match) *keyer {
	return &keyer{dict: dict, match: match, keys: map[int]string{}, apps: map[string]string{}}
}

// key is the match key of a port; "" for a record without a port, which
// never matches.
func (k *keyer) key(port int) string {
	if port < 0 {
		return ""
	}
	if s, ok := k.keys[port]; ok {
		return s
	}
	app := k.dict.App(port)
	s := app
	if k.match == MatchPort {
		s = strconv.Itoa(port)
	}
	k.keys[port] = s
	k.apps[s] = app
	return s
}

// app is the application of a key.
func (k *keyer) app(key string) string { return k.apps[key] }

// events turns data records into the engine's events (Ref = index into
// recs), leaving out records without a destination port.
func (k *keyer) events(recs []store.DataEvent) []analysis.Event {
	out := make([]analysis.Event, 0, len(recs))
	for i, r := range recs {
		key := k.key(r.DestPort)
		if key == "" {
			continue
		}
		out = append(out, analysis.Event{Start: r.Start, Key: key, Hour: int8(r.WallHour()), Ref: i})
	}
	return out
}

// pairSide is one subscriber of a pair, loaded once and kept.
type pairSide struct {
	msisdn  string
	records []store.DataEvent
	side    *analysis.Side
	profile analysis.HourProfile
	perApp  map[string]int // records per application (records with a port)
}

// PairData is two subscribers' records loaded and sorted once, so that a
// new window costs only the sweep (At, Matches), never SQL or a sort.
type PairData struct {
	A, B        string
	Match       Match
	Days        int
	a, b        pairSide
	keys        *keyer
	paths       map[int64]string
	curve       []CurvePoint
	unit        map[string]float64 // chance matches per second of window, per application
	scaleCounts []map[string]int   // matches per application at each window of the slider's scale
}

// LoadPair reads subscribers a and b (MSISDNs) from the case and prepares
// them for correlation.
func LoadPair(ctx context.Context, st Case, dict *analysis.Dictionary, a, b string, match Match) (*PairData, error) {
	if _, err := ParseMatch(string(match)); err != nil {
		return nil, err
	}
	idA, err := st.SubscriberID(ctx, a)
	if err != nil {
		return nil, err
	}
	idB, err := st.SubscriberID(ctx, b)
	if err != nil {
		return nil, err
	}
	if idA == idB {
		return nil, fmt.Errorf("%w: %s", ErrSamePair, a)
	}
	recsA, err := st.DataEvents(ctx, idA)
	if err != nil {
		return nil, err
	}
	recsB, err := st.DataEvents(ctx, idB)
	if err != nil {
		return nil, err
	}
	days, err := CaseDays(ctx, st)
	if err != nil {
		return nil, err
	}
	paths, err := st.SourcePaths(ctx)
	if err != nil {
		return nil, err
	}
	return NewPairData(dict, match, days, paths, a, recsA, b, recsB), nil
}

// ErrSamePair refuses to correlate a subscriber with itself: every record
// would match itself and the score would mean nothing.
var ErrSamePair = errors.New("A and B are the same subscriber; choose another B (a subscriber correlated with itself matches every record)")

// NewPairData prepares two subscribers' records (as DataEvents returns
// them) for correlation; paths maps source ids to paths for drill-downs.
func NewPairData(dict *analysis.Dictionary, match Match, days int, paths map[int64]string,
	a string, recsA []store.DataEvent, b string, recsB []store.DataEvent) *PairData {
	p := &PairData{A: a, B: b, Match: match, Days: max(days, 1), keys: newKeyer(dict, match), paths: paths}
	p.a = p.newSide(a, recsA)
	p.b = p.newSide(b, recsB)
	windows := analysis.Windows()
	for _, c := range analysis.Curve(p.a.side, p.b.side, p.Days, windows) {
		p.curve = append(p.curve, CurvePoint{WindowS: c.Window, Observed: c.Observed, Expected: c.Expected})
	}
	p.unit = analysis.UnitExpectation(p.a.profile, p.b.profile, p.Days, p.keys.app)
	for _, w := range windows {
		_, perKey := analysis.Count(p.a.side, p.b.side, w)
		p.scaleCounts = append(p.scaleCounts, analysis.ByApp(perKey, p.keys.app))
	}
	return p
}

func (p *PairData) newSide(msisdn string, recs []store.DataEvent) pairSide {
	evs := p.keys.events(recs)
	side := analysis.NewSide(evs)
	s := pairSide{msisdn: msisdn, records: recs, side: side, profile: side.Profile(), perApp: map[string]int{}}
	for _, e := range evs {
		s.perApp[p.keys.app(e.Key)]++
	}
	return s
}

// CurvePoint is one point of the chance plot: matches observed and expected
// by chance at one window.
type CurvePoint struct {
	WindowS  int64   `json:"window_s"`
	Observed int     `json:"observed"`
	Expected float64 `json:"expected"`
}

// AppResult is one application's line of the correlation (Figure 3's "on
// WhatsApp together 7 times, 0.39 of the total", with chance beside it).
type AppResult struct {
	App      string  `json:"app"`
	Matches  int     `json:"matches"`
	Share    float64 `json:"share"` // Matches / total matches, 0 when there are none
	Expected float64 `json:"expected"`
	Ratio    float64 `json:"ratio"` // Matches / Expected, 0 when Expected is 0
	P        float64 `json:"p"`     // P(X >= Matches), X ~ Poisson(Expected)
	Score    float64 `json:"score"` // -log10 P, capped at analysis.MaxScore
	RecordsA int     `json:"records_a"`
	RecordsB int     `json:"records_b"`
}

// Correlation is the result of correlating two subscribers at one window:
// what the pane shows and `cdrtui correlate --json` prints.
type Correlation struct {
	A              string             `json:"a"`
	B              string             `json:"b"`
	WindowS        int64              `json:"window_s"`
	Match          Match              `json:"match"`
	Days           int                `json:"days"` // calendar days of the case (chance model)
	Pairs          int                `json:"pairs"`
	PerApp         map[string]int     `json:"per_app"`
	Expected       float64            `json:"expected"`
	ExpectedPerApp map[string]float64 `json:"expected_per_app"`
	Ratio          float64            `json:"ratio"`         // Pairs / Expected, 0 when Expected is 0
	P              float64            `json:"p"`             // see analysis.Evidence: the strongest application and window, corrected for Tests
	Score          float64            `json:"score"`         // -log10 P
	BestApp        string             `json:"best_app"`      // the application carrying the score
	BestWindowS    int64              `json:"best_window_s"` // the window (<= window_s) where it was strongest
	Tests          int                `json:"tests"`         // applications x windows looked at
	RecordsA       int                `json:"records_a"`     // data records of A
	RecordsB       int                `json:"records_b"`
	UnportedA      int                `json:"unported_a"` // of which without a destination port (never matched)
	UnportedB      int                `json:"unported_b"`
	Apps           []AppResult        `json:"apps"` // applications both used, most matches first
	Curve          []CurvePoint       `json:"curve"`
}

// At correlates the pair at window seconds (negative windows count as 0).
// It only sweeps the kept sides: no SQL, no sort.
func (p *PairData) At(window int64) *Correlation {
	window = max(window, 0)
	total, perKey := analysis.Count(p.a.side, p.b.side, window)
	expected, expPerKey := analysis.Expected(p.a.profile, p.b.profile, p.Days, window)
	c := &Correlation{A: p.A, B: p.B, WindowS: window, Match: p.Match, Days: p.Days, Pairs: total,
		Expected: expected,
		RecordsA: len(p.a.records), RecordsB: len(p.b.records),
		UnportedA: len(p.a.records) - p.a.side.Len(), UnportedB: len(p.b.records) - p.b.side.Len(),
		Curve: slices.Clone(p.curve)}
	c.PerApp, c.ExpectedPerApp = analysis.ByApp(perKey, p.keys.app), analysis.ByApp(expPerKey, p.keys.app)
	c.Ratio = ratio(total, expected)
	windows := analysis.ScanWindows(window)
	ev := analysis.ScanEvidence(windows, func(i int) map[string]int {
		if i < len(p.scaleCounts) && windows[i] == analysis.Windows()[i] {
			return p.scaleCounts[i] // counted once at load
		}
		return c.PerApp // window itself, off the scale
	}, p.unit)
	c.BestApp, c.BestWindowS, c.Tests, c.P, c.Score = ev.App, ev.Window, ev.Tests, ev.P, ev.Score
	for app, na := range p.a.perApp {
		nb := p.b.perApp[app]
		if nb == 0 {
			continue
		}
		r := AppResult{App: app, Matches: c.PerApp[app], Expected: c.ExpectedPerApp[app], RecordsA: na, RecordsB: nb}
		if total > 0 {
			r.Share = float64(r.Matches) / float64(total)
		}
		r.Ratio = ratio(r.Matches, r.Expected)
		r.P, r.Score = analysis.Surprise(r.Matches, r.Expected)
		c.Apps = append(c.Apps, r)
	}
	slices.SortFunc(c.Apps, func(x, y AppResult) int {
		return cmp.Or(cmp.Compare(y.Matches, x.Matches), cmp.Compare(y.Score, x.Score), cmp.Compare(x.App, y.App))
	})
	return c
}

func ratio(observed int, expected float64) float64 {
	if expected > 0 {
		return float64(observed) / expected
	}
	return 0
}

// MatchRow is one matched pair of records with where each came from.
type MatchRow struct {
	App     string `json:"app"`
	PortA   int    `json:"port_a"`
	PortB   int    `json:"port_b"`
	AStart  string `json:"a_start"` // wall clock as written in the evidence
	AEnd    string `json:"a_end"`   // "" when the record has no end
	BStart  string `json:"b_start"`
	BEnd    string `json:"b_end"`
	DeltaS  int64  `json:"delta_s"` // B start - A start
	ASource string `json:"a_source"`
	ALine   int64  `json:"a_line"`
	BSource string `json:"b_source"`
	BLine   int64  `json:"b_line"`
	ARecord int64  `json:"a_record"` // ipdr.id
	BRecord int64  `json:"b_record"`
}

// Matches lists the matched pairs at window, at most limit of them (limit
// <= 0: all), in the engine's order: application key, A start, B start.
func (p *PairData) Matches(window int64, limit int) []MatchRow {
	pairs := analysis.Pairs(p.a.side, p.b.side, max(window, 0), limit)
	out := make([]MatchRow, 0, len(pairs))
	for _, m := range pairs {
		ra, rb := &p.a.records[m.ARef], &p.b.records[m.BRef]
		aStart, aEnd := wallTimes(ra)
		bStart, bEnd := wallTimes(rb)
		out = append(out, MatchRow{App: p.keys.app(m.Key), PortA: ra.DestPort, PortB: rb.DestPort,
			AStart: aStart, AEnd: aEnd, BStart: bStart, BEnd: bEnd, DeltaS: m.Delta,
			ASource: p.paths[ra.SourceID], ALine: ra.Line, BSource: p.paths[rb.SourceID], BLine: rb.Line,
			ARecord: ra.ID, BRecord: rb.ID})
	}
	return out
}

func wallTimes(r *store.DataEvent) (start, end string) {
	start = wallString(r.Start + int64(r.WallOffset))
	if r.HasEnd {
		end = wallString(r.End + int64(r.WallOffset))
	}
	return start, end
}

// wallString writes wall-clock Unix seconds as analysis.WallLayout
// ("2006-01-02 15:04:05") without time.Format's layout parsing: listing
// thousands of pairs on every slider move formats tens of thousands of
// times. Years outside 0..9999 fall back to time.Format.
func wallString(wall int64) string {
	t := time.Unix(wall, 0).UTC()
	y, mo, d := t.Date()
	if y < 0 || y > 9999 {
		return t.Format(analysis.WallLayout)
	}
	h, mi, sec := t.Clock()
	var b [19]byte
	put := func(at, v, width int) {
		for i := at + width - 1; i >= at; i-- {
			b[i] = byte('0' + v%10)
			v /= 10
		}
	}
	put(0, y, 4)
	b[4] = '-'
	put(5, int(mo), 2)
	b[7] = '-'
	put(8, d, 2)
	b[10] = ' '
	put(11, h, 2)
	b[13] = ':'
	put(14, mi, 2)
	b[16] = ':'
	put(17, sec, 2)
	return string(b[:])
}

// Correlate correlates subscribers a and b (MSISDNs) of the case at window
// seconds, keyed by match: the one function behind the Correlation pane and
// `cdrtui correlate`.
func Correlate(ctx context.Context, st Case, dict *analysis.Dictionary, a, b string, window int64, match Match) (*Correlation, error) {
	p, err := LoadPair(ctx, st, dict, a, b, match)
	if err != nil {
		return nil, err
	}
	return p.At(window), nil
}
