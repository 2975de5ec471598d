package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// import --country: a file of ten-digit numbers and no cells is refused
// without it (exit 1, naming the flag and what each plan would make of a
// number),
// read with it, and the plan is kept in the case: persona then finds the
// subscriber however the analyst writes the number; a second plan is
// refused; an unknown country is a usage error.
func TestImportCountry(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "cdr.csv")
	body := "MSISDN,IMSI,IMEI,DESTIP,DESTPORT,START,CELL_ID\n" +
		"9714499703,404100000000001,352099001761481,104.198.99.79,443,2024-03-20 18:00:00,404-10-7301-12345\n" +
		"9714499703,404100000000001,3520990017614823,104.198.99.79,443,2024-03-20 18:05:00,404101C853039\n"
	if err := os.WriteFile(file, []byte(body), 0o444); err != nil {
		t.Fatal(err)
	}
	casePath := filepath.Join(dir, "case.db")
	// without its cells (on an Indian network, MCC 404, they settle it)
	noCells := filepath.Join(dir, "cdr-nocells.csv")
	if err := os.WriteFile(noCells, []byte(strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(body, ",CELL_ID", ""), ",404-10-7301-12345", ""), ",404101C853039", "")), 0o444); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"import", casePath, noCells}, &out, &errOut); code != 1 ||
		!strings.Contains(out.String(), "--country") || !strings.Contains(out.String(), "919714499703 under IN") {
		t.Fatalf("without --country: exit %d\n%s%s", code, out.String(), errOut.String())
	}
	out.Reset()
	errOut.Reset()
	if code := run([]string{"import", casePath, file, "--country", "in"}, &out, &errOut); code != 0 ||
		!strings.Contains(out.String(), "numbers keyed under numbering plan IN (--country IN)") {
		t.Fatalf("--country in: exit %d\n%s%s", code, out.String(), errOut.String())
	}
	for _, typed := range []string{"+91 97144 99703", "9714499703", "00919714499703"} {
		out.Reset()
		errOut.Reset()
		if code := run([]string{"persona", casePath, typed, "--json"}, &out, &errOut); code != 0 {
			t.Fatalf("persona %s: exit %d %s", typed, code, errOut.String())
		}
		var p struct {
			MSISDN string `json:"msisdn"`
			IMEIs  []struct {
				Value string   `json:"value"`
				Key   string   `json:"key"`
				Forms []string `json:"forms"`
			} `json:"imeis"`
			Cells []struct {
				Key   string   `json:"key"`
				Forms []string `json:"forms"`
			} `json:"cells"`
		}
		if err := json.Unmarshal(out.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		if p.MSISDN != "919714499703" || len(p.IMEIs) != 1 || p.IMEIs[0].Key != "35209900176148" || len(p.IMEIs[0].Forms) != 2 ||
			len(p.Cells) != 1 || p.Cells[0].Key != "404-10-7301-12345" || len(p.Cells[0].Forms) != 2 {
			t.Errorf("persona %s: %+v", typed, p)
		}
	}
	out.Reset()
	if code := run([]string{"summary", casePath}, &out, &errOut); code != 0 || !strings.Contains(out.String(), "numbering plan         IN (--country IN)") {
		t.Errorf("summary: exit %d\n%s", code, out.String())
	}
	other := filepath.Join(dir, "other.csv")
	os.WriteFile(other, []byte(strings.ReplaceAll(body, "2024-03-20", "2024-03-21")), 0o444)
	out.Reset()
	errOut.Reset()
	// another plan named for a later file keys that file alone, and says so
	if code := run([]string{"import", casePath, other, "--country", "US"}, &out, &errOut); code != 0 ||
		!strings.Contains(out.String(), "numbers keyed under numbering plan US (--country US for this file; the case's plan stays IN") {
		t.Errorf("--country US on an IN case: exit %d\n%s", code, out.String())
	}
	out.Reset()
	errOut.Reset()
	if code := run([]string{"import", casePath, other, "--country", "XX"}, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "--country XX") {
		t.Errorf("--country XX: exit %d %s", code, errOut.String())
	}
}

