package casework

import (
	"cmp"
	"context"
	"slices"
	"sync"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
)

// Contact is one subscriber's correlation with A in the contacts ranking.
type Contact struct {
	MSISDN      string         `json:"msisdn"`
	Pairs       int            `json:"pairs"`
	Expected    float64        `json:"expected"`
	Ratio       float64        `json:"ratio"`
	P           float64        `json:"p"`     // see analysis.Evidence
	Score       float64        `json:"score"` // -log10 P: the ranking
	BestApp     string         `json:"best_app,omitempty"`
	BestWindowS int64          `json:"best_window_s,omitempty"`
	PerApp      map[string]int `json:"per_app,omitempty"`
}

// ContactList is A's contacts ranked by the chance-corrected score (never
// by raw count; see analysis.Evidence), best first: what the pane's "Contacts of A" shows and
// `cdrtui contacts --json` prints.
type ContactList struct {
	A          string    `json:"a"`
	WindowS    int64     `json:"window_s"`
	Match      Match     `json:"match"`
	Days       int       `json:"days"`
	RecordsA   int       `json:"records_a"`
	Candidates int       `json:"candidates"`      // other subscribers with data records, all ranked
	Scanned    int       `json:"records_scanned"` // others' records read near A's
	Contacts   []Contact `json:"contacts"`
}

// ContactSet is what ranking A's contacts needs, loaded once for windows up
// to Window in one sweep: for every other subscriber, the matches with A per
// application at each window of the slider's scale up to Window (and Window
// itself), and everyone's hour profiles on A's keys. Ranking at a covered
// window (At) is then a lookup, never a reload; the others' records are not
// kept.
type ContactSet struct {
	A        string
	Match    Match
	Days     int
	Window   int64    // At answers for windows up to this one
	windows  []int64  // counted: 0, the scale up to Window, Window
	apps     []string // applications of A's keys, sorted
	profileA analysis.HourProfile
	recs     int
	others   []store.SubscriberRef
	cands    map[int64]*contactCounts // others with a match within Window
	keysA    []string                 // A's keys, sorted
	prod     map[int64][]int64        // others' hour products with A per key of keysA (analysis.ExpectedOfProducts); nil: none
	read     int

	mu sync.Mutex // guards the candidates' per-window evidence, kept as At finds it
}

// contactCounts is one other subscriber's matches with A.
type contactCounts struct {
	counts [][]int64 // [app][i]: matches on apps[app] within windows[i]; nil for an application without any
	unit   map[string]float64
	best   []analysis.WindowBest // the strongest application at windows[i], for i < len(best)
}

// ContactsLoadWindow is the window the workbench loads contacts for when
// the slider shows w: the top of the slider's scale (or w when larger), so
// that every step of the slider is answered from the set loaded.
func ContactsLoadWindow(w int64) int64 {
	ws := analysis.Windows()
	return max(w, ws[len(ws)-1])
}

// LoadContacts reads what ranking a's contacts at windows up to window
// needs. Others' records are read only where they can match: for each of
// A's keys, the destination ports of the case with that key, and on each,
// the merged intervals [t-window, t+window] around A's records (one range
// scan of ipdr_by_port each, so no row is read twice). Each record read is
// counted against A's records at every window of the scale at once and
// dropped. Hour profiles come from the activity summary, never from the
// record table.
func LoadContacts(ctx context.Context, st Case, dict *analysis.Dictionary, a string, window int64, match Match) (*ContactSet, error) {
	return LoadContactsIn(ctx, st, dict, a, window, match, TimeScope{})
}

