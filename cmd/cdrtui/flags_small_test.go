package main

import (
	"bytes"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// Flags checked on five data sessions written by hand: A (…01) reaches
// WhatsApp (5222) at 10:00 and 11:00 and the web (443) at 12:00 on Friday
// 1 March 2024; B (…02) WhatsApp at 01:00 and port 8080 at 02:00 on
// Saturday the 2nd.
const flagsIPDR = `MSISDN,DESTIP,DESTPORT,START,CELL
919800000001,157.240.1.10,5222,2024-03-01 10:00:00,404-10-1-1
919800000001,157.240.1.10,5222,2024-03-01 11:00:00,404-10-1-1
919800000001,142.250.1.1,443,2024-03-01 12:00:00,404-10-1-2
919800000002,157.240.1.11,5222,2024-03-02 01:00:00,404-10-1-1
919800000002,10.0.0.5,8080,2024-03-02 02:00:00,404-10-1-3
`

const flagsA, flagsB = "919800000001", "919800000002"

// flagsCase imports flagsIPDR into a new case (extra: import flags).
func flagsCase(t *testing.T, extra ...string) (casePath, dir string) {
	t.Helper()
	dir = t.TempDir()
	f := writeFile(t, dir, "ipdr.csv", flagsIPDR)
	casePath = filepath.Join(dir, "case.db")
	runOK(t, append([]string{"import", casePath, f}, extra...)...)
	return casePath, dir
}

// import --tz: the wall clocks are read in the zone given, so each
// record's instant is the wall clock less the zone's offset; without it
// the clocks are kept as written (offset 0). A zone unknown is refused.
func TestImportTZFlag(t *testing.T) {
	dir := t.TempDir()
	f := writeFile(t, dir, "ipdr.csv", flagsIPDR)
	// 2024-03-01 10:00 in Kolkata (UTC+05:30) is 04:30 UTC.
	tenIST := time.Date(2024, 3, 1, 4, 30, 0, 0, time.UTC).Unix()
	tenAsWritten := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC).Unix()
	for _, tc := range []struct {
		args   []string
		zone   string
		start  int64
		offset int64
		clock  string
	}{
		{nil, "", tenAsWritten, 0, "which gives no time zone"},
		{[]string{"--tz", "Asia/Kolkata"}, "Asia/Kolkata", tenIST, 19800, "Asia/Kolkata, UTC+05:30"},
		{[]string{"--tz", "+05:30"}, "+05:30", tenIST, 19800, "UTC+05:30"},
	} {
		casePath := filepath.Join(t.TempDir(), "case.db")
		var res struct {
			Files []struct{ Zone string } `json:"files"`
		}
		runJSON(t, append([]string{"import", casePath, f, "--json"}, tc.args...), &res)
		if len(res.Files) != 1 || res.Files[0].Zone != tc.zone {
			t.Errorf("%v: import says zone %+v, want %q", tc.args, res.Files, tc.zone)
		}
		db, err := sql.Open("sqlite", casePath)
		if err != nil {
			t.Fatal(err)
		}
		var start, offset int64
		err = db.QueryRow("SELECT start, wall_offset FROM ipdr WHERE dest_port = 5222 ORDER BY start LIMIT 1").Scan(&start, &offset)
		db.Close()
		if err != nil || start != tc.start || offset != tc.offset {
			t.Errorf("%v: first record at %d offset %d (%v), want %d offset %d", tc.args, start, offset, err, tc.start, tc.offset)
		}
		// the wall clock shown is the one written, with the zone named
		out := runOK(t, "hunt", casePath, "--port", "5222", "--statements")
		if !strings.Contains(out, "between 2024-03-01 10:00:00 and 2024-03-01 11:00:00") || !strings.Contains(out, tc.clock) {
			t.Errorf("%v: statements:\n%s", tc.args, out)
		}
	}
	_, errOut, code := runImportCLI(t, filepath.Join(dir, "bad.db"), f, "--tz", "Mars/Olympus")
	if code != 2 || !strings.Contains(errOut, `unknown zone "Mars/Olympus"`) {
		t.Errorf("--tz Mars/Olympus: exit %d: %s", code, errOut)
	}
}

