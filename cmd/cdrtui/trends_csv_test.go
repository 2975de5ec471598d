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
	sameMetaLines(t, lines, want, out)
}

// trends --list-csv begins with the same "# " lines as trends --csv (what
// it is of, the case, its source's SHA-256, the command, the scope, the
// application, the time scope, when), then one header and every
// connection. With --each, A's and B's WhatsApp (5222) in flagsIPDR are
// A's 10:00 and 11:00 on the 1st and B's 01:00 on the 2nd; --to 2024-03-01
// 10:30 keeps A's 10:00 only.
func TestTrendsListCSVSaysWhatItIs(t *testing.T) {
	casePath, dir := flagsCase(t)
	both := flagsA + "," + flagsB
	out := runOK(t, "trends", casePath, both, "--each", "--list-csv", "--to", "2024-03-01 10:30")
	meta, data, ok := strings.Cut(out, "time,msisdn,")
	src := filepath.Join(dir, "ipdr.csv")
	if want := "app,port,dest_ip,cell,source,line\n2024-03-01 10:00:00," + flagsA + ",WhatsApp,5222,157.240.1.10,404-10-1-1," + src + ",2\n"; !ok || data != want {
		t.Fatalf("--list-csv:\n%s\nwant the connections:\ntime,msisdn,%s", out, want)
	}
	sum := sha256.Sum256([]byte(flagsIPDR))
	lines := strings.Split(strings.TrimSuffix(meta, "\n"), "\n")
	want := []string{
		"# cdrtui export of: connections: every record of WhatsApp in time order, wall clock as written in the evidence",
		"# case: " + casePath,
		"# source: " + hex.EncodeToString(sum[:]) + "  " + src,
		"# command: cdrtui trends " + casePath + " " + both + " --each --list-csv --to 2024-03-01 10:30",
		"# scope: " + flagsA + "; " + flagsB,
		"# app: WhatsApp",
		"# ports: ",
		"# port dictionary: ",
		"# time scope: start – 2024-03-01 10:30",
		"# exported at: 20",
	}
	sameMetaLines(t, lines, want, out)

	// without a time scope B's 01:00 follows A's two, under the one header
	all := runOK(t, "trends", casePath, both, "--each", "--list-csv")
	rows := strings.Split(strings.TrimSuffix(all, "\n"), "\n")
	body := strings.Split(strings.TrimSuffix(dropMetaLines(all), "\n"), "\n")
	if len(body) != 4 || body[0] != "time,msisdn,app,port,dest_ip,cell,source,line" ||
		!strings.HasPrefix(body[1], "2024-03-01 10:00:00,"+flagsA) || !strings.HasPrefix(body[2], "2024-03-01 11:00:00,"+flagsA) ||
		!strings.HasPrefix(body[3], "2024-03-02 01:00:00,"+flagsB+",WhatsApp,5222,157.240.1.11,") {
		t.Errorf("--each --list-csv without a time scope:\n%s", strings.Join(rows, "\n"))
	}
	for _, r := range rows {
		if r == "# time scope: none (every record)" {
			return
		}
	}
	t.Errorf("no \"# time scope: none (every record)\" line:\n%s", strings.Join(rows, "\n"))
}

// dropMetaLines is an export's text without the "# " lines that say what
// it is of.
func dropMetaLines(s string) string {
	var b strings.Builder
	for _, l := range strings.SplitAfter(s, "\n") {
		if !strings.HasPrefix(l, "# ") {
			b.WriteString(l)
		}
	}
	return b.String()
}

// sameMetaLines compares an export's "# " lines with want: a wanted line
// ending in ": " (ports, dictionary) or ": 20" (the time of export) is a
// prefix, any other the whole line; the ports line names 5222.
func sameMetaLines(t *testing.T, lines, want []string, out string) {
	t.Helper()
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
