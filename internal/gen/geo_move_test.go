package gen

import "testing"

// Two masts 21 km apart on the equator
// (111.32 km a degree): the trip takes (21 - 1) km at 40 km/h = 30 minutes.
func TestMoverTravelTimes(t *testing.T) {
	g := &geoMap{lat: []float64{0, 0, 0}, lon: []float64{0, 21 / 111.32, 0.5 / 111.32}}
	if s := g.travelS(0, 1); s != 1800 {
		t.Fatalf("travel %d s, want 1800", s)
	}
	if s := g.travelS(0, 2); s != 0 {
		t.Errorf("a neighbour 500 m off: %d s, want 0 (coverage overlaps)", s)
	}
	m := newMover(g)
	m.at(0, 0)
	if c := m.place(1, 600, -1, 0); c != 0 {
		t.Errorf("10 minutes after cell 0, cell %d (want to stay at 0)", c)
	}
	if c := m.place(2, 700, -1, 0); c != 2 {
		t.Errorf("the neighbour: cell %d", c)
	}
	if c := m.place(1, 2600, -1, 0); c != 1 {
		t.Errorf("after 31 minutes: cell %d, want 1", c)
	}
	// a planted record in cell 1 at 3600: at 3000 the subscriber is on
	// the way (leaving cell 0 at 3000 arrives at 4800, late): they are
	// placed at cell 1 already
	m = newMover(g)
	m.at(0, 0)
	if c := m.place(0, 3000, 1, 3600); c != 1 {
		t.Errorf("before a planted record: cell %d, want 1", c)
	}
	// roaming cells (no position) pass through and leave the place alone
	if c := m.place(7, 3100, -1, 0); c != 7 || m.last != 1 {
		t.Errorf("roaming: %d, last %d", c, m.last)
	}
}
