package casework

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
)

// Evidence read with no zone (the wall clock as written) exports its
// records with an empty utc_offset_seconds and an empty zone: the offset
// was written 0, which reads as UTC, a zone the evidence never gave.
func TestHuntRecordsCSVNoZoneNoOffset(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "export.csv")
	if err := os.WriteFile(path, []byte(huntStatementCSV), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := store.Create(filepath.Join(dir, "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if _, err := st.Import(ctx, []string{path}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	q := mustParse(t, analysis.HuntForm{Dests: "104.198.99.79:443"})
	res, err := Hunt(ctx, st, q)
	if err != nil {
		t.Fatal(err)
	}
	paths, err := ExportHunt(ctx, st, q, res, filepath.Join(dir, "exports"), time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(paths[2])
	if err != nil {
		t.Fatal(err)
	}
	want := "447700900123,234150000000001,356938035643809,104.198.99.79:443,2017-05-02 10:30:00,,,234-15-101-7,2200," + path + ","
	if !strings.Contains(string(b), want) {
		t.Errorf("records CSV lacks %q:\n%s", want, b)
	}
}
