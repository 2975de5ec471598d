package analysis

import "slices"

// Sweep counts, for one record of another subscriber, how many of A's
// events on the same key lie within each of several windows of it: the
// matches that record makes with A at every window at once. Summed over a
// candidate's records, the counts are the candidate's matches with A at
// each window, exactly as Count gives them one window at a time (a match is
// a pair; matches as a function of the window are a step function of the
// pairs' gaps, so a few thresholds hold all the slider needs).
//
// Records given one key in ascending start are swept with pointers that
// only move forward (amortised O(windows) per record); a record earlier
// than the previous one of its key repositions them by binary search, so
// any order gives the same counts.
type Sweep struct {
	a       *Side
	windows []int64 // ascending, non-negative
	state   []sweepKey
}

type sweepKey struct {
	started bool
	last    int64
	lo, hi  []int // per window: A's starts[lo:hi] are within it of last
}

// NewSweep prepares a sweep of A's side at windows (ascending,
// non-negative; larger values are capped like Count's).
func NewSweep(a *Side, windows []int64) *Sweep {
	ws := make([]int64, len(windows))
	for i, w := range windows {
		ws[i] = min(max(w, 0), maxWindow)
	}
	s := &Sweep{a: a, windows: ws, state: make([]sweepKey, len(a.keys))}
	for k := range s.state {
		s.state[k].lo = make([]int, len(ws))
		s.state[k].hi = make([]int, len(ws))
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

// Near writes into dst[i] the number of A's events on key k (a KeyIndex)
// whose start is within windows[i] of t (|a - t| <= windows[i]) and
// reports whether any is within the largest window. dst has one element
// per window.
func (s *Sweep) Near(k int, t int64, dst []int64) bool {
	starts := s.a.groups[k].starts
	st := &s.state[k]
	if !st.started || t < st.last {
		for i, w := range s.windows {
			st.lo[i], _ = slices.BinarySearch(starts, t-w)
			st.hi[i] = upperBound(starts, t+w)
		}
		st.started = true
	} else {
		for i, w := range s.windows {
			lo, hi := st.lo[i], st.hi[i]
			for lo < len(starts) && starts[lo] < t-w {
				lo++
			}
			for hi < len(starts) && starts[hi] <= t+w {
				hi++
			}
			st.lo[i], st.hi[i] = lo, hi
		}
	}
	st.last = t
	n := len(s.windows)
	if n == 0 || st.hi[n-1] == st.lo[n-1] {
		return false
	}
	for i := range s.windows {
		dst[i] = int64(st.hi[i] - st.lo[i])
	}
	return true
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
