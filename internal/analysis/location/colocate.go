package location

import (
	"cmp"
	"slices"
)

// ColocParams say when two records are together: their wall clocks at
// most WindowS apart and their sites at most RadiusM apart (0: the same
// site, cells within SameSite metres of one another).
type ColocParams struct {
	WindowS  int64
	RadiusM  float64
	SameSite float64
}

// Near says whether two placed records are at one site (or within the
// radius), and how far apart their sites are.
func (p ColocParams) Near(a, b Fix) (float64, bool) {
	if a.CellID != 0 && a.CellID == b.CellID {
		return 0, true
	}
	d := DistanceM(a.Pos, b.Pos)
	limit := p.RadiusM
	if limit <= 0 {
		limit = p.SameSite
	}
	return d, d <= limit
}

// Meeting is a run of co-locations of A and B: pairs of records together,
// each pair starting within the window of the run's last record. A and B
// index the records (of the slices given to Colocate) that make it.
type Meeting struct {
	At, End   int64 // the first and last record of the run
	A, B      []int
	DistanceM float64 // of the first pair
	FirstA    int     // the first pair
	FirstB    int
}

// Colocate finds A's and B's meetings. a and b are placed fixes in wall
// order (unplaced ones are skipped).
func Colocate(a, b []Fix, p ColocParams) []Meeting {
	return colocate(a, b, p, true)
}

type coPair struct {
	i, j   int
	t, end int64
	d      float64
}

func colocate(a, b []Fix, p ColocParams, detail bool) []Meeting {
	var pairs []coPair
	lo := 0
	for i, fa := range a {
		if !fa.Placed {
			continue
		}
		for lo < len(b) && b[lo].Wall < fa.Wall-p.WindowS {
			lo++
		}
		for j := lo; j < len(b) && b[j].Wall <= fa.Wall+p.WindowS; j++ {
			if !b[j].Placed {
				continue
			}
			if d, ok := p.Near(fa, b[j]); ok {
				pairs = append(pairs, coPair{i: i, j: j, t: min(fa.Wall, b[j].Wall), end: max(fa.Wall, b[j].Wall), d: d})
			}
		}
	}
	slices.SortStableFunc(pairs, func(x, y coPair) int { return cmp.Compare(x.t, y.t) })
	var out []Meeting
	var seenA, seenB map[int]bool
	for _, pr := range pairs {
		if n := len(out); n > 0 && pr.t <= out[n-1].End+p.WindowS {
			m := &out[n-1]
			m.End = max(m.End, pr.end)
			if detail {
				if !seenA[pr.i] {
					seenA[pr.i] = true
					m.A = append(m.A, pr.i)
				}
				if !seenB[pr.j] {
					seenB[pr.j] = true
					m.B = append(m.B, pr.j)
				}
			}
			continue
		}
		m := Meeting{At: pr.t, End: pr.end, DistanceM: pr.d, FirstA: pr.i, FirstB: pr.j}
		if detail {
			seenA, seenB = map[int]bool{pr.i: true}, map[int]bool{pr.j: true}
			m.A, m.B = []int{pr.i}, []int{pr.j}
		}
		out = append(out, m)
	}
	for k := range out {
		slices.Sort(out[k].A)
		slices.Sort(out[k].B)
	}
	return out
}

// ColocChance is what chance alone gives: B's records shifted circularly
// by 1, 2 ... whole days (up to 28) within the span of both, each keeping
// its hour of day and its place, counted the same way; Expected is the
// mean of Counts.
type ColocChance struct {
	Expected float64
	Counts   []int // meetings at a shift of 1, 2 ... days
}

// ColocExpected counts meetings with B shifted by whole days.
func ColocExpected(a, b []Fix, p ColocParams) ColocChance {
	var ch ColocChance
	if len(a) == 0 || len(b) == 0 {
		return ch
	}
	first, last := min(a[0].Wall, b[0].Wall), max(a[len(a)-1].Wall, b[len(b)-1].Wall)
	base := floorDiv(first, 86400) * 86400
	days := floorDiv(last-base, 86400) + 1
	span := days * 86400
	shifts := min(days-1, 28)
	shifted := make([]Fix, len(b))
	sum := 0
	for k := int64(1); k <= shifts; k++ {
		for i, f := range b {
			f.Wall = base + (f.Wall-base+k*86400)%span
			shifted[i] = f
		}
		slices.SortStableFunc(shifted, func(x, y Fix) int { return cmp.Compare(x.Wall, y.Wall) })
		n := len(colocate(a, shifted, p, false))
		ch.Counts = append(ch.Counts, n)
		sum += n
	}
	if shifts > 0 {
		ch.Expected = float64(sum) / float64(shifts)
	}
	return ch
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
