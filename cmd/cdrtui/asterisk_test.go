package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
)

// asteriskCaseFile generates a case with the disk image (through the gen
// command) and imports it (through the import command).
func asteriskCaseFile(t *testing.T) (string, *gen.Truth) {
	t.Helper()
	dir := t.TempDir()
	evidence := filepath.Join(dir, "evidence")
	runOK(t, "gen", evidence, "--asterisk", "--seed", "11", "--days", "5", "--records", "0", "--voice", "30", "--simboxes", "4")
	truth, err := gen.ReadTruth(filepath.Join(evidence, gen.TruthFile))
	if err != nil {
		t.Fatal(err)
	}
	casePath := filepath.Join(dir, "case.db")
	out := runOK(t, "import", casePath, evidence)
	if !strings.Contains(out, "copies of calls already in the case") {
		t.Errorf("import output does not report the per-account copies:\n%s", out)
	}
	return casePath, truth
}

// asterisk --json prints exactly what casework.Asterisk returns, with and
// without filters, and the numbers are the planted ones.
func TestAsteriskJSONEqualsCasework(t *testing.T) {
	casePath, truth := asteriskCaseFile(t)
	at := truth.Asterisk
	day := truth.Start.Format("2006-01-02")
	for _, tt := range []struct {
		args   []string
		filter store.PBXFilter
		top    int
	}{
		{nil, store.PBXFilter{}, 20},
		{[]string{"--top", "5", "--dongle", "dongle2", "--from", day, "--to", day}, mustFilter(t, day, day, "", "", "dongle2"), 5},
		{[]string{"--disposition", "busy", "--number", "91"}, mustFilter(t, "", "", "91", "BUSY", ""), 20},
	} {
		got := runOK(t, append([]string{"asterisk", casePath, "--json"}, tt.args...)...)
		st, err := store.Create(casePath)
		if err != nil {
			t.Fatal(err)
		}
		want, err := casework.Asterisk(context.Background(), st, casework.AsteriskOptions{Filter: tt.filter, Top: tt.top})
		st.Close()
		if err != nil {
			t.Fatal(err)
		}
		wantJSON, _ := json.Marshal(want)
		if !reflect.DeepEqual(decode(t, []byte(got)), decode(t, wantJSON)) {
			t.Errorf("%v: CLI JSON differs from casework", tt.args)
		}
		if tt.args == nil {
			var r struct {
				Calls    int64  `json:"calls"`
				Timezone string `json:"timezone"`
				Dongles  []struct {
					IMEI  string `json:"imei"`
					Calls int64  `json:"calls"`
				} `json:"dongles"`
				TopRecipients []struct {
					Number  string `json:"number"`
					BillSec int64  `json:"billsec"`
				} `json:"top_recipients"`
			}
			json.Unmarshal([]byte(got), &r)
			if r.Calls != int64(at.Calls) || r.Timezone != at.Zone || len(r.Dongles) != len(at.Modems) ||
				r.Dongles[0].IMEI != at.Modems[0].IMEI || r.Dongles[0].Calls != int64(at.Modems[0].Calls) ||
				r.TopRecipients[0].Number != at.Top[0].Number || r.TopRecipients[0].BillSec != at.Top[0].BillSec {
				t.Errorf("JSON %+v does not give the planted PBX", r)
			}
		}
	}
	text := runOK(t, "asterisk", casePath)
	for _, want := range []string{"zone of the wall clocks: Asia/Kolkata", at.Modems[0].IMEI, at.SIPHost, "MODEM"} {
		if !strings.Contains(text, want) {
			t.Errorf("text output lacks %q", want)
		}
	}
	var errOut bytes.Buffer
	if code := run([]string{"asterisk", casePath, "--from", "18.03.2024"}, &bytes.Buffer{}, &errOut); code != 2 {
		t.Errorf("bad date: exit %d (%s)", code, errOut.String())
	}
}

