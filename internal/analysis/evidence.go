package analysis

import (
	"math"
	"slices"
)

// Evidence is how surprising two subscribers' coincidences are: the score
// of the pair view and the ranking of Contacts.
//
// Two refinements over one Poisson tail on the pooled count at the chosen
// window W, both needed on real-sized cases:
//
//   - Per application. Two people who chat on WhatsApp coincide on
//     WhatsApp; their web browsing coincides with everybody's at the busy
//     hours. Pooled, a pair's 45 WhatsApp matches where 9 were expected
//     drown in 93 web matches where 105 were expected, and among thousands
//     of subscribers some heavy web user's modest excess on a large count
//     (404 against 325) looks more surprising than the pair.
//   - Up to W, not only at W. The records of two people in conversation
//     start seconds apart, while chance spreads coincidences evenly over
//     the window: between two heavy users a planted pair's 47
//     conversations vanish among 88 chance matches at 180 s and stand out
//     at 20 s (54 against 3). So every window of the slider's scale up to W
//     (and W itself) is looked at.
//
// For each application k both used and each window w <= W, p(k, w) =
// P(X >= matches(k, w)), X ~ Poisson(expected(k, w)) (Surprise,
// the chance model of Expected). The strongest is kept and
// corrected for the K*N (applications x windows) looked at (Bonferroni):
// P = min(1, K*N*min p), Score = -log10 P, at least 0 and at most
// MaxScore.
type Evidence struct {
	App    string  // the application with the strongest evidence ("" when nothing matched)
	Window int64   // the window (seconds) at which it was strongest
	Tests  int     // K*N: applications compared times windows looked at
	P      float64 // corrected
	Score  float64 // -log10 P
}

// ScanWindows is the windows Evidence looks at for window w: the slider's
// scale up to w, and w itself when it is not on the scale.
func ScanWindows(w int64) []int64 {
	var out []int64
	for _, x := range Windows() {
		if x <= w {
			out = append(out, x)
		}
	}
	if len(out) == 0 || out[len(out)-1] != w {
		out = append(out, w)
	}
	return out
}

// ScanEvidence judges the matches per application at each of windows
// (matchesAt(i) for windows[i]) against chance: unit[k] is application
// k's expected matches per second of the inclusive window, so that
// expected(k, w) = unit[k]*(2w+1) (Expected at window 0).
func ScanEvidence(windows []int64, matchesAt func(i int) map[string]int, unit map[string]float64) Evidence {
	apps := make([]string, 0, len(unit))
	for a, u := range unit {
		if u > 0 {
			apps = append(apps, a)
		}
	}
	if len(windows) > 0 {
		// An application with matches but no expectation (it cannot
		// happen with profiles built from the same records) counts too.
		for a, n := range matchesAt(len(windows) - 1) {
			if n > 0 && !(unit[a] > 0) {
				apps = append(apps, a)
			}
		}
	}
	slices.Sort(apps)
	ev := Evidence{Tests: len(apps) * len(windows), P: 1}
	bestScore, bestP, bestMatches := 0.0, 1.0, 0
	for i, w := range windows {
		m := matchesAt(i)
		for _, a := range apps {
			n := m[a]
			if n == 0 {
				continue
			}
			p, score := Surprise(n, unit[a]*float64(2*w+1))
			if score > bestScore || (score == bestScore && n > bestMatches) {
				ev.App, ev.Window, bestScore, bestP, bestMatches = a, w, score, p, n
			}
		}
	}
	if ev.App == "" {
		return ev
	}
	ev.Score = min(max(bestScore-math.Log10(float64(ev.Tests)), 0), MaxScore)
	ev.P = min(1, bestP*float64(ev.Tests))
	if ev.Score == 0 {
		ev.P = 1
	}
	return ev
}

// ByApp sums per-key values into per-application values, in key order so
// that float sums are the same on every call.
func ByApp[V int | float64](perKey map[string]V, app func(string) string) map[string]V {
	keys := make([]string, 0, len(perKey))
	for k := range perKey {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make(map[string]V, len(keys))
	for _, k := range keys {
		out[app(k)] += perKey[k]
	}
	return out
}

// UnitExpectation is the chance model's expected matches per second of
// window per application (Expected at window 0, whose factor is
// 2*0+1 = 1).
func UnitExpectation(a, b HourProfile, days int, app func(string) string) map[string]float64 {
	_, perKey := Expected(a, b, days, 0)
	return ByApp(perKey, app)
}

// LagCounts turns matched pairs into cumulative matches per application at
// each window: out[i][app] counts pairs with |delta| <= windows[i]
// (windows ascending, the last at least every pair's |delta|).
func LagCounts(pairs []Pair, windows []int64, app func(string) string) []map[string]int {
	hist := map[string][]int{}
	for _, p := range pairs {
		d := max(p.Delta, -p.Delta)
		i, _ := slices.BinarySearch(windows, d) // smallest window >= |delta|
		a := app(p.Key)
		h := hist[a]
		if h == nil {
			h = make([]int, len(windows))
			hist[a] = h
		}
		h[i]++
	}
	out := make([]map[string]int, len(windows))
	for i := range out {
		out[i] = map[string]int{}
	}
	for a, h := range hist {
		sum := 0
		for i, n := range h {
			sum += n
			if sum > 0 {
				out[i][a] = sum
			}
		}
	}
	return out
}

// WindowBest is the strongest application at one window, as ScanEvidence
// finds it among the applications with matches there (App "" when none
// matched).
type WindowBest struct {
	App     string
	Matches int
	P       float64
	Score   float64
}

// BestAtWindow is ScanEvidence's search at one window w: apps sorted,
// matches(i) the matches of apps[i] within w, unit as for ScanEvidence.
// The first application with the highest (score, matches) wins, compared
// from (0, 0) as ScanEvidence does.
func BestAtWindow(w int64, apps []string, matches func(i int) int, unit map[string]float64) WindowBest {
	var b WindowBest
	for i, a := range apps {
		n := matches(i)
		if n == 0 {
			continue
		}
		p, score := Surprise(n, unit[a]*float64(2*w+1))
		if score > b.Score || (score == b.Score && n > b.Matches) {
			b = WindowBest{App: a, Matches: n, P: p, Score: score}
		}
	}
	return b
}

// CombineEvidence is ScanEvidence from the best of each window (bests[i]
// at windows[i], windows ascending) and the number of tests made
// (applications compared times windows looked at): the same figures
// ScanEvidence gives, so that a caller can keep each window's best and
// answer a larger window without searching the smaller ones again.
func CombineEvidence(windows []int64, bests []WindowBest, tests int) Evidence {
	ev := Evidence{Tests: tests, P: 1}
	bestScore, bestP, bestMatches := 0.0, 1.0, 0
	for i, b := range bests {
		if b.App == "" {
			continue
		}
		if b.Score > bestScore || (b.Score == bestScore && b.Matches > bestMatches) {
			ev.App, ev.Window, bestScore, bestP, bestMatches = b.App, windows[i], b.Score, b.P, b.Matches
		}
	}
	if ev.App == "" {
		return ev
	}
	ev.Score = min(max(bestScore-math.Log10(float64(ev.Tests)), 0), MaxScore)
	ev.P = min(1, bestP*float64(ev.Tests))
	if ev.Score == 0 {
		ev.P = 1
	}
	return ev
}
