//go:build linux

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// fullDisk mounts a 3 MB tmpfs (as root) for the case: a real disk that
// fills up. Without the right to mount, the test cannot make one and says
// so.
func fullDisk(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "small-disk")
	os.Mkdir(dir, 0o755)
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small tmpfs to fill (needs root): %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	return dir
}

// fill writes zeros into dir until its disk is full.
func fill(t *testing.T, dir, name string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zeros := make([]byte, 16<<10)
	for {
		if _, err := f.Write(zeros); err != nil {
			return
		}
	}
}

// On a full disk an import names the file that failed and says the disk
// is full, the case stays as it was, and read-only commands still open it.
func TestDiskFull(t *testing.T) {
	disk := fullDisk(t)
	dir := t.TempDir()
	small := filepath.Join(dir, "small.csv")
	os.WriteFile(small, []byte(sampleRows(0, 3)), 0o644)
	big := filepath.Join(dir, "big.csv")
	os.WriteFile(big, []byte(sampleRows(100, 60000)), 0o644)
	casePath := filepath.Join(disk, "case.db")
	runOK(t, "import", casePath, small)
	before := sumFile(t, casePath)

	var out, errOut bytes.Buffer
	code := run([]string{"import", casePath, big}, &out, &errOut)
	if code == 0 || !strings.Contains(out.String(), "ERROR    "+big) || !strings.Contains(out.String(), "the disk holding the case") {
		t.Errorf("import onto a full disk: exit %d\nstdout %q\nstderr %q; want the file named and the disk said full", code, out.String(), errOut.String())
	}
	if sumFile(t, casePath) != before {
		t.Error("the failed import changed the case")
	}
	fill(t, disk, "filler")
	out.Reset()
	errOut.Reset()
	if code := run([]string{"summary", casePath}, &out, &errOut); code != 0 || !strings.Contains(out.String(), "ipdr records           3") {
		t.Errorf("summary on a full disk: exit %d %q %q", code, out.String(), errOut.String())
	}
	out.Reset()
	errOut.Reset()
	if code := run([]string{"import", casePath, big}, &out, &errOut); code == 0 || !strings.Contains(errOut.String(), "the disk holding the case") {
		t.Errorf("import with no room left: exit %d %q", code, errOut.String())
	}
}

// sampleRows is an IPDR export of n rows, subscribers numbered from first.
func sampleRows(first, n int) string {
	var b strings.Builder
	b.WriteString("MSISDN,DESTIP,DESTPORT,START\n")
	for i := range n {
		fmt.Fprintf(&b, "9198%08d,10.1.%d.%d,443,2024-03-01 %02d:%02d:%02d\n", first+i%700, i%200, i%250, i/3600%24, i/60%60, i%60)
	}
	return b.String()
}
