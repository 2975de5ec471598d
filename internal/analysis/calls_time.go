package analysis

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// Activity is one record of a subscriber, voice or data, as the silence
// finder reads it.
type Activity struct {
	Start    int64
	Offset   int32
	Kind     string // "voice" or "data"
	What     string // VOICE_OUT to 919812345678, data to port 443 ...
	SourceID int64
	Line     int64
}

// ActivityRef is the record before or after a silence.
type ActivityRef struct {
	At       string `json:"at"` // wall clock
	Kind     string `json:"kind"`
	What     string `json:"what"`
	SourceID int64  `json:"source_id"`
	Line     int64  `json:"line"`
}

func refOf(a Activity) ActivityRef {
	return ActivityRef{At: Moment{a.Start, a.Offset}.String(), Kind: a.Kind, What: a.What, SourceID: a.SourceID, Line: a.Line}
}

// Silence is a period with no record at all, longer than usual for the
// subscriber.
type Silence struct {
	From   Moment      `json:"-"`
	To     Moment      `json:"-"`
	FromW  string      `json:"from"` // the last record before (wall clock)
	ToW    string      `json:"to"`   // the first record after
	Hours  float64     `json:"hours"`
	Ratio  float64     `json:"ratio"` // Hours / the subscriber's usual longest daily gap
	Before ActivityRef `json:"before"`
	After  ActivityRef `json:"after"`
}

// SilenceBaseline is what a silence is measured against: the median over
// the days with records of the longest gap between records that begins
// that day (the night's sleep, for most people), and the threshold a gap
// must pass: Factor times that, and at least MinHours.
type SilenceBaseline struct {
	UsualHours     float64 `json:"usual_hours"`
	ThresholdHours float64 `json:"threshold_hours"`
	Factor         float64 `json:"factor"`
	MinHours       float64 `json:"min_hours"`
	Days           int     `json:"days"` // days with records the median is over
	Records        int     `json:"records"`
}

// Silence thresholds: a gap is a silence when it lasts more than
// SilenceFactor times the subscriber's usual longest daily gap and more
// than SilenceMinHours.
const (
	SilenceFactor   = 3.0
	SilenceMinHours = 12.0
)

// Silences finds the gaps between consecutive records (acts sorted by
// start) longer than usual for this subscriber (see SilenceBaseline),
// longest first, each with the record before and after.
func Silences(acts []Activity) ([]Silence, SilenceBaseline) {
	base := SilenceBaseline{Factor: SilenceFactor, MinHours: SilenceMinHours, Records: len(acts)}
	if len(acts) < 2 {
		base.ThresholdHours = SilenceMinHours
		return nil, base
	}
	longest := map[int64]int64{} // wall day -> longest gap beginning that day
	for i := 1; i < len(acts); i++ {
		a := acts[i-1]
		day := floorDiv(a.Start+int64(a.Offset), 86400)
		longest[day] = max(longest[day], acts[i].Start-a.Start)
	}
	gaps := make([]float64, 0, len(longest))
	for _, g := range longest {
		gaps = append(gaps, float64(g)/3600)
	}
	slices.Sort(gaps)
	base.Days = len(gaps)
	base.UsualHours = median(gaps)
	base.ThresholdHours = max(SilenceFactor*base.UsualHours, SilenceMinHours)
	var out []Silence
	for i := 1; i < len(acts); i++ {
		a, b := acts[i-1], acts[i]
		h := float64(b.Start-a.Start) / 3600
		if h <= base.ThresholdHours {
			continue
		}
		s := Silence{From: Moment{a.Start, a.Offset}, To: Moment{b.Start, b.Offset}, Hours: math.Round(h*100) / 100,
			Before: refOf(a), After: refOf(b)}
		s.FromW, s.ToW = s.From.String(), s.To.String()
		if base.UsualHours > 0 {
			s.Ratio = math.Round(h/base.UsualHours*100) / 100
		}
		out = append(out, s)
	}
	slices.SortStableFunc(out, func(x, y Silence) int { return cmp.Compare(y.Hours, x.Hours) })
	return out, base
}