// LoadContactsIn is LoadContacts over the records in the time scope: A's
// records and the others' near them in it, the others' hour profiles
// counted from their records in it, the days of the case inside it.
func LoadContactsIn(ctx context.Context, st Case, dict *analysis.Dictionary, a string, window int64, match Match, ts TimeScope) (*ContactSet, error) {
	p, err := prepareContacts(ctx, st, dict, a, window, match, ts)
	if err != nil {
		return nil, err
	}
	others, err := st.DataSubscribers(ctx)
	if err != nil {
		return nil, err
	}
	others = slices.DeleteFunc(others, func(r store.SubscriberRef) bool { return r.ID == p.id })
	cs, keys, side, keyApp, spans, ports, id := p.cs, p.keys, p.side, p.keyApp, p.spans, p.ports, p.id
	cs.others = others

	gaps := newGapCounter(keys, side, keyApp, cs.windows)
	nw := len(cs.windows)
	// Every record's gaps go to one histogram, application-major, then
	// candidate, then window: records come port by port, so the counts of
	// the application being read (a few thousand candidates' windows) stay
	// in the processor's cache, and one index reaches a record's counts.
	// Others are numbered densely by their place in others (their ids may
	// be sparse); a record of a subscriber not among them (none with data
	// records should be) counts under a number of its own.
	dense := map[int64]int{}
	for i, o := range others {
		dense[o.ID] = i
	}
	var byID []int32 // dense number + 1 by subscriber id, for ids below len
	if n := len(others); n > 0 {
		byID = make([]int32, min(others[n-1].ID+1, 1<<22))
		for i, o := range others {
			if o.ID >= 0 && o.ID < int64(len(byID)) {
				byID[o.ID] = int32(i + 1)
			}
		}
	}
	subs := slices.Clone(others)          // the subscriber of each dense number
	hist := make([][]int64, len(cs.apps)) // [app][dense*nw+i], made when the application is first read
	count := func(sub int64, port int, start int64) {
		cs.read++
		app, near := gaps.near(port, start)
		if len(near) == 0 {
			return
		}
		d := -1
		if sub >= 0 && sub < int64(len(byID)) {
			d = int(byID[sub]) - 1
		} else if i, ok := dense[sub]; ok {
			d = i
		}
		if d < 0 {
			d = len(subs)
			dense[sub] = d
			subs = append(subs, store.SubscriberRef{ID: sub})
			for a := range hist {
				if hist[a] != nil {
					hist[a] = append(hist[a], make([]int64, nw)...)
				}
			}
		}
		h := hist[app]
		if h == nil {
			h = make([]int64, (len(subs)+1)*nw)
			hist[app] = h
		}
		row := h[d*nw : d*nw+nw : d*nw+nw]
		for _, b := range near {
			row[b.I] += b.N
		}
	}
	if ts.Set() {
		err = st.EachRecordInSpansIn(ctx, spans, id, ts.From, ts.To, count)
	} else {
		err = st.EachRecordInSpans(ctx, spans, id, count)
	}
	if err != nil {
		return nil, err
	}
	// a candidate is a subscriber with a match within Window; its rows are
	// the applications it matched on (nil for the others), cumulative
	for d, o := range subs {
		var c *contactCounts
		for a, h := range hist {
			if h == nil || d*nw+nw > len(h) {
				continue
			}
			row := h[d*nw : d*nw+nw : d*nw+nw]
			for i := 1; i < nw; i++ {
				row[i] += row[i-1]
			}
			if row[nw-1] == 0 {
				continue
			}
			if c == nil {
				c = &contactCounts{counts: make([][]int64, len(cs.apps))}
				cs.cands[o.ID] = c
			}
			c.counts[a] = row
		}
	}
	if err := cs.loadProducts(ctx, st, keys, ports, ts); err != nil {
		return nil, err
	}
	for sub, c := range cs.cands {
		_, perKey := analysis.ExpectedOfProducts(cs.keysA, cs.prod[sub], cs.Days, 0)
		c.unit = analysis.ByApp(perKey, keys.app)
	}
	return cs, nil
}

// contactPrep is what ranking A's contacts reads of A, whatever holds
// the others: the set (without others), A's keys, side and their
// applications, and where and on which ports others' records can match.
type contactPrep struct {
	cs     *ContactSet
	id     int64
	keys   *keyer
	side   *analysis.Side
	keyApp []int // application (index in cs.apps) of each of side's keys
	spans  []store.PortSpan
	ports  []int
}

// prepareContacts reads A's records (in the scope), the case's days and
// ports, and works out A's keys, applications and spans.
func prepareContacts(ctx context.Context, st Case, dict *analysis.Dictionary, a string, window int64, match Match, ts TimeScope) (*contactPrep, error) {
	if _, err := ParseMatch(string(match)); err != nil {
		return nil, err
	}
	window = max(window, 0)
	id, err := st.SubscriberID(ctx, a)
	if err != nil {
		return nil, err
	}
	recs, err := st.DataEvents(ctx, id)
	if err != nil {
		return nil, err
	}
	recs = ts.events(recs)
	days, err := ts.days(ctx, st)
	if err != nil {
		return nil, err
	}
	casePorts, err := st.ActivityPorts(ctx)
	if err != nil {
		return nil, err
	}
	keys := newKeyer(dict, match)
	evs := keys.events(recs)
	side := analysis.NewSide(evs)
	cs := &ContactSet{A: a, Match: match, Days: days, Window: window, windows: countedWindows(window),
		profileA: side.Profile(), recs: len(recs),
		cands: map[int64]*contactCounts{}, prod: map[int64][]int64{}}

	// A's applications, and each of A's keys' application.
	sideKeys := side.Keys()
	for _, k := range sideKeys {
		cs.apps = append(cs.apps, keys.app(k))
	}
	slices.Sort(cs.apps)
	cs.apps = slices.Compact(cs.apps)
	keyApp := make([]int, len(sideKeys))
	for i, k := range sideKeys {
		keyApp[i], _ = slices.BinarySearch(cs.apps, keys.app(k))
	}
	spans, ports := contactSpans(keys, evs, casePorts, window)
	return &contactPrep{cs: cs, id: id, keys: keys, side: side, keyApp: keyApp, spans: spans, ports: ports}, nil
}

