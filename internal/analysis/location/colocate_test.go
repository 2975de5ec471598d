package location

import (
	"reflect"
	"testing"
)

func at(day, h, m int) int64 { return int64(day*86400 + h*3600 + m*60) }

// Two people over three days, worked by hand. X and Y are 50 m apart (one
// site), Z 1.11 km north of X. Window 15 minutes, same site:
//   - day 0: A at X 10:00 and 10:05, B at Y 10:03 and at X 10:30: the
//     10:30 record is 25 min after A's last, so one meeting 10:00..10:05 of
//     A's two records and B's first;
//   - day 1: A at X 12:00, B at Z 12:01: 1.1 km apart, no meeting at the
//     same site, a meeting within a radius of 2 km;
//   - day 2: A at X 09:00, B at X 09:20: 20 minutes apart, no meeting.
func TestColocateByHand(t *testing.T) {
	x := Point{Lat: 22.5, Lon: 88.3}
	y := Offset(x, 90, 50)
	z := Offset(x, 0, 1110)
	fa := []Fix{
		{Wall: at(0, 10, 0), CellID: 1, Cell: "X", Pos: x, Placed: true},
		{Wall: at(0, 10, 5), CellID: 1, Cell: "X", Pos: x, Placed: true},
		{Wall: at(1, 12, 0), CellID: 1, Cell: "X", Pos: x, Placed: true},
		{Wall: at(2, 9, 0), CellID: 1, Cell: "X", Pos: x, Placed: true},
	}
	fb := []Fix{
		{Wall: at(0, 10, 3), CellID: 2, Cell: "Y", Pos: y, Placed: true},
		{Wall: at(0, 10, 30), CellID: 1, Cell: "X", Pos: x, Placed: true},
		{Wall: at(1, 12, 1), CellID: 3, Cell: "Z", Pos: z, Placed: true},
		{Wall: at(2, 9, 20), CellID: 1, Cell: "X", Pos: x, Placed: true},
	}
	p := ColocParams{WindowS: 900, SameSite: 100}
	ms := Colocate(fa, fb, p)
	if len(ms) != 1 {
		t.Fatalf("same site: %+v", ms)
	}
	m := ms[0]
	if m.At != at(0, 10, 0) || m.End != at(0, 10, 5) || !reflect.DeepEqual(m.A, []int{0, 1}) || !reflect.DeepEqual(m.B, []int{0}) ||
		m.DistanceM < 49.9 || m.DistanceM > 50.1 {
		t.Errorf("meeting %+v", m)
	}
	p.RadiusM = 2000
	if ms := Colocate(fa, fb, p); len(ms) != 2 || ms[1].At != at(1, 12, 0) || ms[1].DistanceM < 1109 || ms[1].DistanceM > 1111 {
		t.Errorf("within 2 km: %+v", ms)
	}
	// a 25-minute window joins B's 10:30 to day 0's meeting and finds day
	// 2's (20 minutes apart)
	p = ColocParams{WindowS: 1500, SameSite: 100}
	if ms := Colocate(fa, fb, p); len(ms) != 2 || !reflect.DeepEqual(ms[0].B, []int{0, 1}) || ms[1].At != at(2, 9, 0) {
		t.Errorf("25 minutes: %+v", ms)
	}
}

// Chance by hand: A at X every day at 08:00 (three days), B at X on day 0
// at 08:05 only. Observed 1; span 3 days, shifts of 1 and 2 days move B's
// record to days 1 and 2 at 08:05, both meeting A: expected (1+1)/2 = 1.
// B at X at 20:00 on day 0 instead: observed 0, every shift 0.
func TestColocExpectedByHand(t *testing.T) {
	x := Point{Lat: 22.5, Lon: 88.3}
	var fa []Fix
	for d := range 3 {
		fa = append(fa, Fix{Wall: at(d, 8, 0), CellID: 1, Pos: x, Placed: true})
	}
	p := ColocParams{WindowS: 900, SameSite: 100}
	fb := []Fix{{Wall: at(0, 8, 5), CellID: 1, Pos: x, Placed: true}}
	if ch := ColocExpected(fa, fb, p); ch.Expected != 1 || !reflect.DeepEqual(ch.Counts, []int{1, 1}) {
		t.Errorf("habit: %+v", ch)
	}
	fb = []Fix{{Wall: at(0, 20, 0), CellID: 1, Pos: x, Placed: true}}
	if ch := ColocExpected(fa, fb, p); ch.Expected != 0 || !reflect.DeepEqual(ch.Counts, []int{0, 0}) {
		t.Errorf("evening: %+v", ch)
	}
	// A on day 0 only, B on day 1 at 08:05: the span is days 0..1, one
	// shift of a day, which wraps B to day 0: a meeting by chance
	fa = fa[:1]
	fb = []Fix{{Wall: at(1, 8, 5), CellID: 1, Pos: x, Placed: true}}
	if ch := ColocExpected(fa, fb, p); ch.Expected != 1 || !reflect.DeepEqual(ch.Counts, []int{1}) {
		t.Errorf("wrap: %+v", ch)
	}
}
