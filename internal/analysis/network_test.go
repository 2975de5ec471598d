package analysis

import (
	"math"
	"testing"
)

func links(pairs ...[2]string) []Link {
	var out []Link
	for _, p := range pairs {
		out = append(out, Link{A: p[0], B: p[1], Kind: LinkCall, Weight: 1})
	}
	return out
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func checkBetweenness(t *testing.T, m Measures, want map[string]float64) {
	t.Helper()
	for n, w := range want {
		if got := m.Betweenness[n]; !near(got, w) {
			t.Errorf("betweenness of %s = %g, want %g (by hand)", n, got, w)
		}
	}
}

// A star of four leaves: the centre is on the one shortest path of each of
// the C(4,2) = 6 pairs of leaves; leaves broker nothing.
func TestBetweennessStar(t *testing.T) {
	m := Measure("c", nil, links([2]string{"c", "l1"}, [2]string{"c", "l2"}, [2]string{"c", "l3"}, [2]string{"c", "l4"}))
	checkBetweenness(t, m, map[string]float64{"c": 6, "l1": 0, "l2": 0, "l3": 0, "l4": 0})
	if !near(m.Normalized["c"], 1) { // 6 of the (5-1)(5-2)/2 = 6 pairs
		t.Errorf("normalized centre = %g, want 1", m.Normalized["c"])
	}
	if m.Degree["c"] != 4 || m.Degree["l1"] != 1 || m.Hop["l3"] != 1 || m.Hop["c"] != 0 {
		t.Errorf("degree/hop: %v %v", m.Degree, m.Hop)
	}
}

// A path a-b-c-d-e: b is between a and each of c, d, e (3); c between
// {a, b} and {d, e} (4); d like b.
func TestBetweennessPath(t *testing.T) {
	m := Measure("a", nil, links([2]string{"a", "b"}, [2]string{"b", "c"}, [2]string{"c", "d"}, [2]string{"d", "e"}))
	checkBetweenness(t, m, map[string]float64{"a": 0, "b": 3, "c": 4, "d": 3, "e": 0})
	if m.Hop["e"] != 4 || m.Hop["c"] != 2 {
		t.Errorf("hops %v", m.Hop)
	}
}

// A square a-b-c-d-a: a and c are joined by two shortest paths, one
// through b, one through d, so b and d get half each; likewise a and c
// for the pair {b, d}.
func TestBetweennessSquareSplitsPaths(t *testing.T) {
	m := Measure("a", nil, links([2]string{"a", "b"}, [2]string{"b", "c"}, [2]string{"c", "d"}, [2]string{"d", "a"}))
	checkBetweenness(t, m, map[string]float64{"a": 0.5, "b": 0.5, "c": 0.5, "d": 0.5})
}

// Two cliques of four ({1,2,3,4}, {5,6,7,8}) joined by a broker x adjacent
// to 4 and 5. x is on the one shortest path of each of the 4*4 = 16 pairs
// across; 4 on those from {1,2,3} to {x,5,6,7,8} (15), 5 likewise; the
// others on none. The broker ranks first.
func TestBetweennessBrokerBetweenCliques(t *testing.T) {
	var ls []Link
	for _, q := range [][]string{{"1", "2", "3", "4"}, {"5", "6", "7", "8"}} {
		for i := range q {
			for j := i + 1; j < len(q); j++ {
				ls = append(ls, Link{A: q[i], B: q[j], Kind: LinkCall, Weight: 1})
			}
		}
	}
	// a second kind of link on an existing pair changes no path
	ls = append(ls, links([2]string{"4", "x"}, [2]string{"x", "5"})...)
	ls = append(ls, Link{A: "1", B: "2", Kind: LinkSMS, Weight: 9})
	m := Measure("1", []string{"isolated"}, ls)
	checkBetweenness(t, m, map[string]float64{"x": 16, "4": 15, "5": 15, "1": 0, "6": 0, "isolated": 0})
	if !near(m.Normalized["x"], 16.0/36) { // n = 10 with the isolated node: 9*8/2 = 36 pairs
		t.Errorf("normalized broker = %g, want 16/36", m.Normalized["x"])
	}
	if m.Hop["x"] != 2 || m.Hop["8"] != 4 {
		t.Errorf("hops %v", m.Hop)
	}
	if _, ok := m.Hop["isolated"]; ok {
		t.Error("an isolated node has no hop distance")
	}
	if m.Degree["4"] != 4 || m.Degree["x"] != 2 {
		t.Errorf("degree %v", m.Degree)
	}
}

// Both subscribers' records hold the same calls: the pair counts them once
// (the larger side), each kind apart; a self-call is no link.
func TestMergeSides(t *testing.T) {
	got := MergeSides([]SideCount{
		{Of: "b", Other: "a", Calls: 2, SMS: 1, TalkS: 100},
		{Of: "a", Other: "b", Calls: 3, TalkS: 90},
		{Of: "a", Other: "c", SMS: 4},
		{Of: "a", Other: "a", Calls: 7},
	})
	want := []Link{
		{A: "a", B: "b", Kind: LinkCall, Weight: 3, TalkS: 100},
		{A: "a", B: "b", Kind: LinkSMS, Weight: 1},
		{A: "a", B: "c", Kind: LinkSMS, Weight: 4},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("link %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}