// contactSpans is where others' records can match A's events at window:
// for each of A's keys, on each port of the case with that key, the merged
// intervals [t-window, t+window] around A's starts, by port then time (so
// each port's records come in ascending start and the sweep's pointers
// only move forward); and those ports.
func contactSpans(keys *keyer, evs []analysis.Event, casePorts []int, window int64) ([]store.PortSpan, []int) {
	startsByKey := map[string][]int64{}
	for _, e := range evs {
		startsByKey[e.Key] = append(startsByKey[e.Key], e.Start)
	}
	portsByKey := map[string][]int{}
	var ports []int
	for _, p := range casePorts {
		if k := keys.key(p); k != "" && startsByKey[k] != nil {
			portsByKey[k] = append(portsByKey[k], p)
			ports = append(ports, p)
		}
	}
	var spans []store.PortSpan
	for k, starts := range startsByKey {
		for _, iv := range mergeWindows(starts, window) {
			for _, p := range portsByKey[k] {
				spans = append(spans, store.PortSpan{Port: p, From: iv[0], To: iv[1]})
			}
		}
	}
	slices.SortFunc(spans, func(x, y store.PortSpan) int { return cmp.Or(cmp.Compare(x.Port, y.Port), cmp.Compare(x.From, y.From)) })
	return spans, ports
}

// mergeWindows returns the intervals [t-w, t+w] around starts, merged where
// they overlap or touch, ascending. starts need not be sorted.
func mergeWindows(starts []int64, w int64) [][2]int64 {
	s := slices.Clone(starts)
	slices.Sort(s)
	var out [][2]int64
	for _, t := range s {
		lo, hi := t-w, t+w
		if n := len(out); n > 0 && lo <= out[n-1][1]+1 {
			out[n-1][1] = max(out[n-1][1], hi)
			continue
		}
		out = append(out, [2]int64{lo, hi})
	}
	return out
}

// countedWindows is what a set loaded for window counts matches at: 0 and
// ScanWindows(window), ascending.
func countedWindows(window int64) []int64 {
	if window == 0 {
		return []int64{0}
	}
	return append([]int64{0}, analysis.ScanWindows(window)...)
}

// scan is the indexes into cs.windows of ScanWindows(cs.windows[j]).
func (cs *ContactSet) scan(j int) (from, to int) {
	if j == 0 {
		return 0, 1
	}
	return 1, j + 1
}

// Covers reports whether At can answer for window: it was loaded for a
// window at least as large, and window is on the slider's scale or the
// window loaded.
func (cs *ContactSet) Covers(window int64) bool {
	window = max(window, 0)
	_, found := slices.BinarySearch(cs.windows, window)
	return window <= cs.Window && found
}

// At ranks every other subscriber with data records against A at window
// by the evidence of their coincidences (see analysis.Evidence: per
// application, at the windows of the slider's scale up to window; the pair
// view's score), and keeps the best top (top <= 0: all). Pairs, Expected
// and Ratio are those at window itself, as the pair view shows them.
// window should be covered (Covers); one that is not is answered at the
// largest covered window below it (a larger one as cs.Window), which
// WindowS says.
func (cs *ContactSet) At(window int64, top int) *ContactList {
	j := cs.windowIndex(window)
	window = cs.windows[j]
	out := &ContactList{A: cs.A, WindowS: window, Match: cs.Match, Days: cs.Days, RecordsA: cs.recs,
		Candidates: len(cs.others), Scanned: cs.read}
	if cs.recs == 0 {
		// A has no data record: no one coincides with A, so none is
		// ranked (a list of everyone at zero would read as a ranking)
		out.Contacts = []Contact{}
		return out
	}
	cs.mu.Lock()
	defer cs.mu.Unlock()
	// every other subscriber is scored; the per-application counts are
	// written only for those kept (top), after the ranking
	all := make([]rankedContact, 0, len(cs.others))
	for _, o := range cs.others {
		all = append(all, cs.score(o, cs.cands[o.ID], cs.prod[o.ID], j))
	}
	slices.SortFunc(all, compareRanked)
	if top > 0 && len(all) > top {
		all = all[:top]
	}
	out.Contacts = cs.contacts(all, j)
	return out
}