// hunt --port alone finds every record on the port; with a destination
// written without a port it narrows that destination to the port.
// --statements prints only the numbered statements, as a report.
func TestHuntPortAndStatementsFlags(t *testing.T) {
	casePath, _ := flagsCase(t)
	var h struct {
		Subscribers []struct {
			MSISDN  string `json:"msisdn"`
			Records int    `json:"records"`
		} `json:"subscribers"`
	}
	runJSON(t, []string{"hunt", casePath, "--port", "5222", "--json"}, &h)
	if len(h.Subscribers) != 2 || h.Subscribers[0].MSISDN != flagsA || h.Subscribers[0].Records != 2 ||
		h.Subscribers[1].MSISDN != flagsB || h.Subscribers[1].Records != 1 {
		t.Errorf("--port 5222: %+v, want A with 2 records and B with 1", h.Subscribers)
	}
	for _, tc := range []struct {
		port string
		want int
	}{{"5222", 2}, {"443", 0}, {"5000-6000", 2}} {
		h.Subscribers = nil
		runJSON(t, []string{"hunt", casePath, "--dest", "157.240.1.0/24", "--port", tc.port, "--json"}, &h)
		if len(h.Subscribers) != tc.want {
			t.Errorf("--dest 157.240.1.0/24 --port %s: %+v, want %d subscribers", tc.port, h.Subscribers, tc.want)
		}
	}

	out := runOK(t, "hunt", casePath, "--port", "5222", "--statements")
	for _, want := range []string{"Server hunt: on port 5222\n", "Found: 2 subscribers, 3 records, 0 bytes.",
		"\n1. MSISDN 919800000001 (no IMSI or IMEI recorded) connected to 157.240.1.10:5222 twice from cell 404-10-1-1 between 2024-03-01 10:00:00 and 2024-03-01 11:00:00",
		"lines 2-3).", "\n2. MSISDN 919800000002 (no IMSI or IMEI recorded) connected to 157.240.1.11:5222 once from cell 404-10-1-1 at 2024-03-02 01:00:00", "line 5)."} {
		if !strings.Contains(out, want) {
			t.Errorf("--statements lacks %q:\n%s", want, out)
		}
	}
	if plain := runOK(t, "hunt", casePath, "--port", "5222"); strings.Contains(out, "First (wall clock)") || !strings.Contains(plain, "First (wall clock)") {
		t.Errorf("--statements should leave out the table the plain hunt prints:\n%s\nplain:\n%s", out, plain)
	}
}

