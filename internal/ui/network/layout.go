package network

import (
	"cmp"
	"math"
	"slices"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
)

// spot is a drawn node: its index in the graph's nodes and its cell.
type spot struct {
	node int
	x, y int
}

// drawnEdge is one pair of drawn nodes with what joins them: the voice
// weight (calls and SMS) and the data-correlation score.
type drawnEdge struct {
	a, b  int // indexes into the spots
	voice float64
	data  float64
}

// layout places the centre in the middle of a w×h canvas and its
// neighbours on rings by hop (radial layout), deterministic for a graph:
// hop 1 on the inner ring, the highest betweenness first, in ID order round the
// ring from the top; hop 2 on the outer ring, each next to the hop-1
// number it is most strongly linked to. Rings hold as many as fit (labels
// need room); the rest are listed beside the drawing, not drawn. Drawn
// are the links among the centre and the inner ring (the groups round
// the centre), each outer number's link to its inner one, and every data
// correlation.
type layout struct {
	spots []spot
	edges []drawnEdge
	// hidden counts the nodes within two hops not drawn for lack of room
	hidden int
}

// weights sums the links of each pair by family (voice, data).
func weights(g *casework.Graph) map[[2]string][2]float64 {
	m := map[[2]string][2]float64{}
	for _, e := range g.Edges {
		k := [2]string{e.A, e.B}
		w := m[k]
		if e.Kind == analysis.LinkData {
			w[1] = max(w[1], e.Weight)
		} else {
			w[0] += e.Weight
		}
		m[k] = w
	}
	return m
}

func pairKey(a, b string) [2]string {
	if b < a {
		a, b = b, a
	}
	return [2]string{a, b}
}

// strength is how strongly two numbers are linked, for choosing what to
// draw: calls and SMS, a data correlation counting as its score.
func strength(w [2]float64) float64 { return w[0] + w[1] }

// ringCapacity is how many labels of width lw fit round an ellipse of
// radii rx, ry (cells), at least 1.
func ringCapacity(rx, ry float64, lw int) int {
	circ := math.Pi * (3*(rx+ry) - math.Sqrt((3*rx+ry)*(rx+3*ry))) // Ramanujan
	// labels sit side by side only along the top and bottom; at the sides
	// they stack one per row
	n := int(circ / float64(lw+1))
	return max(1, n)
}

