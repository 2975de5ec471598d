package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/report"
)

// reportCase is a case with data records, voice records and a PBX image,
// a saved hunt and a note, built once and copied for each test that
// changes it.
var reportCaseOnce struct {
	sync.Once
	dir   string
	truth *gen.Truth
	err   error
}

func reportCaseFile(t *testing.T) (string, *gen.Truth) {
	t.Helper()
	reportCaseOnce.Do(func() {
		dir, err := os.MkdirTemp("", "cdrtui-report-test")
		if err != nil {
			reportCaseOnce.err = err
			return
		}
		reportCaseOnce.dir = dir
		var casePath string
		casePath, reportCaseOnce.truth, reportCaseOnce.err = genImport(dir, "--seed", "5", "--subscribers", "30", "--records", "6000", "--voice", "40",
			"--simboxes", "3", "--days", "7", "--asterisk")
		if reportCaseOnce.err != nil {
			return
		}
		var out, errOut bytes.Buffer
		if code := run([]string{"hunt", casePath, "--dest", "0.0.0.0/0", "--port", "443", "--save", "web"}, &out, &errOut); code != 0 {
			reportCaseOnce.err = errorString("hunt: " + errOut.String())
			return
		}
		if code := run([]string{"note", casePath, "add", "subscriber", reportCaseOnce.truth.Pairs[0].A, "first pair", "--tag", "suspect"}, &out, &errOut); code != 0 {
			reportCaseOnce.err = errorString("note: " + errOut.String())
		}
	})
	if reportCaseOnce.err != nil {
		t.Fatal(reportCaseOnce.err)
	}
	dir := t.TempDir()
	b, err := os.ReadFile(filepath.Join(reportCaseOnce.dir, "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	casePath := filepath.Join(dir, "case.db")
	if err := os.WriteFile(casePath, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return casePath, reportCaseOnce.truth
}

type errorString string

func (e errorString) Error() string { return string(e) }

func TestMain(m *testing.M) {
	code := m.Run()
	if reportCaseOnce.dir != "" {
		os.RemoveAll(reportCaseOnce.dir)
	}
	if builtBinary.dir != "" {
		os.RemoveAll(builtBinary.dir)
	}
	removeSharedCases()
	os.Exit(code)
}

// block reads the machine-readable block of an HTML report.
func block(t *testing.T, path string) map[string]any {
	t.Helper()
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := report.ReadBlock(doc)
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func sectionData(t *testing.T, blk map[string]any, id string) any {
	t.Helper()
	for _, s := range blk["report"].(map[string]any)["sections"].([]any) {
		m := s.(map[string]any)
		if m["id"] == id {
			return m["data"]
		}
	}
	t.Fatalf("no section %q in the report", id)
	return nil
}

func cliJSON(t *testing.T, args ...string) any {
	t.Helper()
	return decode(t, []byte(runOK(t, args...)))
}

// The report's figures are those the CLI's --json prints for the same
// parameters: persona, contacts, correlation, trends, simbox, asterisk,
// the saved hunt, the notes and the case summary.
func TestReportNumbersEqualCLIJSON(t *testing.T) {
	casePath, truth := reportCaseFile(t)
	a, b := truth.Pairs[0].A, truth.Pairs[0].B
	out := filepath.Join(t.TempDir(), "r.html")
	runOK(t, "report", casePath, "--subscriber", a, "--subscriber", b, "--window", "2m", "--top", "5", "--app", "WhatsApp", "--out", out)
	blk := block(t, out)
	for _, c := range []struct {
		id   string
		args []string
	}{
		{"persona " + a, []string{"persona", casePath, a, "--top", "5", "--json"}},
		{"persona " + b, []string{"persona", casePath, b, "--top", "5", "--json"}},
		{"contacts " + a, []string{"contacts", casePath, a, "--window", "120s", "--top", "5", "--json"}},
		{"trends " + b, []string{"trends", casePath, b, "--app", "WhatsApp", "--json"}},
		{"pbx", []string{"asterisk", casePath, "--json"}},
		{"notes", []string{"note", casePath, "list", "--json"}},
	} {
		if got, want := sectionData(t, blk, c.id), cliJSON(t, c.args...); !reflect.DeepEqual(got, want) {
			t.Errorf("section %s differs from %v", c.id, c.args)
		}
	}
	corr := cliJSON(t, "correlate", casePath, a, b, "--window", "120", "--json").(map[string]any)
	delete(corr, "matches")
	if got := sectionData(t, blk, "correlation "+a+" "+b); !reflect.DeepEqual(got, corr) {
		g := got.(map[string]any)
		for k := range corr {
			if !reflect.DeepEqual(g[k], corr[k]) {
				t.Errorf("correlation differs from correlate --json at %q: report %v, CLI %v", k, g[k], corr[k])
			}
		}
		for k := range g {
			if _, ok := corr[k]; !ok {
				t.Errorf("correlation: the report has %q, correlate --json not", k)
			}
		}
	}
	if got := sectionData(t, blk, "correlation "+a+" "+b).(map[string]any); got["pairs"].(float64) < float64(truth.Pairs[0].Conversations)/2 {
		t.Errorf("planted pair: %v matches for %d conversations", got["pairs"], truth.Pairs[0].Conversations)
	}
	sb := cliJSON(t, "simbox", casePath, "--json").(map[string]any)
	rep := sectionData(t, blk, "simbox").(map[string]any)
	var flagged []any
	for _, s := range sb["subscribers"].([]any) {
		if s.(map[string]any)["flagged"] == true {
			flagged = append(flagged, s)
		}
	}
	if len(flagged) == 0 || !reflect.DeepEqual(rep["subscribers"], flagged) || rep["flagged"] != sb["flagged"] || rep["threshold"] != sb["threshold"] {
		t.Errorf("simbox section: %d SIMs, flagged %v; CLI flags %d (%v)", len(rep["subscribers"].([]any)), rep["flagged"], len(flagged), sb["flagged"])
	}
	hunt := cliJSON(t, "hunt", casePath, "--rerun", "web", "--json").(map[string]any)
	delete(hunt, "saved")
	hs := sectionData(t, blk, "hunt").([]any)
	if got := hs[0].(map[string]any)["result"]; !reflect.DeepEqual(got, hunt) {
		t.Errorf("hunt section differs from hunt --rerun --json")
	}
	sum := cliJSON(t, "summary", casePath, "--json").(map[string]any)
	cs := sectionData(t, blk, "case").(map[string]any)
	for _, k := range []string{"sources", "records", "subscribers", "cells", "devices", "rejected", "first", "last"} {
		if !reflect.DeepEqual(cs[k], sum[k]) {
			t.Errorf("case section %s = %v, summary --json %v", k, cs[k], sum[k])
		}
	}
}

// --verify passes on an unchanged case, and fails naming the figures once
// the case changes; a note added later does not count as a change, a
// bookmarked note removed does.
func TestReportVerifyFailsAfterCaseChanges(t *testing.T) {
	casePath, truth := reportCaseFile(t)
	a := truth.Pairs[0].A
	dir := t.TempDir()
	out := filepath.Join(dir, "r.html")
	var v report.Verdict
	made := runOK(t, "report", casePath, "--subscriber", a, "--sections", "persona,trends,notes", "--analyst", "Insp. Rao",
		"--out", filepath.Join(dir, "r.pdf"), "--out", filepath.Join(dir, "r.xlsx"), "--out", out)
	hash := ""
	for _, f := range []string{"r.pdf", "r.xlsx", "r.html"} {
		runJSON(t, []string{"report", "--verify", filepath.Join(dir, f), casePath, "--json"}, &v)
		if !v.OK || v.Figures < 50 || len(v.Differences) != 0 || v.CaseHash != v.ReportHash || !strings.Contains(made, v.ReportHash) {
			t.Fatalf("fresh report %s: %+v\n%s", f, v, made)
		}
		if hash != "" && v.ReportHash != hash {
			t.Errorf("%s has figures sha256 %s, the others %s", f, v.ReportHash, hash)
		}
		hash = v.ReportHash
	}
	runOK(t, "note", casePath, "add", "record", "ipdr 1", "later note")
	runJSON(t, []string{"report", "--verify", out, casePath, "--json"}, &v)
	if !v.OK {
		t.Fatalf("a later note broke verification: %+v", v.Differences)
	}
	// the case changes: more evidence of a is imported
	more := filepath.Join(t.TempDir(), "late_export.csv")
	os.WriteFile(more, []byte("MSISDN,IMSI,IMEI,PRIVATEIP,PRIVATEPORT,PUBLICIP,PUBLICPORT,DESTIP,DESTPORT,START_DATE,START_TIME,END_DATE,END_TIME,CELL_ID,UPLINK_VOLUME,DOWNLINK_VOLUME,TOTAL_VOLUME,I_RATTYPE\n"+
		a+",404107312666504,354678111298241,10.6.143.6,38473,49.36.48.48,35677,23.32.48.26,5222,19/03/2024,6:14:12,19/03/2024,6:14:35,404-10-1190-51988,100,200,300,4G\n"), 0o644)
	runOK(t, "import", casePath, more)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"report", "--verify", out, casePath}, &stdout, &stderr); code == 0 {
		t.Fatalf("verify after a change exited 0:\n%s", stdout.String())
	}
	if !strings.Contains(stdout.String(), "DIFFERS  persona "+a+"  total:") || !strings.Contains(stdout.String(), "the case changed") {
		t.Errorf("verify does not name the persona's total:\n%s", stdout.String())
	}
	for _, f := range []string{"r.pdf", "r.xlsx"} {
		if code := run([]string{"report", "--verify", filepath.Join(dir, f), casePath}, &stdout, &stderr); code == 0 {
			t.Errorf("verify of %s after a change exited 0", f)
		}
	}
	runOK(t, "note", casePath, "remove", "1")
	stdout.Reset()
	run([]string{"report", "--verify", out, casePath, "--json"}, &stdout, &stderr)
	json.Unmarshal(stdout.Bytes(), &v)
	found := false
	for _, d := range v.Differences {
		found = found || d.Section == "notes"
	}
	if v.OK || !found {
		t.Errorf("a removed bookmark is not a difference: %+v", v.Differences)
	}
}

// A report is recorded in the trail with the SHA-256 of the file written;
// a CLI analysis with its arguments and the SHA-256 of its JSON.
func TestReportAndAnalysesRecorded(t *testing.T) {
	casePath, truth := reportCaseFile(t)
	a := truth.Pairs[0].A
	out := filepath.Join(t.TempDir(), "r.xlsx")
	runOK(t, "report", casePath, "--subscriber", a, "--sections", "persona", "--analyst", "Insp. Rao", "--out", out)
	personaJSON := runOK(t, "persona", casePath, a, "--json")
	var trail struct {
		Entries []struct {
			Analyst, Action, Params string
			ResultSHA256            string `json:"result_sha256"`
		}
	}
	runJSON(t, []string{"audit", casePath, "--json"}, &trail)
	n := len(trail.Entries)
	if n < 3 {
		t.Fatalf("%d entries", n)
	}
	// persona reads the case read-only and then appends its run: the
	// report is the entry before it
	rep, run := trail.Entries[n-2], trail.Entries[n-1]
	doc, _ := os.ReadFile(out)
	if rep.Action != "report" || rep.Analyst != "Insp. Rao" || rep.ResultSHA256 != sha(doc) || !strings.Contains(rep.Params, `"sections":["persona"]`) {
		t.Errorf("report entry %+v (file sha256 %s)", rep, sha(doc))
	}
	if run.Action != "persona" || run.ResultSHA256 != sha([]byte(personaJSON)) {
		t.Errorf("persona entry %+v (its --json sha256 %s)", run, sha([]byte(personaJSON)))
	}
	if trail.Entries[0].Action != "import" {
		t.Errorf("first entry %+v, want the import", trail.Entries[0])
	}
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestReportUsageErrors(t *testing.T) {
	casePath, _ := reportCaseFile(t)
	for _, args := range [][]string{
		{"report", casePath},
		{"report", casePath, "--out", filepath.Join(t.TempDir(), "r.doc")},
		{"report", casePath, "--sections", "horoscope", "--out", filepath.Join(t.TempDir(), "r.html")},
		{"report", "--verify", casePath},
		{"report", "--verify", casePath, casePath}, // a case is no report
		{"report", casePath, "--subscriber", "000000000", "--out", filepath.Join(t.TempDir(), "r.html")},
		{"report", casePath, "--out", filepath.Join(reportCaseOnce.dir, "evidence", "r.html")}, // never into evidence
	} {
		var out, errOut bytes.Buffer
		if code := run(args, &out, &errOut); code == 0 {
			t.Errorf("%v exited 0", args)
		}
	}
	if _, err := os.Stat(filepath.Join(reportCaseOnce.dir, "evidence", "r.html")); err == nil {
		t.Error("a report was written into the evidence folder")
	}
}