// trends --each gives one trend per MSISDN instead of one for them all;
// --list-csv lists each connection as CSV with its file and line; --ports
// lays an analyst's dictionary over the defaults.
func TestTrendsEachListCSVAndPortsFlags(t *testing.T) {
	casePath, dir := flagsCase(t)
	both := flagsA + "," + flagsB
	var one struct {
		Total  int64    `json:"total"`
		Bins3h [8]int64 `json:"bins_3h"`
	}
	runJSON(t, []string{"trends", casePath, both, "--json"}, &one)
	if one.Total != 3 || one.Bins3h != [8]int64{1, 0, 0, 2, 0, 0, 0, 0} {
		t.Errorf("A and B together: %+v, want 3 (01:00; 10:00, 11:00)", one)
	}
	var each []struct {
		MSISDN  string   `json:"msisdn"`
		Total   int64    `json:"total"`
		Bins3h  [8]int64 `json:"bins_3h"`
		Weekday [7]int64 `json:"weekday"`
	}
	runJSON(t, []string{"trends", casePath, both, "--each", "--json"}, &each)
	if len(each) != 2 || each[0].MSISDN != flagsA || each[0].Total != 2 || each[0].Bins3h != [8]int64{0, 0, 0, 2} || each[0].Weekday != [7]int64{0, 0, 0, 0, 2} ||
		each[1].MSISDN != flagsB || each[1].Total != 1 || each[1].Bins3h != [8]int64{1} || each[1].Weekday != [7]int64{0, 0, 0, 0, 0, 1} {
		t.Errorf("--each: %+v, want A 2 (Friday 09-12) and B 1 (Saturday 00-03)", each)
	}

	cr := csv.NewReader(strings.NewReader(runOK(t, "trends", casePath, flagsA, "--list-csv")))
	cr.Comment = '#' // the "# " lines saying what the export is of (TestTrendsListCSVSaysWhatItIs)
	rows, err := cr.ReadAll()
	src := filepath.Join(dir, "ipdr.csv")
	want := [][]string{{"time", "msisdn", "app", "port", "dest_ip", "cell", "source", "line"},
		{"2024-03-01 10:00:00", flagsA, "WhatsApp", "5222", "157.240.1.10", "404-10-1-1", src, "2"},
		{"2024-03-01 11:00:00", flagsA, "WhatsApp", "5222", "157.240.1.10", "404-10-1-1", src, "3"}}
	if err != nil || !sameRows(rows, want) {
		t.Errorf("--list-csv: %v %q, want %q", err, rows, want)
	}

	// B's port 8080 is the web's by default; an analyst's file names it
	ports := writeFile(t, dir, "mine.csv", "ports,app,confidence,note\n8080,Proxy Mine,high,seen on the phone\n")
	var errOut bytes.Buffer
	if code := run([]string{"trends", casePath, flagsB, "--app", "Proxy Mine", "--json"}, &bytes.Buffer{}, &errOut); code == 0 {
		t.Error("an application the dictionary lacks must be refused before --ports names it")
	}
	var mine struct {
		Total  int64    `json:"total"`
		Ports  []string `json:"ports"`
		Bins3h [8]int64 `json:"bins_3h"`
	}
	runJSON(t, []string{"trends", casePath, flagsB, "--app", "Proxy Mine", "--ports", ports, "--json"}, &mine)
	if mine.Total != 1 || len(mine.Ports) != 1 || mine.Ports[0] != "8080" || mine.Bins3h != [8]int64{1} {
		t.Errorf("--ports mine.csv --app 'Proxy Mine': %+v, want B's one record on 8080 at 02:00", mine)
	}
}

func sameRows(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if strings.Join(a[i], "\x00") != strings.Join(b[i], "\x00") {
			return false
		}
	}
	return true
}

// ports --csv prints the case's dictionary as an analyst's file: the
// defaults, then an analyst's rule once kept; read back into another case
// it gives the same rules (laid over the defaults: each default twice,
// the analyst's once).
func TestPortsCSVFlag(t *testing.T) {
	casePath, dir := flagsCase(t)
	read := func(casePath string) [][]string {
		rows, err := csv.NewReader(strings.NewReader(runOK(t, "ports", casePath, "--csv"))).ReadAll()
		if err != nil || len(rows) < 2 {
			t.Fatalf("ports --csv: %v %q", err, rows)
		}
		return rows
	}
	has := func(rows [][]string, ports, app string) bool {
		for _, r := range rows[1:] {
			if r[0] == ports && r[1] == app {
				return true
			}
		}
		return false
	}
	rows := read(casePath)
	if strings.Join(rows[0], ",") != "ports,app,vendor,protocol,confidence,note,origin" || !has(rows, "80;8080", "Web (HTTP)") || has(rows, "5555", "My App") {
		t.Errorf("ports --csv of the defaults: %q", rows)
	}
	if text := runOK(t, "ports", casePath); strings.HasPrefix(text, "ports,app,") {
		t.Errorf("without --csv the dictionary is not CSV:\n%s", text)
	}
	runOK(t, "ports", casePath, writeFile(t, dir, "mine.csv", "ports,app,confidence,note\n5555,My App,high,\n"))
	rows = read(casePath)
	if !has(rows, "5555", "My App") {
		t.Errorf("ports --csv lacks the analyst's rule: %q", rows)
	}
	var before, after struct {
		Rules []json.RawMessage `json:"rules"`
	}
	runJSON(t, []string{"ports", casePath, "--json"}, &before)
	other, _ := flagsCase(t)
	runOK(t, "ports", other, writeFile(t, dir, "back.csv", runOK(t, "ports", casePath, "--csv")))
	runJSON(t, []string{"ports", other, "--json"}, &after)
	// a rule read back is the same but for its origin (the file's name),
	// and is kept once: the defaults it repeats move up into its layer
	// (they were once kept twice, 2n-1 rules)
	distinct := func(rules []json.RawMessage) map[string]bool {
		m := map[string]bool{}
		for _, r := range rules {
			var v map[string]any
			json.Unmarshal(r, &v)
			delete(v, "Origin")
			b, _ := json.Marshal(v)
			m[string(b)] = true
		}
		return m
	}
	b, a := distinct(before.Rules), distinct(after.Rules)
	if len(b) != len(before.Rules) || len(a) != len(b) || len(after.Rules) != len(before.Rules) {
		t.Errorf("the CSV read back gives %d rules (%d distinct), the case had %d (%d distinct)", len(after.Rules), len(a), len(before.Rules), len(b))
	}
	for r := range b {
		if !a[r] {
			t.Errorf("rule %s lost in the CSV read back", r)
		}
	}
}

