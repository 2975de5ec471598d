package casework

import (
	"cmp"
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
)

// refContacts is the straightforward ranking the sweep replaced, kept as
// the reference: every other subscriber's records near A's are loaded and
// sorted, every matched pair is listed at window (analysis.Pairs), counted
// per application and window by LagCounts, and judged by ScanEvidence.
func refContacts(t *testing.T, st *store.Store, dict *analysis.Dictionary, a string, window int64, match Match, ts TimeScope) *ContactList {
	t.Helper()
	ctx := context.Background()
	fail := func(err error) {
		if err != nil {
			t.Helper()
			t.Fatal(err)
		}
	}
	window = max(window, 0)
	id, err := st.SubscriberID(ctx, a)
	fail(err)
	recs, err := st.DataEvents(ctx, id)
	fail(err)
	recs = ts.events(recs)
	days, err := ts.days(ctx, st)
	fail(err)
	others, err := st.DataSubscribers(ctx)
	fail(err)
	others = slices.DeleteFunc(others, func(r store.SubscriberRef) bool { return r.ID == id })
	casePorts, err := st.ActivityPorts(ctx)
	fail(err)
	keys := newKeyer(dict, match)
	evs := keys.events(recs)
	sideA := analysis.NewSide(evs)
	profileA := sideA.Profile()
	startsByKey := map[string][]int64{}
	for _, e := range evs {
		startsByKey[e.Key] = append(startsByKey[e.Key], e.Start)
	}
	var ports []int
	var spans []store.PortSpan
	for _, p := range casePorts {
		k := keys.key(p)
		if k == "" || startsByKey[k] == nil {
			continue
		}
		ports = append(ports, p)
		for _, iv := range mergeWindows(startsByKey[k], window) {
			spans = append(spans, store.PortSpan{Port: p, From: iv[0], To: iv[1]})
		}
	}
	var near *store.NearRecords
	if ts.Set() {
		near, err = st.RecordsInSpansIn(ctx, spans, id, ts.From, ts.To)
	} else {
		near, err = st.RecordsInSpans(ctx, spans, id)
	}
	fail(err)
	nearBy := map[int64][]analysis.Event{}
	for i := range near.Len() {
		sub := near.Subscriber[i]
		nearBy[sub] = append(nearBy[sub], analysis.Event{Start: near.Start[i], Key: keys.key(near.Port[i]), Ref: len(nearBy[sub])})
	}
	var hours []store.PortHours
	if ts.Set() {
		hours, err = st.ActivityHoursIn(ctx, ports, ts.From, ts.To)
	} else {
		hours, err = st.ActivityHours(ctx, ports)
	}
	fail(err)
	prof := map[int64]analysis.HourProfile{}
	for _, h := range hours {
		p := prof[h.Subscriber]
		if p == nil {
			p = analysis.HourProfile{}
			prof[h.Subscriber] = p
		}
		k := keys.key(h.Port)
		if p[k] == nil {
			p[k] = &[24]int{}
		}
		for i, n := range h.Hours {
			p[k][i] += n
		}
	}
	windows := analysis.ScanWindows(window)
	out := &ContactList{A: a, WindowS: window, Match: match, Days: days, RecordsA: len(recs),
		Candidates: len(others), Scanned: near.Len(), Contacts: []Contact{}}
	for _, o := range others {
		expected, _ := analysis.Expected(profileA, prof[o.ID], days, window)
		c := Contact{MSISDN: o.MSISDN, Expected: expected, P: 1}
		if evs := nearBy[o.ID]; evs != nil {
			if pairs := analysis.Pairs(sideA, analysis.NewSide(evs), window, 0); len(pairs) > 0 {
				counts := analysis.LagCounts(pairs, windows, keys.app)
				unit := analysis.UnitExpectation(profileA, prof[o.ID], days, keys.app)
				c.Pairs, c.PerApp = len(pairs), counts[len(counts)-1]
				ev := analysis.ScanEvidence(windows, func(i int) map[string]int { return counts[i] }, unit)
				c.BestApp, c.BestWindowS, c.P, c.Score = ev.App, ev.Window, ev.P, ev.Score
			}
		}
		c.Ratio = ratio(c.Pairs, c.Expected)
		out.Contacts = append(out.Contacts, c)
	}
	slices.SortFunc(out.Contacts, func(x, y Contact) int {
		return cmp.Or(cmp.Compare(y.Score, x.Score), cmp.Compare(y.Pairs, x.Pairs), cmp.Compare(x.MSISDN, y.MSISDN))
	})
	return out
}

