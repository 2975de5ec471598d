package analysis

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// referencePairs is the paper's nested loop: every A event against every B
// event. It exists only here, as the independent oracle of Count and Pairs.
func referencePairs(a, b []Event, window int64) []Pair {
	var out []Pair
	for _, x := range a {
		for _, y := range b {
			d := y.Start - x.Start
			if x.Key == y.Key && d >= -window && d <= window {
				out = append(out, Pair{Key: x.Key, ARef: x.Ref, BRef: y.Ref, AStart: x.Start, BStart: y.Start, Delta: d})
			}
		}
	}
	slices.SortFunc(out, func(p, q Pair) int {
		return cmp.Or(cmp.Compare(p.Key, q.Key), cmp.Compare(p.AStart, q.AStart), cmp.Compare(p.BStart, q.BStart),
			cmp.Compare(p.ARef, q.ARef), cmp.Compare(p.BRef, q.BRef))
	})
	return out
}

func referencePerKey(pairs []Pair) map[string]int {
	m := map[string]int{}
	for _, p := range pairs {
		m[p.Key]++
	}
	return m
}

// ev builds events with Ref = position, key and start given as (key, start).
func ev(specs ...any) []Event {
	var out []Event
	for i := 0; i < len(specs); i += 2 {
		out = append(out, Event{Key: specs[i].(string), Start: int64(specs[i+1].(int)), Ref: len(out)})
	}
	return out
}

func TestCountFixtures(t *testing.T) {
	tests := []struct {
		name       string
		a, b       []Event
		window     int64
		wantTotal  int
		wantPerKey map[string]int
	}{
		{"empty sides", nil, nil, 60, 0, map[string]int{}},
		{"empty B", ev("W", 1), nil, 60, 0, map[string]int{}},
		{"delta 0", ev("W", 100), ev("W", 100), 0, 1, map[string]int{"W": 1}},
		{"window edges: |d|==w matches, w+1 does not", ev("W", 100),
			ev("W", 95, "W", 105, "W", 94, "W", 106), 5, 2, map[string]int{"W": 2}},
		{"keys only one side has", ev("W", 100, "X", 100), ev("Y", 100, "Z", 100), 3600, 0, map[string]int{}},
		{"many A events on one B event: each pair counts", ev("W", 0, "W", 1, "W", 2, "W", 3, "W", 5),
			ev("W", 2), 2, 4, map[string]int{"W": 4}},
		{"ties on both sides", ev("W", 10, "W", 10, "W", 10), ev("W", 10, "W", 10), 0, 6, map[string]int{"W": 6}},
		{"multiple keys", ev("W", 0, "S", 0, "W", 100, "S", 50), ev("W", 3, "S", 52, "S", 200, "W", 99), 3,
			3, map[string]int{"W": 2, "S": 1}},
		{"negative window matches nothing", ev("W", 0), ev("W", 0), -1, 0, map[string]int{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			total, perKey := Count(NewSide(tt.a), NewSide(tt.b), tt.window)
			if total != tt.wantTotal || !reflect.DeepEqual(perKey, tt.wantPerKey) {
				t.Errorf("Count = %d %v, want %d %v", total, perKey, tt.wantTotal, tt.wantPerKey)
			}
			if pairs := Pairs(NewSide(tt.a), NewSide(tt.b), tt.window, 0); len(pairs) != tt.wantTotal {
				t.Errorf("Pairs lists %d, want %d", len(pairs), tt.wantTotal)
			}
		})
	}
}

