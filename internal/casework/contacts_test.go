package casework

import (
	"context"
	"math"
	"reflect"
	"testing"

	"github.com/cdrtui/cdrtui/internal/analysis"
)

func TestMergeWindows(t *testing.T) {
	tests := []struct {
		starts []int64
		w      int64
		want   [][2]int64
	}{
		{nil, 5, nil},
		{[]int64{10}, 0, [][2]int64{{10, 10}}},
		{[]int64{10, 0, 5, 100}, 2, [][2]int64{{-2, 12}, {98, 102}}}, // [3,7] touches [-2,2]; [8,12] touches [-2,7]
		{[]int64{0, 6}, 2, [][2]int64{{-2, 2}, {4, 8}}},              // a gap of one second (3) stays
		{[]int64{7, 7, 7}, 1, [][2]int64{{6, 8}}},
	}
	for _, tt := range tests {
		if got := mergeWindows(tt.starts, tt.w); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("mergeWindows(%v, %d) = %v, want %v", tt.starts, tt.w, got, tt.want)
		}
	}
}

// The heavy user H has four times B's coincidences with A but about as many
// as chance gives two independent users of WhatsApp at that hour; B has 7
// where 2.1 are expected. B ranks first, H second, U (no pairs) last.
func TestContactsFixture(t *testing.T) {
	st := fixtureStore(t)
	ctx := context.Background()
	dict := analysis.DefaultDictionary()
	list, err := Contacts(ctx, st, dict, msisdnA, 180, 0)
	if err != nil {
		t.Fatal(err)
	}
	if list.A != msisdnA || list.WindowS != 180 || list.Match != MatchApp || list.Days != 1 || list.RecordsA != 7 || list.Candidates != 3 {
		t.Errorf("header = %+v", list)
	}
	var order []string
	for _, c := range list.Contacts {
		order = append(order, c.MSISDN)
	}
	if want := []string{msisdnB, msisdnH, msisdnU}; !reflect.DeepEqual(order, want) {
		t.Fatalf("order = %v, want %v", order, want)
	}
	// H: 7 records (t-180 .. t+180 by minutes) around each of A's 4
	// WhatsApp records; its hour 10 holds 60 of them.
	wantPairs := map[string]int{msisdnB: 7, msisdnH: 28, msisdnU: 0}
	wantExpected := map[string]float64{msisdnB: 21 * 361.0 / 3600, msisdnH: 4 * 60 * 361.0 / 3600, msisdnU: 0}
	for _, c := range list.Contacts {
		if c.Pairs != wantPairs[c.MSISDN] || !near(c.Expected, wantExpected[c.MSISDN]) {
			t.Errorf("%s: pairs %d expected %v, want %d %v", c.MSISDN, c.Pairs, c.Expected, wantPairs[c.MSISDN], wantExpected[c.MSISDN])
		}
	}
	// B: the pair view's evidence (5 WhatsApp matches within 1 s, 2 apps x
	// 13 windows). H: WhatsApp only; its records fall on A's whole minutes,
	// so 4 matches within 1 s where 240 x 3/3600 = 0.2 were expected, 13
	// windows.
	pB, sB := analysis.Surprise(5, 20*3.0/3600)
	pH, sH := analysis.Surprise(4, 240*3.0/3600)
	wantP := map[string]float64{msisdnB: 26 * pB, msisdnH: 13 * pH, msisdnU: 1}
	wantScore := map[string]float64{msisdnB: sB - math.Log10(26), msisdnH: sH - math.Log10(13), msisdnU: 0}
	for _, c := range list.Contacts {
		if !near(c.P, wantP[c.MSISDN]) || !near(c.Score, wantScore[c.MSISDN]) {
			t.Errorf("%s: p %v score %v, want %v %v", c.MSISDN, c.P, c.Score, wantP[c.MSISDN], wantScore[c.MSISDN])
		}
	}
	if h := list.Contacts[1]; h.Pairs <= list.Contacts[0].Pairs {
		t.Errorf("the fixture should make H's raw count the larger: %d vs %d", h.Pairs, list.Contacts[0].Pairs)
	}
	// Only records near A's were read, each once: WhatsApp windows
	// [09:57,10:03] [10:07,10:13] [10:47,10:53] on 5222/5223/5228 and Web
	// [10:17,10:23] on 443 hold B1, B2 (at the edge), B4, B5, B6 (not B3 at
	// 10:13:01) and 3 x 7 of H's minutes: 26.
	if list.Scanned != 26 {
		t.Errorf("read %d records near A's, want 26", list.Scanned)
	}
}

