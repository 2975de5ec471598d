package gen

import (
	"math"
	"math/bits"
	"sort"
)

// rng is a small splitmix64 generator. It is written out here rather than
// taken from math/rand so that the files a seed gives never change with the
// Go release.
type rng struct{ state uint64 }

// newRNG derives an independent stream from the case seed and a path of
// labels (what the stream is for, which subscriber ...).
func newRNG(seed int64, path ...uint64) *rng {
	h := mix64(uint64(seed) ^ 0x6a09e667f3bcc908)
	for _, p := range path {
		h = mix64(h ^ mix64(p+0x9e3779b97f4a7c15))
	}
	return &rng{state: h}
}

func mix64(z uint64) uint64 {
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

func (r *rng) next() uint64 {
	r.state += 0x9e3779b97f4a7c15
	return mix64(r.state)
}

// intn returns a value in [0, n).
func (r *rng) intn(n int) int {
	if n <= 1 {
		return 0
	}
	hi, _ := bits.Mul64(r.next(), uint64(n))
	return int(hi)
}

// between returns a value in [lo, hi], both included.
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// float returns a value in [0, 1).
func (r *rng) float() float64 { return float64(r.next()>>11) / (1 << 53) }

func (r *rng) chance(p float64) bool { return r.float() < p }

// exp returns an exponential variate with the given mean.
func (r *rng) exp(mean float64) float64 { return -mean * math.Log(1-r.float()) }

// normal returns a standard normal variate (Box-Muller).
func (r *rng) normal() float64 {
	u := 1 - r.float()
	return math.Sqrt(-2*math.Log(u)) * math.Cos(2*math.Pi*r.float())
}

// lognormal returns a variate whose median is median and whose log has
// standard deviation sigma.
func (r *rng) lognormal(median, sigma float64) float64 {
	return median * math.Exp(sigma*r.normal())
}

// poisson returns a Poisson variate: exact (Knuth) for small means, the
// rounded normal approximation for large ones.
func (r *rng) poisson(mean float64) int {
	switch {
	case mean <= 0:
		return 0
	case mean < 30:
		limit, k, p := math.Exp(-mean), 0, r.float()
		for p > limit {
			k++
			p *= r.float()
		}
		return k
	default:
		n := math.Round(mean + math.Sqrt(mean)*r.normal())
		if n < 0 {
			return 0
		}
		return int(n)
	}
}

// pick draws an index from cumulative weights (the last one is the total).
func (r *rng) pick(cum []float64) int {
	x := r.float() * cum[len(cum)-1]
	i := sort.SearchFloat64s(cum, x)
	if i < len(cum) && cum[i] == x {
		i++
	}
	if i >= len(cum) {
		i = len(cum) - 1
	}
	return i
}

// cumulative turns weights into the running sums pick draws from.
func cumulative(weights []float64) []float64 {
	out := make([]float64, len(weights))
	sum := 0.0
	for i, w := range weights {
		sum += w
		out[i] = sum
	}
	return out
}

// perm returns 0..n-1 in a random order.
func (r *rng) perm(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	shuffle(r, p)
	return p
}

// shuffle permutes xs in place (Fisher-Yates).
func shuffle[T any](r *rng, xs []T) {
	for i := len(xs) - 1; i > 0; i-- {
		j := r.intn(i + 1)
		xs[i], xs[j] = xs[j], xs[i]
	}
}

// zipf returns cumulative Zipf weights 1/k^s for k = 1..n.
func zipf(n int, s float64) []float64 {
	w := make([]float64, n)
	for k := range w {
		w[k] = 1 / math.Pow(float64(k+1), s)
	}
	return cumulative(w)
}
