package store

import (
	"strconv"
	"strings"
	"testing"
)

// The 23-field Indian CDR (PAN_NO, TARGET_NO, …, FIRST_CGI, FIRST_LAT,
// FIRST_LON, LAST_CGI, LAST_LAT, LAST_LON, …, SW4MSCID, IN_TG, OUT_TG),
// as a public analyser's column map lays it out (values chosen here): the
// first cell's latitude and longitude beside FIRST_CGI are that cell's
// position, as "First CGI Lat/Long" is Airtel's; the last cell's pair is
// named as not read. Before, both pairs were left unread and the records
// placed nowhere.
func TestIndianFirstCellCoordinates(t *testing.T) {
	text := "PAN_NO,TARGET_NO,CALL_TYPE,TOC,B_PARTY,LRN_NO,LRN_TSP,CALL_TIME,DURATION,FIRST_CGI,FIRST_LAT,FIRST_LON,LAST_CGI,LAST_LAT,LAST_LON,SMSC_NO,IMEI,IMSI,CALL_FWD,ROAM_NO,SW4MSCID,IN_TG,OUT_TG\n" +
		"1,919876500001,MO,Voice,919876500002,2105,Airtel-Delhi,13/07/2026 10:30:15,120,404-10-1234-5678,28.6139,77.2090,404-10-1234-5679,28.6200,77.2100,,356789012345678,404100123456789,,DL,MSCDL1,,TG1\n" +
		"2,919876500001,MT,Voice,919876500003,,,13/07/2026 11:20:10,35,404-10-1234-5678,28.6139,77.2090,404-10-1234-5678,28.6139,77.2090,,356789012345678,404100123456789,,DL,MSCDL1,TG2,\n" +
		"3,919876500001,SMS-MO,SMS,919876500004,,,14/07/2026 13:05:25,0,404-10-1234-5679,28.6200,77.2100,,,,919810051914,356789012345678,404100123456789,,DL,MSCDL1,,\n"
	st := openTemp(t)
	res := importText(t, st, "cdr23.csv", text)
	if res.Error != "" || res.Rows != 3 || res.Rejected != 0 {
		t.Fatalf("%+v", res)
	}
	if !strings.Contains(res.Format, "not read: LAST_LAT, LAST_LON (not the position of the record's cell, FIRST_CGI)") ||
		strings.Contains(res.Format, "FIRST_LAT, FIRST_LON") {
		t.Errorf("format: %s", res.Format)
	}
	rows, err := st.DB().Query(`SELECT cell_key, lat, lon FROM cell_sites ORDER BY cell_key`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var key string
		var lat, lon float64
		if err := rows.Scan(&key, &lat, &lon); err != nil {
			t.Fatal(err)
		}
		got = append(got, key+" "+strconv.FormatFloat(lat, 'g', -1, 64)+" "+strconv.FormatFloat(lon, 'g', -1, 64))
	}
	want := []string{"404-10-1234-5678 28.6139 77.209", "404-10-1234-5679 28.62 77.21"}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("positions: %q, want %q", got, want)
	}

	// its numbers written nationally: the layout names India (LRN_TSP)
	national := strings.ReplaceAll(text, ",91987650000", ",987650000")
	st = openTemp(t)
	res = importText(t, st, "cdr23-national.csv", national)
	if res.Error != "" || res.Rows != 3 || !strings.Contains(res.Keys, `by its column "LRN_TSP"`) {
		t.Fatalf("%+v", res)
	}
	if got := voiceKeys(t, st); got[2] != "919876500001 919876500002" || got[4] != "919876500001 919876500004" {
		t.Errorf("keys: %v", got)
	}
}
