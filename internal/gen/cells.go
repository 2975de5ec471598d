package gen

import "strconv"

// The hunt's area: every cell of LAC 7301. Its neighbour LAC 7310 holds
// cells just outside (the other-cell decoys use them).
const (
	areaLAC      = 7301
	neighbourLAC = 7310
	areaCells    = 6
	cgiPrefix    = "404-10-"
)

// AreaPrefix is the text every cell of the hunt's area starts with.
const AreaPrefix = cgiPrefix + "7301-"

// cellMap is the case's cell universe as CGI text "404-10-LLLL-CCCCC".
// Cells are referred to by index.
type cellMap struct {
	names     []string
	area      []int32 // indexes of the hunt area's cells
	neighbour []int32 // cells of the neighbouring LAC
	ordinary  []int32 // every cell outside the area, neighbours included
}

func cgi(lac, ci int) string {
	l, c := strconv.Itoa(lac), strconv.Itoa(ci)
	return cgiPrefix + zeros[:4-len(l)] + l + "-" + zeros[:5-len(c)] + c
}

// newCellMap builds n ordinary cells over a handful of LACs plus the area.
func newCellMap(r *rng, n int) *cellMap {
	m := &cellMap{}
	seen := map[string]bool{}
	add := func(lac int) int32 {
		for {
			name := cgi(lac, r.between(1, 65535))
			if !seen[name] {
				seen[name] = true
				m.names = append(m.names, name)
				return int32(len(m.names) - 1)
			}
		}
	}
	for range areaCells {
		m.area = append(m.area, add(areaLAC))
	}
	for range 4 {
		c := add(neighbourLAC)
		m.neighbour = append(m.neighbour, c)
		m.ordinary = append(m.ordinary, c)
	}
	lacs := make([]int, 0, 8)
	for len(lacs) < 8 {
		lac := r.between(1000, 9999)
		if lac != areaLAC && lac != neighbourLAC {
			lacs = append(lacs, lac)
		}
	}
	for i := range n {
		m.ordinary = append(m.ordinary, add(lacs[i%len(lacs)]))
	}
	return m
}

// any returns a random cell, the area's included (people live there too).
func (m *cellMap) any(r *rng) int32 { return int32(r.intn(len(m.names))) }

// distinctCells draws k different cells.
func (m *cellMap) distinctCells(r *rng, k int) []int32 {
	out := make([]int32, 0, k)
	for len(out) < k && len(out) < len(m.names) {
		c := m.any(r)
		dup := false
		for _, o := range out {
			dup = dup || o == c
		}
		if !dup {
			out = append(out, c)
		}
	}
	return out
}