// persona --top N lists N destinations, most records first; --rdns looks
// the listed ones up and keeps the answers in the case, each lookup bound
// by --rdns-timeout (1ns: every one times out, without the network).
func TestPersonaTopAndRDNSFlags(t *testing.T) {
	casePath, _ := flagsCase(t)
	type dest struct {
		IP         string `json:"ip"`
		Port       int    `json:"port"`
		Records    int    `json:"records"`
		RDNSStatus string `json:"rdns_status"`
	}
	var p struct {
		Distinct     int    `json:"distinct_destinations"`
		Destinations []dest `json:"destinations"`
	}
	runJSON(t, []string{"persona", casePath, flagsA, "--top", "1", "--json"}, &p)
	if p.Distinct != 2 || len(p.Destinations) != 1 || p.Destinations[0] != (dest{IP: "157.240.1.10", Port: 5222, Records: 2}) {
		t.Errorf("--top 1: %+v, want 157.240.1.10:5222 (2 records) of 2", p)
	}
	runJSON(t, []string{"persona", casePath, flagsA, "--top", "-1", "--json"}, &p)
	if len(p.Destinations) != 2 || p.Destinations[1].IP != "142.250.1.1" || p.Destinations[1].RDNSStatus != "" {
		t.Errorf("--top -1: %+v, want both, never looked up", p.Destinations)
	}
	runJSON(t, []string{"persona", casePath, flagsA, "--rdns", "--rdns-timeout", "1ns", "--json"}, &p)
	for _, d := range p.Destinations {
		if d.RDNSStatus != "timeout" {
			t.Errorf("--rdns --rdns-timeout 1ns: %+v, want a timeout", d)
		}
	}
	text := runOK(t, "persona", casePath, flagsA)
	if len(p.Destinations) != 2 || strings.Count(text, "(timeout at ") != 2 {
		t.Errorf("the lookups are not kept in the case:\n%s", text)
	}
}

// simbox --top N lists N SIMs in the text (default: the flagged and 10
// more); the JSON always has them all.
func TestSimBoxTopFlag(t *testing.T) {
	casePath := simboxCaseFile(t)
	var rep struct {
		Flagged     int               `json:"flagged"`
		Subscribers []json.RawMessage `json:"subscribers"`
	}
	runJSON(t, []string{"simbox", casePath, "--json", "--top", "2"}, &rep)
	n := len(rep.Subscribers)
	if n < rep.Flagged+12 || rep.Flagged == 0 {
		t.Fatalf("%d SIMs, %d flagged: too few to tell --top", n, rep.Flagged)
	}
	for _, tc := range []struct {
		args []string
		rows int
	}{{[]string{"--top", "2"}, 2}, {nil, rep.Flagged + 10}, {[]string{"--top", "0"}, 0}} {
		out := runOK(t, append([]string{"simbox", casePath}, tc.args...)...)
		if !strings.Contains(out, "… "+strconv.Itoa(n-tc.rows)+" more (--top N") {
			t.Errorf("%v: want %d rows of %d listed:\n%s", tc.args, tc.rows, n, out)
		}
	}
}

