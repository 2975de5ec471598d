package analysis

import "slices"

// Sweep counts, for one record of another subscriber, how many of A's
// events on the same key lie within each of several windows of it: the
// matches that record makes with A at every window at once. Summed over a
// candidate's records and accumulated over the windows, the counts are the
// candidate's matches with A at each window, exactly as Count gives them
// one window at a time (a match is a pair; matches as a function of the
// window are a step function of the pairs' gaps, so a histogram of the gaps
// over a few thresholds holds all the slider needs).
//
// Records given one key in ascending start are swept with pointers that
// only move forward; a record earlier than the previous one of its key
// repositions them by binary search, so any order gives the same counts.
// Where A has few events near the record, their gaps are bucketed one by
// one; where it has many (a heavy A at a wide window), per-window pointers
// give each bucket's count at once.
type Sweep struct {
	a       *Side
	windows []int64 // ascending, non-negative
	bucket  []uint8 // bucket of each gap 0..windows[last] when small enough, else nil
	state   []sweepKey
	out     []Bucket
}

// Bucket is n of A's events whose gap to the record is in (windows[I-1],
// windows[I]] (in [0, windows[0]] for I = 0).
type Bucket struct {
	I int
	N int64
}

type sweepKey struct {
	started bool
	last    int64
	lo, hi  int   // A's starts[lo:hi] are within the largest window of last
	los     []int // per window, when the dense path ran last: starts[los[i]:his[i]] within windows[i]
	his     []int
	dense   bool // los and his are positioned for last
}

// fewGaps is how many of A's events near a record are bucketed one by one.
const fewGaps = 12

// NewSweep prepares a sweep of A's side at windows (ascending, distinct,
// non-negative; larger values are capped like Count's).
func NewSweep(a *Side, windows []int64) *Sweep {
	ws := make([]int64, len(windows))
	for i, w := range windows {
		ws[i] = min(max(w, 0), maxWindow)
	}
	s := &Sweep{a: a, windows: ws, state: make([]sweepKey, len(a.keys))}
	for k := range s.state {
		s.state[k].los = make([]int, len(ws))
		s.state[k].his = make([]int, len(ws))
	}
	if n := len(ws); n > 0 && n < 256 && ws[n-1] <= 1<<16 {
		s.bucket = make([]uint8, ws[n-1]+1)
		i := 0
		for d := range s.bucket {
			for ws[i] < int64(d) {
				i++
			}
			s.bucket[d] = uint8(i)
		}
	}
	return s
}

// KeyIndex is the index of key among A's keys (sorted, as Side.Keys
// returns them), -1 when A has no event on it.
func (s *Sweep) KeyIndex(key string) int {
	if k, ok := s.a.index[key]; ok {
		return k
	}
	return -1
}

// Near returns the gaps from a record on key k (a KeyIndex) starting at t
// to A's events on that key within the largest window, as counts per
// bucket (a bucket may appear more than once; nothing when none is within
// the largest window). The slice is reused by the next call.
func (s *Sweep) Near(k int, t int64, dst []Bucket) []Bucket {
	dst = dst[:0]
	n := len(s.windows)
	if n == 0 {
		return dst
	}
	starts := s.a.groups[k].starts
	st := &s.state[k]
	w := s.windows[n-1]
	if !st.started || t < st.last {
		st.lo, _ = slices.BinarySearch(starts, t-w)
		st.hi = upperBound(starts, t+w)
		st.started, st.dense = true, false
	} else {
		for st.lo < len(starts) && starts[st.lo] < t-w {
			st.lo++
		}
		for st.hi < len(starts) && starts[st.hi] <= t+w {
			st.hi++
		}
	}
	st.last = t
	if st.hi == st.lo {
		return dst
	}
	if st.hi-st.lo <= fewGaps {
		for _, a := range starts[st.lo:st.hi] {
			d := a - t
			d = max(d, -d)
			var i int
			if s.bucket != nil {
				i = int(s.bucket[d])
			} else {
				i, _ = slices.BinarySearch(s.windows, d)
			}
			dst = append(dst, Bucket{I: i, N: 1})
		}
		return dst
	}
	if !st.dense {
		for i, w := range s.windows {
			st.los[i], _ = slices.BinarySearch(starts[st.lo:st.hi], t-w)
			st.his[i] = upperBound(starts[st.lo:st.hi], t+w)
			st.los[i] += st.lo
			st.his[i] += st.lo
		}
		st.dense = true
	} else {
		for i, w := range s.windows {
			lo, hi := max(st.los[i], st.lo), max(st.his[i], st.lo)
			for lo < len(starts) && starts[lo] < t-w {
				lo++
			}
			for hi < len(starts) && starts[hi] <= t+w {
				hi++
			}
			st.los[i], st.his[i] = lo, hi
		}
	}
	prev := int64(0)
	for i := range s.windows {
		if c := int64(st.his[i] - st.los[i]); c != prev {
			dst = append(dst, Bucket{I: i, N: c - prev})
			prev = c
		}
	}
	return dst
}

// upperBound is the index of the first start > t.
func upperBound(starts []int64, t int64) int {
	lo, hi := 0, len(starts)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if starts[m] <= t {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
