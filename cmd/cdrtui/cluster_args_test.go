package main

import (
	"bytes"
	"strings"
	"testing"
)

// The workbench takes a clickhouse:// case with --cluster in any place;
// a server that does not answer is an error naming the case without its
// password, before any screen; a second case named, or a flag it does not
// know, is a usage error.
func TestClusterWorkbenchArgs(t *testing.T) {
	for _, args := range [][]string{
		{"clickhouse://ana:s3cret@127.0.0.1:1/case42", "--cluster", "fraud"},
		{"--cluster=fraud", "clickhouse://ana:s3cret@127.0.0.1:1/case42"},
		{"clickhouse://ana:s3cret@127.0.0.1:1/case42"},
	} {
		var out, errOut bytes.Buffer
		if code := run(args, &out, &errOut); code != 1 {
			t.Fatalf("the workbench %q on a server that does not answer: exit %d, want 1", args, code)
		}
		if msg := errOut.String(); strings.Contains(msg, "s3cret") || !strings.Contains(msg, "127.0.0.1:1") || strings.Contains(msg, "unknown command") {
			t.Fatalf("the workbench %q on a server that does not answer said: %s", args, msg)
		}
	}
	for _, args := range [][]string{
		{"clickhouse://h:9000/a", "clickhouse://h:9000/b"},
		{"clickhouse://h:9000/a", "--nosuch"},
		{"case.db", "--cluster", "fraud"}, // a local case has no cluster
	} {
		var out, errOut bytes.Buffer
		if code := run(args, &out, &errOut); code != 2 {
			t.Errorf("the workbench %q: exit %d, want 2 (usage): %s", args, code, errOut.String())
		}
	}
}
