//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// An import that leaves no evidence in the case exits non-zero and says
// so, even when everything it met was listed as skipped (a named pipe on
// the command line; a directory holding only a pipe and a link out of
// it); the same file imported again is evidence the case holds, and
// exits 0 (issue 21, items 3 and 8).
func TestImportOfNothingFails(t *testing.T) {
	dir := t.TempDir()
	casePath := filepath.Join(dir, "case.db")
	pipe := filepath.Join(dir, "pipe.csv")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Fatal(err)
	}
	only := filepath.Join(dir, "only")
	os.Mkdir(only, 0o755)
	syscall.Mkfifo(filepath.Join(only, "q"), 0o644)
	os.Symlink(t.TempDir(), filepath.Join(only, "out"))
	for _, p := range []string{pipe, only} {
		var out, errOut bytes.Buffer
		code := run([]string{"import", casePath, p}, &out, &errOut)
		if code == 0 || !strings.Contains(out.String()+errOut.String(), "nothing imported") || !strings.Contains(out.String(), "skipped  ") {
			t.Errorf("import %s: exit %d\nstdout %q\nstderr %q; want the skipped listed and a non-zero exit saying nothing was imported", p, code, out.String(), errOut.String())
		}
	}
	csv := filepath.Join(dir, "a.csv")
	os.WriteFile(csv, []byte("MSISDN,DESTIP,DESTPORT,START\n919800000001,1.2.3.4,443,2024-03-01 10:00:00\n"), 0o644)
	runOK(t, "import", casePath, csv)
	if out := runOK(t, "import", casePath, csv); !strings.Contains(out, "already in the case") {
		t.Errorf("the same file again: %q", out)
	}
}