// Contacts and the pair view give the same numbers for every candidate at
// every window (independent paths: range scans and activity profiles vs
// both subscribers' full records), including at the window edges.
func TestContactsAgreeWithCorrelate(t *testing.T) {
	st := fixtureStore(t)
	ctx := context.Background()
	dict := analysis.DefaultDictionary()
	for _, w := range []int64{0, 1, 59, 60, 179, 180, 181, 600, 3600} {
		for _, match := range []Match{MatchApp, MatchPort} {
			cs, err := LoadContacts(ctx, st, dict, msisdnA, w, match)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range cs.At(w, 0).Contacts {
				pair, err := Correlate(ctx, st, dict, msisdnA, c.MSISDN, w, match)
				if err != nil {
					t.Fatal(err)
				}
				if c.Pairs != pair.Pairs || !near(c.Expected, pair.Expected) || !near(c.Score, pair.Score) {
					t.Errorf("w=%d %s %s: contacts %d %v %v, pair %d %v %v", w, match, c.MSISDN,
						c.Pairs, c.Expected, c.Score, pair.Pairs, pair.Expected, pair.Score)
				}
				if c.Pairs > 0 && !reflect.DeepEqual(c.PerApp, pair.PerApp) {
					t.Errorf("w=%d %s %s: per app %v vs %v", w, match, c.MSISDN, c.PerApp, pair.PerApp)
				}
			}
		}
	}
}

// A set loaded for a window answers 0 and every window of the slider's
// scale below it exactly as a set loaded for that window; Covers says
// which; a window off the scale is answered at the scale's window below it,
// as WindowS says.
func TestContactSetSmallerWindows(t *testing.T) {
	st := fixtureStore(t)
	ctx := context.Background()
	dict := analysis.DefaultDictionary()
	big, err := LoadContacts(ctx, st, dict, msisdnA, 600, MatchApp)
	if err != nil {
		t.Fatal(err)
	}
	if !big.Covers(600) || !big.Covers(0) || !big.Covers(1) || !big.Covers(180) || big.Covers(601) || big.Covers(179) || big.Covers(3600) {
		t.Error("Covers is wrong")
	}
	for _, w := range []int64{0, 1, 2, 60, 120, 180, 300, 450, 600} {
		small, err := Contacts(ctx, st, dict, msisdnA, w, 0)
		if err != nil {
			t.Fatal(err)
		}
		got := big.At(w, 0)
		got.Scanned = small.Scanned // the larger load read more, by design
		if !reflect.DeepEqual(got, small) {
			t.Errorf("w=%d: set loaded at 600 s gives %+v, want %+v", w, got.Contacts, small.Contacts)
		}
	}
	if got := big.At(179, 0); got.WindowS != 120 {
		t.Errorf("179 s off the scale answered at %d s, want 120", got.WindowS)
	}
	if got := big.At(5000, 0); got.WindowS != 600 {
		t.Errorf("5000 s answered at %d s, want the 600 loaded", got.WindowS)
	}
	// off the scale, the window loaded is counted too
	odd, err := LoadContacts(ctx, st, dict, msisdnA, 181, MatchApp)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Contacts(ctx, st, dict, msisdnA, 181, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !odd.Covers(181) || !reflect.DeepEqual(odd.At(181, 0), want) {
		t.Errorf("181 s loaded: %+v, want %+v", odd.At(181, 0).Contacts, want.Contacts)
	}
	if top := big.At(180, 2); len(top.Contacts) != 2 || top.Contacts[0].MSISDN != msisdnB {
		t.Errorf("top 2 = %+v", top.Contacts)
	}
}
