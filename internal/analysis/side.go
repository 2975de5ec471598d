package analysis

import (
	"math/bits"
	"slices"
	"strings"
)

// Side is one subscriber's events grouped by key and sorted by start (ties
// by Ref), kept so that a window change does not sort again. It is
// immutable once built.
type Side struct {
	keys   []string // sorted
	index  map[string]int
	groups []sideGroup // aligned with keys
	n      int
}

type sideGroup struct {
	starts []int64 // ascending; equal starts ordered by ref
	refs   []int
	hours  [24]int
}

// maxWindow bounds the window so that start ± window cannot overflow.
const maxWindow = int64(1) << 61

// NewSide groups events by key and sorts each key's starts. Each start is
// packed, as an offset from its key's earliest start, with the event's
// position within its key into one int64; the packed values are sorted
// without a comparator (a stable LSD radix sort on the offset bits for large
// keys, slices.Sort for small ones, nothing when already in order), then
// unpacked into starts and refs. A key whose starts span more than
// 2^(63-log2 n) seconds (millennia) falls back to a comparator sort.
func NewSide(events []Event) *Side {
	s := &Side{index: map[string]int{}, n: len(events)}
	// Pass 1: key id per event, counts and start bounds per key.
	ids := make([]int32, len(events))
	var counts []int
	var lows, highs []int64
	lastKey, lastID := "", -1
	for i := range events {
		e := &events[i]
		id := lastID
		if id < 0 || e.Key != lastKey {
			id = findFewKeys(s.keys, e.Key)
			ok := id >= 0
			if !ok {
				id, ok = s.index[e.Key]
			}
			if !ok {
				id = len(s.keys)
				s.index[e.Key] = id
				s.keys = append(s.keys, e.Key)
				counts = append(counts, 0)
				lows = append(lows, e.Start)
				highs = append(highs, e.Start)
			}
			lastKey, lastID = e.Key, id
		}
		ids[i] = int32(id)
		counts[id]++
		lows[id] = min(lows[id], e.Start)
		highs[id] = max(highs[id], e.Start)
	}
	// Sort the keys and renumber them; plan each key's packing.
	order := make([]int, len(s.keys)) // order[new] = old
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int { return strings.Compare(s.keys[x], s.keys[y]) })
	renumber := make([]int32, len(order)) // renumber[old] = new
	offsets := make([]int, len(order)+1)
	keys := make([]string, len(order))
	plans := make([]packPlan, len(order))
	for nw, old := range order {
		renumber[old] = int32(nw)
		keys[nw] = s.keys[old]
		s.index[keys[nw]] = nw
		offsets[nw+1] = offsets[nw] + counts[old]
		plans[nw] = newPackPlan(lows[old], highs[old], counts[old])
	}
	s.keys = keys
	// Pass 2: scatter packed values and refs into key segments, in input
	// order, and count the hours.
	buf := make([]int64, len(events))
	inputRefs := make([]int, len(events))
	fill := slices.Clone(offsets[:len(order)])
	s.groups = make([]sideGroup, len(order))
	for i := range events {
		e := &events[i]
		k := renumber[ids[i]]
		pos := fill[k]
		fill[k]++
		if pl := &plans[k]; pl.packable {
			buf[pos] = (e.Start-pl.low)<<pl.shift | int64(pos-offsets[k])
		} else {
			buf[pos] = int64(i)
		}
		inputRefs[pos] = e.Ref
		s.groups[k].hours[foldHour(e.Hour)]++
	}
	// Sort each segment and unpack it in place into starts and refs.
	refs := make([]int, len(events))
	var scratch []int64
	for k := range s.groups {
		seg, segRefs, segInput := buf[offsets[k]:offsets[k+1]], refs[offsets[k]:offsets[k+1]], inputRefs[offsets[k]:offsets[k+1]]
		if pl := plans[k]; pl.packable {
			scratch = sortPacked(seg, scratch, pl.shift, pl.spanBits)
			mask := int64(1)<<pl.shift - 1
			for j, v := range seg {
				segRefs[j] = segInput[v&mask]
				seg[j] = v>>pl.shift + pl.low
			}
		} else {
			slices.SortStableFunc(seg, func(x, y int64) int { return cmpInt64(events[x].Start, events[y].Start) })
			for j, v := range seg {
				segRefs[j] = events[v].Ref
				seg[j] = events[v].Start
			}
		}
		sortTiesByRef(seg, segRefs)
		s.groups[k].starts, s.groups[k].refs = seg, segRefs
	}
	return s
}

