package store

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// One subscriber's calls in six cells, written in every encoding operators
// use: the GSM cell 404-10-7301-12345 as dashed decimal, a 15-digit CGI
// and a hex CGI (LAC 0x1C85 = 7301, CI 0x3039 = 12345); a 4G cell as an
// ECGI without its TAC (ECI 0xABCDE1 = 11259361) and dashed with its TAC;
// a UMTS cell by LAC and 16-bit CI (OpenCellID gives it with its RNC 5:
// 5*65536 + 4660 = 332340); a cell no source places.
const siteCDR = `MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION,CELL_ID
919714499703,VOICE_OUT,919812345678,18/03/2024,10:00:00,60,404-10-7301-12345
919714499703,VOICE_IN,919812345678,18/03/2024,11:00:00,30,404100730112345
919714499703,VOICE_OUT,919812345678,18/03/2024,12:00:00,10,404101C853039
919714499703,VOICE_OUT,919812345678,18/03/2024,13:00:00,5,404-10-501-11259361
919714499703,VOICE_OUT,919812345678,18/03/2024,14:00:00,7,404100ABCDE1
919714499703,VOICE_OUT,919812345678,18/03/2024,15:00:00,7,404-10-7302-4660
919714499703,VOICE_OUT,919812345678,18/03/2024,16:00:00,7,404-10-9999-1
919714499703,VOICE_OUT,919812345678,18/03/2024,17:00:00,7,
`

// An OpenCellID export: its header, a GSM, an LTE and a UMTS row, a row
// at 0,0 and a row whose latitude is no number (both rejected).
const ocidCSV = `radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal
GSM,404,10,7301,12345,0,88.3639,22.5726,1000,12,1,1459692658,1459692658,0
LTE,404,10,501,11259361,0,88.4000,22.6000,500,3,1,1459692658,1459692658,0
UMTS,404,10,7302,332340,0,88.3500,22.5500,800,5,1,1459692658,1459692658,0
GSM,404,10,7303,1,0,0,0,1000,1,1,1459692658,1459692658,0
GSM,404,10,7303,2,0,88.1,north,1000,1,1,1459692658,1459692658,0
`

// An operator's list: a banner, semicolons, a hex CGI, decimal commas,
// an azimuth and beam width; its position of the GSM cell is 30 km from
// OpenCellID's.
const operatorSites = `Cell site list as on 01-03-2024
Sl No;CGI;Site Address;Latitude;Longitude;Azimuth;Beam Width
1;404101C853039;"Park Street, Kolkata";22,8400;88,3639;120;65
2;404100ABCDE1;Salt Lake;22.6000;88.4000;240;
`

