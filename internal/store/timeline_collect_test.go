package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A new case's first data file has its timeline packed as it is read, not
// read back from the index; the blobs hold exactly the table's records
// (checkTimeline reads the table itself). A second file, and a first file
// whose repeated row the overlap rule removes, take the index's way.
func TestTimelineCollectedFromTheFirstFile(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "by-time.csv")
	writeTimeOrderedFile(t, first)
	st := openTemp(t)
	before := timelinesCollected.Load()
	if res := importOne(t, st, first, ImportOptions{}); res.Error != "" || res.Rows != bulkRows {
		t.Fatalf("import: %+v", res)
	}
	if timelinesCollected.Load() != before+1 {
		t.Fatal("the first file's timeline was not packed as it was read")
	}
	checkTimeline(t, st, "first file, collected")

	second := filepath.Join(dir, "later.csv")
	writeTimeOrderedFileFrom(t, second, time.Date(2024, 3, 20, 6, 0, 0, 0, time.UTC), 10_050) // overlaps the first file's days and subscribers
	before = timelinesCollected.Load()
	if res := importOne(t, st, second, ImportOptions{}); res.Error != "" || res.Rows != bulkRows {
		t.Fatalf("second import: %+v", res)
	}
	if timelinesCollected.Load() != before {
		t.Fatal("a case holding records had its timeline packed from the new file alone")
	}
	checkTimeline(t, st, "second file, from the index")

	// a fresh case whose first file repeats a row: the overlap rule removes
	// the repeat, so the blobs are read from the index
	body, err := os.ReadFile(first)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(body), "\n")
	repeated := filepath.Join(dir, "repeated.csv")
	if err := os.WriteFile(repeated, []byte(strings.Join(lines, "")+lines[5]), 0o644); err != nil {
		t.Fatal(err)
	}
	st2 := openTemp(t)
	before = timelinesCollected.Load()
	res := importOne(t, st2, repeated, ImportOptions{})
	if res.Error != "" || res.RepeatedInFile != 1 || res.Rows != bulkRows {
		t.Fatalf("import with a repeated row: %+v", res)
	}
	if timelinesCollected.Load() != before {
		t.Fatal("a file with a removed row had its timeline packed as it was read")
	}
	checkTimeline(t, st2, "repeated row, from the index")
}
