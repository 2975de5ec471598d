package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A command that only reads a case over 64 MB (checked in the background)
// prints its answer and no note that a check is still running: a read
// needs no check, and the note came at every command.
func TestReadOnlyCommandOnALargeCaseSaysNoCheckNote(t *testing.T) {
	dir := t.TempDir()
	ev := filepath.Join(dir, "ipdr.csv")
	os.WriteFile(ev, []byte("MSISDN,DESTIP,DESTPORT,START\n919800000001,157.240.1.1,443,2024-03-19 10:00:00\n"), 0o444)
	casePath := filepath.Join(dir, "case.db")
	runOK(t, "import", casePath, ev)
	// Large without 65 MB on disk: the file is extended by a hole past
	// its last page (SQLite reads the page count from its header).
	if err := os.Truncate(casePath, 65<<20); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(casePath); err != nil || fi.Size() <= 64<<20 {
		t.Fatalf("case of %v bytes: %v", fi.Size(), err)
	}
	for _, args := range [][]string{{"summary", casePath}, {"persona", casePath, "919800000001", "--json"}} {
		var out, errOut bytes.Buffer
		if code := run(args, &out, &errOut); code != 0 {
			t.Fatalf("cdrtui %s: exit %d: %s", args[0], code, errOut.String())
		}
		if e := errOut.String(); strings.Contains(e, "still running") || strings.Contains(e, "warning") {
			t.Errorf("cdrtui %s on a large sound case said: %q", args[0], e)
		}
	}
}

// calls as text counts in words that agree with the count ("1 number",
// not "1 numbers"); an A2P sender is kept as written.
func TestCallsTextWording(t *testing.T) {
	dir := t.TempDir()
	ev := filepath.Join(dir, "cdr.csv")
	os.WriteFile(ev, []byte("Target No,Call Type,B Party No,Date,Time,Dur(s)\n"+
		"9714499703,SMS-MT,VM-HDFCBK,23/08/2025,11:31:22,0\n9714499703,IN,09812345678,23/08/2025,11:40:00,30\n"), 0o444)
	casePath := filepath.Join(dir, "case.db")
	runOK(t, "import", casePath, ev, "--country", "IN")
	out := runOK(t, "calls", casePath, "9714499703")
	if !strings.Contains(out, "contacts by calls of 919714499703: 2 voice records, 1 number, 1 alphanumeric sender\n") || !strings.Contains(out, "VM-HDFCBK") {
		t.Errorf("calls:\n%s", out)
	}
}
