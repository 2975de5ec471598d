package evidence

import (
	"math"
	"strings"
	"testing"
)

// A position written in one column of a record, read by the cell-site
// reader's coordinate parser: decimal as before, DMS, degrees and decimal
// minutes, hemisphere letters before or after; a latitude on the other
// axis (swapped) or minutes of 60 are refused with their reason. Worked
// by hand: 22°34'21.4" = 22 + 34/60 + 21.4/3600 = 22.572611; 88°21'50.0"
// = 88.363889; 6°19.26' = 6.321; 10°48'21.6" W = -10.806.
func TestParsePosition(t *testing.T) {
	for _, c := range []struct {
		in       string
		lat, lon float64
	}{
		{"22.39711/88.43938", 22.39711, 88.43938},
		{"Lat-22.39711; Long-88.43938", 22.39711, 88.43938},
		{`22°34'21.4"N 88°21'50.0"E`, 22.572611, 88.363889},
		{`22°34'21.4"N/88°21'50.0"E/120`, 22.572611, 88.363889},
		{"N 22 34 21.4 E 88 21 50", 22.572611, 88.363889},
		{`6°19.26'N, 10°48'21.6"W`, 6.321, -10.806},
		{`Lat: 6°19.26'N; Long: W 10 48 21.6`, 6.321, -10.806},
		{`'22.5726N/88.3639E'`, 22.5726, 88.3639},
	} {
		lat, lon, reason := parsePosition(c.in)
		if reason != "" || math.Abs(lat-c.lat) > 5e-7 || math.Abs(lon-c.lon) > 5e-7 {
			t.Errorf("%q: %v %v %q, want %v %v", c.in, lat, lon, reason, c.lat, c.lon)
		}
	}
	for _, c := range []struct{ in, reason string }{
		{`88°21'50.0"E 22°34'21.4"N`, `"88°21'50.0\"E" in the latitude column is on the other axis (E): latitude and longitude swapped?`},
		{"22°61'N/88°21'E", `"22°61'N" has minutes or seconds of 60 or more`},
		{"north/east", "is not a latitude and longitude"},
		{"22°34'N", "is not a latitude and longitude"},
	} {
		if lat, lon, reason := parsePosition(c.in); reason != c.reason {
			t.Errorf("%q: %v %v %q, want refused: %q", c.in, lat, lon, reason, c.reason)
		}
	}
}

// A cell-site list's one-column position goes through the same function:
// DMS in "Lat/Long" is read (before: refused as no position); one with
// its halves swapped is refused naming the swap.
func TestSiteOneColumnDMS(t *testing.T) {
	sites, rej := readSites(t, "MCC,MNC,LAC,CI,Lat/Long\n"+
		"404,10,7301,12345,22°34'21.4N/88°21'50E\n"+
		"404,10,7301,12346,88°21'50E/22°34'21.4N\n", "")
	if strings.Join(sites, ";") != "404-10-7301-12345 " || len(rej) != 1 ||
		rej[0] != `3: "88°21'50E" in the latitude column is on the other axis (E): latitude and longitude swapped?` {
		t.Errorf("sites %q, rejects %q", sites, rej)
	}
}
