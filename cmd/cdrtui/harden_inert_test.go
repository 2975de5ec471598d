package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hostile is a cell and an application name written to act on a terminal:
// an OSC title change, an 8-bit CSI (U+009B) and a right-to-left override.
const (
	hostileCell = "404-10-\x1b]0;pwned\x07-\u009b2J-\u202e1"
	hostileApp  = "Evil\x1b[2J\u202eppA"
)

// rawControls says whether out holds, raw, a byte or rune a terminal obeys.
func rawControls(out string) bool {
	return strings.ContainsAny(out, "\x1b\x07\u009b\u202e")
}

// runTerm runs a command with stdout taken for a terminal or not.
func runTerm(t *testing.T, terminal bool, args ...string) string {
	t.Helper()
	old := isTerminal
	isTerminal = func(io.Writer) bool { return terminal }
	defer func() { isTerminal = old }()
	var out, errOut bytes.Buffer
	if code := run(args, &out, &errOut); code != 0 {
		t.Fatalf("cdrtui %s: exit %d: %s", strings.Join(args, " "), code, errOut.String())
	}
	return out.String()
}

// Escapes stay inert: trends --list-csv and --csv, ports --csv on a
// terminal; --json everywhere (C1 controls and bidi overrides as \u
// escapes, decoding to the evidence's text); the hunt statements. CSV to a
// file or pipe keeps the evidence's bytes.
func TestEscapesInertInOutputs(t *testing.T) {
	dir := t.TempDir()
	evidence := filepath.Join(dir, "hostile.csv")
	os.WriteFile(evidence, []byte("MSISDN,DESTIP,DESTPORT,START,CELL\n"+
		"919800000001,157.240.1.10,5222,2024-03-01 10:00:00,\""+hostileCell+"\"\n"+
		"919800000001,157.240.1.11,5222,2024-03-01 11:00:00,\""+hostileCell+"\"\n"), 0o644)
	ports := filepath.Join(dir, "ports.csv")
	os.WriteFile(ports, []byte("ports,app,vendor,protocol,confidence,note,origin\n5555,\""+hostileApp+"\",,TCP,high,planted,analyst\n"), 0o644)
	casePath := filepath.Join(dir, "case.db")
	runOK(t, "import", casePath, evidence)
	runOK(t, "ports", casePath, ports)

	for _, args := range [][]string{
		{"trends", casePath, "919800000001", "--list-csv"},
		{"trends", casePath, "919800000001", "--list"},
		{"ports", casePath, "--csv"},
		{"hunt", casePath, "--dest", "157.240.1.0/24", "--statements"},
	} {
		out := runTerm(t, true, args...)
		if rawControls(out) {
			t.Errorf("cdrtui %s on a terminal prints controls raw:\n%q", strings.Join(args, " "), out)
		}
		if args[0] != "ports" && !strings.Contains(out, `\x1b]0;pwned\x07`) {
			t.Errorf("cdrtui %s: the cell is not shown escaped:\n%q", strings.Join(args, " "), out)
		}
	}
	// CSV into a file keeps the evidence's bytes
	if out := runTerm(t, false, "trends", casePath, "919800000001", "--list-csv"); !strings.Contains(out, hostileCell) {
		t.Errorf("--list-csv to a file lost the evidence's bytes:\n%q", out)
	}
	if out := runTerm(t, false, "ports", casePath, "--csv"); !strings.Contains(out, hostileApp) {
		t.Errorf("ports --csv to a file lost the analyst's bytes:\n%q", out)
	}
	// JSON: escaped bytes, same text
	for _, args := range [][]string{
		{"persona", casePath, "919800000001", "--json"},
		{"ports", casePath, "--json"},
		{"hunt", casePath, "--dest", "157.240.1.0/24", "--json"},
	} {
		out := runTerm(t, false, args...)
		if rawControls(out) {
			t.Errorf("cdrtui %s: controls raw in JSON:\n%.400q", strings.Join(args, " "), out)
		}
		var v any
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatalf("cdrtui %s: %v", strings.Join(args, " "), err)
		}
		if b, _ := json.Marshal(v); !strings.Contains(string(b), "pwned") && !strings.Contains(string(b), "Evil") {
			t.Errorf("cdrtui %s: the hostile value is not in the JSON", strings.Join(args, " "))
		}
	}
}
