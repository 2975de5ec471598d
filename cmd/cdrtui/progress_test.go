package main

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/cdrtui/cdrtui/internal/store"
)

// The progress line never reaches the terminal's last column (it would wrap
// and scroll at every redraw), names the file as far as there is room and
// says when the indexes are being built.
func TestProgressLineFitsTheTerminal(t *testing.T) {
	reading := store.Progress{Path: "/evidence/operator/2024-03/very_long_operator_export_name_ipdr.csv",
		Read: 59_200_000, Size: 183_500_000, Rows: 320_000, Elapsed: 3 * time.Second}
	indexing := reading
	indexing.Read, indexing.Rows, indexing.Indexing = reading.Size, 1_015_713, true
	for width := 20; width <= 220; width++ {
		for _, p := range []store.Progress{reading, indexing} {
			line := progressLine(p, width)
			if n := utf8.RuneCountInString(line); n > width-1 {
				t.Fatalf("width %d: %d columns: %q", width, n, line)
			}
			if width >= 80 && !strings.Contains(line, "ipdr.csv") {
				t.Errorf("width %d: the file's name is cut away: %q", width, line)
			}
		}
	}
	if line := progressLine(reading, 100); !strings.Contains(line, "32.3%") || !strings.Contains(line, "59.2/183.5 MB") || !strings.Contains(line, "106667 rows/s") || !strings.Contains(line, "[#########") {
		t.Errorf("at 100 columns: %q", line)
	}
	if line := progressLine(indexing, 100); !strings.Contains(line, "1,015,713 rows in · building indexes") {
		t.Errorf("indexing at 100 columns: %q", line)
	}
}

// Every large file of an import shows its "building indexes" step, not
// only the first (issue 21, item 14).
func TestProgressShowsIndexingForEveryFile(t *testing.T) {
	var out strings.Builder
	b := &progressBar{w: &out, fd: -1, tty: true}
	for _, path := range []string{"/evidence/a.csv", "/evidence/b.csv", "/evidence/c.csv"} {
		b.update(store.Progress{Path: path, Read: 10, Size: 100, Rows: 5, Elapsed: time.Second})
		b.update(store.Progress{Path: path, Read: 100, Size: 100, Rows: 2_000_000, Elapsed: time.Second, Indexing: true})
	}
	if n := strings.Count(out.String(), "building indexes"); n != 3 {
		t.Errorf("building indexes drawn %d times for 3 files; want 3:\n%q", n, out.String())
	}
}

// The bar neither moves nor changes length as the numbers grow or from
// one file to the next: every field has a fixed width.
func TestProgressBarSteady(t *testing.T) {
	for _, width := range []int{60, 80, 120, 200} {
		var open, close, length = -1, -1, -1
		for i, p := range []store.Progress{
			{Path: "a.csv", Read: 1, Size: 9_500_000_000, Rows: 1, Elapsed: time.Second},
			{Path: "a.csv", Read: 9_400_000_000, Size: 9_500_000_000, Rows: 99_000_000, Elapsed: 3 * time.Second},
			{Path: "/evidence/some/much/longer/name/b.csv", Read: 5, Size: 12_000, Rows: 3, Elapsed: 90 * time.Second},
			{Path: "c.csv", Read: 5_000, Size: 12_000, Rows: 30, Elapsed: time.Millisecond},
		} {
			line := progressLine(p, width)
			r := []rune(line)
			o, c, n := slices.Index(r, '['), slices.Index(r, ']'), len(r)
			if i == 0 {
				open, close, length = o, c, n
				if o < 0 || c < 0 {
					t.Fatalf("width %d: no bar in %q", width, line)
				}
				continue
			}
			if o != open || c != close || n != length {
				t.Errorf("width %d: bar at %d-%d, %d long, was %d-%d, %d long: %q", width, o, c, n, open, close, length, line)
			}
		}
	}
}

// Every file's index building is shown as it starts, not only the first
// file's: the second file must not sit at 100% while its indexes build.
func TestProgressShowsIndexingOfEachFile(t *testing.T) {
	var buf strings.Builder
	b := &progressBar{w: &buf, tty: true, fd: -1}
	for _, path := range []string{"first.csv", "second.csv"} {
		b.update(store.Progress{Path: path, Read: 100, Size: 100, Rows: 10, Elapsed: time.Second})
		buf.Reset()
		b.update(store.Progress{Path: path, Read: 100, Size: 100, Rows: 10, Elapsed: time.Second, Indexing: true})
		if !strings.Contains(buf.String(), path) || !strings.Contains(buf.String(), "building indexes") {
			t.Errorf("%s: drawn %q", path, buf.String())
		}
	}
}
