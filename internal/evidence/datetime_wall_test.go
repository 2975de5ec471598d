package evidence

import (
	"reflect"
	"testing"
	"time"
)

func TestDateOrders(t *testing.T) {
	tests := []struct {
		in   string
		want OrderSet
	}{
		{"28/08/2014", OrderDMY},
		{"28/08/2014 19:29:04", OrderDMY},
		{"9/22/2011", OrderMDY},
		{"9/22/2011 10:54 PM", OrderMDY},
		{"05/06/2020", OrderDMY | OrderMDY},
		{"05/05/2020", OrderDMY | OrderMDY},
		{"1/9/2017 16:33:01", OrderDMY | OrderMDY},
		{"28.08.14", OrderDMY},
		{"2014-08-28", OrderYMD},
		{"2014-08-28 19:29:04", OrderYMD},
		{"2021-04-0212:23:10", OrderYMD},
		{"2020/2/10 22:41", OrderYMD},
		{"20140828", OrderYMD},
		{"1409254144", OrderYMD},
		{"28-Aug-2014", OrderDMY},
		{"Aug 28 2014", OrderMDY},
		{"'15/04/2026'", OrderDMY},
		// not dates, or impossible ones
		{"31/02/2020", 0},
		{"13/13/2020", 0},
		{"2014-02-30", 0},
		{"29/02/2023", 0},
		{"05/06/2020 25:00", 0},
		{"9871808000", 0},
		{"19:29:04", 0},
		{"hello", 0},
		{"10.1.2.3", 0},
		{"", 0},
	}
	for _, tt := range tests {
		if got := DateOrders(tt.in); got != tt.want {
			t.Errorf("DateOrders(%q) = %v, want %v", tt.in, got.Orders(), tt.want.Orders())
		}
	}
}

func TestOrderSet(t *testing.T) {
	all := OrderYMD | OrderDMY | OrderMDY
	if got := all.Orders(); !reflect.DeepEqual(got, []DateOrder{DMY, MDY, YMD}) {
		t.Errorf("Orders() = %v", got)
	}
	s := OrderMDY | OrderYMD
	for o, want := range map[DateOrder]bool{DMY: false, MDY: true, YMD: true, "": false, "XYZ": false} {
		if s.Has(o) != want {
			t.Errorf("(MDY|YMD).Has(%q) = %v", o, !want)
		}
	}
	if got := OrderSet(0).Orders(); len(got) != 0 {
		t.Errorf("empty set lists %v", got)
	}
}

func TestWallIn(t *testing.T) {
	kolkata, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	// Unix times computed independently (Python calendar.timegm / zoneinfo).
	tests := []struct {
		name     string
		w        Wall
		loc      *time.Location
		wantUnix int64
		wantOff  int32
	}{
		{"nil zone keeps the wall clock", wallHMS(2014, 8, 28, 19, 29, 4), nil, 1409254144, 0},
		{"Kolkata", wallHMS(2014, 8, 28, 19, 29, 4), kolkata, 1409234344, 19800},
		{"New York summer (EDT)", wallHMS(2024, 7, 1, 12, 0, 0), newYork, 1719849600, -14400},
		{"New York winter (EST)", wallHMS(2024, 1, 15, 12, 0, 0), newYork, 1705338000, -18000},
		{"own offset wins over loc", wallHMS(2014, 8, 28, 19, 29, 4).withOffset(19800), newYork, 1409234344, 19800},
		{"own offset with nil loc", wallHMS(2014, 8, 28, 19, 29, 4).withOffset(-28800), nil, 1409254144 + 28800, -28800},
		{"epoch value", mustParse(t, "1409254144"), kolkata, 1409254144, 0},
		{"date only is midnight", wallDate(2014, 8, 28), nil, 1409184000, 0},
	}
	for _, tt := range tests {
		unix, off := tt.w.In(tt.loc)
		if unix != tt.wantUnix || off != tt.wantOff {
			t.Errorf("%s: In = %d, %d; want %d, %d", tt.name, unix, off, tt.wantUnix, tt.wantOff)
		}
	}
}

// TestWallInDSTEdges checks the times a DST change makes nonexistent or
// ambiguous: they follow time.Date, and the offset still gives back the
// wall clock as written.
func TestWallInDSTEdges(t *testing.T) {
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	for _, w := range []Wall{
		wallHMS(2024, 3, 10, 2, 30, 0), // spring forward: 02:30 does not exist
		wallHMS(2024, 11, 3, 1, 30, 0), // fall back: 01:30 happens twice
	} {
		unix, off := w.In(newYork)
		ref := time.Date(w.Year, time.Month(w.Month), w.Day, w.Hour, w.Minute, w.Second, 0, newYork).Unix()
		if unix != ref {
			t.Errorf("%v: unix %d, time.Date gives %d", w, unix, ref)
		}
		back := time.Unix(unix+int64(off), 0).UTC()
		if got := back.Format("2006-01-02 15:04:05"); got != w.String() {
			t.Errorf("%v: unix+offset reads %s", w, got)
		}
		if off != -4*3600 && off != -5*3600 {
			t.Errorf("%v: offset %d is neither EDT nor EST", w, off)
		}
	}
}

func mustParse(t *testing.T, s string) Wall {
	t.Helper()
	w, err := ParseDateTime(s, DMY)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func TestWallString(t *testing.T) {
	tests := []struct {
		w    Wall
		want string
	}{
		{wallHMS(2014, 8, 28, 19, 29, 4), "2014-08-28 19:29:04"},
		{wallDate(2024, 2, 29), "2024-02-29 00:00:00"},
		{wallHMS(1999, 12, 31, 23, 59, 59).withNano(999), "1999-12-31 23:59:59"},
	}
	for _, tt := range tests {
		if got := tt.w.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func BenchmarkParseDateTime(b *testing.B) {
	values := []string{"2014-08-28 19:29:04", "28/08/2014 19:29:04", "2021-04-0212:23:10", "28-Aug-2014 19:29:04", "1409254144"}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := ParseDateTime(values[i%len(values)], DMY); err != nil {
			b.Fatal(err)
		}
	}
}
