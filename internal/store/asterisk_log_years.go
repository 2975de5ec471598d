package store

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"github.com/cdrtui/cdrtui/internal/evidence/asterisk"
)

// A year-less log (syslog's "Dec 31 23:59:59", Asterisk's "[Dec 31
// 23:59:59]") is dated only from what the seized tree states. logrotate's
// dateext names a rotated log after the day it rotated it (full-20231231,
// messages-20240101.gz): that log's entries are no later than that day,
// and the live log beside it was begun then. A file's modification time
// states nothing sure (a copy of the image may have reset it), so it
// dates nothing.

// rotatedName reads logrotate's dateext name: the log's base name and the
// day in it (base-YYYYMMDD, base-YYYYMMDDHH, base-YYYY-MM-DD, a
// compression suffix allowed); ok is false for any other name or an
// impossible day.
var rotatedName = regexp.MustCompile(`^(.+?)[-.]((?:19|20)\d\d)-?(\d\d)-?(\d\d)(?:\d\d)?(?:\.(?:gz|bz2|xz|zst))?$`)

func rotatedDate(name string) (base string, day time.Time, ok bool) {
	m := rotatedName.FindStringSubmatch(name)
	if m == nil {
		return "", time.Time{}, false
	}
	var y, mo, d int
	fmt.Sscan(m[2], &y)
	fmt.Sscan(m[3], &mo)
	fmt.Sscan(m[4], &d)
	day = time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if day.Year() != y || int(day.Month()) != mo || day.Day() != d {
		return "", time.Time{}, false
	}
	return m[1], day, true
}

// logYearFromTree dates the year-less entries of the log at path from the
// tree: the day in its own name (its entries end by then), else the
// newest dated rotation of it beside it (path is the live log begun that
// day). It returns the sentence for the notes, "" when the tree states no
// such day (the entries are left as they are).
func logYearFromTree(path string, entries []asterisk.LogEntry) string {
	name := filepath.Base(path)
	if _, day, ok := rotatedDate(name); ok {
		note := asterisk.PlaceYears(entries, day.Year(), int(day.Month()))
		return fmt.Sprintf("Year-less stamps dated by the day in the file's name (%s, the day logrotate rotated it: no entry is later): %s.", day.Format("2006-01-02"), note)
	}
	dir, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		return ""
	}
	var newest time.Time
	var from string
	for _, d := range dir {
		if base, day, ok := rotatedDate(d.Name()); ok && base == name && day.After(newest) {
			newest, from = day, d.Name()
		}
	}
	if from == "" {
		return ""
	}
	note := asterisk.PlaceYearsAfter(entries, newest.Year(), int(newest.Month()), newest.Day())
	return fmt.Sprintf("Year-less stamps dated from %s beside it, the newest rotation of this log, made on %s: this file was begun that day, so no entry is earlier. %s.", from, newest.Format("2006-01-02"), note)
}

// namedAfterDay says the file at path is named after a day (logrotate's
// dateext).
func namedAfterDay(path string) bool {
	_, _, ok := rotatedDate(filepath.Base(path))
	return ok
}

// yearlessCount counts the entries with a stamp but no year.
func yearlessCount(entries []asterisk.LogEntry) int {
	n := 0
	for _, e := range entries {
		if e.Month != 0 && e.Year == 0 {
			n++
		}
	}
	return n
}
