package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// import --country for the European and Latin American plans: a file of
// numbers written nationally is read under the plan named (it was a
// usage error, "no numbering plan known", before), and persona finds the
// subscriber by the number written internationally, with the country's
// quirks (Argentina's 15 and 9, Mexico's former 1, Brazil's ninth digit).
// Keys computed by hand: the country code and the national significant
// number.
func TestImportCountryNewPlans(t *testing.T) {
	cases := []struct {
		country, msisdn, other, typed, key string
	}{
		{"co", "3005722406", "6012345678", "+57 300 572 2406", "573005722406"},
		{"AR", "0111523456789", "03511234567", "+54 9 11 2345-6789", "541123456789"},
		{"MX", "0445512345678", "3312345678", "+52 1 55 1234 5678", "525512345678"},
		{"BR", "1187654321", "02111987654321", "+55 11 98765-4321", "5511987654321"},
		{"IT", "3471234567", "0612345678", "+39 347 123 4567", "393471234567"},
		{"ES", "612345678", "911234567", "0034 612 34 56 78", "34612345678"},
		{"PE", "987654321", "012345678", "+51 987 654 321", "51987654321"},
	}
	for _, c := range cases {
		dir := t.TempDir()
		file := filepath.Join(dir, "cdr.csv")
		body := "MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION,CELL_ID\n" +
			c.msisdn + ",VOICE_OUT," + c.other + ",19/03/2024,10:00:00,60,732-101-1234-5678\n" +
			c.msisdn + ",VOICE_IN," + c.other + ",19/03/2024,11:00:00,30,732-101-1234-5678\n"
		if err := os.WriteFile(file, []byte(body), 0o444); err != nil {
			t.Fatal(err)
		}
		casePath := filepath.Join(dir, "case.db")
		var out, errOut bytes.Buffer
		want := strings.ToUpper(c.country)
		if code := run([]string{"import", casePath, file, "--country", c.country}, &out, &errOut); code != 0 ||
			!strings.Contains(out.String(), "numbers keyed under numbering plan "+want+" (--country "+want+")") ||
			strings.Contains(out.String(), "could not be keyed") {
			t.Errorf("--country %s: exit %d\n%s%s", c.country, code, out.String(), errOut.String())
			continue
		}
		out.Reset()
		errOut.Reset()
		if code := run([]string{"persona", casePath, c.typed, "--json"}, &out, &errOut); code != 0 {
			t.Errorf("%s persona %s: exit %d %s", c.country, c.typed, code, errOut.String())
			continue
		}
		var p struct {
			MSISDN string `json:"msisdn"`
		}
		if err := json.Unmarshal(out.Bytes(), &p); err != nil || p.MSISDN != c.key {
			t.Errorf("%s persona %s: %+v %v, want %s\n%s", c.country, c.typed, p, err, c.key, out.String())
		}
	}
}

// A number a plan reads two ways is kept with no key, and the import says
// which and why: under CO, 0091 9714499703 is +1 971 449 9703 through
// carrier 9 (009) or India's +91 97144 99703 written with 00.
func TestImportSaysWhyANumberReadsTwoWays(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "cdr.csv")
	body := "MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION,CELL_ID\n" +
		"3005722406,VOICE_OUT,00919714499703,19/03/2024,10:00:00,60,732-101-1234-5678\n" +
		"3005722406,VOICE_OUT,6012345678,19/03/2024,11:00:00,30,732-101-1234-5678\n"
	if err := os.WriteFile(file, []byte(body), 0o444); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := run([]string{"import", filepath.Join(dir, "case.db"), file, "--country", "CO"}, &out, &errOut)
	want := "1 record whose other party's number could not be keyed under numbering plan CO: kept as written, matched only as written. Among them 00919714499703: reads two ways under CO: +19714499703 after the international prefix 009 or +919714499703 after 00; not keyed by guess"
	if code != 0 || !strings.Contains(out.String(), want) {
		t.Errorf("exit %d\n%s%s\nwant it to say %q", code, out.String(), errOut.String(), want)
	}
}
