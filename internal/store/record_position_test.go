package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// Positions written in the records themselves (a CDR's "Cell Site Lat" /
// "Cell Site Long", a "Lat-Long-Azimuth" column) are read as the
// cell-site reader reads a list's: DMS and hemisphere letters too; a
// swapped or impossible one is refused, its record not placed. Worked by
// hand: 22°34'21.4"N = 22 + 34/60 + 21.4/3600 = 22.572611; 88°21'50"E =
// 88.363889; N 22 34.5 = 22.575; E 88 21.5 = 88.358333; line 4 has an
// east longitude in the latitude column; line 5 decimal degrees swapped
// (88.3639 N, 22.5726 E is outside India, MCC 404's country, the pair
// the other way round inside); line 6 61 minutes. The one-column file:
// 18°31'43.2"N/73°50'49.2"E/120 = 18.528667, 73.847, azimuth 120. Placed: the three
// records whose positions were read, of eight.
func TestRecordPositionsDMS(t *testing.T) {
	ctx := context.Background()
	st := openTemp(t)
	cdr := `MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION,CELL_ID,Cell Site Lat,Cell Site Long
919714499703,VOICE_OUT,919812345678,19/03/2024,10:00:00,60,404-10-7301-11111,22°34'21.4N,88°21'50E
919714499703,VOICE_OUT,919812345678,19/03/2024,11:00:00,60,404-10-7301-22222,N 22 34.5,E 88 21.5
919714499703,VOICE_OUT,919812345678,19/03/2024,12:00:00,60,404-10-7301-33333,88.3639E,22.5726N
919714499703,VOICE_OUT,919812345678,19/03/2024,13:00:00,60,404-10-7301-44444,88.3639,22.5726
919714499703,VOICE_OUT,919812345678,19/03/2024,14:00:00,60,404-10-7301-55555,22°61'N,88°21'E
`
	res := importOne(t, st, writeEvidence(t, "cdr.csv", cdr), ImportOptions{})
	if res.Error != "" || res.Rows != 5 {
		t.Fatalf("%+v", res)
	}
	wantRejects(t, st, res.SourceID,
		`4 field cell_lat "88.3639E" dropped: "88.3639E" in the latitude column is on the other axis (E): latitude and longitude swapped?`,
		`5 field cell_lat "88.3639, 22.5726" dropped: latitude and longitude swapped: 88.3639, 22.5726 is outside India (MCC 404), 22.5726, 88.3639 inside`,
		`6 field cell_lat "22°61'N" dropped: "22°61'N" has minutes or seconds of 60 or more`)
	one := "CdrNo,B Party,Date,Time,Duration,Call Type,First Cell ID,Lat-Long-Azimuth (First CellID)\n" +
		"9876500001,9812300002,13/03/2026,08:05:10,64,CALL_OUT,404-10-7301-66666,18°31'43.2N/73°50'49.2E/120\n" +
		"9876500001,9812300003,13/03/2026,09:00:00,20,CALL_IN,404-10-7301-77777,73°50'49.2E/18°31'43.2N/240\n" +
		"9876500001,9812300003,13/03/2026,10:00:00,20,CALL_IN,404-10-7301-88888,-\n"
	res2 := importOne(t, st, writeEvidence(t, "cdat.csv", one), ImportOptions{})
	if res2.Error != "" || res2.Rows != 3 {
		t.Fatalf("%+v", res2)
	}
	wantRejects(t, st, res2.SourceID,
		`3 field cell_position "73°50'49.2E/18°31'43.2N/240" dropped: "73°50'49.2E" in the latitude column is on the other axis (E): latitude and longitude swapped?`)
	got := strings1(t, st, "SELECT cell_key || ' ' || round(lat, 6) || ' ' || round(lon, 6) || ' ' || coalesce(azimuth, '-') FROM cell_sites ORDER BY cell_key")
	want := []string{"404-10-7301-11111 22.572611 88.363889 -", "404-10-7301-22222 22.575 88.358333 -", "404-10-7301-66666 18.528667 73.847 120.0"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("sites:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	cov, err := st.CoverageOf(ctx, 0)
	if err != nil || cov.Records != 8 || cov.Placed != 3 {
		t.Errorf("coverage %+v %v, want 3 of 8 placed", cov, err)
	}
}

func wantRejects(t *testing.T, st *Store, source int64, want ...string) {
	t.Helper()
	rej, err := st.Rejects(context.Background(), source, 20)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rej {
		got = append(got, fmt.Sprintf("%d %s %s", r.Line, r.Severity, r.Reason))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rejects:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The "Lat-Long-Azimuth" column as tools write it beside "/": its three
// values joined by spaces or by '-' (the column's own name), under a
// network whose country cdrtui does not check (Saudi Arabia, MCC 420):
// "24.7136-46.6753-60" is 24.7136 N, 46.6753 E, azimuth 60 (a '-' after
// a digit joins, it is no minus sign: before, the longitude was -46.6753,
// in the Atlantic); "24.7136 46.6753 120" keeps its azimuth 120 (before,
// none); "/46.6753/60", its latitude empty, is refused (before, it was
// placed at 46.6753 N, 60 E, in Kazakhstan).
func TestRecordPositionLatLongAzimuthJoined(t *testing.T) {
	st := openTemp(t)
	one := "CdrNo,B Party,Date,Time,Duration,Call Type,First Cell ID,Lat-Long-Azimuth (First CellID)\n" +
		"9876500001,9812300002,13/03/2026,08:05:10,64,CALL_OUT,420-01-7301-11111,24.7136-46.6753-60\n" +
		"9876500001,9812300003,13/03/2026,09:00:00,20,CALL_IN,420-01-7301-22222,24.7136 46.6753 120\n" +
		"9876500001,9812300003,13/03/2026,10:00:00,20,CALL_IN,420-01-7301-33333,/46.6753/60\n"
	res := importOne(t, st, writeEvidence(t, "cdat.csv", one), ImportOptions{Country: "IN"})
	if res.Error != "" || res.Rows != 3 {
		t.Fatalf("%+v", res)
	}
	wantRejects(t, st, res.SourceID,
		`4 field cell_position "/46.6753/60" dropped: is not a latitude and longitude: one of them is empty`)
	got := strings1(t, st, "SELECT cell_key || ' ' || lat || ' ' || lon || ' ' || coalesce(azimuth, '-') FROM cell_sites ORDER BY cell_key")
	want := []string{"420-01-7301-11111 24.7136 46.6753 60.0", "420-01-7301-22222 24.7136 46.6753 120.0"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("sites:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
