package main

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strings"
	"testing"
)

// trends --csv begins with the "# " lines every cdrtui CSV export carries
// (what it is of, the case, its source's SHA-256, the command, the scope,
// the application, the time scope, when), then the paper's file. A's
// WhatsApp (5222) in flagsIPDR is 10:00 and 11:00 on the 1st; from 10:30
// only 11:00 is counted, in 09-12.
func TestTrendsCSVSaysWhatItIs(t *testing.T) {
	casePath, dir := flagsCase(t)
	out := runOK(t, "trends", casePath, flagsA, "--csv", "--from", "2024-03-01 10:30")
	meta, data, ok := strings.Cut(out, "interval,")
	if want := flagsA + " WhatsApp\n00-03,0\n03-06,0\n06-09,0\n09-12,1\n12-15,0\n15-18,0\n18-21,0\n21-24,0\ntotal,1\n"; !ok || data != want {
		t.Fatalf("--csv:\n%s\nwant the intervals:\ninterval,%s", out, want)
	}
	sum := sha256.Sum256([]byte(flagsIPDR))
	lines := strings.Split(strings.TrimSuffix(meta, "\n"), "\n")
	want := []string{
		"# cdrtui export of: trends: WhatsApp by three-hour interval of the wall clock as written in the evidence",
		"# case: " + casePath,
		"# source: " + hex.EncodeToString(sum[:]) + "  " + filepath.Join(dir, "ipdr.csv"),
		"# command: cdrtui trends " + casePath + " " + flagsA + " --csv --from 2024-03-01 10:30",
		"# scope: " + flagsA,
		"# app: WhatsApp",
		"# ports: ",
		"# port dictionary: ",
		"# time scope: 2024-03-01 10:30 – end",
		"# exported at: 20",
	}
	if len(lines) != len(want) {
		t.Fatalf("%d \"# \" lines, want %d:\n%s", len(lines), len(want), out)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) || !strings.HasSuffix(w, ": ") && !strings.HasSuffix(w, ": 20") && lines[i] != w {
			t.Errorf("line %d %q, want %q", i+1, lines[i], w)
		}
	}
	if !strings.Contains(lines[6], "5222") {
		t.Errorf("ports line %q lacks 5222", lines[6])
	}
}