func TestPairsOrderAndTies(t *testing.T) {
	a := []Event{{Key: "W", Start: 100, Ref: 7}, {Key: "W", Start: 100, Ref: 3}, {Key: "A", Start: 500, Ref: 1}}
	b := []Event{{Key: "W", Start: 101, Ref: 1}, {Key: "W", Start: 100, Ref: 9}, {Key: "W", Start: 100, Ref: 4},
		{Key: "A", Start: 499, Ref: 0}}
	want := []Pair{
		{Key: "A", ARef: 1, BRef: 0, AStart: 500, BStart: 499, Delta: -1},
		{Key: "W", ARef: 3, BRef: 4, AStart: 100, BStart: 100},
		{Key: "W", ARef: 3, BRef: 9, AStart: 100, BStart: 100},
		{Key: "W", ARef: 7, BRef: 4, AStart: 100, BStart: 100},
		{Key: "W", ARef: 7, BRef: 9, AStart: 100, BStart: 100},
		{Key: "W", ARef: 3, BRef: 1, AStart: 100, BStart: 101, Delta: 1},
		{Key: "W", ARef: 7, BRef: 1, AStart: 100, BStart: 101, Delta: 1},
	}
	sa, sb := NewSide(a), NewSide(b)
	if got := Pairs(sa, sb, 1, 0); !reflect.DeepEqual(got, want) {
		t.Errorf("Pairs =\n%+v\nwant\n%+v", got, want)
	}
	if got := Pairs(sa, sb, 1, 3); !reflect.DeepEqual(got, want[:3]) {
		t.Errorf("Pairs limit 3 = %+v", got)
	}
	if got := Pairs(sa, sb, 1, 100); !reflect.DeepEqual(got, want) {
		t.Errorf("Pairs limit 100 = %+v", got)
	}
	if got := Pairs(sa, sb, 0, 0); len(got) != 4 {
		t.Errorf("window 0 lists %d pairs, want the 4 at delta 0", len(got))
	}
}

func TestSideAccessors(t *testing.T) {
	s := NewSide([]Event{{Key: "W", Start: 5, Hour: 9}, {Key: "B", Start: 1, Hour: 23}, {Key: "W", Start: 7, Hour: 9},
		{Key: "W", Start: 8, Hour: 25}, {Key: "W", Start: 9, Hour: -1}})
	if s.Len() != 5 || !reflect.DeepEqual(s.Keys(), []string{"B", "W"}) {
		t.Errorf("Len %d Keys %q", s.Len(), s.Keys())
	}
	var w, b [24]int
	w[9], w[1], w[23], b[23] = 2, 1, 1, 1 // 25 folds to 1, -1 to 23
	p := s.Profile()
	if len(p) != 2 || *p["W"] != w || *p["B"] != b {
		t.Errorf("Profile W %v B %v", *p["W"], *p["B"])
	}
	p["W"][0] = 99 // a copy: the side is unchanged
	if s.Profile()["W"][0] != 0 {
		t.Error("Profile shares memory with the side")
	}
}

// randomEvents draws n events on a few keys with many duplicate starts and
// some duplicate refs.
func randomEvents(r *rand.Rand, n int, keys []string, span int64) []Event {
	out := make([]Event, n)
	for i := range out {
		ref := i
		if r.IntN(10) == 0 {
			ref = r.IntN(n) // a duplicate handle
		}
		start := r.Int64N(span)
		out[i] = Event{Start: start, Key: keys[r.IntN(len(keys))], Hour: int8(start / 3600 % 24), Ref: ref}
	}
	return out
}

func TestCountAndPairsMatchReference(t *testing.T) {
	keysA := []string{"WhatsApp", "Skype", "port 5", "Web (HTTPS)"}
	keysB := []string{"WhatsApp", "Skype", "port 6", "iTunes"}
	for seed := range uint64(12) {
		r := rand.New(rand.NewPCG(seed, 0xC0FFEE))
		span := []int64{50, 3000, 100000}[seed%3]
		a := randomEvents(r, r.IntN(300), keysA, span)
		b := randomEvents(r, r.IntN(300), keysB, span)
		sa, sb := NewSide(a), NewSide(b)
		for range 8 {
			w := r.Int64N(3601)
			want := referencePairs(a, b, w)
			total, perKey := Count(sa, sb, w)
			if total != len(want) || !reflect.DeepEqual(perKey, referencePerKey(want)) {
				t.Fatalf("seed %d window %d: Count %d %v, reference %d %v", seed, w, total, perKey, len(want), referencePerKey(want))
			}
			got := Pairs(sa, sb, w, 0)
			if len(want) == 0 {
				want = nil
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("seed %d window %d: Pairs differ from the reference (%d vs %d)", seed, w, len(got), len(want))
			}
			if limit := r.IntN(20) + 1; limit < len(want) && !reflect.DeepEqual(Pairs(sa, sb, w, limit), want[:limit]) {
				t.Fatalf("seed %d window %d: Pairs limit %d is not the reference's prefix", seed, w, limit)
			}
		}
	}
}

