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

// A year-less messages log with no call records beside it takes its year
// from the file's modification time, and one that runs over New Year rolls
// the year forward at the wrap instead of putting January before December.
// Lines chosen here, the file last written 2025-01-02 08:00 UTC; by hand:
// Dec 30 and Dec 31 are 2024, Jan 1 and Jan 2 are 2025, and the times come
// out in that order.
func TestLogYearFromModTimeOverNewYear(t *testing.T) {
	root := t.TempDir()
	testkit.WriteTree(t, root, map[string]string{
		"var/log/asterisk/messages": "[Dec 30 22:10:00] NOTICE[2101] chan_sip.c: Registration from '\"201\" <sip:201@10.0.0.5>' failed\n" +
			"[Dec 31 23:59:58] NOTICE[2101] chan_sip.c: Peer '201' is now Reachable. (12ms / 2000ms)\n" +
			"[Jan  1 00:00:03] WARNING[2102] pbx.c: Timeout, but no rule 't' in context 'from-internal'\n" +
			"[Jan  2 07:59:00] NOTICE[2101] chan_sip.c: Peer '202' is now Lagged. (2400ms / 2000ms)\n",
	})
	log := filepath.Join(root, "var/log/asterisk/messages")
	mt := time.Date(2025, 1, 2, 8, 0, 0, 0, time.UTC)
	if err := os.Chtimes(log, mt, mt); err != nil {
		t.Fatal(err)
	}
	st := openTemp(t)
	if _, err := st.Import(context.Background(), []string{root}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	rows, err := st.DB().Query("SELECT year, time FROM ast_log ORDER BY line")
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
	if want := []int{2024, 2024, 2025, 2025}; len(years) != 4 || years[0] != want[0] || years[1] != want[1] || years[2] != want[2] || years[3] != want[3] {
		t.Errorf("years %v, want %v", years, want)
	}
	var notes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE path LIKE '%messages'").Scan(&notes)
	if want := "the reference is the file's modification time (2025-01-02 UTC)"; !strings.Contains(notes, want) {
		t.Errorf("notes %q lack %q", notes, want)
	}
}