// windowIndex is the index in cs.windows of the window At answers for
// window at.
func (cs *ContactSet) windowIndex(window int64) int {
	window = min(max(window, 0), cs.Window)
	j, found := slices.BinarySearch(cs.windows, window)
	if !found {
		j-- // windows[0] == 0 <= window: j >= 0
	}
	return j
}

// rankedContact is a subscriber scored, with its matches (nil: none).
type rankedContact struct {
	Contact
	cc *contactCounts
}

// compareRanked orders the ranking: best score, then most pairs, then
// MSISDN.
func compareRanked(x, y rankedContact) int {
	return cmp.Or(cmp.Compare(y.Score, x.Score), cmp.Compare(y.Pairs, x.Pairs), cmp.Compare(x.MSISDN, y.MSISDN))
}

// score scores o against A at cs.windows[j] from its matches (cc, nil:
// none) and its hour products with A (prod); cs.mu held.
func (cs *ContactSet) score(o store.SubscriberRef, cc *contactCounts, prod []int64, j int) rankedContact {
	from, to := cs.scan(j)
	window := cs.windows[j]
	expected, _ := analysis.ExpectedOfProducts(cs.keysA, prod, cs.Days, window)
	r := rankedContact{Contact: Contact{MSISDN: o.MSISDN, Expected: expected, P: 1}}
	if cc != nil {
		pairs := 0
		for a := range cs.apps {
			pairs += count(cc.counts[a], j)
		}
		if pairs > 0 {
			r.Pairs, r.cc = pairs, cc
			tests := 0
			for _, u := range cc.unit {
				if u > 0 {
					tests++
				}
			}
			for a, app := range cs.apps {
				if count(cc.counts[a], j) > 0 && !(cc.unit[app] > 0) {
					tests++ // matched without an expectation: looked at too
				}
			}
			ev := analysis.CombineEvidence(cs.windows[from:to], cs.bests(cc, j)[from:to], tests*(to-from))
			r.BestApp, r.BestWindowS, r.P, r.Score = ev.App, ev.Window, ev.P, ev.Score
		}
	}
	r.Ratio = ratio(r.Pairs, r.Expected)
	return r
}

// contacts is the ranked kept, their per-application counts at
// cs.windows[j] written.
func (cs *ContactSet) contacts(kept []rankedContact, j int) []Contact {
	out := make([]Contact, len(kept))
	for i, r := range kept {
		if r.cc != nil {
			r.PerApp = map[string]int{}
			for a, app := range cs.apps {
				if n := count(r.cc.counts[a], j); n > 0 {
					r.PerApp[app] = n
				}
			}
		}
		out[i] = r.Contact
	}
	return out
}

// count is row[i], 0 for a nil row.
func count(row []int64, i int) int {
	if row == nil {
		return 0
	}
	return int(row[i])
}

// bests is the strongest application of c at each of windows[:j+1],
// searched once per window and kept (cs.mu held).
func (cs *ContactSet) bests(c *contactCounts, j int) []analysis.WindowBest {
	for i := len(c.best); i <= j; i++ {
		c.best = append(c.best, analysis.BestAtWindow(cs.windows[i], cs.apps,
			func(a int) int { return count(c.counts[a], i) }, c.unit))
	}
	return c.best[:j+1]
}

// Contacts ranks every other subscriber of the case against a (MSISDN) at
// window seconds, keyed by application, by the chance-corrected score, and
// keeps the best top (top <= 0: all): the one function behind the pane's
// "Contacts of A" and `cdrtui contacts`.
func Contacts(ctx context.Context, st Case, dict *analysis.Dictionary, a string, window int64, top int) (*ContactList, error) {
	return ContactsIn(ctx, st, dict, a, window, top, TimeScope{})
}

// ContactsIn is Contacts over the records in the time scope. A case that
// hands the others over one at a time (a cluster case: contactStreamer)
// is ranked as they come, keeping only the top.
func ContactsIn(ctx context.Context, st Case, dict *analysis.Dictionary, a string, window int64, top int, ts TimeScope) (*ContactList, error) {
	if cst, ok := st.(contactStreamer); ok {
		return contactsStreamed(ctx, st, cst, dict, a, window, top, ts)
	}
	cs, err := LoadContactsIn(ctx, st, dict, a, window, MatchApp, ts)
	if err != nil {
		return nil, err
	}
	return cs.At(window, top), nil
}