// The sweep gives exactly the reference's ranking (every figure, bit for
// bit, every subscriber) on generated cases: for the busiest subscriber, a
// planted pair member and the heavy decoy, in both match modes, in and out
// of a time scope, at windows of the slider's scale (every one, matched by
// application over the whole case) from one set loaded at the top of the
// scale (the pane's way), and at windows loaded for themselves (the CLI's
// way, on and off the scale).
func TestContactsSweepMatchesReference(t *testing.T) {
	ctx := context.Background()
	dict := analysis.DefaultDictionary()
	truth, st := generatedCase(t, 7)
	busiest := busiestSubscriber(t, st)
	first, last, _, err := st.WallSpan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	scopes := []TimeScope{{}, {From: first + (last-first)/3, To: first + 2*(last-first)/3}}
	for _, a := range []string{busiest, truth.Pairs[0].A, truth.HeavyDecoy.MSISDN} {
		for _, match := range []Match{MatchApp, MatchPort} {
			for _, ts := range scopes {
				set, err := LoadContactsIn(ctx, st, dict, a, ContactsLoadWindow(DefaultWindow), match, ts)
				if err != nil {
					t.Fatal(err)
				}
				windows := []int64{0, 1, 20, DefaultWindow, 3600}
				if match == MatchApp && !ts.Set() {
					windows = append([]int64{0}, analysis.Windows()...)
				}
				for _, w := range windows {
					want := refContacts(t, st, dict, a, w, match, ts)
					if !set.Covers(w) {
						t.Fatalf("a set loaded at 1 h does not cover %d s", w)
					}
					got := set.At(w, 0)
					got.Scanned = want.Scanned // read once at 1 h, by design
					if !reflect.DeepEqual(got, want) {
						t.Fatalf("%s %s %v w=%d: sweep and reference differ:\n%s", a, match, ts, w, firstDiff(got, want))
					}
				}
				for _, w := range []int64{7, 181} {
					got, err := LoadContactsIn(ctx, st, dict, a, w, match, ts)
					if err != nil {
						t.Fatal(err)
					}
					if want := refContacts(t, st, dict, a, w, match, ts); !reflect.DeepEqual(got.At(w, 0), want) {
						t.Fatalf("%s %s %v loaded at %d: sweep and reference differ:\n%s", a, match, ts, w, firstDiff(got.At(w, 0), want))
					}
				}
			}
		}
	}
}

// busiestSubscriber is the MSISDN with the most data records.
func busiestSubscriber(t *testing.T, st *store.Store) string {
	t.Helper()
	var msisdn string
	if err := st.DB().QueryRow(`SELECT msisdn FROM subscribers ORDER BY data_records DESC, id LIMIT 1`).Scan(&msisdn); err != nil {
		t.Fatal(err)
	}
	return msisdn
}

// firstDiff describes the first difference of two lists.
func firstDiff(got, want *ContactList) string {
	g, w := *got, *want
	g.Contacts, w.Contacts = nil, nil
	if !reflect.DeepEqual(g, w) {
		return "header " + sprint(g) + " vs " + sprint(w)
	}
	for i := range min(len(got.Contacts), len(want.Contacts)) {
		if !reflect.DeepEqual(got.Contacts[i], want.Contacts[i]) {
			return "row " + sprint(i) + ": " + sprint(got.Contacts[i]) + " vs " + sprint(want.Contacts[i])
		}
	}
	return "lengths " + sprint(len(got.Contacts)) + " vs " + sprint(len(want.Contacts))
}

func sprint(v any) string { return fmt.Sprintf("%+v", v) }
