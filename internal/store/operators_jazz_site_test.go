package store

import (
	"strings"
	"testing"
)

// Jazz's SiteLocation holds "name|lat|long" (as a Pakistani CDR
// normaliser reads it, extract_lat_long): the latitude and longitude
// place the record's cell, the name going with them as the site's
// address, whatever digits the name holds ("G-9/4 Markaz" is no
// position 9, 4); an extra part after them is no coordinate. A value with the
// name alone has no position and nothing wrong with it; one whose pair is
// swapped (73.06 is no latitude of Pakistan, MCC 410) is refused with its
// reason, never stored.
func TestJazzSiteLocationPlacesCell(t *testing.T) {
	text := "CallType,Aparty,Bparty,Datetime,Duration,cellid,Imei,Imsi,SiteLocation\n" +
		"Outgoing,923001234567,923451234567,2024-03-14 09:15:00,65,410-01-6011-21345,356938035643809,410011234567890,G-9/4 Markaz|33.7100|73.0600\n" +
		"Incoming SMS,923001234567,923211234567,2024-03-14 10:00:00,0,410-01-6011-21346,356938035643809,410011234567890,Plot 12 Blue Area|33.7105|73.0610|Sector 2\n" +
		"Outgoing,923001234567,923451234567,2024-03-14 11:00:00,30,410-01-6011-21347,356938035643809,410011234567890,Model Town\n" +
		"Outgoing,923001234567,923451234567,2024-03-14 12:00:00,40,410-01-6011-21348,356938035643809,410011234567890,Saddar|73.0600|33.7100\n"
	st := openTemp(t)
	res := importText(t, st, "jazz1.csv", text)
	if res.Error != "" || res.Rows != 4 {
		t.Fatalf("%+v", res)
	}
	got := readRows(t, st, "SELECT line, cell, lat, lon, address FROM cell_sites ORDER BY line")
	want := []string{
		"2|410-01-6011-21345|33.71|73.06|G-9/4 Markaz",
		"3|410-01-6011-21346|33.7105|73.061|Plot 12 Blue Area",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("cell sites:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	rej := readRows(t, st, rejectsQuery)
	if len(rej) != 1 || !strings.HasPrefix(rej[0], "5|field|") || !strings.Contains(rej[0], "swapped") {
		t.Errorf("rejects %v, want line 5's swapped position only", rej)
	}
}
