package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/testkit"
)

// newYearLog runs over New Year: Dec 30, Dec 31, Jan 1, Jan 2 (lines 1-4).
const newYearLog = "[Dec 30 22:10:00] NOTICE[2101] chan_sip.c: Registration from '\"201\" <sip:201@10.0.0.5>' failed\n" +
	"[Dec 31 23:59:58] NOTICE[2101] chan_sip.c: Peer '201' is now Reachable. (12ms / 2000ms)\n" +
	"[Jan  1 00:00:03] WARNING[2102] pbx.c: Timeout, but no rule 't' in context 'from-internal'\n" +
	"[Jan  2 07:59:00] NOTICE[2101] chan_sip.c: Peer '202' is now Lagged. (2400ms / 2000ms)\n"

// importLogYears imports the tree and returns, for the log at rel, its
// entries' years in line order (checking their times come out in that
// order) and the log's notes; mtime, when set, is given to every file.
func importLogYears(t *testing.T, files map[string]string, rel string, mtime time.Time) ([]int, string) {
	t.Helper()
	root := t.TempDir()
	testkit.WriteTree(t, root, files)
	if !mtime.IsZero() {
		for name := range files {
			if err := os.Chtimes(filepath.Join(root, name), mtime, mtime); err != nil {
				t.Fatal(err)
			}
		}
	}
	st := openTemp(t)
	if _, err := st.Import(context.Background(), []string{root}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(root, rel)
	rows, err := st.DB().Query("SELECT l.year, coalesce(l.time, 0) FROM ast_log l JOIN sources s ON s.id = l.source_id WHERE s.path = ? ORDER BY l.line", path)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var years []int
	var prev int64
	for rows.Next() {
		var y int
		var tm int64
		rows.Scan(&y, &tm)
		if tm < prev {
			t.Errorf("entry %d at %d before the one above it (%d)", len(years)+1, tm, prev)
		}
		years, prev = append(years, y), tm
	}
	var notes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE path = ?", path).Scan(&notes)
	return years, notes
}

func yearsAre(got []int, want ...int) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i] != want[i] {
			return false
		}
	}
	return true
}

// A year-less messages log with no call records and nothing in the tree
// stating a year is not dated by the file's modification time (a copy
// may have reset it: it dated these entries 2024/2025 before): its entries
// keep no year and no time, and the notes say why. Lines chosen here, the
// file last written 2025-01-02 08:00 UTC.
func TestLogYearNotFromModTime(t *testing.T) {
	years, notes := importLogYears(t, map[string]string{"var/log/asterisk/messages": newYearLog}, "var/log/asterisk/messages", time.Date(2025, 1, 2, 8, 0, 0, 0, time.UTC))
	if !yearsAre(years, 0, 0, 0, 0) {
		t.Errorf("years %v, want none placed", years)
	}
	if want := "4 timestamps with no year left without one and not placed in time: no call records in the case, no day in the file's name and no dated rotation of it beside it; its modification time (2025-01-02 UTC) is not taken for the year"; !strings.Contains(notes, want) {
		t.Errorf("notes %q lack %q", notes, want)
	}
}

// logrotate's dateext names the rotated log after the day it rotated it:
// full-20250102's entries end by 2025-01-02, whatever its modification
// time says (2031 here, a copy's). By hand: Jan 2 (the last) is 2025, Jan
// 1 too, Dec 31 and Dec 30 2024.
func TestLogYearFromRotatedName(t *testing.T) {
	years, notes := importLogYears(t, map[string]string{"var/log/asterisk/full-20250102": newYearLog}, "var/log/asterisk/full-20250102", time.Date(2031, 6, 1, 0, 0, 0, 0, time.UTC))
	if !yearsAre(years, 2024, 2024, 2025, 2025) {
		t.Errorf("years %v, want 2024 2024 2025 2025", years)
	}
	if want := "dated by the day in the file's name (2025-01-02, the day logrotate rotated it: no entry is later)"; !strings.Contains(notes, want) {
		t.Errorf("notes %q lack %q", notes, want)
	}
}

// The live log beside its dated rotations was begun on the newest one's
// day: full-20241229 and full-20241222 beside full. By hand: full
// starts no earlier than 2024-12-29, so Dec 30 and Dec 31 are 2024 and,
// past the wrap, Jan 1 and Jan 2 are 2025.
func TestLogYearFromDatedSibling(t *testing.T) {
	years, notes := importLogYears(t, map[string]string{
		"var/log/asterisk/full":          newYearLog,
		"var/log/asterisk/full-20241222": "[Dec 21 10:00:00] NOTICE[2101] chan_sip.c: Peer '201' is now Reachable. (12ms / 2000ms)\n",
		"var/log/asterisk/full-20241229": "[Dec 28 10:00:00] NOTICE[2101] chan_sip.c: Peer '201' is now Reachable. (12ms / 2000ms)\n",
	}, "var/log/asterisk/full", time.Time{})
	if !yearsAre(years, 2024, 2024, 2025, 2025) {
		t.Errorf("years %v, want 2024 2024 2025 2025", years)
	}
	if want := "dated from full-20241229 beside it, the newest rotation of this log, made on 2024-12-29"; !strings.Contains(notes, want) {
		t.Errorf("notes %q lack %q", notes, want)
	}
}
