package store

import (
	"context"
	"strings"
	"testing"
)

// An Indian tower dump's Latitude and Longitude (the first cell's tower,
// beside "First Cell ID A Address") place that cell as "CGI Latitude"
// does: line 2 gives 404-10-1234-5678 at 28.5921, 77.0460 and line 3
// the same again (one site). Line 4's 0,0 is no position, line 5's
// latitude 95.2 is off the globe, line 8's pair is swapped (77.046 N,
// 28.5921 E is outside India, MCC 404; the other way round inside):
// each a field-level reject, its record unplaced. Lines 6 and 7 give
// 404-10-1234-5682 two positions, 28.6 and 28.7 N (11 km apart): one
// is wrong and the file does not say which, so neither is kept, each
// line rejected naming the other. Placed: lines 2 and 3, 2 of 7. The
// layout: the tower-dump schemas that list LATITUDE and LONGITUDE after
// FIRST CELL ID A ADDRESS (find_string "first cell id a address", file
// ids 22994599739, 60185042123); values ours.
func TestTowerDumpLatitudeLongitude(t *testing.T) {
	ctx := context.Background()
	st := openTemp(t)
	dump := "A Party,B Party,Date,Time,Duration,Call Type,First Cell ID A,Last Cell ID A,IMEI A,IMSI A,First Cell ID A Address,Roaming A,Latitude,Longitude\n" +
		"9811100001,9822200002,14/02/2026,10:15:20,35,OUT,404-10-1234-5678,404-10-1234-5678,356938035643809,404100000000011,\"Sector 5, Dwarka\",DL,28.5921,77.0460\n" +
		"9811100003,9811100001,14/02/2026,10:16:00,12,IN,404-10-1234-5678,404-10-1234-5679,356938035643817,404100000000013,\"Sector 5, Dwarka\",DL,28.5921,77.0460\n" +
		"9811100004,9822200005,14/02/2026,10:17:00,20,OUT,404-10-1234-5680,404-10-1234-5680,356938035643825,404100000000014,Janakpuri,DL,0,0\n" +
		"9811100006,9822200007,14/02/2026,10:18:00,20,OUT,404-10-1234-5681,404-10-1234-5681,356938035643833,404100000000016,Rohini,DL,95.2,77.1\n" +
		"9811100008,9822200009,14/02/2026,10:19:00,20,OUT,404-10-1234-5682,404-10-1234-5682,356938035643841,404100000000018,Saket,DL,28.6000,77.2000\n" +
		"9811100010,9822200011,14/02/2026,10:20:00,20,OUT,404-10-1234-5682,404-10-1234-5682,356938035643858,404100000000020,Saket,DL,28.7000,77.2000\n" +
		"9811100012,9822200013,14/02/2026,10:21:00,20,OUT,404-10-1234-5683,404-10-1234-5683,356938035643866,404100000000022,Okhla,DL,77.0460,28.5921\n"
	res := importOne(t, st, writeEvidence(t, "tower_dump.csv", dump), ImportOptions{Country: "IN"})
	if res.Error != "" || res.Rows != 7 {
		t.Fatalf("%+v", res)
	}
	format := strings1(t, st, "SELECT format FROM sources")[0]
	if !strings.Contains(format, "Latitude and Longitude read as the position of the record's cell (beside First Cell ID A)") {
		t.Errorf("format %q", format)
	}
	wantRejects(t, st, res.SourceID,
		`4 field cell_lon "0" dropped: 0,0 is the placeholder of no position`,
		`5 field cell_lat "95.2" dropped: latitude 95.2 is out of range (-90 to 90)`,
		`6 field cell_position "28.600000, 77.200000" dropped: cell 404-10-1234-5682 is at 28.700000, 77.200000 on line 7 in this file: two positions for one cell, neither kept`,
		`7 field cell_position "28.700000, 77.200000" dropped: cell 404-10-1234-5682 is at 28.600000, 77.200000 on line 6 in this file: two positions for one cell, neither kept`,
		`8 field cell_lat "77.0460, 28.5921" dropped: latitude and longitude swapped: 77.046, 28.5921 is outside India (MCC 404), 28.5921, 77.046 inside`)
	got := strings1(t, st, "SELECT cell_key || ' ' || line || ' ' || round(lat, 6) || ' ' || round(lon, 6) FROM cell_sites ORDER BY cell_key")
	if want := "404-10-1234-5678 2 28.5921 77.046"; strings.Join(got, "\n") != want {
		t.Errorf("sites %q, want %q", got, want)
	}
	notes := strings1(t, st, "SELECT notes FROM sources")[0]
	if !strings.Contains(notes, "cells given two positions by the records, placed by neither: 404-10-1234-5682 (lines 6, 7).") {
		t.Errorf("notes %q", notes)
	}
	cov, err := st.CoverageOf(ctx, 0)
	if err != nil || cov.Records != 7 || cov.Placed != 2 {
		t.Errorf("coverage %+v %v, want 2 of 7 placed", cov, err)
	}
}