func TestCellSitesMatchEveryEncoding(t *testing.T) {
	ctx := context.Background()
	st := openTemp(t)
	if res := importOne(t, st, writeEvidence(t, "cdr.csv", siteCDR), ImportOptions{}); res.Error != "" || res.Rows != 8 {
		t.Fatalf("evidence: %+v", res)
	}
	res, err := st.ImportCells(ctx, []string{writeEvidence(t, "cell_towers.csv", ocidCSV), writeEvidence(t, "sites.csv", operatorSites)}, CellImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Error != "" || res[0].Rows != 3 || res[0].Rejected != 2 || res[0].Format != "OpenCellID / MLS export" || res[0].SHA256 == "" {
		t.Errorf("OpenCellID: %+v", res[0])
	}
	if res[1].Error != "" || res[1].Rows != 2 || res[1].Rejected != 0 {
		t.Errorf("operator list: %+v", res[1])
	}
	if got := count(t, st, "SELECT count(*) FROM sources WHERE kind = 'cells'"); got != 2 {
		t.Errorf("cell sources: %d", got)
	}
	if got := strings1(t, st, "SELECT reason FROM rejects r JOIN sources s ON s.id = r.source_id WHERE s.kind = 'cells' ORDER BY line"); len(got) != 2 {
		t.Errorf("rejects: %v", got)
	}
	refs, err := st.CellRefs(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	sites, err := st.SitesOf(ctx, refs)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, c := range refs {
		got[c.Cell] = len(sites[c.ID])
	}
	want := map[string]int{
		"404-10-7301-12345": 2, "404100730112345": 2, "404101C853039": 2, // OpenCellID's and the operator's
		"404-10-501-11259361": 2, "404100ABCDE1": 2,
		"404-10-7302-4660": 1, "404-10-9999-1": 0,
	}
	for cell, n := range want {
		if got[cell] != n {
			t.Errorf("%s: %d sites, want %d (all: %v)", cell, got[cell], n, got)
		}
	}
	for _, c := range refs {
		if c.Cell != "404101C853039" {
			continue
		}
		ss := sites[c.ID]
		sort.Slice(ss, func(i, j int) bool { return ss[i].Lat < ss[j].Lat })
		if ss[1].Lat != 22.84 || ss[1].Azimuth == nil || *ss[1].Azimuth != 120 || *ss[1].Beam != 65 || ss[1].Address != "Park Street, Kolkata" || ss[1].Line != 3 || !ss[1].Operator {
			t.Errorf("operator's site: %+v", ss[1])
		}
		if ss[0].Lat != 22.5726 || ss[0].Line != 2 || ss[0].Operator || *ss[0].Range != 1000 {
			t.Errorf("OpenCellID's site: %+v", ss[0])
		}
	}
	cov, err := st.CoverageOf(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	// 8 records, 7 with a cell, 6 placed (all but 404-10-9999-1)
	if cov.Records != 8 || cov.WithCell != 7 || cov.Placed != 6 {
		t.Errorf("coverage %+v", cov)
	}
	again, err := st.ImportCells(ctx, []string{writeEvidence(t, "copy.csv", ocidCSV)}, CellImportOptions{})
	if err != nil || again[0].Skipped == "" {
		t.Errorf("the same file again: %+v %v", again, err)
	}
}

func TestCellSitesHeaderlessGzip(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte("LTE,310,260,12345,123456789,0,-73.9857,40.7484,300,9,1,1,1,0\nGSM,310,26,1,2,0,-74.0,40.7,100,1,1,1,1,0\n"))
	zw.Close()
	p := filepath.Join(t.TempDir(), "310.csv.gz")
	os.WriteFile(p, buf.Bytes(), 0o444)
	st := openTemp(t)
	res, err := st.ImportCells(context.Background(), []string{p}, CellImportOptions{})
	if err != nil || res[0].Rows != 2 || res[0].Error != "" {
		t.Fatalf("%+v %v", res, err)
	}
	// the US writes three-digit MNCs: 26 is 026
	keys := strings1(t, st, "SELECT cell_key || ' ' || coalesce(alt_key, '') FROM cell_sites ORDER BY id")
	if keys[0] != "310-260-12345-123456789 310-260-?-123456789" || keys[1] != "310-026-1-2 " {
		t.Errorf("keys %q", keys)
	}
}

func TestCellSitesNothingImported(t *testing.T) {
	st := openTemp(t)
	res, _ := st.ImportCells(context.Background(), []string{writeEvidence(t, "x.csv", "a,b,c\n1,2,3\n")}, CellImportOptions{})
	if res[0].Error == "" || res[0].SourceID != 0 {
		t.Errorf("a file with no site table: %+v", res[0])
	}
	res, _ = st.ImportCells(context.Background(), []string{writeEvidence(t, "y.csv", "lac,ci,lat,lon\n1,2,22.5,88.3\n")}, CellImportOptions{})
	if res[0].Error == "" || res[0].Rejected != 1 {
		t.Errorf("LAC and CI without a network: %+v", res[0])
	}
	res, _ = st.ImportCells(context.Background(), []string{t.TempDir()}, CellImportOptions{})
	if res[0].Error == "" || res[0].SourceID != 0 {
		t.Errorf("a directory: %+v", res[0])
	}
	if n := count(t, st, "SELECT count(*) FROM sources"); n != 0 {
		t.Errorf("%d sources kept from files that gave nothing", n)
	}
}

// A list writing its LACs in hex under a plain "LAC" (1C85 = 7301 on its
// last row) writes 0x7301 = 29441 as "7301" on its first: read as decimal
// that row would place 404-10-7301-3040, another cell. The file is
// refused whole, naming the column, and nothing of it is in the case.
func TestCellSitesHexInDecimalColumnRefused(t *testing.T) {
	st := openTemp(t)
	res, _ := st.ImportCells(context.Background(), []string{writeEvidence(t, "hex.csv",
		"MCC,MNC,LAC,CI,Latitude,Longitude\n404,10,7301,3040,22.62,88.41\n404,10,1C85,3039,22.57,88.36\n")}, CellImportOptions{})
	if !strings.Contains(res[0].Error, `column "LAC" holds "1C85" on line 3`) || res[0].SourceID != 0 {
		t.Errorf("%+v", res[0])
	}
	if n := count(t, st, "SELECT count(*) FROM cell_sites"); n != 0 {
		t.Errorf("%d sites kept from a file whose LAC column is hexadecimal", n)
	}
}

// An Airtel-style CDR gives its cell's position in "First CGI Lat/Long";
// another export gives "Cell Site Lat", "Cell Site Long" and "Azimuth".
// The positions fill cell_sites as the records import, once per cell and
// position, cited by the file and the first line giving them; a bad or
// 0,0 position gives none.
func TestCellSitesFromRecords(t *testing.T) {
	ctx := context.Background()
	st := openTemp(t)
	airtel := `Target No,Call Type,B Party No,Date,Time,Dur(s),First CGI Lat/Long,First CGI
919714499703,MOC,919812345678,18/03/2024,10:00:00,60,22.57260/88.36390,404-10-7301-12345
919714499703,MTC,919812345678,18/03/2024,11:00:00,30,22.57260/88.36390,404100730112345
919714499703,MOC,919812345678,18/03/2024,12:00:00,10,0/0,404-10-7301-22222
919714499703,MOC,919812345678,18/03/2024,13:00:00,10,22.6/88.4,404-10-7301-33333
`
	res := importOne(t, st, writeEvidence(t, "airtel.csv", airtel), ImportOptions{})
	if res.Error != "" || res.Rows != 4 {
		t.Fatalf("%+v", res)
	}
	got := strings1(t, st, "SELECT cell_key || ' ' || lat || ' ' || lon || ' ' || line FROM cell_sites WHERE source_id = ? ORDER BY line", res.SourceID)
	want := []string{"404-10-7301-12345 22.5726 88.3639 2", "404-10-7301-33333 22.6 88.4 5"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("sites from the CDR: %q, want %q", got, want)
	}
	other := `MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION,CELL_ID,Cell Site Lat,Cell Site Long,Azimuth
919714499703,VOICE_OUT,919812345678,19/03/2024,10:00:00,60,404-10-7301-44444,22.61,88.41,120
`
	res = importOne(t, st, writeEvidence(t, "other.csv", other), ImportOptions{})
	got = strings1(t, st, "SELECT cell_key || ' ' || lat || ' ' || lon || ' ' || azimuth FROM cell_sites WHERE source_id = ?", res.SourceID)
	if len(got) != 1 || got[0] != "404-10-7301-44444 22.61 88.41 120.0" {
		t.Errorf("sites from lat, long and azimuth columns: %q", got)
	}
	cov, err := st.CoverageOf(ctx, 0)
	// placed: the two records of 12345 (two encodings), 33333 and 44444;
	// not 22222, whose position was 0,0
	if err != nil || cov.Records != 5 || cov.Placed != 4 {
		t.Errorf("coverage %+v %v", cov, err)
	}
}

// An import that meets a cell-site table (named or in a walked folder)
// names the command that reads it, and imports nothing of it.
func TestImportNamesCellsCommand(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, writeEvidence(t, "cell_towers.csv", ocidCSV), ImportOptions{})
	if res.SourceID != 0 || res.Error != "cell-site reference data (OpenCellID / MLS export), not evidence: import it with cdrtui cells CASE.db FILE (or cdrtui import --cells)" {
		t.Errorf("%+v", res)
	}
}

// A CDR row whose position columns are malformed or off the globe keeps
// every other field (the row imports, its cell unplaced) and has the value
// reported as a field-level reject with its line and reason; a placeholder
// ("-", "NA") is no position and no reject. Before, the value was dropped
// silently.
func TestCellPositionRejectsInRecords(t *testing.T) {
	ctx := context.Background()
	st := openTemp(t)
	airtel := `Target No,Call Type,B Party No,Date,Time,Dur(s),First CGI Lat/Long,First CGI
919714499703,MOC,919812345678,18/03/2024,10:00:00,60,22.57260/88.36390,404-10-7301-12345
919714499703,MOC,919812345678,18/03/2024,11:00:00,60,north/east,404-10-7301-22222
919714499703,MOC,919812345678,18/03/2024,12:00:00,10,0/0,404-10-7301-33333
919714499703,MOC,919812345678,18/03/2024,13:00:00,10,95.1/88.4,404-10-7301-44444
919714499703,MOC,919812345678,18/03/2024,14:00:00,10,-,404-10-7301-55555
`
	res := importOne(t, st, writeEvidence(t, "airtel.csv", airtel), ImportOptions{})
	if res.Error != "" || res.Rows != 5 {
		t.Fatalf("%+v", res)
	}
	rej, err := st.Rejects(ctx, res.SourceID, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`3 field cell_position "north/east" dropped: is not a latitude and longitude`,
		`4 field cell_position "0/0" dropped: 0,0 is the placeholder of no position`,
		`5 field cell_position "95.1/88.4" dropped: latitude 95.1 is out of range (-90 to 90)`,
	}
	var got []string
	for _, r := range rej {
		got = append(got, fmt.Sprintf("%d %s %s", r.Line, r.Severity, r.Reason))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rejects:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	other := `MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION,CELL_ID,Cell Site Lat,Cell Site Long,Azimuth
919714499703,VOICE_OUT,919812345678,19/03/2024,10:00:00,60,404-10-7301-66666,22.61,188.41,120
919714499703,VOICE_OUT,919812345678,19/03/2024,11:00:00,60,404-10-7301-77777,22.61,,
919714499703,VOICE_OUT,919812345678,19/03/2024,12:00:00,60,404-10-7301-88888,22.62,88.42,400
919714499703,VOICE_OUT,919812345678,19/03/2024,13:00:00,60,404-10-7301-99999,22.63,x88,NA
`
	res = importOne(t, st, writeEvidence(t, "other.csv", other), ImportOptions{})
	if res.Error != "" || res.Rows != 4 {
		t.Fatalf("%+v", res)
	}
	rej, _ = st.Rejects(ctx, res.SourceID, 10)
	got = got[:0]
	for _, r := range rej {
		got = append(got, fmt.Sprintf("%d %s %s", r.Line, r.Severity, r.Reason))
	}
	want = []string{
		`2 field cell_lon "188.41" dropped: longitude 188.41 is out of range (-180 to 180)`,
		`3 field cell_lat "22.61" dropped: is a latitude without a longitude`,
		`4 field azimuth "400" dropped: is not an azimuth of 0 to 360 degrees`,
		`5 field cell_lon "x88" dropped: is not a longitude in degrees`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rejects:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// the position of line 4 (azimuth aside) is kept
	if sites := strings1(t, st, "SELECT cell_key || ' ' || lat || ' ' || coalesce(azimuth, 'none') FROM cell_sites WHERE source_id = ?", res.SourceID); len(sites) != 1 || sites[0] != "404-10-7301-88888 22.62 none" {
		t.Errorf("sites %q", sites)
	}
}

// OpenCellID's export writes a CDMA base station's SID, NID and BID in
// net, area and cell: CDMA,310,4,1234,5678 is SID 4, not MNC 004. Keyed
// as 310-004-1234-5678 it placed a GSM record of Verizon's 310-004 with
// LAC 1234, CI 5678 at the CDMA station; it is refused, the GSM row read.
func TestCellSitesOpenCellIDCDMARefused(t *testing.T) {
	st := openTemp(t)
	res, err := st.ImportCells(context.Background(), []string{writeEvidence(t, "310.csv",
		"radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal\n"+
			"CDMA,310,4,1234,5678,0,-73.99,40.75,1000,3,1,1459692658,1459692658,0\n"+
			"GSM,310,4,1234,5679,0,-73.98,40.75,1000,3,1,1459692658,1459692658,0\n")}, CellImportOptions{})
	if err != nil || res[0].Rows != 1 || res[0].Rejected != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	if keys := strings1(t, st, "SELECT cell_key FROM cell_sites"); strings.Join(keys, " ") != "310-004-1234-5679" {
		t.Errorf("keys %q", keys)
	}
}