// fewKeys is how many keys findFewKeys scans before the map is cheaper.
const fewKeys = 8

// findFewKeys finds key among the first fewKeys keys by comparison (string
// equality checks length, then pointer, then bytes: cheaper than hashing
// for the handful of application keys a subscriber has); -1 if absent.
func findFewKeys(keys []string, key string) int {
	for i, k := range keys[:min(len(keys), fewKeys)] {
		if k == key {
			return i
		}
	}
	return -1
}

// packPlan says how one key's events are packed: (start-low)<<shift | local
// position, when the offset's spanBits and shift fit in 63 bits.
type packPlan struct {
	low      int64
	shift    uint
	spanBits int
	packable bool
}

func newPackPlan(low, high int64, count int) packPlan {
	shift := uint(bits.Len(uint(count)))
	spanBits := bits.Len64(uint64(high - low)) // high >= low: the wrapped difference is exact as uint64
	return packPlan{low: low, shift: shift, spanBits: spanBits, packable: spanBits+int(shift) <= 63}
}

// radixMin is the segment length below which slices.Sort beats the radix
// sort's per-pass histogram.
const radixMin = 512

// sortPacked sorts non-negative packed values whose key is bits
// [shift, shift+spanBits), keeping input order for equal keys (the low
// bits already hold the input position, so any correct sort is stable
// here). scratch is reused between calls and returned.
func sortPacked(seg, scratch []int64, shift uint, spanBits int) []int64 {
	if slices.IsSorted(seg) {
		return scratch
	}
	if len(seg) < radixMin {
		slices.Sort(seg)
		return scratch
	}
	if cap(scratch) < len(seg) {
		scratch = make([]int64, len(seg))
	}
	tmp := scratch[:len(seg)]
	passes := (spanBits + 11) / 12
	digitBits := (spanBits + passes - 1) / passes
	var count [1 << 12]int
	src, dst := seg, tmp
	for p := range passes {
		sh := shift + uint(p*digitBits)
		mask := int64(1)<<digitBits - 1
		buckets := count[:1<<digitBits]
		clear(buckets)
		for _, v := range src {
			buckets[(v>>sh)&mask]++
		}
		sum := 0
		for d, c := range buckets {
			buckets[d] = sum
			sum += c
		}
		for _, v := range src {
			d := (v >> sh) & mask
			dst[buckets[d]] = v
			buckets[d]++
		}
		src, dst = dst, src
	}
	if passes%2 == 1 {
		copy(seg, src)
	}
	return scratch
}

// sortTiesByRef orders each run of equal starts by ref (the sort left them
// in input order).
func sortTiesByRef(starts []int64, refs []int) {
	for i := 0; i < len(starts); {
		j := i + 1
		for j < len(starts) && starts[j] == starts[i] {
			j++
		}
		if j-i > 1 && !slices.IsSorted(refs[i:j]) {
			slices.Sort(refs[i:j])
		}
		i = j
	}
}

func foldHour(h int8) int {
	v := int(h) % 24
	if v < 0 {
		v += 24
	}
	return v
}

func cmpInt64(x, y int64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// Len is the number of events of the side.
func (s *Side) Len() int { return s.n }

// Keys returns the side's distinct keys, sorted.
func (s *Side) Keys() []string { return slices.Clone(s.keys) }

// Profile returns the counts per key per wall-clock hour (a fresh copy).
func (s *Side) Profile() HourProfile {
	p := make(HourProfile, len(s.keys))
	for k, key := range s.keys {
		h := s.groups[k].hours
		p[key] = &h
	}
	return p
}
