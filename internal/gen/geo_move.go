package gen

import "math"

// Plausible movement (Config.Geography): a subscriber's records are drawn
// hour by hour at the hour's place, but a phone cannot be in two places at
// once. The mover keeps each subscriber where they last were until they
// could have travelled to the next place at travelKMH (a move within
// overlapKM, a neighbouring cell, is made at once: coverage overlaps), and
// has them set out early enough to be at a planted record's cell on time.
// Only the planted clone (geo_plant.go) moves faster.
const (
	travelKMH = 40
	overlapKM = 1.0
)

// km is the distance between two cells' masts (equirectangular, exact
// enough within a city); -1 when either has no position (a roaming cell).
func (g *geoMap) km(a, b int32) float64 {
	if int(a) >= len(g.lat) || int(b) >= len(g.lat) || a < 0 || b < 0 {
		return -1
	}
	dy := (g.lat[a] - g.lat[b]) * 111.32
	dx := (g.lon[a] - g.lon[b]) * 111.32 * math.Cos(g.lat[a]*math.Pi/180)
	return math.Sqrt(dx*dx + dy*dy)
}

// travelS is the time needed to go from cell a to cell b.
func (g *geoMap) travelS(a, b int32) int64 {
	d := g.km(a, b) - overlapKM
	if d <= 0 {
		return 0
	}
	return int64(math.Ceil(d / travelKMH * hourSeconds))
}

// mover is one subscriber's whereabouts as their records are written in
// time order.
type mover struct {
	g     *geoMap
	last  int32 // -1: nowhere yet
	lastT int64
}

func newMover(g *geoMap) mover { return mover{g: g, last: -1} }

// placed says whether the cell has a position (the mover follows only
// those).
func (m *mover) placed(c int32) bool { return m.g != nil && c >= 0 && int(c) < len(m.g.lat) }

// place returns the cell of a record at t that would be in cell want:
// want when the subscriber can be there, else where they are (or, when a
// planted record at next (-1: none) at nextT needs them, the cell of the
// three that is least late).
func (m *mover) place(want int32, t int64, next int32, nextT int64) int32 {
	if !m.placed(want) {
		return want
	}
	if !m.placed(next) {
		next = -1
	}
	late := func(c int32) int64 {
		var l int64
		if m.last >= 0 {
			l = max(l, m.g.travelS(m.last, c)-(t-m.lastT))
		}
		if next >= 0 {
			l = max(l, m.g.travelS(c, next)-(nextT-t))
		}
		return l
	}
	best, bl := want, late(want)
	for _, c := range []int32{m.last, next} {
		if bl > 0 && c >= 0 {
			if l := late(c); l < bl {
				best, bl = c, l
			}
		}
	}
	m.last, m.lastT = best, t
	return best
}

// at records that the subscriber was in cell c at t (a planted record).
func (m *mover) at(c int32, t int64) {
	if m.placed(c) {
		m.last, m.lastT = c, t
	}
}