// T-Mobile's return in its published column order (tab-separated, first
// and last towers each with azimuth, LAT and LONG): the record's cell is
// 1st LAC-1st Cell ID under --plmn 310-260, placed at 1st Tower LAT/LONG
// with 1st Tower Azimuth; the Last Tower columns (another cell) place
// nothing and the format says they are not read. The column order is
// the one a CDR parser transcribes (find_string "1st Tower Azimuth",
// file id 14047992324); values ours. Lines 2 and 3 give
// 310-260-13411-30551 at 47.6062, -122.3321, azimuth 120 (one site);
// line 4 gives 310-260-13411-30553 at 47.6205, -122.3493, and line 5
// the same cell at 47.6205, -122.2493 (7.5 km east): neither kept.
// Placed: lines 2 and 3, 2 of 4.
func TestTMobileTowerPositions(t *testing.T) {
	ctx := context.Background()
	st := openTemp(t)
	head := "Date\tTime\tDuration\tCall Type\tDirection\tCalling Number\tDialed Number\tCalled Number\tDestination Number\tIMSI\tIMEI\tCompletion Code\tAnswered?\tService Code\tDisconnecting Party\tService Indicator\tSMS Deliv Status\tSwitch Name\t1st LTE Site ID\t1st LAC\t1st Cell ID\t1st Tower Azimuth\t1st Tower LAT\t1st Tower LONG\t1st Tower Address\t1st Tower City\t1st Tower State\t1st Tower Zip\tLast LTE Site ID\tLast LAC ID\tLast Cell ID\tLast Tower Azimuth\tLast Tower LAT\tLast Tower LONG\tLast Tower Address\tLast Tower City\tLast Tower State\tLast Tower Zip\n"
	row := func(tm, cell, az, lat, lon string) string {
		return "03/14/2025\t" + tm + "\t95\tmSOriginating\tOutgoing\t2065550001\t2065550102\t2065550102\t2065550102\t310260000000001\t35391809000001\tCompleted\tY\t\t\t\t\tSEATTLE1\t\t13411\t" + cell + "\t" + az + "\t" + lat + "\t" + lon +
			"\t1200 1st Ave\tSeattle\tWA\t98101\t\t13411\t30552\t240\t47.7101\t-122.1401\t1 Pike St\tSeattle\tWA\t98101\n"
	}
	body := head + row("18:02:11", "30551", "120", "47.6062", "-122.3321") + row("18:10:00", "30551", "120", "47.6062", "-122.3321") +
		row("18:20:00", "30553", "0", "47.6205", "-122.3493") + row("18:30:00", "30553", "0", "47.6205", "-122.2493")
	res := importOne(t, st, writeEvidence(t, "tmobile.txt", body), ImportOptions{Country: "US", PLMN: "310-260"})
	if res.Error != "" || res.Rows != 4 {
		t.Fatalf("%+v", res)
	}
	format := strings1(t, st, "SELECT format FROM sources")[0]
	if !strings.Contains(format, "not read: Last Tower LAT, Last Tower LONG (not the position of the record's cell, 1st Cell ID)") {
		t.Errorf("format %q", format)
	}
	wantRejects(t, st, res.SourceID,
		`4 field cell_position "47.620500, -122.349300" dropped: cell 310-260-13411-30553 is at 47.620500, -122.249300 on line 5 in this file: two positions for one cell, neither kept`,
		`5 field cell_position "47.620500, -122.249300" dropped: cell 310-260-13411-30553 is at 47.620500, -122.349300 on line 4 in this file: two positions for one cell, neither kept`)
	got := strings1(t, st, "SELECT cell_key || ' ' || line || ' ' || round(lat, 6) || ' ' || round(lon, 6) || ' ' || coalesce(azimuth, '-') FROM cell_sites ORDER BY cell_key")
	if want := "310-260-13411-30551 2 47.6062 -122.3321 120.0"; strings.Join(got, "\n") != want {
		t.Errorf("sites %q, want %q", got, want)
	}
	cov, err := st.CoverageOf(ctx, 0)
	if err != nil || cov.Records != 4 || cov.Placed != 2 {
		t.Errorf("coverage %+v %v, want 2 of 4 placed", cov, err)
	}
}
