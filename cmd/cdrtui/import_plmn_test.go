package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tmobileRoamer is a T-Mobile return (no MCC and MNC columns) of a
// subscriber roaming in on a Rogers SIM (IMSI 302-720…): one LTE record,
// eNodeB 1201 sector 2, and one GSM record, LAC 13411 CI 30551.
const tmobileRoamer = "Date,(UTC) Time,Duration,Call Type,Direction,Calling Number,Dialed Number,Called Number,Destination Number,IMSI,IMEI,Completion Code,Service Code,Switch Name,1st LTE Site ID,1st LTE Sector ID,1st LAC,1st Cell ID,1st Tower LAT,1st Tower LONG,1st Tower Address\n" +
	"03/16/2025,10:00:00,60,mSOriginating,Outgoing,4165550001,2065550102,2065550102,2065550102,302720000000001,35391809000001,Completed,,SEATTLE1,1201,2,,,,,\n" +
	"03/16/2025,12:00:00,20,mSOriginating,Outgoing,4165550001,2065550104,2065550104,2065550104,302720000000001,35391809000001,Completed,,SEATTLE1,,,13411,30551,,,\n"

// --plmn names the serving network of records whose file has none; a
// value not of the form MCC-MNC is a usage error (exit 2), the case left
// uncreated.
func TestImportPLMNFlag(t *testing.T) {
	dir := t.TempDir()
	f := writeFile(t, dir, "tmo.csv", tmobileRoamer)
	for _, bad := range []string{"310", "310-260-5", "abc-260", "310-2601", "-260", "310-", "3100-26"} {
		casePath := filepath.Join(dir, "bad.db")
		_, errOut, code := runImportCLI(t, casePath, f, "--plmn", bad)
		if code != 2 || !strings.Contains(errOut, "--plmn") || !strings.Contains(errOut, "MCC-MNC") {
			t.Errorf("--plmn %s: exit %d: %s", bad, code, errOut)
		}
		if _, err := os.Stat(casePath); err == nil {
			t.Errorf("--plmn %s: a case was created by a refused import", bad)
		}
	}
	out, errOut, code := runImportCLI(t, filepath.Join(dir, "ok.db"), f, "--country", "US", "--plmn", "310-260")
	if code != 0 || !strings.Contains(out, "LTE cell = site×256 + sector (network 310-260 from --plmn)") ||
		!strings.Contains(out, "LAC-CI cells in network 310-260 (--plmn)") {
		t.Errorf("exit %d:\n%s%s", code, out, errOut)
	}
}

// A subscriber roaming in: the IMSI names the home network, Rogers
// (302-720), the serving network is T-Mobile's (--plmn 310-260). Rogers
// and T-Mobile lists each hold an eNodeB 1201 cell 2 and a LAC 13411 CI
// 30551, in Toronto and in Seattle. Keyed under --plmn, both records are
// placed on T-Mobile's list (2 of 2) and on none of Rogers' (0 of 2): the
// IMSI's network, had it been taken, would have put the subscriber in
// Toronto while they were in Seattle.
func TestImportPLMNRoamerKeyedUnderServingNetwork(t *testing.T) {
	dir := t.TempDir()
	f := writeFile(t, dir, "tmo.csv", tmobileRoamer)
	list := func(name, mcc, mnc, lat, lon string) (string, string) {
		lte := writeFile(t, dir, name+"_lte.csv", "eNodeB ID,Cell ID,MCC,MNC,Latitude,Longitude\n1201,2,"+mcc+","+mnc+","+lat+","+lon+"\n")
		gsm := writeFile(t, dir, name+"_gsm.csv", "MCC,MNC,LAC,CI,Latitude,Longitude\n"+mcc+","+mnc+",13411,30551,"+lat+","+lon+"\n")
		return lte, gsm
	}
	rogersLTE, rogersGSM := list("rogers", "302", "720", "43.6532", "-79.3832")
	tmoLTE, tmoGSM := list("tmo", "310", "260", "47.6062", "-122.3321")
	for _, c := range []struct {
		name, lte, gsm, placed string
	}{
		{"rogers", rogersLTE, rogersGSM, "placed: 0 of 2 records"},
		{"tmobile", tmoLTE, tmoGSM, "placed: 2 of 2 records (100.0%), 2 of 2 cells used"},
	} {
		t.Run(c.name, func(t *testing.T) {
			casePath := filepath.Join(dir, c.name+".db")
			runOK(t, "import", casePath, f, "--country", "US", "--plmn", "310-260")
			var o, e bytes.Buffer
			if code := run([]string{"cells", casePath, c.lte, c.gsm}, &o, &e); code != 0 || !strings.Contains(o.String(), c.placed) {
				t.Errorf("cells: exit %d, want %q:\n%s%s", code, c.placed, o.String(), e.String())
			}
		})
	}
}

// A file given again to correct how it was first read (--plmn forgotten,
// another --tz or --date-order) is not read again, since a case holds each
// file once: the import says so and what to do, instead of only "already
// in the case", which would leave the analyst believing the cells were
// now placed.
func TestImportAgainWithOtherReadingSaysSo(t *testing.T) {
	dir := t.TempDir()
	f := writeFile(t, dir, "tmo.csv", tmobileRoamer)
	casePath := filepath.Join(dir, "case.db")
	runOK(t, "import", casePath, f, "--country", "US")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--plmn", "310-260"}, "not read again with --plmn 310-260 (it was read without --plmn: its cells with no network were not placed)"},
		{[]string{"--tz", "America/Chicago"}, "not read again with --tz America/Chicago (it was read with "},
	} {
		out, errOut, code := runImportCLI(t, append([]string{casePath, f, "--country", "US"}, c.args...)...)
		if !strings.Contains(out+errOut, "already in the case as source 1") || !strings.Contains(out+errOut, c.want) ||
			!strings.Contains(out+errOut, "import it into a new case") {
			t.Errorf("%v: exit %d, want %q:\n%s%s", c.args, code, c.want, out, errOut)
		}
	}
	// dates that read either way: first as DMY, then asked as MDY
	amb := writeFile(t, dir, "amb.csv", "Calling Number,Called Number,Call Date,Call Time,Duration,Call Type\n919811111111,919822222222,03/04/2025,10:00:00,60,MO\n919811111111,919833333333,05/06/2025,11:00:00,30,MT\n")
	ambCase := filepath.Join(dir, "amb.db")
	runOK(t, "import", ambCase, amb, "--date-order", "DMY")
	out, errOut, _ := runImportCLI(t, ambCase, amb, "--date-order", "MDY")
	if !strings.Contains(out+errOut, "not read again with --date-order MDY (it was read with DMY)") {
		t.Errorf("--date-order MDY after DMY:\n%s%s", out, errOut)
	}
	// the same reading again: only "already in the case"
	other := filepath.Join(dir, "plmn.db")
	runOK(t, "import", other, f, "--country", "US", "--plmn", "310-260")
	out, errOut, _ = runImportCLI(t, other, f, "--country", "US", "--plmn", "310-260")
	if !strings.Contains(out+errOut, "already in the case as source 1") || strings.Contains(out+errOut, "not read again") {
		t.Errorf("same --plmn again:\n%s%s", out, errOut)
	}
	out, errOut, _ = runImportCLI(t, other, f, "--country", "US", "--plmn", "310-410")
	if !strings.Contains(out+errOut, "not read again with --plmn 310-410 (it was read with another --plmn)") {
		t.Errorf("other --plmn:\n%s%s", out, errOut)
	}
}
