package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// import --country: a file of ten-digit numbers is refused without it
// (exit 1, naming the flag and what each plan would make of a number),
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
	var out, errOut bytes.Buffer
	if code := run([]string{"import", casePath, file}, &out, &errOut); code != 1 ||
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
	if code := run([]string{"import", casePath, other, "--country", "US"}, &out, &errOut); code != 1 || !strings.Contains(out.String(), "the case's numbering plan is IN") {
		t.Errorf("--country US on an IN case: exit %d\n%s", code, out.String())
	}
	out.Reset()
	errOut.Reset()
	if code := run([]string{"import", casePath, other, "--country", "XX"}, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "--country XX") {
		t.Errorf("--country XX: exit %d %s", code, errOut.String())
	}
}
