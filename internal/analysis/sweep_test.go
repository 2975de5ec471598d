package analysis

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// A hand-computed case: A's WhatsApp records at 100, 100, 110 and 200; a
// record at 105 is 5 s from the first three, 95 s from 200; one at 110 is
// 10 s from 100 and 90 s from 200; one at 100 is 10 s from 110 and 100 s
// from 200.
func TestSweepByHand(t *testing.T) {
	a := NewSide(ev("WhatsApp", 100, "WhatsApp", 100, "WhatsApp", 110, "WhatsApp", 200, "Web", 105))
	s := NewSweep(a, []int64{0, 4, 5, 94, 95, 3600})
	k := s.KeyIndex("WhatsApp")
	if k < 0 || s.KeyIndex("Skype") != -1 {
		t.Fatalf("key index %d, Skype %d", k, s.KeyIndex("Skype"))
	}
	if got := cumulative(s.Near(k, 105, nil), 6); !slices.Equal(got, []int64{0, 0, 3, 3, 4, 4}) {
		t.Errorf("near 105 = %v, want [0 0 3 3 4 4]", got)
	}
	if got := cumulative(s.Near(k, 110, nil), 6); !slices.Equal(got, []int64{1, 1, 1, 4, 4, 4}) {
		t.Errorf("near 110 = %v, want [1 1 1 4 4 4]", got)
	}
	// backwards: the pointers are placed again
	if got := cumulative(s.Near(k, 100, nil), 6); !slices.Equal(got, []int64{2, 2, 2, 3, 3, 4}) {
		t.Errorf("near 100 = %v, want [2 2 2 3 3 4]", got)
	}
	if got := s.Near(k, 100+3600+200+1, nil); len(got) != 0 {
		t.Errorf("a record more than 1 h after A's last is near: %v", got)
	}
}

// cumulative turns buckets into counts at each of n windows.
func cumulative(bs []Bucket, n int) []int64 {
	out := make([]int64, n)
	for _, b := range bs {
		out[b.I] += b.N
	}
	for i := 1; i < n; i++ {
		out[i] += out[i-1]
	}
	return out
}

// Summed over B's records, in sorted or shuffled order, the sweep's counts
// are Count's at every window, per key: with few and with many of A's
// events near each record (both ways of bucketing).
func TestSweepAgreesWithCount(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	keys := []string{"WhatsApp", "Web", "port 9"}
	for round := range 60 {
		windows := []int64{0, 1, 2, 3, 5, 10, 30, 60, 180, 600, 3600}
		if round >= 40 {
			windows = []int64{0, 5, 100_000} // past the gap table: buckets found by search
		}
		gen := func(n int, span int64) []Event {
			out := make([]Event, n)
			for i := range out {
				out[i] = Event{Start: r.Int64N(span), Key: keys[r.IntN(len(keys))], Ref: i}
			}
			return out
		}
		span := []int64{50, 2000, 100_000}[round%3]
		ae, be := gen(r.IntN(300), span), gen(r.IntN(300), span)
		a, b := NewSide(ae), NewSide(be)
		if round%2 == 1 {
			r.Shuffle(len(be), func(i, j int) { be[i], be[j] = be[j], be[i] })
		} else {
			slices.SortFunc(be, func(x, y Event) int { return cmpInt64(x.Start, y.Start) })
		}
		s := NewSweep(a, windows)
		got := map[string][]int64{}
		var near []Bucket
		for _, e := range be {
			k := s.KeyIndex(e.Key)
			if k < 0 {
				continue
			}
			near = s.Near(k, e.Start, near)
			if got[e.Key] == nil {
				got[e.Key] = make([]int64, len(windows))
			}
			for i, n := range cumulative(near, len(windows)) {
				got[e.Key][i] += n
			}
		}
		for i, w := range windows {
			_, perKey := Count(a, b, w)
			for _, key := range keys {
				var g int64
				if got[key] != nil {
					g = got[key][i]
				}
				if int(g) != perKey[key] {
					t.Fatalf("round %d window %d key %s: sweep %d, Count %d", round, w, key, g, perKey[key])
				}
			}
		}
	}
}

// Each window's best, combined, is ScanEvidence: on random matches and
// expectations, with ties of score and applications matched without an
// expectation.
func TestCombineEvidenceIsScanEvidence(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	apps := []string{"HTTP", "Skype", "Web (HTTPS)", "WhatsApp", "port 9"}
	windows := Windows()
	for round := range 500 {
		unit := map[string]float64{}
		for _, a := range apps {
			switch r.IntN(4) {
			case 0: // no expectation
			case 1:
				unit[a] = 0
			default:
				unit[a] = r.Float64() * []float64{1e-6, 1e-3, 0.1}[r.IntN(3)]
			}
		}
		counts := make([]map[string]int, len(windows))
		run := map[string]int{}
		for i := range windows {
			counts[i] = map[string]int{}
			for _, a := range apps {
				if r.IntN(3) == 0 {
					run[a] += r.IntN(4) // ties: equal counts at several windows
				}
				if run[a] > 0 {
					counts[i][a] = run[a]
				}
			}
		}
		n := 1 + r.IntN(len(windows))
		want := ScanEvidence(windows[:n], func(i int) map[string]int { return counts[i] }, unit)
		bests := make([]WindowBest, n)
		for i := range n {
			bests[i] = BestAtWindow(windows[i], apps, func(a int) int { return counts[i][apps[a]] }, unit)
		}
		tests := 0
		for _, a := range apps {
			if unit[a] > 0 || counts[n-1][a] > 0 {
				tests++
			}
		}
		if got := CombineEvidence(windows[:n], bests, tests*n); got != want {
			t.Fatalf("round %d: combined %+v, ScanEvidence %+v", round, got, want)
		}
	}
}
