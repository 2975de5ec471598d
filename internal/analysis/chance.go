package analysis

import (
	"math"
	"slices"
)

// HourProfile counts a subscriber's records per key per wall-clock hour.
type HourProfile map[string]*[24]int

// Expected returns the number of matches the chance model expects for
// window, in total and per key (keys present in both profiles with a
// non-zero expectation). Keys are summed in sorted order so the total is the
// same on every call. A negative window expects nothing.
//
// The chance model -- how many matches two subscribers would have if they
// did NOT talk to each other:
//
// Two subscribers acting independently, B's records arriving as a Poisson
// process whose rate, for key k, follows B's own hour-of-day profile over
// the case span: rate_B,k(h) = n_B,k[h] / (days * 3600) per second, where
// n_B,k[h] is the number of B's records on key k whose wall-clock hour is h
// and days is the number of calendar days the case spans (given by the
// caller, >= 1; a smaller value is taken as 1). Each of A's n_A,k[h] records
// at hour h then meets on average rate_B,k(h) * (2*window+1) B records (2w+1
// integer seconds in the inclusive window), so the expected number of
// matches is
//
//	E = sum_k sum_h n_A,k[h] * n_B,k[h] * (2*window+1) / (days*3600)
//
// (the window is not split where it crosses an hour boundary). The observed
// count is compared with E by Surprise: P(X >= observed) for X ~ Poisson(E).
// A pair that talks shows far more matches than E; a heavy user who talks
// to nobody shows many matches but about as many as E.
func Expected(a, b HourProfile, days int, window int64) (total float64, perKey map[string]float64) {
	keys := make([]string, 0, len(a))
	for k := range a {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	products := make([]int64, len(keys))
	for i, k := range keys {
		pa, pb := a[k], b[k]
		if pa == nil || pb == nil {
			continue
		}
		for h := range 24 {
			products[i] += int64(pa[h]) * int64(pb[h])
		}
	}
	return ExpectedOfProducts(keys, products, days, window)
}

// ExpectedOfProducts is Expected given, for each of A's keys in sorted
// order, the sum over hours of n_A,k[h] * n_B,k[h] (ProfileProducts): the
// products are all the chance model reads of B, so a caller ranking many
// subscribers keeps these numbers, not their profiles.
func ExpectedOfProducts(keys []string, products []int64, days int, window int64) (total float64, perKey map[string]float64) {
	perKey = map[string]float64{}
	if window < 0 || products == nil {
		return 0, perKey
	}
	days = max(days, 1)
	factor := float64(2*min(window, maxWindow)+1) / (float64(days) * 3600)
	for i, k := range keys {
		if products[i] > 0 {
			e := float64(products[i]) * factor
			perKey[k] = e
			total += e
		}
	}
	return total, perKey
}

// ProfileKeys is a profile's keys, sorted: the order ExpectedOfProducts
// takes products in.
func ProfileKeys(a HourProfile) []string {
	keys := make([]string, 0, len(a))
	for k := range a {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// ExpectedFloor replaces an expectation below it (zero, negative or NaN) in
// Surprise, so that matches nobody expected get a large but finite score.
const ExpectedFloor = 1e-9

// MaxScore caps Surprise's score (p below 1e-300 is not meaningfully
// different).
const MaxScore = 300

// Surprise returns the Poisson upper-tail probability p = P(X >= observed)
// for X ~ Poisson(expected), and score = -log10(p), 0 when observed <= 0 and
// capped at MaxScore. An expected value below ExpectedFloor (1e-9) is taken
// as 1e-9, so observed > 0 with expected == 0 gives a finite score (about
// 9 per match). The tail is the regularized lower incomplete gamma function
// P(observed, expected), computed in log space with math.Lgamma (series
// when expected < observed+1, continued fraction otherwise), so large
// values (observed 5000, expected 3000) neither overflow nor give NaN; p may
// underflow to 0 while score stays exact up to the cap.
func Surprise(observed int, expected float64) (p float64, score float64) {
	if observed <= 0 {
		return 1, 0
	}
	lambda := expected
	if !(lambda >= ExpectedFloor) { // also catches NaN
		lambda = ExpectedFloor
	}
	if math.IsInf(lambda, 1) {
		return 1, 0
	}
	logP := logPoissonUpperTail(float64(observed), lambda)
	score = min(max(-logP/math.Ln10, 0), MaxScore)
	return math.Exp(logP), score
}

// logPoissonUpperTail is log P(X >= k), X ~ Poisson(x), k >= 1: the log of
// the regularized lower incomplete gamma function P(k, x).
func logPoissonUpperTail(k, x float64) float64 {
	lgk, _ := math.Lgamma(k)
	logPrefix := -x + k*math.Log(x) - lgk // log(e^-x x^k / Γ(k))
	if x < k+1 {
		// P(k,x) = e^-x x^k / Γ(k) * Σ_n x^n / (k (k+1) ... (k+n)); the
		// terms fall from the first, so the sum neither overflows nor
		// cancels.
		term := 1 / k
		sum := term
		for n := 1.0; n < 1e7; n++ {
			term *= x / (k + n)
			sum += term
			if term < sum*1e-17 {
				break
			}
		}
		return logPrefix + math.Log(sum)
	}
	// Q(k,x) = 1 - P(k,x) by Lentz's continued fraction; here P >= ~1/2,
	// so log1p(-Q) is accurate.
	const tiny = 1e-300
	b := x + 1 - k
	c := 1 / tiny
	d := 1 / b
	h := d
	for i := 1.0; i < 1e7; i++ {
		an := -i * (i - k)
		b += 2
		d = an*d + b
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = b + an/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		step := d * c
		h *= step
		if math.Abs(step-1) < 1e-16 {
			break
		}
	}
	q := math.Exp(logPrefix) * h
	return math.Log1p(-min(q, 1))
}

// CurvePoint is one point of the chance plot.
type CurvePoint struct {
	Window   int64
	Observed int
	Expected float64
}

// Curve gives the observed (Count) and expected (Expected) matches for each
// window, for the chance plot. Neither side is sorted again.
func Curve(a, b *Side, days int, windows []int64) []CurvePoint {
	pa, pb := a.Profile(), b.Profile()
	out := make([]CurvePoint, 0, len(windows))
	for _, w := range windows {
		observed, _ := Count(a, b, w)
		expected, _ := Expected(pa, pb, days, w)
		out = append(out, CurvePoint{Window: w, Observed: observed, Expected: expected})
	}
	return out
}