func mustFilter(t *testing.T, from, to, number, disposition, dongle string) store.PBXFilter {
	t.Helper()
	f, err := casework.PBXFilter(from, to, number, disposition, dongle)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// gen --pbx freepbx writes the FreePBX variant; asterisk prints its
// direction counts with their reasons, the clock check and the queue, and
// --json carries the same numbers as truth.json.
func TestGenFreePBXAndAsteriskDirections(t *testing.T) {
	dir := t.TempDir()
	evidence := filepath.Join(dir, "evidence")
	out := runOK(t, "gen", evidence, "--pbx", "freepbx", "--seed", "3", "--days", "4", "--records", "0", "--voice", "0", "--simboxes", "0")
	if !strings.Contains(out, "a seized FreePBX") {
		t.Errorf("gen output:\n%s", out)
	}
	truth, err := gen.ReadTruth(filepath.Join(evidence, gen.TruthFile))
	if err != nil || truth.Asterisk == nil || truth.Asterisk.Variant != gen.PBXFreePBX {
		t.Fatalf("truth: %v %+v", err, truth)
	}
	casePath := filepath.Join(dir, "case.db")
	runOK(t, "import", casePath, evidence)
	want := map[string]int64{}
	for _, c := range truth.Asterisk.CallsTruth {
		want[c.Direction]++
	}
	var r struct {
		Directions map[string]int64 `json:"directions"`
	}
	json.Unmarshal([]byte(runOK(t, "asterisk", casePath, "--json")), &r)
	if !reflect.DeepEqual(r.Directions, want) {
		t.Errorf("directions %v, truth %v", r.Directions, want)
	}
	text := runOK(t, "asterisk", casePath)
	for _, s := range []string{"directions: inbound", "arrived on SIP/sipus1, a trunk: sip_additional.conf line 1: [sipus1] context=from-trunk",
		"clock of ", "agrees", "queue 400: "} {
		if !strings.Contains(text, s) {
			t.Errorf("asterisk output lacks %q:\n%s", s, text)
		}
	}
	if code := run([]string{"gen", filepath.Join(dir, "x"), "--pbx", "asterisk-now"}, &bytes.Buffer{}, &bytes.Buffer{}); code == 0 {
		t.Error("an unknown --pbx must be refused")
	}
	// --direction keeps the calls of one direction: as many as truth.json plants.
	var inbound struct {
		Calls      int64            `json:"calls"`
		Directions map[string]int64 `json:"directions"`
	}
	json.Unmarshal([]byte(runOK(t, "asterisk", casePath, "--json", "--direction", "inbound")), &inbound)
	if inbound.Calls != want["inbound"] || len(inbound.Directions) != 1 {
		t.Errorf("--direction inbound: %+v, truth %d", inbound, want["inbound"])
	}
	if code := run([]string{"asterisk", casePath, "--direction", "sideways"}, &bytes.Buffer{}, &bytes.Buffer{}); code == 0 {
		t.Error("an unknown --direction must be refused")
	}
}

// The import says how many log lines no format fits (kept as text).
func TestImportCountsUnparsedLogLines(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "var", "log", "asterisk")
	if err := os.MkdirAll(log, 0o755); err != nil {
		t.Fatal(err)
	}
	body := `{"hostname":"pbx1","timestamp":"2024-05-06 09:00:01.123","identifiers":{"lwp":"4412","callid":"C-00000001"},"logmsg":{"location":{"filename":"pbx.c","function":"f","line":1},"level":"NOTICE","message":"m"}}` + "\n" +
		"stray text\n"
	os.WriteFile(filepath.Join(log, "full"), []byte(body), 0o444)
	out := runOK(t, "import", filepath.Join(t.TempDir(), "case.db"), dir)
	if !strings.Contains(out, "1 lines not understood (kept as text with their line numbers)") {
		t.Errorf("import output:\n%s", out)
	}
}