// median of sorted values.
func median(s []float64) float64 {
	n := len(s)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// Burst is an hour with far more calls and SMS than the subscriber makes
// at that hour of the day.
type Burst struct {
	Hour     Moment  `json:"-"`
	HourW    string  `json:"hour"` // wall clock of the hour's start
	Records  int     `json:"records"`
	Expected float64 `json:"expected"` // the subscriber's mean records at this hour of the day
	Score    float64 `json:"score"`    // -log10 of the Poisson tail, corrected for the hours tested
}

// BurstMinScore is the score (after the correction for the number of hours
// looked at) an hour needs to be a burst; BurstMinRecords the fewest
// records.
const (
	BurstMinScore   = 3.0
	BurstMinRecords = 5
)

// Bursts finds hours of unusual activity in voice records (sorted by
// start): for each wall-clock hour with records, the Poisson tail of its
// count against the subscriber's mean count at that hour of the day over
// the days of its records, times the number of hours of the span
// (Bonferroni); hours scoring at least BurstMinScore with at least
// BurstMinRecords records, best first.
func Bursts(recs []CallEvent) []Burst {
	if len(recs) == 0 {
		return nil
	}
	type hourKey = int64
	counts := map[hourKey]int{}
	offs := map[hourKey]int32{}
	var byHour [24]int
	first, last := int64(math.MaxInt64), int64(math.MinInt64)
	for _, r := range recs {
		wall := r.Start + int64(r.Offset)
		h := floorDiv(wall, 3600)
		counts[h]++
		offs[h] = r.Offset
		byHour[wallSecond(r.Start, r.Offset)/3600]++
		first, last = min(first, wall), max(last, wall)
	}
	days := float64(floorDiv(last, 86400) - floorDiv(first, 86400) + 1)
	hours := days * 24
	var out []Burst
	for h, n := range counts {
		if n < BurstMinRecords {
			continue
		}
		exp := float64(byHour[h-floorDiv(h, 24)*24]) / days // h is a wall hour index; this is its hour of day
		p, _ := Surprise(n, exp)
		p = math.Min(1, p*hours)
		score := 0.0
		if p > 0 {
			score = -math.Log10(p)
		} else {
			score = MaxScore
		}
		if score < BurstMinScore {
			continue
		}
		m := Moment{Unix: h*3600 - int64(offs[h]), Offset: offs[h]}
		out = append(out, Burst{Hour: m, HourW: m.String(), Records: n, Expected: math.Round(exp*100) / 100,
			Score: math.Round(score*100) / 100})
	}
	slices.SortFunc(out, func(a, b Burst) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Hour.Unix, b.Hour.Unix))
	})
	return out
}

// Chain is A→B then, within the window, B→C, with how often it happened
// and how often chance alone would make it happen.
type Chain struct {
	B        string      `json:"b"` // as written
	BKey     string      `json:"b_key"`
	C        string      `json:"c"`
	CKey     string      `json:"c_key"`
	Count    int         `json:"count"`    // A→B calls followed within the window by a B→C call
	Expected float64     `json:"expected"` // the mean count with B's calls shifted by whole days
	Score    float64     `json:"score"`    // -log10 P(X >= Count), X ~ Poisson(Expected)
	Examples []ChainStep `json:"examples"` // the first few occurrences
}

// ChainStep is one occurrence of a chain.
type ChainStep struct {
	AB     string `json:"a_to_b"` // wall clock of A's call
	BC     string `json:"b_to_c"` // wall clock of B's call
	LagS   int64  `json:"lag_s"`  // from the end of A's call to the start of B's
	Source int64  `json:"source_id"`
	Line   int64  `json:"line"` // B's record
}

// ChainMinCount is the fewest repeats a chain needs to be listed.
const ChainMinCount = 2

