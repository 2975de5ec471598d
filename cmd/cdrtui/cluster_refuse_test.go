package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// TestClickHouseOverlapRefused: a file whose overlap with the case cannot
// be resolved is refused whole. a1.csv is imported into a cluster case
// with --tz Asia/Kolkata; then a1.csv (the case holds it: skipped, same
// SHA-256) and a2.csv, which repeats a1's last rows and adds its own, are
// imported as written (no zone). In the staging case a2's repeated rows
// are a1's events; on the cluster a1's records start 5 h 30 min earlier,
// so the cluster holds no record of those events: a2 is not imported,
// exit 1, the message names its line and why, and the case holds a1's
// records only (none of a2's own rows either).
func TestClickHouseOverlapRefused(t *testing.T) {
	c := chkit.Start(t)
	dir := t.TempDir()
	evidence := filepath.Join(dir, "evidence")
	runOK(t, "gen", evidence, "--seed", "9", "--subscribers", "30", "--days", "2", "--records", "2000", "--voice", "0", "--simboxes", "0")
	b, err := os.ReadFile(filepath.Join(evidence, "operator_a_ipdr.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	head, rows := lines[0], lines[1:]
	if len(rows) < 100 {
		t.Fatalf("operator A's file holds %d rows", len(rows))
	}
	write := func(name string, rows []string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(head+"\n"+strings.Join(rows, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	half := len(rows) / 2
	a1 := write("a1.csv", rows[:half])
	a2 := write("a2.csv", rows[half-10:]) // a1's last ten rows, then its own
	url := c.URL("refused")
	runOK(t, "import", url, a1, "--tz", "Asia/Kolkata", "--cluster", c.Name)
	records := func() float64 {
		var sum struct{ Records map[string]float64 }
		if err := json.Unmarshal([]byte(runOK(t, "summary", url, "--cluster", c.Name, "--json")), &sum); err != nil {
			t.Fatal(err)
		}
		return sum.Records["ipdr"]
	}
	if n := records(); n != float64(half) {
		t.Fatalf("after a1: %v data records, want %d", n, half)
	}

	var stdout, stderr bytes.Buffer
	code := run([]string{"import", url, a1, a2, "--cluster", c.Name, "--json"}, &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "1 of 2 files could not be imported") {
		t.Fatalf("the import with a2: exit %d, stderr:\n%s\nstdout:\n%s", code, stderr.String(), stdout.String())
	}
	var out struct {
		Files []struct {
			Path, Error, Skipped string
			Rows                 int64
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("%v\n%s", err, stdout.String())
	}
	if len(out.Files) != 2 {
		t.Fatalf("files reported: %+v", out.Files)
	}
	for _, f := range out.Files {
		switch filepath.Base(f.Path) {
		case "a1.csv":
			if !strings.Contains(f.Skipped, "already in the case as source") || f.Error != "" {
				t.Errorf("a1.csv again: %+v", f)
			}
		case "a2.csv":
			if !strings.HasPrefix(f.Error, "not imported: line 2 of it repeats a ipdr record of a file already in the case, and the cluster holds no record of that event") ||
				!strings.Contains(f.Error, "nothing of this file is in the case") {
				t.Errorf("a2.csv: %+v", f)
			}
		default:
			t.Errorf("a file not given reported: %+v", f)
		}
	}
	if n := records(); n != float64(half) {
		t.Fatalf("after the refused file: %v data records, want a1's %d", n, half)
	}

	// the text says the same
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"import", url, a1, a2, "--cluster", c.Name}, &stdout, &stderr); code != 1 ||
		!strings.Contains(stdout.String(), "the cluster holds no record of that event") {
		t.Fatalf("the import with a2 as text: exit %d\n%s\n%s", code, stdout.String(), stderr.String())
	}
	if n := records(); n != float64(half) {
		t.Fatalf("after the refused file again: %v data records, want a1's %d", n, half)
	}
}