func newLayout(g *casework.Graph, center string, w, h, labelW int) layout {
	var lo layout
	if g == nil || w < 8 || h < 3 {
		return lo
	}
	idx := map[string]int{}
	for i, n := range g.Nodes {
		idx[n.ID] = i
	}
	ci, ok := idx[center]
	if !ok {
		return lo
	}
	ws := weights(g)
	cx, cy := float64(w-1)/2, float64(h-1)/2
	ry2 := max(1, cy-0.5)
	rx2 := max(2, cx-float64(labelW)/2-1)
	rx1, ry1 := rx2*0.5, ry2*0.5
	outer := g.Hops >= 2 && ry2 >= 4
	if !outer {
		rx1, ry1 = rx2, ry2
	}
	// hop 1: strongest link to the centre first
	var ring1 []int
	for i, n := range g.Nodes {
		if n.Hop == 1 {
			ring1 = append(ring1, i)
		}
	}
	sortBy := func(s []int, score func(i int) float64) {
		slices.SortStableFunc(s, func(x, y int) int {
			return cmp.Or(cmp.Compare(score(y), score(x)), cmp.Compare(g.Nodes[x].ID, g.Nodes[y].ID))
		})
	}
	// the brokers first (so the one between two groups is drawn), then the strongest links
	sortBy(ring1, func(i int) float64 { return g.Nodes[i].Betweenness*1e6 + strength(ws[pairKey(center, g.Nodes[i].ID)]) })
	cap1 := ringCapacity(rx1, ry1, labelW)
	if len(ring1) > cap1 {
		lo.hidden += len(ring1) - cap1
		ring1 = ring1[:cap1]
	}
	slices.SortFunc(ring1, func(x, y int) int { return cmp.Compare(g.Nodes[x].ID, g.Nodes[y].ID) })
	lo.spots = append(lo.spots, spot{node: ci, x: int(math.Round(cx)), y: int(math.Round(cy))})
	angle1 := map[int]float64{}
	for k, i := range ring1 {
		a := -math.Pi/2 + 2*math.Pi*float64(k)/float64(len(ring1))
		angle1[i] = a
		lo.spots = append(lo.spots, spot{node: i, x: int(math.Round(cx + rx1*math.Cos(a))), y: int(math.Round(cy + ry1*math.Sin(a)))})
	}
	parent := map[string]string{}
	if outer {
		type child struct {
			i      int
			parent float64 // the angle of its strongest drawn hop-1 neighbour
			score  float64
		}
		var ring2 []child
		for i, n := range g.Nodes {
			if n.Hop != 2 {
				continue
			}
			best, bw := -1, 0.0
			for _, p := range ring1 {
				if s := strength(ws[pairKey(n.ID, g.Nodes[p].ID)]); s > bw {
					best, bw = p, s
				}
			}
			if best < 0 {
				lo.hidden++
				continue
			}
			ring2 = append(ring2, child{i, angle1[best], n.Betweenness*1e3 + bw})
			parent[n.ID] = g.Nodes[best].ID
		}
		slices.SortStableFunc(ring2, func(x, y child) int {
			return cmp.Or(cmp.Compare(y.score, x.score), cmp.Compare(g.Nodes[x.i].ID, g.Nodes[y.i].ID))
		})
		cap2 := ringCapacity(rx2, ry2, labelW)
		if len(ring2) > cap2 {
			lo.hidden += len(ring2) - cap2
			ring2 = ring2[:cap2]
		}
		slices.SortFunc(ring2, func(x, y child) int {
			return cmp.Or(cmp.Compare(x.parent, y.parent), cmp.Compare(g.Nodes[x.i].ID, g.Nodes[y.i].ID))
		})
		off := 0.0
		if len(ring2) > 0 {
			off = ring2[0].parent + math.Pi/2 // keep the first child near its parent
		}
		for k, c := range ring2 {
			a := -math.Pi/2 + off + 2*math.Pi*float64(k)/float64(len(ring2))
			lo.spots = append(lo.spots, spot{node: c.i, x: int(math.Round(cx + rx2*math.Cos(a))), y: int(math.Round(cy + ry2*math.Sin(a)))})
		}
	} else {
		for _, n := range g.Nodes {
			if n.Hop >= 2 {
				lo.hidden++
			}
		}
	}
	at := map[string]int{}
	for k, s := range lo.spots {
		at[g.Nodes[s.node].ID] = k
	}
	for pk, wt := range ws {
		a, okA := at[pk[0]]
		b, okB := at[pk[1]]
		// the centre's links, each outer number's link to its parent and
		// strong links: more would hide the structure
		inner := g.Nodes[lo.spots[min(a, len(lo.spots)-1)].node].Hop <= 1 && g.Nodes[lo.spots[min(b, len(lo.spots)-1)].node].Hop <= 1
		keep := okA && okB && (inner || parent[pk[0]] == pk[1] || parent[pk[1]] == pk[0] || wt[1] > 0)
		if keep {
			lo.edges = append(lo.edges, drawnEdge{a: a, b: b, voice: wt[0], data: wt[1]})
		}
	}
	slices.SortFunc(lo.edges, func(x, y drawnEdge) int { return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b)) })
	return lo
}

// Directions for moving between nodes.
const (
	dirUp = iota
	dirDown
	dirLeft
	dirRight
)

// nearest is the drawn node closest to spot from in direction dir (cells
// count double across, as they are about twice as tall as wide), or from
// when there is none.
func (lo layout) nearest(from, dir int) int {
	if from < 0 || from >= len(lo.spots) {
		return from
	}
	f := lo.spots[from]
	best, bd := from, math.Inf(1)
	for k, s := range lo.spots {
		if k == from {
			continue
		}
		dx, dy := float64(s.x-f.x)/2, float64(s.y-f.y)
		var along, across float64
		switch dir {
		case dirUp:
			along, across = -dy, dx
		case dirDown:
			along, across = dy, dx
		case dirLeft:
			along, across = -dx, dy
		case dirRight:
			along, across = dx, dy
		}
		if along <= 0 {
			continue
		}
		if d := along + 2*math.Abs(across); d < bd {
			best, bd = k, d
		}
	}
	return best
}