// Chains finds relays A→B→C: a is A's number (its key), aCalls A's records (VOICE_OUT records are
// used), bCalls the calls of each B A called, by B's party key (Party of
// A's record), sorted by start. An A→B call at t lasting d is followed by
// B→C when B called C (not A, not B) with a start in (t, t+d+within]. Count
// is how many of A's calls to B were followed by a call to C.
//
// Expected is honest chance: B's calls are shifted circularly by 1, 2 ...
// whole days within the span of both subscribers' calls (keeping each
// call's hour of day, breaking only its tie to A's calls), counted the
// same way, and averaged. A B who calls C every morning after A's morning
// call out of habit has a high Expected; a relay shows a Count far above
// it. Ranked by Count, then Score; chains seen fewer than minCount times
// are left out.
func Chains(a string, aCalls []CallEvent, bCalls map[string][]CallEvent, within int64, minCount int) []Chain {
	var outA []CallEvent
	for _, r := range aCalls {
		if r.Type == "VOICE_OUT" && r.Party() != "" && r.Party() != a {
			outA = append(outA, r)
		}
	}
	first, last := int64(math.MaxInt64), int64(math.MinInt64)
	for _, r := range outA {
		first, last = min(first, r.Start), max(last, r.Start)
	}
	for _, bs := range bCalls {
		for _, r := range bs {
			first, last = min(first, r.Start), max(last, r.Start)
		}
	}
	if len(outA) == 0 {
		return nil
	}
	base := floorDiv(first, 86400) * 86400
	days := floorDiv(last-base, 86400) + 1
	byB := map[string][]CallEvent{}
	for _, r := range outA {
		byB[r.Party()] = append(byB[r.Party()], r)
	}
	var out []Chain
	for b, calls := range byB {
		bs := bCalls[b]
		var bOut []CallEvent
		for _, r := range bs {
			if r.Type == "VOICE_OUT" && r.Party() != "" && r.Party() != b && r.Party() != a {
				bOut = append(bOut, r)
			}
		}
		if len(bOut) == 0 {
			continue
		}
		counts, steps := chainCounts(calls, bOut, within, 0, base, days)
		shifts := int64(min(days-1, 28))
		expected := map[string]float64{}
		for k := int64(1); k <= shifts; k++ {
			sc, _ := chainCounts(calls, bOut, within, k*86400, base, days)
			for c, n := range sc {
				expected[c] += float64(n) / float64(shifts)
			}
		}
		for c, n := range counts {
			if n < max(minCount, 1) {
				continue
			}
			ch := Chain{B: calls[0].Other, BKey: calls[0].OtherKey, C: steps[c].c.Other, CKey: steps[c].c.OtherKey, Count: n,
				Expected: math.Round(expected[c]*1000) / 1000, Examples: steps[c].steps}
			_, ch.Score = Surprise(n, expected[c])
			ch.Score = math.Round(ch.Score*100) / 100
			out = append(out, ch)
		}
	}
	slices.SortFunc(out, func(x, y Chain) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(y.Score, x.Score), strings.Compare(x.B, y.B), strings.Compare(x.C, y.C))
	})
	return out
}

type chainAcc struct {
	c     CallEvent
	steps []ChainStep
}

// chainCounts counts, per C, A's calls followed by B→C within the window,
// with B's calls shifted by shift seconds circularly in [base, base+days
// days).
func chainCounts(aCalls, bOut []CallEvent, within, shift, base, days int64) (map[string]int, map[string]*chainAcc) {
	span := days * 86400
	times := make([]int64, len(bOut))
	idx := make([]int, len(bOut))
	for i, r := range bOut {
		t := r.Start
		if shift != 0 {
			t = base + (t-base+shift)%span
		}
		times[i], idx[i] = t, i
	}
	slices.SortFunc(idx, func(x, y int) int { return cmp.Compare(times[x], times[y]) })
	counts := map[string]int{}
	var steps map[string]*chainAcc
	if shift == 0 {
		steps = map[string]*chainAcc{}
	}
	for _, a := range aCalls {
		lo, hi := a.Start, a.Start+max(a.Duration, 0)+within
		i, _ := slices.BinarySearchFunc(idx, lo+1, func(x int, t int64) int { return cmp.Compare(times[x], t) })
		seen := map[string]bool{}
		for ; i < len(idx) && times[idx[i]] <= hi; i++ {
			b := bOut[idx[i]]
			c := b.Party()
			if seen[c] {
				continue
			}
			seen[c] = true
			counts[c]++
			if steps != nil {
				acc := steps[c]
				if acc == nil {
					acc = &chainAcc{c: b}
					steps[c] = acc
				}
				if len(acc.steps) < 5 {
					acc.steps = append(acc.steps, ChainStep{AB: a.Moment().String(), BC: b.Moment().String(),
						LagS: b.Start - (a.Start + max(a.Duration, 0)), Source: b.SourceID, Line: b.Line})
				}
			}
		}
	}
	return counts, steps
}
