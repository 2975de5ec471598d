package analysis

import (
	"context"
	"runtime"
	"sync"
)

// betweennessParts is how many fixed parts the sources of Brandes'
// algorithm are split into. Each part sums its own sources in order and
// the parts are added in order, so the figures are the same to the last
// bit however many cores run the parts.
const betweennessParts = 8

// csr is an undirected simple graph on nodes 0..n-1 in compressed sparse
// rows: the neighbours of v are nbr[off[v]:off[v+1]].
type csr struct {
	off []int32
	nbr []int32
}

func newCSR(adj [][]int32) csr {
	g := csr{off: make([]int32, len(adj)+1)}
	for v, ns := range adj {
		g.off[v+1] = g.off[v] + int32(len(ns))
	}
	g.nbr = make([]int32, 0, g.off[len(adj)])
	for _, ns := range adj {
		g.nbr = append(g.nbr, ns...)
	}
	return g
}

func (g csr) n() int { return len(g.off) - 1 }

// betweenness is Brandes' algorithm for the betweenness of every node of
// an unweighted graph (U. Brandes, "A faster algorithm for betweenness
// centrality", 2001), summed over ordered pairs (s, t) as gonum's
// network.Betweenness sums them: a breadth-first search from each source
// counting the shortest paths (sigma), then the dependencies accumulated
// in the reverse order of discovery. Predecessors are not stored: those
// of w are its neighbours one step closer to the source.
//
// A leaf l (one neighbour v, itself not a leaf) needs no search of its
// own: every shortest path from l is l, v, then a shortest path from v, so
// l's dependency on any other node w is v's, and on v it is every node v
// reaches but l and v. The search from v counts once for v and once for
// each of its leaves (an ego network is mostly leaves: the numbers only one
// contact called).
//
// The sources are split into betweennessParts parts run on up to
// GOMAXPROCS goroutines, each with its own arrays; the parts' sums are
// added in a fixed order. A cancelled ctx stops it between sources with
// ctx's error.
func betweenness(ctx context.Context, g csr) ([]float64, error) {
	n := g.n()
	cb := make([]float64, n)
	if n < 3 {
		return cb, nil
	}
	deg := func(v int32) int32 { return g.off[v+1] - g.off[v] }
	leaves := make([]int32, n) // the leaves of each node
	folded := make([]bool, n)  // a leaf whose search is its neighbour's
	for v := range int32(n) {
		if deg(v) == 1 {
			if u := g.nbr[g.off[v]]; deg(u) > 1 {
				folded[v] = true
				leaves[u]++
			}
		}
	}
	parts := make([][]float64, min(betweennessParts, n))
	workers := min(runtime.GOMAXPROCS(0), len(parts))
	next := make(chan int, len(parts))
	for p := range parts {
		next <- p
	}
	close(next)
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st := newBrandesState(n)
			for p := range next {
				sum := make([]float64, n)
				for k, s := 0, p; s < n; k, s = k+1, s+len(parts) {
					if folded[s] {
						continue
					}
					if k%16 == 0 && ctx.Err() != nil {
						errs[w] = ctx.Err()
						return
					}
					st.from(g, int32(s), sum, float64(1+leaves[s]))
				}
				parts[p] = sum
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	for _, sum := range parts {
		for v, x := range sum {
			cb[v] += x
		}
	}
	return cb, nil
}

// brandesState is one goroutine's arrays for single-source passes.
type brandesState struct {
	dist  []int32
	sigma []float64
	delta []float64
	order []int32 // nodes in the order found: the queue, then the stack
}

func newBrandesState(n int) *brandesState {
	st := &brandesState{dist: make([]int32, n), sigma: make([]float64, n), delta: make([]float64, n), order: make([]int32, 0, n)}
	for i := range st.dist {
		st.dist[i] = -1
	}
	return st
}

// from adds to sum the dependencies of source s on every other node,
// times mult (s and its leaves: see betweenness), with what each of the
// mult-1 leaves depends on s itself; and leaves the arrays clean for the
// next source (only the nodes reached are touched).
func (st *brandesState) from(g csr, s int32, sum []float64, mult float64) {
	dist, sigma, delta := st.dist, st.sigma, st.delta
	order := append(st.order[:0], s)
	dist[s], sigma[s] = 0, 1
	for i := 0; i < len(order); i++ {
		v := order[i]
		dv := dist[v] + 1
		for _, w := range g.nbr[g.off[v]:g.off[v+1]] {
			if dist[w] < 0 {
				dist[w] = dv
				order = append(order, w)
			}
			if dist[w] == dv {
				sigma[w] += sigma[v]
			}
		}
	}
	for i := len(order) - 1; i > 0; i-- {
		w := order[i]
		dw := dist[w] - 1
		c := (1 + delta[w]) / sigma[w]
		for _, v := range g.nbr[g.off[w]:g.off[w+1]] {
			if dist[v] == dw {
				delta[v] += sigma[v] * c
			}
		}
		sum[w] += mult * delta[w]
	}
	// each leaf l of s reaches every node s reaches but l and s through s
	sum[s] += (mult - 1) * float64(len(order)-2)
	for _, v := range order {
		dist[v], sigma[v], delta[v] = -1, 0, 0
	}
	st.order = order
}
