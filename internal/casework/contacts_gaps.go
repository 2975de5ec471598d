package casework

import (
	"math"

	"github.com/cdrtui/cdrtui/internal/analysis"
)

// gapCounter finds the gaps from others' records to A's events: for a
// record, the application of its key and the counts of A's events near it
// per window (analysis.Sweep), its port's key looked up once per run of
// records on one port.
type gapCounter struct {
	keys    *keyer
	sweep   *analysis.Sweep
	keyApp  []int
	buckets []analysis.Bucket
	port    int
	key     int // index among A's keys of port's key, -1: none
	app     int
}

func newGapCounter(keys *keyer, side *analysis.Side, keyApp []int, windows []int64) *gapCounter {
	return &gapCounter{keys: keys, sweep: analysis.NewSweep(side, windows), keyApp: keyApp, port: math.MinInt, key: -1}
}

// near is the application of a record on port starting at start, and
// its gaps to A's events per window (none when its key is none of A's or
// no event of A is within the largest window); the slice is reused by
// the next call.
func (g *gapCounter) near(port int, start int64) (int, []analysis.Bucket) {
	if port != g.port {
		g.port, g.key = port, -1
		if k := g.keys.key(port); k != "" {
			g.key = g.sweep.KeyIndex(k)
			if g.key >= 0 {
				g.app = g.keyApp[g.key]
			}
		}
	}
	if g.key < 0 {
		return 0, nil
	}
	g.buckets = g.sweep.Near(g.key, start, g.buckets)
	return g.app, g.buckets
}
