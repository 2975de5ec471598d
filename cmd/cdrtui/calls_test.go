package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// callsCDR is a small case whose every figure is counted by hand in the
// tests below. A = 9714499703 (IMEI 490154203237518 until the 19th, then
// 356938035643809, which B's records carry from the 18th), B = 9812345678,
// C = 9822222222, D = 9833333333 (no records of its own).
const callsCDR = `MSISDN,IMSI,IMEI,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION,CELL_ID
9714499703,404100000000001,490154203237518,VOICE_OUT,9812345678,18/03/2024,10:00:00,60,404-10-7301-12345
9714499703,404100000000001,490154203237518,VOICE_IN,+91 98123 45678,18/03/2024,23:00:00,30,404-10-7301-12346
9714499703,404100000000001,490154203237518,SMS_IN,VM-HDFCBK,19/03/2024,09:00:00,0,404-10-7301-12345
9714499703,404100000000001,490154203237518,VOICE_OUT,00447700900123,19/03/2024,12:00:00,7,424-02-0501-10010
9714499703,404100000000001,356938035643809,VOICE_OUT,9822222222,20/03/2024,10:00:00,60,404-10-7301-12345
9714499703,404100000000001,356938035643809,VOICE_OUT,09812345678,21/03/2024,10:00:00,60,404-10-7301-12345
9812345678,404100000000002,356938035643809,VOICE_IN,9714499703,18/03/2024,10:00:00,60,404-10-7301-20000
9812345678,404100000000002,356938035643809,VOICE_OUT,9833333333,18/03/2024,10:05:00,20,404-10-7301-20000
9812345678,404100000000002,356938035643809,VOICE_OUT,9833333333,21/03/2024,10:10:00,20,404-10-7301-20000
9822222222,,,VOICE_OUT,9833333333,20/03/2024,15:00:00,40,404-10-7301-30000
`

const (
	callsA = "9714499703"
	callsB = "9812345678"
	callsC = "9822222222"
)

func callsCaseFile(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(dir, "cdr.csv")
	if err := os.WriteFile(src, []byte(callsCDR), 0o444); err != nil {
		t.Fatal(err)
	}
	casePath := filepath.Join(dir, "case.db")
	runOK(t, "import", casePath, src, "--country", "IN")
	return casePath
}

