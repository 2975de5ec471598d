package analysis

import (
	"math/rand/v2"
	"testing"
	"time"
)

func hoursOf(ms ...Moment) []HourCount {
	out := make([]HourCount, len(ms))
	for i, m := range ms {
		out[i] = HourCount{WallHour: WallHourOf(m), Count: 1}
	}
	return out
}

// wall builds the moment whose wall clock is the given text with offset
// seconds east of UTC.
func wall(t *testing.T, text string, offset int32) Moment {
	t.Helper()
	w, err := time.Parse(WallLayout, text)
	if err != nil {
		t.Fatal(err)
	}
	return Moment{Unix: w.Unix() - int64(offset), Offset: offset}
}

// Records on the edges of the intervals and of the day land where the wall
// clock says, whatever the offset. 2018-06-03 is a Sunday.
func TestTrendEdges(t *testing.T) {
	const ist = 19800
	ms := []Moment{
		wall(t, "2018-06-03 02:59:59", ist), // Sun 00-03
		wall(t, "2018-06-03 03:00:00", ist), // Sun 03-06
		wall(t, "2018-06-03 23:59:59", ist), // Sun 21-24
		wall(t, "2018-06-04 00:00:00", ist), // Mon 00-03 (midnight)
		wall(t, "2018-06-04 00:00:00", 0),   // Mon 00-03, another zone
		wall(t, "2018-06-06 21:00:00", -18000),
		wall(t, "2018-06-06 20:59:59", 3600),
	}
	tr := BuildTrend(hoursOf(ms...))
	if tr.Total != 7 {
		t.Fatalf("total %d", tr.Total)
	}
	if want := [8]int64{3, 1, 0, 0, 0, 0, 1, 2}; tr.Bins3h != want {
		t.Errorf("bins %v want %v", tr.Bins3h, want)
	}
	if want := [7]int64{2, 0, 2, 0, 0, 0, 3}; tr.Weekday != want {
		t.Errorf("weekday %v want %v", tr.Weekday, want)
	}
	if tr.Grid[6][0] != 1 || tr.Grid[6][1] != 1 || tr.Grid[6][7] != 1 || tr.Grid[0][0] != 2 || tr.Grid[2][6] != 1 || tr.Grid[2][7] != 1 {
		t.Errorf("grid %v", tr.Grid)
	}
	if tr.Hours[2] != 1 || tr.Hours[3] != 1 || tr.Hours[23] != 1 || tr.Hours[0] != 2 || tr.Hours[21] != 1 || tr.Hours[20] != 1 {
		t.Errorf("hours %v", tr.Hours)
	}
	byDate := tr.ByDate()
	want := map[string]int64{"2018-06-03": 3, "2018-06-04": 2, "2018-06-05": 0, "2018-06-06": 2}
	if len(byDate) != len(want) {
		t.Fatalf("by date %v", byDate)
	}
	for d, n := range want {
		if byDate[d] != n {
			t.Errorf("%s: %d want %d", d, byDate[d], n)
		}
	}
	dates := tr.Dates(tr.FirstDay-1, tr.LastDay)
	if len(dates) != 5 || dates[0].Date != "2018-06-02" || dates[0].Weekday != "Sat" || dates[1].Weekday != "Sun" || dates[1].Count != 3 {
		t.Errorf("dates %+v", dates)
	}
}

// Before 1970 the wall hour still floors (a clock set to zero by a broken
// handset writes 1969-12-31 in some zones).
func TestTrendBefore1970(t *testing.T) {
	m := wall(t, "1969-12-31 23:30:00", 0)
	if WallHourOf(m) != -1 {
		t.Fatalf("wall hour %d", WallHourOf(m))
	}
	tr := BuildTrend(hoursOf(m))
	if tr.Bins3h[7] != 1 || tr.Weekday[2] != 1 || tr.ByDate()["1969-12-31"] != 1 {
		t.Fatalf("%+v %v", tr, tr.ByDate())
	}
}

// Against an independent reference: the time package's own hour, weekday
// and date of each record's wall clock.
func TestTrendMatchesTimePackage(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var ms []Moment
	var bins [8]int64
	var wd [7]int64
	dates := map[string]int64{}
	for i := 0; i < 5000; i++ {
		m := Moment{Unix: 1_500_000_000 + rng.Int64N(90*86400), Offset: int32(rng.IntN(27)-12) * 3600}
		ms = append(ms, m)
		w := m.Wall()
		bins[w.Hour()/3]++
		wd[(int(w.Weekday())+6)%7]++
		dates[w.Format(DayLayout)]++
	}
	tr := BuildTrend(hoursOf(ms...))
	if tr.Bins3h != bins || tr.Weekday != wd {
		t.Fatalf("bins %v/%v weekday %v/%v", tr.Bins3h, bins, tr.Weekday, wd)
	}
	for d, n := range tr.ByDate() {
		if dates[d] != n {
			t.Fatalf("%s: %d want %d", d, n, dates[d])
		}
	}
	if p := PeakOf(tr, BuildTrend(nil)); p.Bin != maxOf(bins[:]) || p.Weekday != maxOf(wd[:]) {
		t.Fatalf("peak %+v", p)
	}
}

func maxOf(xs []int64) int64 {
	m := xs[0]
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

func TestSpan(t *testing.T) {
	a := BuildTrend([]HourCount{{WallHour: 24 * 10, Count: 1}})
	b := BuildTrend([]HourCount{{WallHour: 24*12 + 5, Count: 2}})
	first, last, ok := Span(a, BuildTrend(nil), b)
	if !ok || first != 10 || last != 12 {
		t.Fatalf("%d %d %v", first, last, ok)
	}
	if _, _, ok := Span(BuildTrend(nil)); ok {
		t.Fatal("empty trend has a span")
	}
	if ThreeHourLabel(0) != "00-03" || ThreeHourLabel(7) != "21-24" || WeekdayLabel(0) != "Mon" {
		t.Fatal("labels")
	}
}
