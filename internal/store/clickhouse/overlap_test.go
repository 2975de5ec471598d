package clickhouse

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// overlapExports cuts the generated case's IPDR and voice exports into
// overlapping requests, as an analyst gets them: the first import a
// first request of each; the second import the first IPDR request again
// (same SHA-256), a later request over an overlapping period with CRLF
// line endings and a few rows repeated in it, one spanning both, and a
// later voice request. It returns the two imports' files.
func overlapExports(t *testing.T, evidence string) (first, second []string) {
	t.Helper()
	dir := t.TempDir()
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
	a1 := write("a1.csv", ah, part(a, 0, 55), "\n")
	v1 := write("v1.tsv", vh, part(v, 0, 55), "\n")
	again := write("a1-again.csv", ah, part(a, 0, 55), "\n")
	a2rows := append(part(a, 40, 80), part(a, 50, 52)...) // a few rows twice in the file
	a2 := write("a2.csv", ah, a2rows, "\r\n")
	a3 := write("a3.csv", ah, part(a, 30, 100), "\n")
	v2 := write("v2.tsv", vh, append(part(v, 35, 100), part(v, 36, 37)...), "\n")
	return []string{a1, v1}, []string{again, a2, a3, v2}
}

// testOverlapAcrossImports: two imports of overlapping exports, one after
// the other, into a local case and into the cluster: each file reports
// the same rows, already in the case and repeated in it; the summary is
// the same; every record has the same id, source and line; every further
// carrier is traced to the same record (record_sources). Before the rule
// ran against the cluster, the second import counted the overlap twice.
func testOverlapAcrossImports(t *testing.T, c *chkit.Cluster, evidence string) {
	ctx := context.Background()
	first, second := overlapExports(t, evidence)
	local := newLocalCase(t)
	s := openCluster(t, c, "overlap", true)
	var already int64
	for i, files := range [][]string{first, second} {
		want, err := local.Import(ctx, files, store.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Import(ctx, files, store.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("import %d: %d results, want %d", i+1, len(got), len(want))
		}
		for j := range want {
			w, g := want[j], got[j]
			if w.Error != "" {
				t.Fatalf("local import of %s: %s", w.Path, w.Error)
			}
			line := func(r store.FileResult) string {
				return fmt.Sprintf("source %d rows %d rejected %d already %d repeated %d skipped %q error %q",
					r.SourceID, r.Rows, r.Rejected, r.AlreadyInCase, r.RepeatedInFile, r.Skipped, r.Error)
			}
			if line(g) != line(w) {
				t.Errorf("import %d, %s on the cluster:\n %s\nwant\n %s", i+1, filepath.Base(w.Path), line(g), line(w))
			}
			if i == 1 {
				already += w.AlreadyInCase
			}
		}
	}
	if already == 0 {
		t.Fatal("the second import repeated nothing of the first: the test proves nothing")
	}
	want, err := local.Summary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := s.Summary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if g, w := summaryJSON(t, sum), summaryJSON(t, want); g != w {
		t.Errorf("summary on the cluster\n%s\nwant\n%s", g, w)
	}
	localRows := func(q string) []string {
		rows, err := local.DB().QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var a, b, c, d any
			if err := rows.Scan(&a, &b, &c, &d); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprint(a, " ", b, " ", c, " ", d))
		}
		return out
	}
	clusterRows := func(q string) []string {
		rows, err := s.home.Query(ctx, s.sql(q))
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var a string
			var b, c, d int64
			if err := rows.Scan(&a, &b, &c, &d); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprint(a, " ", b, " ", c, " ", d))
		}
		return out
	}
	for _, q := range [][2]string{
		{`SELECT 'ipdr', id, source_id, line FROM ipdr UNION ALL SELECT 'voice', id, source_id, line FROM voice`,
			`SELECT 'ipdr', id, source_id, line FROM {ipdr} WHERE {visible} UNION ALL SELECT 'voice', id, source_id, line FROM {voice} WHERE {visible}`},
		{`SELECT kind, record_id, source_id, line FROM record_sources`,
			`SELECT kind, record_id, source_id, line FROM {db}.record_sources WHERE source_id IN (SELECT id FROM {db}.source_complete)`},
	} {
		w, g := localRows(q[0]), clusterRows(q[1])
		slices.Sort(w)
		slices.Sort(g)
		if !slices.Equal(g, w) {
			missing, extra := 0, 0
			for _, x := range w {
				if _, ok := slices.BinarySearch(g, x); !ok {
					missing++
				}
			}
			for _, x := range g {
				if _, ok := slices.BinarySearch(w, x); !ok {
					extra++
				}
			}
			t.Errorf("%s: the cluster holds %d rows, the local case %d (%d missing, %d extra)", q[0], len(g), len(w), missing, extra)
		}
	}
}