func jsonOf(t *testing.T, args ...string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(runOK(t, args...)), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func list(v any) []any { l, _ := v.([]any); return l }
func obj(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func TestCallsJSONCountedByHand(t *testing.T) {
	c := callsCaseFile(t)
	m := jsonOf(t, "calls", c, callsA, "--json")
	if m["msisdn"] != "919714499703" {
		t.Fatalf("msisdn %v", m["msisdn"])
	}
	cs := list(m["contacts"])
	if len(cs) != 3 {
		t.Fatalf("contacts %v", cs)
	}
	b := obj(cs[0])
	// B: out 10:00 on the 18th and the 21st, in at 23:00 on the 18th; 60+30+60 s;
	// written three ways, one record each: the smallest form is shown.
	if b["number"] != "+91 98123 45678" || len(list(b["forms"])) != 3 || b["calls_out"] != 2.0 || b["calls_in"] != 1.0 || b["sms_out"] != 0.0 || b["sms_in"] != 0.0 ||
		b["talk_s"] != 150.0 || b["first"] != "2024-03-18 10:00:00" || b["last"] != "2024-03-21 10:00:00" || b["night_share"] != 1.0/3 {
		t.Errorf("B %v", b)
	}
	// C (60 s) before the UK number (7 s): one call each, tie broken by talk time.
	if obj(cs[1])["number"] != callsC || obj(cs[2])["number"] != "00447700900123" || obj(cs[2])["country_code"] != "44" {
		t.Errorf("order %v", cs)
	}
	if s := list(m["senders"]); len(s) != 1 || obj(s[0])["number"] != "VM-HDFCBK" || obj(s[0])["sms_in"] != 1.0 {
		t.Errorf("senders %v", s)
	}
	if !obj(m["in_case"])["919812345678"].(bool) {
		t.Errorf("in_case %v", m["in_case"])
	}
	// --sort number orders by key: the UK number (44...) first.
	if m := jsonOf(t, "calls", c, callsA, "--json", "--sort", "number"); obj(list(m["contacts"])[0])["number"] != "00447700900123" {
		t.Errorf("--sort number: %v", m["contacts"])
	}
	// --from/--to: only the 20th and the 21st.
	m = jsonOf(t, "calls", c, callsA, "--json", "--from", "2024-03-20", "--to", "2024-03-21")
	if cs := list(m["contacts"]); len(cs) != 2 || obj(cs[0])["calls_out"] != 1.0 || obj(m["time_scope"])["from"] == nil {
		t.Errorf("scoped %v", m)
	}
	out := runOK(t, "calls", c, callsA, "--top", "1")
	// B's 150 s of talk written as the Calls pane writes it
	if !strings.Contains(out, "9812345678") || !strings.Contains(out, " 2m30s ") || !strings.Contains(out, "... 2 more") || !strings.Contains(out, "VM-HDFCBK") {
		t.Errorf("--top 1:\n%s", out)
	}
	var o, e bytes.Buffer
	if code := run([]string{"calls", c, callsA, "--sort", "colour"}, &o, &e); code != 2 || !strings.Contains(e.String(), "--sort") {
		t.Errorf("--sort colour: exit %d, %s", code, e.String())
	}
}

func TestCommonAndGroup2(t *testing.T) {
	c := callsCaseFile(t)
	// D is in B's and C's records; A only in B's (C's records hold no call with A).
	m := jsonOf(t, "common", c, callsA, callsB, callsC, "--json")
	nums := list(m["numbers"])
	if len(nums) != 1 || obj(nums[0])["number"] != "9833333333" || obj(nums[0])["count"] != 2.0 ||
		len(list(obj(nums[0])["linked"])) != 2 || len(list(m["subscribers"])) != 3 {
		t.Fatalf("common %v", m)
	}
	if m := jsonOf(t, "common", c, callsA, callsB, callsC, "--json", "--min", "3"); len(list(m["numbers"])) != 0 {
		t.Errorf("--min 3: %v", m)
	}
	// Who links {A} and {C}: C itself (a member of group 2 that A called).
	m = jsonOf(t, "common", c, callsA, "--group2", callsC, "--json")
	br := list(m["bridges"])
	if len(br) != 1 || obj(br[0])["number"] != callsC || obj(br[0])["member"] != 2.0 {
		t.Errorf("--group2 %v", m)
	}
	var o, e bytes.Buffer
	if code := run([]string{"common", c, callsA, "--min", "1"}, &o, &e); code != 2 {
		t.Errorf("--min 1: exit %d", code)
	}
}

func TestDevicesSilencesChainsInternational(t *testing.T) {
	c := callsCaseFile(t)
	m := jsonOf(t, "devices", c, callsA, "--json")
	imeis, changes := list(m["imeis"]), list(m["changes"])
	if len(imeis) != 2 || obj(imeis[0])["imei"] != "490154203237518" || obj(imeis[0])["records"] != 4.0 ||
		obj(imeis[1])["from"] != "2024-03-20 10:00:00" || len(list(m["imsis"])) != 1 {
		t.Errorf("imeis %v", m)
	}
	// B carried A's second handset from the 18th; A moved to it on the 20th.
	if len(changes) != 2 || obj(changes[0])["kind"] != "shared handset" || obj(changes[0])["to"] != "919812345678" ||
		obj(changes[1])["kind"] != "handset" || obj(changes[1])["at"] != "2024-03-20 10:00:00" {
		t.Errorf("changes %v", changes)
	}
	// Longest gap per day: 13 h (18th), 22 h (19th), 24 h (20th): usual 22 h, threshold 66 h.
	m = jsonOf(t, "silences", c, callsA, "--json")
	if b := obj(m["baseline"]); b["usual_hours"] != 22.0 || b["threshold_hours"] != 66.0 || len(list(m["silences"])) != 0 {
		t.Errorf("silences %v", m)
	}
	// A→B at 10:00 on the 18th and 21st, B→D 5 and 10 minutes later: 2. Shifting
	// B's calls by 1, 2, 3 days in the 4-day span matches 1, 0, 1: expected 2/3.
	m = jsonOf(t, "chains", c, callsA, "--json")
	ch := list(m["chains"])
	if len(ch) != 1 || obj(ch[0])["c"] != "9833333333" || obj(ch[0])["count"] != 2.0 || obj(ch[0])["expected"] != 0.667 || m["within_s"] != 1800.0 {
		t.Fatalf("chains %v", m)
	}
	// B's second call is 9 min after the end of A's: --within 5m keeps only the 18th.
	if m := jsonOf(t, "chains", c, callsA, "--json", "--within", "5m", "--min", "1"); obj(list(m["chains"])[0])["count"] != 1.0 {
		t.Errorf("--within 5m: %v", m)
	}
	if m := jsonOf(t, "chains", c, callsA, "--json", "--min", "3"); len(list(m["chains"])) != 0 {
		t.Errorf("--min 3: %v", m)
	}
	if out := runOK(t, "chains", c, callsA, "--top", "0"); !strings.Contains(out, "... 1 more") {
		t.Errorf("--top 0:\n%s", out)
	}
	m = jsonOf(t, "international", c, callsA, "--json")
	cs, roam := list(m["countries"]), list(m["roaming"])
	if len(cs) != 1 || obj(cs[0])["country_code"] != "44" || obj(cs[0])["calls_out"] != 1.0 || obj(cs[0])["talk_s"] != 7.0 ||
		len(roam) != 1 || obj(roam[0])["network"] != "424-02" || obj(roam[0])["records"] != 1.0 {
		t.Errorf("international %v", m)
	}
	for _, cmd := range []string{"devices", "silences", "international"} {
		if out := runOK(t, cmd, c, callsA, "--from", "2024-03-20"); !strings.Contains(out, "scope") {
			t.Errorf("%s --from: no scope line\n%s", cmd, out)
		}
	}
}

func TestCallsWithListsTheRecords(t *testing.T) {
	c := callsCaseFile(t)
	// B written three ways: lines 2, 3 and 7 of the file (the header is line 1).
	m := jsonOf(t, "calls", c, callsA, "--with", "+91 98123 45678", "--json")
	recs := list(m["records"])
	if len(recs) != 3 || obj(recs[0])["line"] != 2.0 || obj(recs[1])["line"] != 3.0 || obj(recs[2])["line"] != 7.0 ||
		obj(recs[2])["other"] != "09812345678" || !strings.HasSuffix(obj(recs[0])["source"].(string), "cdr.csv") {
		t.Fatalf("--with %v", m)
	}
	if m := jsonOf(t, "calls", c, callsA, "--with", "VM-HDFCBK", "--json"); len(list(m["records"])) != 1 {
		t.Errorf("--with sender %v", m)
	}
}

// --from and --to narrow every call command to the records in scope, and
// the JSON says the scope it was computed in.
func TestCallCommandsTimeScope(t *testing.T) {
	c := callsCaseFile(t)
	scope := []string{"--from", "2024-03-19", "--to", "2024-03-19", "--json"} // a date as --to includes its whole day
	for _, args := range [][]string{
		{"calls", c, callsA}, {"common", c, callsA, callsB, callsC}, {"common", c, callsA, "--group2", callsC},
		{"devices", c, callsA}, {"silences", c, callsA}, {"chains", c, callsA}, {"international", c, callsA},
	} {
		m := jsonOf(t, append(args, scope...)...)
		ts := obj(m["time_scope"])
		if ts["from"] == nil || ts["to"] == nil {
			t.Errorf("%v: no time_scope in %v", args, m)
		}
	}
	// Only the 19th: A's SMS from the bank and the call to the UK; no chain, no common number, one handset.
	if m := jsonOf(t, append([]string{"calls", c, callsA}, scope...)...); m["records"] != 2.0 {
		t.Errorf("calls in scope: %v", m)
	}
	if m := jsonOf(t, append([]string{"chains", c, callsA}, scope...)...); len(list(m["chains"])) != 0 {
		t.Errorf("chains in scope: %v", m)
	}
	if m := jsonOf(t, append([]string{"common", c, callsA, callsB, callsC}, scope...)...); len(list(m["numbers"])) != 0 {
		t.Errorf("common in scope: %v", m)
	}
	if m := jsonOf(t, append([]string{"devices", c, callsA}, scope...)...); len(list(m["imeis"])) != 1 {
		t.Errorf("devices in scope: %v", m)
	}
	if m := jsonOf(t, append([]string{"international", c, callsA}, scope...)...); len(list(m["countries"])) != 1 || len(list(m["roaming"])) != 1 {
		t.Errorf("international in scope: %v", m)
	}
}

// Roaming reads the data records too: A's data session at 12:30 on the
// UAE cell extends the spell its 12:00 call opened; the 18:00 one at home
// ends it.
func TestInternationalRoamingWithDataRecords(t *testing.T) {
	c := callsCaseFile(t)
	ipdr := filepath.Join(t.TempDir(), "ipdr.csv")
	body := "MSISDN,IMSI,IMEI,DESTIP,DESTPORT,START,CELL_ID\n" +
		"9714499703,404100000000001,490154203237518,104.198.99.79,443,2024-03-19 12:30:00,424-02-0501-10011\n" +
		"9714499703,404100000000001,490154203237518,104.198.99.79,443,2024-03-19 18:00:00,404-10-7301-12345\n"
	if err := os.WriteFile(ipdr, []byte(body), 0o444); err != nil {
		t.Fatal(err)
	}
	runOK(t, "import", c, ipdr, "--country", "IN")
	m := jsonOf(t, "international", c, callsA, "--json")
	roam := list(m["roaming"])
	if len(roam) != 1 || obj(roam[0])["records"] != 2.0 || obj(roam[0])["from"] != "2024-03-19 12:00:00" ||
		obj(roam[0])["to"] != "2024-03-19 12:30:00" || len(list(obj(roam[0])["cells"])) != 2 {
		t.Fatalf("roaming %v", roam)
	}
}

// The text outputs say what they found in words: one bridge is "1 number",
// and an empty list says so instead of a bare header.
func TestCallCommandsTextSaysNone(t *testing.T) {
	c := callsCaseFile(t)
	if out := runOK(t, "common", c, callsA, "--group2", callsC); !strings.Contains(out, "): 1 number\n") {
		t.Errorf("common --group2:\n%s", out)
	}
	out := runOK(t, "silences", c, callsA)
	for _, want := range []string{"no silence longer than 66.0 h", "no burst hour"} {
		if !strings.Contains(out, want) {
			t.Errorf("silences lacks %q:\n%s", want, out)
		}
	}
	if out := runOK(t, "common", c, callsA, callsB, callsC, "--min", "3"); !strings.Contains(out, "no number in contact with 3 or more of them") {
		t.Errorf("common --min 3:\n%s", out)
	}
	if out := runOK(t, "devices", c, callsC); !strings.Contains(out, "no change") {
		t.Errorf("devices of C:\n%s", out)
	}
	if out := runOK(t, "chains", c, callsC); !strings.Contains(out, "no chain") {
		t.Errorf("chains of C:\n%s", out)
	}
	if out := runOK(t, "international", c, callsB); !strings.Contains(out, "no call or SMS abroad") || !strings.Contains(out, "no record on a foreign network") {
		t.Errorf("international of B:\n%s", out)
	}
}
