package analysis

// Event is one record of a subscriber as the correlation sees it.
type Event struct {
	Start int64  // Unix seconds
	Key   string // application or port key; only equal keys match
	Hour  int8   // wall-clock hour of day 0..23 as written in the evidence (for the chance model); folded modulo 24 if outside
	Ref   int    // caller's handle of the record (index into its slice)
}

// Count counts matches for window in O(n+m) per key (two monotone
// pointers), listing nothing. perKey holds the keys with at least one match.
//
// A match is a pair (a, b), a from subscriber A and b from subscriber B, with
// the same Key and |start(a) - start(b)| <= window (inclusive, in seconds).
// Every pair counts: three A events and two B events all within the window of
// each other on one key are six matches. The caller builds keys: the
// application from the Dictionary (so WhatsApp on 5222 matches WhatsApp on
// 5228, and unknown ports are keyed "port N"), or the exact port in port
// mode. A negative window matches nothing.
func Count(a, b *Side, window int64) (total int, perKey map[string]int) {
	perKey = map[string]int{}
	if window < 0 {
		return 0, perKey
	}
	window = min(window, maxWindow)
	for ka, key := range a.keys {
		kb, ok := b.index[key]
		if !ok {
			continue
		}
		if c := countGroup(a.groups[ka].starts, b.groups[kb].starts, window); c > 0 {
			perKey[key] = c
			total += c
		}
	}
	return total, perKey
}

// countGroup counts pairs of as × bs within window of each other: for each
// a, the matching b's are bs[lo:hi], and both bounds only move forward.
func countGroup(as, bs []int64, window int64) int {
	total, lo, hi := 0, 0, 0
	for _, t := range as {
		for lo < len(bs) && bs[lo] < t-window {
			lo++
		}
		for hi < len(bs) && bs[hi] <= t+window {
			hi++
		}
		total += hi - lo
	}
	return total
}

// Pair is one match: an A record and a B record on the same key within the
// window.
type Pair struct {
	Key            string
	ARef, BRef     int
	AStart, BStart int64
	Delta          int64 // BStart - AStart
}

// Pairs lists matches ordered by key, then A start, then B start, then A
// Ref, then B Ref; at most limit of them (limit <= 0: all). It is
// output-sensitive, O((n+m) + matches), and allocates the result once.
func Pairs(a, b *Side, window int64, limit int) []Pair {
	if window < 0 {
		return nil
	}
	window = min(window, maxWindow)
	total, _ := Count(a, b, window)
	if total == 0 {
		return nil
	}
	if limit <= 0 || limit > total {
		limit = total
	}
	out := make([]Pair, 0, limit)
	for ka, key := range a.keys {
		kb, ok := b.index[key]
		if !ok {
			continue
		}
		out = appendGroupPairs(out, key, &a.groups[ka], &b.groups[kb], window, limit)
		if len(out) >= limit {
			break
		}
	}
	return out
}

// appendGroupPairs walks runs of equal A starts; each run shares one window
// bs[lo:hi], walked by runs of equal B starts, so the output comes in
// (A start, B start, A ref, B ref) order.
func appendGroupPairs(out []Pair, key string, ga, gb *sideGroup, window int64, limit int) []Pair {
	as, bs := ga.starts, gb.starts
	lo, hi := 0, 0
	for i := 0; i < len(as); {
		t := as[i]
		j := i + 1
		for j < len(as) && as[j] == t {
			j++
		}
		for lo < len(bs) && bs[lo] < t-window {
			lo++
		}
		for hi < len(bs) && bs[hi] <= t+window {
			hi++
		}
		for p := lo; p < hi; {
			q := p + 1
			for q < hi && bs[q] == bs[p] {
				q++
			}
			for x := i; x < j; x++ {
				for y := p; y < q; y++ {
					out = append(out, Pair{Key: key, ARef: ga.refs[x], BRef: gb.refs[y],
						AStart: t, BStart: bs[y], Delta: bs[y] - t})
					if len(out) >= limit {
						return out
					}
				}
			}
			p = q
		}
		i = j
	}
	return out
}

// Windows is the slider's scale in seconds: 1 s to 1 h with fine steps at
// the low end.
func Windows() []int64 {
	return []int64{1, 2, 3, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 300, 450, 600, 900, 1200, 1800, 2700, 3600}
}
