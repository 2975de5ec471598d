package main

import (
	"bytes"
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
