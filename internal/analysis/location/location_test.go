package location

import (
	"math"
	"testing"
	"time"
)

// Reference distances: the haversine formula evaluated by hand (python's
// math module) on orb's sphere of 6,378,137 m; the published great-circle
// figures (mean radius 6,371 km: London-Paris 343.6 km, Kolkata-Delhi
// 1,303.8 km, New York-Los Angeles 3,935.7 km, one degree of latitude
// 111.195 km) are 0.11% smaller, the ratio of the radii.
func TestDistanceAgainstReference(t *testing.T) {
	for _, c := range []struct {
		name      string
		a, b      Point
		want      float64 // metres on orb's sphere
		published float64 // metres, mean radius
	}{
		{"London-Paris", Point{51.5074, -0.1278}, Point{48.8566, 2.3522}, 343940.9, 343556.5},
		{"Kolkata-Delhi", Point{22.5726, 88.3639}, Point{28.6139, 77.2090}, 1305294.1, 1303835.3},
		{"New York-Los Angeles", Point{40.7128, -74.0060}, Point{34.0522, -118.2437}, 3940155.2, 3935751.7},
		{"one degree of latitude", Point{0, 0}, Point{1, 0}, 111319.5, 111195.1},
	} {
		got := DistanceM(c.a, c.b)
		if math.Abs(got-c.want) > 1 {
			t.Errorf("%s: %.1f m, want %.1f", c.name, got, c.want)
		}
		if math.Abs(got/c.published-6378137/6371008.8) > 1e-6 {
			t.Errorf("%s: %.1f m is not the published %.1f m scaled by the radii", c.name, got, c.published)
		}
		if back := DistanceM(c.b, c.a); math.Abs(back-got) > 1e-6 {
			t.Errorf("%s: not symmetric", c.name)
		}
	}
	if b := BearingDeg(Point{0, 0}, Point{0, 1}); math.Abs(b-90) > 1e-9 {
		t.Errorf("due east: bearing %g", b)
	}
	if p := Offset(Point{0, 0}, 0, 111319.49); math.Abs(p.Lat-1) > 1e-4 {
		t.Errorf("one degree north: %+v", p)
	}
}

func TestChooseAndDisagree(t *testing.T) {
	kol, far := Point{22.5726, 88.3639}, Point{22.84, 88.3639}
	i, spread := Choose([]Candidate{{Pos: kol, Operator: true}, {Pos: far}})
	if i != 0 || math.Abs(spread-29775) > 50 || spread <= FarApartM {
		t.Errorf("operator's kept, 29.8 km apart: %d %.0f", i, spread)
	}
	if i, _ := Choose([]Candidate{{Pos: kol}, {Pos: far}}); i != 1 {
		t.Errorf("the last crowd-sourced one: %d", i)
	}
}

func wall(s string) int64 {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t.Unix()
}

func TestStaysMovesPlaces(t *testing.T) {
	home := Point{22.5726, 88.3639}
	sector := Offset(home, 90, 40)  // another sector of the home mast
	work := Point{22.5726, 88.4639} // 0.1 degree east: 10.279 km at this latitude (haversine by hand)
	delhi := Point{28.6139, 77.2090}
	var fixes []Fix
	add := func(when string, cell int64, p Point) {
		fixes = append(fixes, Fix{Wall: wall(when), CellID: cell, Cell: string(rune('A' + cell)), Pos: p, Placed: true})
	}
	// Mon 2024-03-18 .. Wed 2024-03-20: nights at home, days at work
	for _, d := range []string{"2024-03-18", "2024-03-19", "2024-03-20"} {
		add(d+" 08:00", 1, home)
		add(d+" 10:00", 2, work)
		add(d+" 15:00", 2, work)
		add(d+" 23:00", 3, sector)
	}
	fixes = append(fixes, Fix{Wall: wall("2024-03-21 01:00"), CellID: 9, Cell: "unplaced"})
	add("2024-03-21 02:00", 1, home)
	add("2024-03-21 02:30", 4, delhi) // 1,305 km in half an hour
	r := Analyse(fixes, DefaultParams())
	if r.Total != 15 || r.Placed != 14 {
		t.Errorf("placed %d of %d", r.Placed, r.Total)
	}
	// home is the mast of cells 1 and 3 (40 m apart), named by the cell first
	// seen there at night (3, at 23:00); its records: three at 23:00, one at 02:00
	if r.Home == nil || r.Home.CellID != 3 || r.Home.Count != 3 || r.Home.Of != 3 || r.Home.Records != 4 || r.Home.Dates[0] != "2024-03-18" {
		t.Errorf("home %+v", r.Home)
	}
	if r.Work == nil || r.Work.CellID != 2 || r.Work.Count != 3 || r.Work.Records != 6 {
		t.Errorf("work %+v", r.Work)
	}
	// stays: home, work, home+sector, work, ... ; the sector joins the home stay
	if len(r.Stays) != 8 || r.Stays[0].Records != 1 || r.Stays[2].Records != 2 || r.Stays[7].Cell != "E" {
		t.Errorf("stays %+v", r.Stays)
	}
	m := r.Moves[0]
	if math.Abs(m.KM-DistanceM(home, work)/1000) > 1e-9 || math.Abs(m.KM-10.279) > 0.001 || math.Abs(m.KMH-m.KM/2) > 1e-9 || m.Impossible {
		t.Errorf("first move %+v", m)
	}
	last := r.Moves[len(r.Moves)-1]
	if !last.Impossible || math.Abs(last.KM-1305.29) > 0.05 || math.Abs(last.KMH-2*last.KM) > 1e-6 {
		t.Errorf("Kolkata to Delhi in 30 minutes: %+v", last)
	}
	if r.Sites[0].Records < r.Sites[len(r.Sites)-1].Records {
		t.Errorf("sites not by records: %+v", r.Sites)
	}
}

func TestHoursWrap(t *testing.T) {
	n := Hours{22, 6}
	for h, want := range map[int]bool{21: false, 22: true, 23: true, 0: true, 5: true, 6: false, 12: false} {
		if n.Contains(h) != want {
			t.Errorf("22-06 contains %d: %v", h, !want)
		}
	}
	if d := (Hours{9, 17}); d.Contains(17) || !d.Contains(9) {
		t.Errorf("09-17")
	}
}
