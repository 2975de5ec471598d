package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// TestClickHouseOverlappingImports: overlapping exports imported one after
// the other -- a first request of the IPDR and voice records; then the
// first IPDR request again, a later request over an overlapping period
// (CRLF, a few rows twice), one spanning both and a later voice request --
// into a local case and into a cluster case through the CLI. Each import
// reports the same per file (rows, already in the case, repeated in the
// file), and every analysis prints the same --json: the records the
// second import repeats are counted once on the cluster as locally.
func TestClickHouseOverlappingImports(t *testing.T) {
	c := chkit.Start(t)
	dir := t.TempDir()
	evidence := filepath.Join(dir, "evidence")
	runOK(t, "gen", evidence, "--seed", "7", "--subscribers", "30", "--days", "5", "--records", "8000", "--voice", "30", "--simboxes", "3")
	truth, err := gen.ReadTruth(filepath.Join(evidence, gen.TruthFile))
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string) (string, []string) {
		b, err := os.ReadFile(filepath.Join(evidence, name))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
		return lines[0], lines[1:]
	}
	write := func(name, head string, rows []string, nl string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(head+nl+strings.Join(rows, nl)+nl), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	part := func(rows []string, from, to int) []string { return rows[len(rows)*from/100 : len(rows)*to/100] }
	ah, a := read("operator_a_ipdr.csv")
	vh, v := read("voice_cdr.tsv")
	first := []string{write("a1.csv", ah, part(a, 0, 60), "\n"), write("v1.tsv", vh, part(v, 0, 55), "\n")}
	second := []string{
		write("a1-again.csv", ah, part(a, 0, 60), "\n"),
		write("a2.csv", ah, append(part(a, 45, 85), part(a, 50, 51)...), "\r\n"),
		write("a3.csv", ah, part(a, 30, 100), "\n"),
		write("v2.tsv", vh, part(v, 40, 100), "\n"),
	}
	local := filepath.Join(dir, "case.db")
	url := c.URL("overlap")
	// the import's report, compared as data (the case's name set apart)
	report := func(out string) string {
		var v any
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatalf("import --json: %v\n%s", err, out)
		}
		var drop func(any)
		drop = func(v any) {
			switch x := v.(type) {
			case map[string]any:
				delete(x, "case")
				for _, y := range x {
					drop(y)
				}
			case []any:
				for _, y := range x {
					drop(y)
				}
			}
		}
		drop(v)
		b, _ := json.MarshalIndent(v, "", " ")
		return string(b)
	}
	for i, files := range [][]string{first, second} {
		want := report(runOK(t, append([]string{"import", "--json", local}, files...)...))
		got := report(runOK(t, append([]string{"import", "--json", "--cluster", c.Name, url}, files...)...))
		if got != want {
			t.Errorf("import %d on the cluster reports\n%s\nwant\n%s", i+1, got, want)
		}
		if i == 1 && !countsAlready(want) {
			t.Fatalf("the second import repeats nothing of the first: the test proves nothing\n%s", want)
		}
	}
	both := func(args ...string) (got, want string) {
		t.Helper()
		want = storedAt.ReplaceAllString(runOK(t, append(args[:1:1], append([]string{"--json", local}, args[1:]...)...)...), "")
		got = storedAt.ReplaceAllString(runOK(t, append(args[:1:1], append([]string{"--json", "--cluster", c.Name, url}, args[1:]...)...)...), "")
		return got, want
	}
	norm := func(s string, apart ...string) string {
		var v map[string]any
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			t.Fatal(err)
		}
		for _, k := range apart {
			delete(v, k)
		}
		if src, ok := v["sources"].([]any); ok {
			for _, x := range src {
				delete(x.(map[string]any), "imported_at")
			}
		}
		b, _ := json.MarshalIndent(v, "", " ")
		return string(b)
	}
	got, want := both("summary")
	if got, want = norm(got, "case"), norm(want, "case"); got != want {
		t.Fatalf("summary on the cluster\n%s\nwant\n%s", got, want)
	}
	var numbers []string
	for _, s := range truth.Subscribers[:6] {
		numbers = append(numbers, s.MSISDN)
	}
	numbers = append(numbers, truth.SimBoxes[0].MSISDN, truth.Pairs[0].A)
	for _, n := range numbers {
		if got, want := both("persona", "--top", "-1", n); got != want {
			t.Fatalf("persona %s on the cluster\n%s\nwant\n%s", n, got, want)
		}
	}
	for _, tc := range [][]string{{truth.Pairs[0].A}, {truth.Subscribers[2].MSISDN, "--window", "5m"}} {
		if got, want := both(append([]string{"contacts"}, tc...)...); got != want {
			t.Fatalf("contacts %v on the cluster\n%s\nwant\n%s", tc, got, want)
		}
	}
	h := truth.Hunt
	dest := fmt.Sprintf("%s:%d", h.DestIP, h.DestPort)
	for _, tc := range [][]string{
		{"--dest", dest},
		{"--port", strconv.Itoa(h.DestPort), "--from", h.From.Format("2006-01-02T15:04:05"), "--to", h.To.Add(-time.Second).Format("2006-01-02T15:04:05")},
		{"--cell", strings.Join(h.Cells, ",")},
	} {
		got, want := both(append([]string{"hunt"}, tc...)...)
		if got, want = norm(got, "access"), norm(want, "access"); got != want {
			t.Fatalf("hunt %v on the cluster\n%s\nwant\n%s", tc, got, want)
		}
	}
	for _, who := range []string{"all", truth.Pairs[0].A, truth.Subscribers[1].MSISDN} {
		if got, want := both("trends", "--app", "WhatsApp", who); got != want {
			t.Fatalf("trends %s on the cluster\n%s\nwant\n%s", who, got, want)
		}
	}
	got, want = both("simbox")
	if got, want = norm(got, "case"), norm(want, "case"); got != want {
		t.Fatalf("simbox on the cluster\n%s\nwant\n%s", got, want)
	}
}

// countsAlready says some file of an import's report counted records
// already in the case.
func countsAlready(report string) bool {
	var v any
	if json.Unmarshal([]byte(report), &v) != nil {
		return false
	}
	found := false
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if n, ok := x["already_in_case"].(float64); ok && n > 0 {
				found = true
			}
			for _, y := range x {
				walk(y)
			}
		case []any:
			for _, y := range x {
				walk(y)
			}
		}
	}
	walk(v)
	return found
}
