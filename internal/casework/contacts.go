package casework

import (
	"cmp"
	"context"
	"slices"

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
// to Window: A's side, the records of everyone else within Window of one of
// A's records on the same key, and everyone's hour profiles on A's keys.
type ContactSet struct {
	A        string
	Match    Match
	Days     int
	Window   int64 // At answers for windows up to this one
	side     *analysis.Side
	profileA analysis.HourProfile
	recs     int
	others   []store.SubscriberRef
	sides    map[int64]*analysis.Side       // others' records near A's, sorted once
	prof     map[int64]analysis.HourProfile // others' hour profiles on A's keys
	unit     map[int64]map[string]float64   // chance matches per second of window, per application
	keys     *keyer
	read     int
}

// LoadContacts reads what ranking a's contacts at windows up to window
// needs. Others' records are read only where they can match: for each of
// A's keys, the destination ports of the case with that key, and on each,
// the merged intervals [t-window, t+window] around A's records (one range
// scan of ipdr_by_port each, so no row is read twice). Hour profiles come
// from the activity summary, never from the record table.
func LoadContacts(ctx context.Context, st Case, dict *analysis.Dictionary, a string, window int64, match Match) (*ContactSet, error) {
	return LoadContactsIn(ctx, st, dict, a, window, match, TimeScope{})
}

// LoadContactsIn is LoadContacts over the records in the time scope: A's
// records and the others' near them in it, the others' hour profiles
// counted from their records in it, the days of the case inside it.
func LoadContactsIn(ctx context.Context, st Case, dict *analysis.Dictionary, a string, window int64, match Match, ts TimeScope) (*ContactSet, error) {
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
	others, err := st.DataSubscribers(ctx)
	if err != nil {
		return nil, err
	}
	others = slices.DeleteFunc(others, func(r store.SubscriberRef) bool { return r.ID == id })
	casePorts, err := st.ActivityPorts(ctx)
	if err != nil {
		return nil, err
	}
	keys := newKeyer(dict, match)
	evs := keys.events(recs)
	cs := &ContactSet{A: a, Match: match, Days: days, Window: window, side: analysis.NewSide(evs), recs: len(recs),
		others: others, sides: map[int64]*analysis.Side{}, prof: map[int64]analysis.HourProfile{},
		unit: map[int64]map[string]float64{}, keys: keys}
	cs.profileA = cs.side.Profile()

	// A's starts per key, and the case's ports per key of A.
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
	var near *store.NearRecords
	if ts.Set() {
		near, err = st.RecordsInSpansIn(ctx, spans, id, ts.From, ts.To)
	} else {
		near, err = st.RecordsInSpans(ctx, spans, id)
	}
	if err != nil {
		return nil, err
	}
	cs.read = near.Len()
	nearBy := map[int64][]analysis.Event{}
	for i := range near.Len() {
		sub := near.Subscriber[i]
		nearBy[sub] = append(nearBy[sub], analysis.Event{Start: near.Start[i], Key: keys.key(near.Port[i]), Ref: len(nearBy[sub])})
	}
	for sub, evs := range nearBy {
		cs.sides[sub] = analysis.NewSide(evs)
	}
	var hours []store.PortHours
	if ts.Set() {
		hours, err = st.ActivityHoursIn(ctx, ports, ts.From, ts.To)
	} else {
		hours, err = st.ActivityHours(ctx, ports)
	}
	if err != nil {
		return nil, err
	}
	for _, h := range hours {
		p := cs.prof[h.Subscriber]
		if p == nil {
			p = analysis.HourProfile{}
			cs.prof[h.Subscriber] = p
		}
		k := keys.key(h.Port)
		acc := p[k]
		if acc == nil {
			acc = &[24]int{}
			p[k] = acc
		}
		for i, n := range h.Hours {
			acc[i] += n
		}
	}
	for sub := range cs.sides {
		cs.unit[sub] = analysis.UnitExpectation(cs.profileA, cs.prof[sub], days, keys.app)
	}
	return cs, nil
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

// Covers reports whether At can answer for window (it was loaded for a
// window at least as large).
func (cs *ContactSet) Covers(window int64) bool { return max(window, 0) <= cs.Window }

// At ranks every other subscriber with data records against A at window
// (which must be covered: a larger one is answered as cs.Window) by the
// evidence of their coincidences (see analysis.Evidence: per application, at the
// windows of the slider's scale up to window; the pair view's score), and
// keeps the best top (top <= 0: all). Pairs, Expected and Ratio are those
// at window itself, as the pair view shows them.
func (cs *ContactSet) At(window int64, top int) *ContactList {
	window = min(max(window, 0), cs.Window)
	windows := analysis.ScanWindows(window)
	out := &ContactList{A: cs.A, WindowS: window, Match: cs.Match, Days: cs.Days, RecordsA: cs.recs,
		Candidates: len(cs.others), Scanned: cs.read, Contacts: make([]Contact, 0, len(cs.others))}
	for _, o := range cs.others {
		expected, _ := analysis.Expected(cs.profileA, cs.prof[o.ID], cs.Days, window)
		c := Contact{MSISDN: o.MSISDN, Expected: expected, P: 1}
		if side := cs.sides[o.ID]; side != nil {
			if pairs := analysis.Pairs(cs.side, side, window, 0); len(pairs) > 0 {
				counts := analysis.LagCounts(pairs, windows, cs.keys.app)
				c.Pairs, c.PerApp = len(pairs), counts[len(counts)-1]
				ev := analysis.ScanEvidence(windows, func(i int) map[string]int { return counts[i] }, cs.unit[o.ID])
				c.BestApp, c.BestWindowS, c.P, c.Score = ev.App, ev.Window, ev.P, ev.Score
			}
		}
		c.Ratio = ratio(c.Pairs, c.Expected)
		out.Contacts = append(out.Contacts, c)
	}
	slices.SortFunc(out.Contacts, func(x, y Contact) int {
		return cmp.Or(cmp.Compare(y.Score, x.Score), cmp.Compare(y.Pairs, x.Pairs), cmp.Compare(x.MSISDN, y.MSISDN))
	})
	if top > 0 && len(out.Contacts) > top {
		out.Contacts = out.Contacts[:top]
	}
	return out
}

// Contacts ranks every other subscriber of the case against a (MSISDN) at
// window seconds, keyed by application, by the chance-corrected score, and
// keeps the best top (top <= 0: all): the one function behind the pane's
// "Contacts of A" and `cdrtui contacts`.
func Contacts(ctx context.Context, st Case, dict *analysis.Dictionary, a string, window int64, top int) (*ContactList, error) {
	return ContactsIn(ctx, st, dict, a, window, top, TimeScope{})
}

// ContactsIn is Contacts over the records in the time scope.
func ContactsIn(ctx context.Context, st Case, dict *analysis.Dictionary, a string, window int64, top int, ts TimeScope) (*ContactList, error) {
	cs, err := LoadContactsIn(ctx, st, dict, a, window, MatchApp, ts)
	if err != nil {
		return nil, err
	}
	return cs.At(window, top), nil
}