// TestWideSpanFallback exercises the comparator sort used when a key's
// starts span too much time to pack.
func TestWideSpanFallback(t *testing.T) {
	a := []Event{{Key: "W", Start: 1 << 60, Ref: 0}, {Key: "W", Start: -(1 << 60), Ref: 1}, {Key: "W", Start: 3, Ref: 2},
		{Key: "W", Start: 3, Ref: 1}}
	b := []Event{{Key: "W", Start: 2, Ref: 0}, {Key: "W", Start: -(1 << 60) + 1, Ref: 1}}
	for _, w := range []int64{0, 1, 5} {
		want := referencePairs(a, b, w)
		if got := Pairs(NewSide(a), NewSide(b), w, 0); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("window %d: %+v, want %+v", w, got, want)
		}
	}
}

func TestWindows(t *testing.T) {
	w := Windows()
	if len(w) != 22 || w[0] != 1 || w[len(w)-1] != 3600 || !slices.IsSorted(w) {
		t.Errorf("Windows() = %v", w)
	}
	w[0] = 42
	if Windows()[0] != 1 {
		t.Error("Windows returns shared memory")
	}
}

// TestNewSideGroupsAndSorts checks the grouping and the sorts (radix passes
// odd and even, small-segment sort, already-sorted input, more keys than the
// linear key scan handles, equal keys in distinct strings) against a plain
// comparator sort of (start, ref) per key.
func TestNewSideGroupsAndSorts(t *testing.T) {
	tests := []struct {
		name    string
		n, keys int
		span    int64
		order   string // "random", "sorted", "reversed"
	}{
		{"one radix pass", 20000, 3, 100, "random"},
		{"two radix passes", 20000, 3, 100_000, "random"},
		{"three radix passes", 30000, 2, 1_000_000_000, "random"},
		{"four radix passes", 30000, 2, 1 << 40, "random"},
		{"small segments, many keys", 3000, 40, 5000, "random"},
		{"already sorted", 20000, 3, 100_000, "sorted"},
		{"reversed", 20000, 3, 100_000, "reversed"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(uint64(i), 7))
			events := make([]Event, tt.n)
			for j := range events {
				key := fmt.Sprintf("key%02d", r.IntN(tt.keys)) // a distinct string each time
				events[j] = Event{Start: 1_500_000_000 + r.Int64N(tt.span), Key: key, Ref: r.IntN(tt.n), Hour: int8(r.IntN(24))}
			}
			switch tt.order {
			case "sorted":
				slices.SortFunc(events, func(x, y Event) int { return cmp.Compare(x.Start, y.Start) })
			case "reversed":
				slices.SortFunc(events, func(x, y Event) int { return cmp.Compare(y.Start, x.Start) })
			}
			want := map[string][]Event{}
			for _, e := range events {
				want[e.Key] = append(want[e.Key], e)
			}
			s := NewSide(events)
			if s.Len() != tt.n || len(s.Keys()) != len(want) || !slices.IsSorted(s.Keys()) {
				t.Fatalf("Len %d, %d keys", s.Len(), len(s.Keys()))
			}
			for k, key := range s.Keys() {
				w := want[key]
				slices.SortFunc(w, func(x, y Event) int { return cmp.Or(cmp.Compare(x.Start, y.Start), cmp.Compare(x.Ref, y.Ref)) })
				g := s.groups[k]
				var hours [24]int
				for j, e := range w {
					hours[e.Hour]++
					if g.starts[j] != e.Start || g.refs[j] != e.Ref {
						t.Fatalf("key %s position %d: (%d, %d), want (%d, %d)", key, j, g.starts[j], g.refs[j], e.Start, e.Ref)
					}
				}
				if len(g.starts) != len(w) || g.hours != hours {
					t.Fatalf("key %s: %d events, hours %v; want %d, %v", key, len(g.starts), g.hours, len(w), hours)
				}
			}
		})
	}
}
