package analysis

import (
	"slices"
	"testing"
)

func TestCompactLines(t *testing.T) {
	tests := []struct {
		in   []int64
		want string
	}{
		{nil, ""},
		{[]int64{7}, "7"},
		{[]int64{15, 12, 13, 14, 40, 77, 78, 80, 79, 40}, "12-15, 40, 77-80"},
		{[]int64{2, 4, 6}, "2, 4, 6"},
		{[]int64{9, 8}, "8-9"},
	}
	for _, tt := range tests {
		if got := CompactLines(tt.in); got != tt.want {
			t.Errorf("CompactLines(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

const testSHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

// wallMoment is a moment whose wall clock is wall, in a zone offset east.
func wallMoment(t *testing.T, wall string, offset int32) Moment {
	t.Helper()
	w, err := ParseWallTime(wall, false)
	if err != nil {
		t.Fatal(err)
	}
	return Moment{Unix: w - int64(offset), Offset: offset}
}

func TestHuntAggregatorAndStatement(t *testing.T) {
	london := HuntSource{ID: 1, Path: "export.csv", SHA256: testSHA, Zone: "Europe/London"}
	other := HuntSource{ID: 2, Path: "later/export2.csv", SHA256: "ab" + testSHA[2:], Zone: "Europe/London"}
	unzoned := HuntSource{ID: 3, Path: "plain.csv", SHA256: "cd" + testSHA[2:]}
	rec := func(msisdn, imsi, imei, ip string, port int, wall string, off int32, cell string, bytes int64, src HuntSource, line int64) HuntRecord {
		return HuntRecord{MSISDN: msisdn, IMSI: imsi, IMEI: imei, DestIP: ip, DestPort: port, At: wallMoment(t, wall, off),
			Cell: cell, Bytes: bytes, Source: src, Line: line}
	}
	g := NewHuntAggregator()
	// 447700900123: twelve visits from one cell with one handset, lines 12-15, 40, 77-80 and 90-92.
	lines := []int64{12, 13, 14, 15, 40, 77, 78, 79, 80, 90, 91, 92}
	walls := []string{"2017-05-02 10:02:11", "2017-05-02 10:10:00", "2017-05-02 10:20:00", "2017-05-02 10:30:00",
		"2017-05-02 10:40:00", "2017-05-02 10:50:00", "2017-05-02 11:00:00", "2017-05-02 11:10:00",
		"2017-05-02 11:20:00", "2017-05-02 11:30:00", "2017-05-02 11:40:00", "2017-05-02 11:45:09"}
	for i, l := range lines {
		g.Add(rec("447700900123", "234150000000001", "356938035643809", "104.198.99.79", 443, walls[i], 3600, "234-15-101-7", 1000, london, l))
	}
	// 447700900456: two handsets, two cells and a record with no cell, two
	// destinations, one record with no volume, two sources.
	g.Add(rec("447700900456", "234150000000002", "356938035643810", "104.198.99.79", 443, "2017-05-02 09:15:00", 3600, "234-15-101-7", 500, london, 3))
	g.Add(rec("447700900456", "234150000000002", "356938035643811", "104.198.99.79", 443, "2017-05-02 09:20:00", 3600, "234-15-101-8", -1, london, 4))
	g.Add(rec("447700900456", "234150000000003", "356938035643811", "104.198.99.80", 443, "2017-05-02 09:25:00", 3600, "", 1500, other, 7))
	// 447700900789: once, no device, no volume, evidence with no zone.
	g.Add(rec("447700900789", "", "", "2001:db8::1", 443, "2017-05-02 11:00:00", 0, "17", -1, unzoned, 2))

	got := g.Result()
	if len(got) != 3 {
		t.Fatalf("%d subscribers, want 3", len(got))
	}
	// ordered by first contact
	if order := []string{got[0].MSISDN, got[1].MSISDN, got[2].MSISDN}; !slices.Equal(order, []string{"447700900456", "447700900123", "447700900789"}) {
		t.Fatalf("order %v", order)
	}
	one := got[1]
	if one.Records != 12 || one.Bytes != 12000 || one.First != "2017-05-02 10:02:11" || one.Last != "2017-05-02 11:45:09" {
		t.Errorf("447700900123: %+v", one)
	}
	want := "MSISDN 447700900123 (IMSI 234150000000001, IMEI 356938035643809) connected to 104.198.99.79:443 12 times " +
		"from cell 234-15-101-7 between 2017-05-02 10:02:11 and 2017-05-02 11:45:09 " +
		"(wall clock of the evidence, Europe/London, UTC+01:00), exchanging 12,000 bytes " +
		"(source export.csv, SHA-256 " + testSHA + ", lines 12-15, 40, 77-80, 90-92)."
	if one.Statement != want {
		t.Errorf("statement\n got %s\nwant %s", one.Statement, want)
	}

	two := got[0]
	if !slices.Equal(two.IMSIs, []string{"234150000000002", "234150000000003"}) || !slices.Equal(two.IMEIs, []string{"356938035643810", "356938035643811"}) ||
		!slices.Equal(two.Cells, []string{"234-15-101-7", "234-15-101-8"}) || two.RecordsWithoutCell != 1 ||
		two.Bytes != 2000 || two.RecordsWithBytes != 2 {
		t.Errorf("447700900456: %+v", two)
	}
	want = "MSISDN 447700900456 (IMSIs 234150000000002 and 234150000000003, IMEIs 356938035643810 and 356938035643811) " +
		"connected 3 times to 104.198.99.79:443 (twice) and 104.198.99.80:443 (once) " +
		"from cells 234-15-101-7 (once) and 234-15-101-8 (once) and with no cell recorded (once) " +
		"between 2017-05-02 09:15:00 and 2017-05-02 09:25:00 (wall clock of the evidence, Europe/London, UTC+01:00), " +
		"exchanging 2,000 bytes in the 2 records that give a volume " +
		"(sources export.csv, SHA-256 " + testSHA + ", lines 3-4; later/export2.csv, SHA-256 ab" + testSHA[2:] + ", line 7)."
	if two.Statement != want {
		t.Errorf("statement\n got %s\nwant %s", two.Statement, want)
	}

	three := got[2]
	want = "MSISDN 447700900789 (no IMSI or IMEI recorded) connected to [2001:db8::1]:443 once from cell 17 " +
		"at 2017-05-02 11:00:00 (times as written in the evidence, which gives no time zone), with no data volume recorded " +
		"(source plain.csv, SHA-256 cd" + testSHA[2:] + ", line 2)."
	if three.Statement != want {
		t.Errorf("statement\n got %s\nwant %s", three.Statement, want)
	}
}

func TestHuntClockPhrase(t *testing.T) {
	london := HuntEvidence{HuntSource: HuntSource{Zone: "Europe/London"}}
	plain := HuntEvidence{}
	tests := []struct {
		ev          []HuntEvidence
		first, last int32
		want        string
	}{
		{[]HuntEvidence{plain}, 0, 0, "times as written in the evidence, which gives no time zone"},
		{[]HuntEvidence{london}, 0, 3600, "wall clock of the evidence, Europe/London, UTC+00:00 to UTC+01:00"},
		{[]HuntEvidence{plain}, -19800, -19800, "wall clock of the evidence, UTC-05:30"},
		{[]HuntEvidence{london, plain}, 3600, 3600, "times as each source wrote them: zone Europe/London for some sources, none given for others"},
	}
	for _, tt := range tests {
		if got := huntClockPhrase(tt.ev, Moment{Offset: tt.first}, Moment{Offset: tt.last}); got != tt.want {
			t.Errorf("huntClockPhrase = %q, want %q", got, tt.want)
		}
	}
}

func TestHuntStatementManyDestinations(t *testing.T) {
	s := HuntSubscriber{MSISDN: "1", Records: 28, First: "a", Last: "b", Clock: "c", RecordsWithBytes: 0,
		Evidence: []HuntEvidence{{HuntSource: HuntSource{Path: "p", SHA256: "h"}, Records: 28, Lines: "1-28"}}}
	for i := 7; i >= 1; i-- {
		s.Destinations = append(s.Destinations, HuntCount{Name: string(rune('a'+7-i)) + ":1", Records: int64(i)})
	}
	got := Statement(s)
	want := "MSISDN 1 (no IMSI or IMEI recorded) connected 28 times to a:1 (7 times), b:1 (6 times), c:1 (5 times), d:1 (4 times), " +
		"e:1 (3 times) and 2 other destinations (3 times) with no cell recorded between a and b (c), with no data volume recorded (source p, SHA-256 h, lines 1-28)."
	if got != want {
		t.Errorf("statement\n got %s\nwant %s", got, want)
	}
}