// A case whose plan is IN, then a US carrier's return whose numbers are
// written nationally (ten digits, as Indian mobiles are): keyed under IN
// they would become +91 numbers. The file is refused, exit 1, naming the
// conflict, the number and the --country that reads it; with --country US
// it is keyed under US (the case keeps IN) and persona finds the US
// subscriber by +1.
func TestImportRefusesAnotherCountrysNumbers(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "airtel.csv")
	os.WriteFile(in, []byte("MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION\n"+
		"9714499703,VOICE_OUT,9812345678,18/03/2024,10:00:00,60\n"), 0o444)
	us := filepath.Join(dir, "tmobile.csv")
	os.WriteFile(us, []byte("Date,(UTC) Time,Duration,Call Type,Direction,Calling Number,Dialed Number,Called Number,Destination Number,IMSI,IMEI,Completion Code,Service Code,Switch Name,1st LTE Site ID,1st LTE Sector ID,1st LAC,1st Cell ID,1st Tower LAT,1st Tower LONG,1st Tower Address\n"+
		"03/14/2025,18:02:11,95,mSOriginating,Outgoing,2065550001,2065550102,2065550102,2065550102,310260000000001,35391809000001,Completed,,SEATTLE1,,,13411,30551,47.6062,-122.3321,1200 1st Ave Seattle WA\n"+
		"03/14/2025,19:30:00,40,mSTerminating,Incoming,2065550103,2065550001,2065550001,2065550001,310260000000001,35391809000001,Completed,,SEATTLE1,,,13411,30552,47.6063,-122.3322,1200 1st Ave Seattle WA\n"), 0o444)
	casePath := filepath.Join(dir, "case.db")
	var out, errOut bytes.Buffer
	if code := run([]string{"import", casePath, in, "--country", "IN"}, &out, &errOut); code != 0 {
		t.Fatalf("IN file: exit %d\n%s%s", code, out.String(), errOut.String())
	}
	out.Reset()
	errOut.Reset()
	code := run([]string{"import", casePath, us}, &out, &errOut)
	for _, want := range []string{"do not follow the case's numbering plan IN", "T-Mobile's (US)", "2065550001 would get key 912065550001 under IN but 12065550001 under US", "--country US"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if code != 1 {
		t.Errorf("a file of another country's numbers: exit %d, want 1\n%s", code, out.String())
	}
	out.Reset()
	errOut.Reset()
	if code := run([]string{"import", casePath, us, "--country", "US", "--json"}, &out, &errOut); code != 0 {
		t.Fatalf("--country US: exit %d\n%s%s", code, out.String(), errOut.String())
	}
	out.Reset()
	errOut.Reset()
	if code := run([]string{"persona", casePath, "+1 206 555 0001", "--json"}, &out, &errOut); code != 0 || !strings.Contains(out.String(), `"msisdn": "12065550001"`) {
		t.Errorf("persona of the US subscriber: exit %d\n%s%s", code, out.String(), errOut.String())
	}
	out.Reset()
	if code := run([]string{"summary", casePath}, &out, &errOut); code != 0 || !strings.Contains(out.String(), "numbering plan         IN (--country IN)") {
		t.Errorf("the case's plan changed: exit %d\n%s", code, out.String())
	}
}

// The command names its flag where the workbench's import dialog names its
// key (TestImportInsidePlanMessagesNameTheKey): a ten-digit number in a
// case with no plan is refused, exit 1, saying to say which with --country.
func TestImportPlanMessagesNameTheFlag(t *testing.T) {
	dir := t.TempDir()
	us := filepath.Join(dir, "us.csv")
	os.WriteFile(us, []byte("MSISDN,DESTIP,DESTPORT,START\n2065550001,1.2.3.4,443,2024-03-01 10:00:00\n"), 0o444)
	var out, errOut bytes.Buffer
	code := run([]string{"import", filepath.Join(dir, "case.db"), us}, &out, &errOut)
	text := strings.Join(strings.Fields(out.String()+errOut.String()), " ")
	if code != 1 || !strings.Contains(text, "would be 912065550001 under IN or 12065550001 under US; say which with --country (ISO code: ") ||
		strings.Contains(text, "country key c") {
		t.Errorf("exit %d\n%s", code, text)
	}
}

// A voice return of 84 and nine digits: Vietnam's mobiles written without
// their +, or Moscow-region numbers behind Russia's trunk 8. Without
// --country and without cells the file is refused naming both keys (it was
// keyed under RU, 84912345678 as 74912345678); its cells on a Vietnamese
// network (MCC 452) settle it; --country VN keys every number as written.
func TestImportCountryVietnamOrRussia(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "vn.csv")
	body := "MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION,CELL_ID\n" +
		"84912345678,VOICE_OUT,84987654321,19/03/2024,10:00:00,60,452-04-1234-5678\n" +
		"84912345678,VOICE_IN,84911112222,19/03/2024,11:00:00,30,452-04-1234-5678\n"
	if err := os.WriteFile(file, []byte(body), 0o444); err != nil {
		t.Fatal(err)
	}
	noCells := filepath.Join(dir, "vn-nocells.csv")
	if err := os.WriteFile(noCells, []byte(strings.ReplaceAll(strings.ReplaceAll(body, ",CELL_ID", ""), ",452-04-1234-5678", "")), 0o444); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"import", filepath.Join(dir, "nocells.db"), noCells}, &out, &errOut); code != 1 ||
		!strings.Contains(out.String(), "74912345678 under RU") || !strings.Contains(out.String(), "84912345678 under IN, US, GB, DE, FR, VN, BD and PK") {
		t.Fatalf("without --country or cells: exit %d\n%s%s", code, out.String(), errOut.String())
	}
	out.Reset()
	errOut.Reset()
	if code := run([]string{"import", filepath.Join(dir, "bycells.db"), file}, &out, &errOut); code != 0 ||
		!strings.Contains(out.String(), "numbering plan VN (inferred from "+file+"'s cells: every cell sampled is on Vietnam's networks (MCC 452)") {
		t.Fatalf("by its cells: exit %d\n%s%s", code, out.String(), errOut.String())
	}
	casePath := filepath.Join(dir, "case.db")
	out.Reset()
	errOut.Reset()
	if code := run([]string{"import", casePath, file, "--country", "VN", "--json"}, &out, &errOut); code != 0 {
		t.Fatalf("--country VN: exit %d\n%s%s", code, out.String(), errOut.String())
	}
	out.Reset()
	if code := run([]string{"persona", casePath, "+84 91 234 5678", "--json"}, &out, &errOut); code != 0 {
		t.Fatalf("persona: exit %d %s", code, errOut.String())
	}
	var p struct {
		MSISDN string `json:"msisdn"`
	}
	if err := json.Unmarshal(out.Bytes(), &p); err != nil || p.MSISDN != "84912345678" {
		t.Errorf("persona of +84 91 234 5678: %+v %v\n%s", p, err, out.String())
	}
}
