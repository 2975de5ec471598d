package main

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
)

// `cdrtui <command> --help` (and -h) prints that command's usage, what it
// does and every flag its usage line names, on stdout, and exits 0.
func TestCommandHelp(t *testing.T) {
	flagName := regexp.MustCompile(`--([a-z][a-z-]*)`)
	for _, c := range commands() {
		for _, h := range []string{"--help", "-h"} {
			var out, errb bytes.Buffer
			if code := run([]string{c.name, h}, &out, &errb); code != 0 {
				t.Errorf("cdrtui %s %s: exit %d, stderr %q", c.name, h, code, errb.String())
				continue
			}
			text := out.String()
			if !strings.HasPrefix(text, "usage: cdrtui "+c.name) || !strings.Contains(text, c.summary) {
				t.Errorf("cdrtui %s %s printed:\n%s", c.name, h, text)
				continue
			}
			for _, m := range flagName.FindAllStringSubmatch(c.usage, -1) {
				if !strings.Contains(text, "\n  --"+m[1]) {
					t.Errorf("cdrtui %s %s does not describe --%s:\n%s", c.name, h, m[1], text)
				}
			}
		}
	}
}

// Naming an evidence file where a case is expected says it is evidence
// and how to import it, instead of SQLite's "file is not a database".
func TestEvidenceGivenAsCase(t *testing.T) {
	path := t.TempDir() + "/some.csv"
	if err := os.WriteFile(path, []byte("msisdn,start\n919812345678,2024-03-18 10:00:00\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{path}, {"summary", path}} {
		var out, errb bytes.Buffer
		code := run(args, &out, &errb)
		if code != 1 || !strings.Contains(errb.String(), "this is evidence") || !strings.Contains(errb.String(), "cdrtui import CASE.db "+path) ||
			strings.Contains(errb.String(), "not a database") {
			t.Errorf("cdrtui %v: exit %d, stderr %q", args, code, errb.String())
		}
	}
}
