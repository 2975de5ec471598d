package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
)

// celCaseFile imports testdata/asterisk-cel (an image of our own: a
// cel_custom.conf mapping, its Master.csv of 17 lines, 16 events of two
// calls, and the cdr-csv record of the first call).
func celCaseFile(t *testing.T) string {
	t.Helper()
	casePath := filepath.Join(t.TempDir(), "case.db")
	root, _ := filepath.Abs("../../testdata/asterisk-cel")
	out := runOK(t, "import", casePath, root)
	if !strings.Contains(out, "cel-custom/Master.csv: 16 rows, 1 rejected") {
		t.Fatalf("import:\n%s", out)
	}
	return casePath
}

// --cel lists the calls: by hand, call 1709283600.1 runs from
// 1709283600.000100 to 1709283665.220000 (65.220 s), 12 events on 2
// channels, answered, its CDR tied by uniqueid; 1709287200.5 runs 9.501 s
// (1709287200.500000 to 1709287210.001000), 4 events, no CDR. Wall clocks
// in Europe/Berlin (UTC+1): 10:00:00.000100 and 11:00:00.500000.
func TestAsteriskCELList(t *testing.T) {
	casePath := celCaseFile(t)
	out := runOK(t, "asterisk", casePath, "--cel")
	for _, s := range []string{
		"Channel Event Logging: 16 events of 2 calls (linkedids), 1 tied to a call record by linkedid or uniqueid\n",
		"2024-03-01 10:00:00.000100  Europe/Berlin  1709283600.1  65.220   12      2         yes       201     300@internal         1",
		"2024-03-01 11:00:00.500000  Europe/Berlin  1709287200.5  9.501    4       1         no        202     0612345678@internal  0",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("--cel lacks %q:\n%s", s, out)
		}
	}
	// --number narrows to calls whose caller, extension or linkedid holds it; --top limits them.
	if out := runOK(t, "asterisk", casePath, "--cel", "--number", "0612"); strings.Contains(out, "1709283600.1") || !strings.Contains(out, "1709287200.5") ||
		!strings.Contains(out, "1 of 2 calls listed") {
		t.Errorf("--number 0612:\n%s", out)
	}
	if out := runOK(t, "asterisk", casePath, "--cel", "--top", "1"); !strings.Contains(out, "1709283600.1") || strings.Contains(out, "1709287200.5  ") ||
		!strings.Contains(out, "1 of 2 calls listed") {
		t.Errorf("--top 1:\n%s", out)
	}
	// the summary of the plain report says it too.
	if out := runOK(t, "asterisk", casePath); !strings.Contains(out, "\nChannel Event Logging: 16 events of 2 calls (linkedids), 1 tied to a call record by linkedid or uniqueid (--cel lists the calls)\n") {
		t.Errorf("asterisk:\n%s", out)
	}
}

// --linkedid shows one call's events in order with file:line, and the
// call record tied to it; hostile caller names stay inert.
func TestAsteriskCELCall(t *testing.T) {
	casePath := celCaseFile(t)
	out := runOK(t, "asterisk", casePath, "--cel", "--linkedid", "1709283600.1")
	for _, s := range []string{
		"call 1709283600.1: 12 events, wall clocks in Europe/Berlin",
		"2024-03-01 10:00:05.270000  BRIDGE_ENTER  SIP/201-00000001  1709283600.1",
		"Dial(SIP/300,30)          SIP/300-00000002",
		"cel-custom/Master.csv:6",
		"cel-custom/Master.csv:13",
		"cdr-csv/Master.csv:1  201 -> 300  ANSWERED, 60 s billed  (by uniqueid 1709283600.1)",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("--linkedid lacks %q:\n%s", s, out)
		}
	}
	out = runOK(t, "asterisk", casePath, "--cel", "--linkedid", "1709287200.5")
	if strings.ContainsAny(out, "\x1b\x07") || !strings.Contains(out, `\x1b[31mMallory`) ||
		!strings.Contains(out, "no call record carries this linkedid") {
		t.Errorf("hostile caller name:\n%q", out)
	}
	var o, e bytes.Buffer
	if code := run([]string{"asterisk", casePath, "--cel", "--linkedid", "nope"}, &o, &e); code == 0 || !strings.Contains(e.String(), `no CEL events of linkedid "nope"`) {
		t.Errorf("unknown linkedid: exit %d %s", code, e.String())
	}
}

// --cel --json prints exactly what casework.AsteriskCEL returns.
func TestAsteriskCELJSONEqualsCasework(t *testing.T) {
	casePath := celCaseFile(t)
	for _, tt := range []struct {
		args []string
		opts casework.CELOptions
	}{
		{nil, casework.CELOptions{Limit: 20}},
		{[]string{"--linkedid", "1709283600.1", "--number", "20", "--top", "1"}, casework.CELOptions{LinkedID: "1709283600.1", Match: "20", Limit: 1}},
	} {
		got := runOK(t, append([]string{"asterisk", casePath, "--cel", "--json"}, tt.args...)...)
		st, err := store.Create(casePath)
		if err != nil {
			t.Fatal(err)
		}
		want, err := casework.AsteriskCEL(context.Background(), st, tt.opts)
		st.Close()
		if err != nil {
			t.Fatal(err)
		}
		wb, _ := json.Marshal(want)
		if !reflect.DeepEqual(decode(t, []byte(got)), decode(t, wb)) {
			t.Errorf("%v: CLI JSON differs from casework:\n%s\n%s", tt.args, got, wb)
		}
		if tt.opts.LinkedID != "" && (want.Call == nil || len(want.Call.Events) != 12 || len(want.Call.CDRs) != 1 || want.Call.Events[0].Line != 1) {
			t.Errorf("call: %+v", want.Call)
		}
	}
}

// --linkedid needs --cel, and --cel refuses the call-record filters.
func TestAsteriskCELUsage(t *testing.T) {
	casePath := celCaseFile(t)
	for _, tt := range []struct {
		args []string
		says string
	}{
		{[]string{"asterisk", casePath, "--linkedid", "1709283600.1"}, "--linkedid needs --cel"},
		{[]string{"asterisk", casePath, "--cel", "--from", "2024-03-01"}, "--cel takes --number, --top, --linkedid and --json"},
		{[]string{"asterisk", casePath, "--cel", "--dongle", "dongle0"}, "--cel takes --number"},
	} {
		args := tt.args
		var o, e bytes.Buffer
		if code := run(args, &o, &e); code == 0 || !strings.Contains(e.String(), tt.says) {
			t.Errorf("%v: exit %d %s", args, code, e.String())
		}
	}
}
