package store

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestShellReferenceIsTheCaseIndexes keeps the import benchmarks' shell
// reference doing the same work as the import: one shell index for each
// of the case's ipdr indexes, on the columns of the shell's untyped copy
// that hold the same values in the same order. An index added to, dropped
// from or changed in the case fails it until the reference follows.
func TestShellReferenceIsTheCaseIndexes(t *testing.T) {
	st, err := Create(filepath.Join(t.TempDir(), "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	have := indexSQL(t, st, "ipdr")
	names := make([]string, 0, len(have))
	for n := range have {
		names = append(names, n)
	}
	slices.Sort(names)
	want := slices.Sorted(slices.Values(caseIndexes))
	if !slices.Equal(names, want) {
		t.Fatalf("the case's ipdr indexes are %v; the shell reference stands for %v", names, want)
	}
	if len(shellIndexes) != len(caseIndexes) {
		t.Fatalf("%d shell indexes for %d case indexes", len(shellIndexes), len(caseIndexes))
	}
	// the case's columns as the Table I export writes them
	written := map[string][]string{
		"subscriber_id": {"MSISDN"},
		"start":         {"START_DATE", "START_TIME"},
		"dest_hi":       {"DESTIP"},
		"dest_lo":       nil, // the same address as dest_hi
		"dest_port":     {"DESTPORT"},
		"cell_id":       {"CELL_ID"},
	}
	cols := regexp.MustCompile(`\(([^)]*)\)\s*$`)
	for i, name := range caseIndexes {
		rows, err := st.DB().Query("SELECT name FROM pragma_index_info(?) ORDER BY seqno", name)
		if err != nil {
			t.Fatal(err)
		}
		var shellCols []string
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				t.Fatal(err)
			}
			w, ok := written[c]
			if !ok {
				t.Fatalf("%s is on %s, which the shell reference does not know", name, c)
			}
			shellCols = append(shellCols, w...)
		}
		rows.Close()
		m := cols.FindStringSubmatch(shellIndexes[i])
		if m == nil {
			t.Fatalf("shell index %q has no column list", shellIndexes[i])
		}
		got := strings.Split(strings.ReplaceAll(m[1], " ", ""), ",")
		if !slices.Equal(got, shellCols) {
			t.Errorf("%s: the shell builds %v, the case's columns are written %v", name, got, shellCols)
		}
	}
}