// location --json prints the JSON of what the text says.
func TestLocationJSONFlag(t *testing.T) {
	casePath, _ := locationCase(t)
	text := runOK(t, "location", casePath, "919714499703")
	if !strings.HasPrefix(text, "location of 919714499703: 8 of 9 records placed (88.9%)") {
		t.Errorf("text:\n%s", text)
	}
	var v struct {
		MSISDN      string  `json:"msisdn"`
		PlacedShare float64 `json:"placed_share"`
	}
	runJSON(t, []string{"location", casePath, "919714499703", "--json"}, &v)
	if v.MSISDN != "919714499703" || v.PlacedShare != 0.8889 {
		t.Errorf("--json: %+v, want 8 of 9 placed", v)
	}
}

// cells --layer keeps a GeoJSON layer in the case, alone or beside a
// cell-site list; --json prints what was imported.
func TestCellsLayerAndJSONFlags(t *testing.T) {
	casePath, dir := flagsCase(t)
	two := `{"type":"FeatureCollection","features":[` +
		`{"type":"Feature","properties":{"name":"ward 1"},"geometry":{"type":"LineString","coordinates":[[88.3,22.5],[88.4,22.5]]}},` +
		`{"type":"Feature","properties":{"name":"ward 2"},"geometry":{"type":"LineString","coordinates":[[88.4,22.5],[88.5,22.6]]}}]}`
	layer := writeFile(t, dir, "roads.geojson", two)
	var res struct {
		Files []struct {
			Kind string
			Rows int64
		} `json:"files"`
	}
	runJSON(t, []string{"cells", casePath, "--layer", layer, "--json"}, &res)
	if len(res.Files) != 1 || res.Files[0].Kind != "layer" || res.Files[0].Rows != 2 {
		t.Errorf("cells --layer (two features) --json: %+v", res.Files)
	}
	if out := runOK(t, "cells", casePath, "--layer", writeFile(t, dir, "wards.geojson", locationLayer)); strings.HasPrefix(strings.TrimSpace(out), "{") {
		t.Errorf("without --json the summary is not JSON:\n%s", out)
	}
	var errOut bytes.Buffer
	if code := run([]string{"cells", casePath}, &bytes.Buffer{}, &errOut); code != 2 || !strings.Contains(errOut.String(), "--layer FILE") {
		t.Errorf("cells with neither a site file nor --layer: exit %d: %s", code, errOut.String())
	}
}

// silences --from/--to: the baseline is drawn from A's records in the
// scope only: 4 on the 18th and 19th (10:00, 23:00; 09:00, 12:00), 2 with
// --to the 18th, 2 --from the 20th, against 6 in the whole case.
func TestSilencesScopeFlags(t *testing.T) {
	c := callsCaseFile(t)
	for _, tc := range []struct {
		scope   []string
		records float64
	}{
		{nil, 6},
		{[]string{"--from", "2024-03-18", "--to", "2024-03-19"}, 4},
		{[]string{"--to", "2024-03-18"}, 2},
		{[]string{"--from", "2024-03-20"}, 2},
	} {
		m := jsonOf(t, append([]string{"silences", c, callsA, "--json"}, tc.scope...)...)
		if b := obj(m["baseline"]); b["records"] != tc.records || (m["time_scope"] != nil) != (tc.scope != nil) {
			t.Errorf("silences %v: %v, want a baseline of %v records", tc.scope, m, tc.records)
		}
	}
}
