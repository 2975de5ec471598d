package store

import (
	"context"
	"fmt"
	"github.com/cdrtui/cdrtui/internal/analysis"
	"path/filepath"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/evidence"
	"github.com/cdrtui/cdrtui/internal/evidence/asterisk"
)

// importLog reads an Asterisk daemon log into ast_log, every entry with its
// lines. Entries whose stamp has no year are dated by yearReference; the
// source's notes say how.
func importLog(ctx context.Context, j *importJob, loc *time.Location, gz bool) error {
	r, err := j.stream(gz)
	if err != nil {
		return err
	}
	entries, long, err := asterisk.ReadLogRejects(r)
	if err != nil {
		return fmt.Errorf("reading %s: %w", j.path, err)
	}
	if len(long) > 0 {
		rejects := make([]reject, len(long))
		for i, e := range long {
			rejects[i] = reject{line: e.Line, severity: "row", reason: e.Reason, raw: e.Raw}
		}
		j.rejected.Add(int64(len(rejects)))
		if err := j.writeRejects(ctx, rejects); err != nil {
			return err
		}
	}
	written := make([]bool, len(entries))
	yearless, unparsed := 0, 0
	for i, e := range entries {
		if e.Month == 0 && !strings.HasPrefix(e.Text, "#") {
			unparsed++
		}
		written[i] = e.Year != 0
		if e.Month != 0 && e.Year == 0 {
			yearless++
		}
	}
	if unparsed > 0 {
		j.det.notes = strings.TrimSpace(j.det.notes + fmt.Sprintf(" %d lines not understood as log entries: kept as text with their line numbers (level empty).", unparsed))
		j.res.Unparsed = int64(unparsed)
	}
	if yearless > 0 {
		note, err := j.placeLogYears(ctx, entries)
		if err != nil {
			return err
		}
		j.det.notes = strings.TrimSpace(j.det.notes + " " + note)
	}
	rows := make([][]any, 0, chunkRows)
	unplaced := 0
	defer func() {
		if unplaced > 0 {
			j.det.notes = strings.TrimSpace(j.det.notes + fmt.Sprintf(" %s at wall clocks %s showed twice (its clocks went back) or never (they went forward): kept as written, not placed in time.", analysis.Plural(int64(unplaced), "entry", "entries"), loc))
		}
	}()
	flush := func() error {
		err := bulk(ctx, j.conn, j.feedName, j.feed, `INSERT INTO ast_log(source_id, line, end_line, stamp, year, year_source, time, wall_offset,
			level, thread, call_id, file, function, text, host, program, pid) %s`, 17, rows)
		if err != nil {
			return fmt.Errorf("%w: %w", errCaseFailed, err)
		}
		rows = rows[:0]
		j.progress()
		return nil
	}
	for i, e := range entries {
		var t any
		var off int32
		source := ""
		if e.Month != 0 && e.Year != 0 {
			w := evidence.Wall{Year: e.Year, Month: e.Month, Day: e.Day, Hour: e.Hour, Minute: e.Minute, Second: e.Second, HasTime: true, HasSeconds: true}
			source = "placed"
			if written[i] {
				source = "written"
			}
			if u, o, err := w.Resolve(loc); err == nil {
				t, off = u, o
			} else {
				// the zone's clocks showed it twice or never: kept as
				// written, not placed (no instant an hour off)
				unplaced++
			}
		}
		rows = append(rows, []any{j.sourceID, e.Line, e.EndLine, e.Stamp, int64(e.Year), source, t, int64(off),
			e.Level, e.Thread, e.CallID, e.File, e.Function, e.Text, e.Host, e.Program, e.PID})
		j.rows.Add(1)
		if len(rows) == chunkRows {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	return j.checkLogClock(ctx)
}

// callSpan is the wall-clock span of the calls near a log (same image,
// same folder, or the whole case), in wall seconds.
type callSpan struct {
	first, last int64
	calls       int64
	scope       string
}

// placeLogYears gives a year to the year-less entries. With call records
// in the case (those of the same image first, then of the same folder,
// then any), the year is the one under which the most entries fall within
// the calls' span (give or take a day): logs and call records of one PBX
// run side by side. A year that would date a restart banner before the
// build date it states is impossible. Several years fitting equally are
// named, and the earliest is used. A day in the file's own name
// (logrotate's dateext) comes first; without calls, or when no year makes
// them overlap the calls, a dated rotation of the log beside it; lacking
// that the entries keep no year and are not placed in time (never the
// file's modification time, nor the newest call).
func (j *importJob) placeLogYears(ctx context.Context, entries []asterisk.LogEntry) (string, error) {
	if namedAfterDay(j.path) {
		return logYearFromTree(j.path, entries), nil
	}
	span, err := j.callSpan(ctx)
	if err != nil {
		return "", err
	}
	if span.calls == 0 {
		if note := logYearFromTree(j.path, entries); note != "" {
			return note, nil
		}
		return fmt.Sprintf("%s with no year left without one and not placed in time: no call records in the case, no day in the file's name and no dated rotation of it beside it; its modification time (%s UTC) is not taken for the year, since a copy of the image may have reset it.",
			plural(yearlessCount(entries), "timestamp", "timestamps"), j.info.ModTime().UTC().Format("2006-01-02")), nil
	}
	first, last := time.Unix(span.first, 0).UTC(), time.Unix(span.last, 0).UTC()
	if !dependsOnReference(entries) {
		return asterisk.PlaceYears(entries, last.Year(), int(last.Month())) + ".", nil
	}
	spanText := fmt.Sprintf("%d calls %s, %s to %s", span.calls, span.scope, first.Format("2006-01-02"), last.Format("2006-01-02"))
	var best []int
	bestIn, impossible := 0, 0
	for y := first.Year() - 1; y <= last.Year()+1; y++ {
		in, ok := overlapUnder(entries, y, span)
		switch {
		case !ok:
			impossible++
		case in > bestIn:
			best, bestIn = []int{y}, in
		case in == bestIn && in > 0:
			best = append(best, y)
		}
	}
	if bestIn == 0 {
		if note := logYearFromTree(j.path, entries); note != "" {
			return fmt.Sprintf("Year-less stamps fall outside the call records' span under every year (%s). %s", spanText, note), nil
		}
		return fmt.Sprintf("%s with no year left without one and not placed in time: under no year do they fall within the call records' span (%s), so the calls do not date them, and the tree states no day for the log (none in its name, no dated rotation of it beside it).",
			plural(yearlessCount(entries), "timestamp", "timestamps"), spanText), nil
	}
	note := asterisk.PlaceYears(entries, best[0], 12)
	text := fmt.Sprintf("Year-less stamps dated from the call records (%s): under %d, %s within their span", spanText, best[0], plural(bestIn, "entry falls", "entries fall"))
	if len(best) > 1 {
		text += fmt.Sprintf("; %d to %d fit equally well, the earliest is used", best[0], best[len(best)-1])
	} else {
		text += ", more than under any other year"
	}
	if impossible > 0 {
		text += fmt.Sprintf("; %s ruled out because they date a restart banner before the build date it states", plural(impossible, "year was", "years were"))
	}
	return text + ". " + note + ".", nil
}

// dependsOnReference reports whether the reference year changes any
// entry's year: not when every year-less entry is dated from a later
// entry that carries its own.
func dependsOnReference(entries []asterisk.LogEntry) bool {
	saved := make([]int, len(entries))
	for i := range entries {
		saved[i] = entries[i].Year
	}
	asterisk.PlaceYears(entries, 2000, 12)
	a := make([]int, len(entries))
	for i := range entries {
		a[i], entries[i].Year = entries[i].Year, saved[i]
	}
	asterisk.PlaceYears(entries, 2001, 12)
	differ := false
	for i := range entries {
		differ = differ || entries[i].Year != a[i]
		entries[i].Year = saved[i]
	}
	return differ
}

// plural writes "1 entry falls" or "3 entries fall".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// overlapUnder dates the year-less entries as if the log ended in year y
// and counts those within the span; ok is false when a restart banner
// would then precede its own build date. The entries are left as they
// were.
func overlapUnder(entries []asterisk.LogEntry, y int, span callSpan) (in int, ok bool) {
	saved := make([]int, len(entries))
	for i := range entries {
		saved[i] = entries[i].Year
	}
	defer func() {
		for i := range entries {
			entries[i].Year = saved[i]
		}
	}()
	asterisk.PlaceYears(entries, y, 12)
	for i, e := range entries {
		if saved[i] != 0 || e.Year == 0 {
			continue
		}
		w := time.Date(e.Year, time.Month(e.Month), e.Day, e.Hour, e.Minute, e.Second, 0, time.UTC)
		if built, ok := bannerBuildDate(e); ok && w.Before(built) {
			return 0, false
		}
		if u := w.Unix(); u >= span.first-86400 && u <= span.last+86400 {
			in++
		}
	}
	return in, true
}

// bannerBuildDate reads the build date a restart banner ends with
// ("Asterisk 11.7.0 built by ... on 2015-03-24 14:36:33 UTC").
func bannerBuildDate(e asterisk.LogEntry) (time.Time, bool) {
	if !e.IsStartBanner() {
		return time.Time{}, false
	}
	i := strings.LastIndex(e.Text, " on ")
	if i < 0 || len(e.Text) < i+4+10 {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", e.Text[i+4:i+14])
	return t, err == nil
}

// callSpan finds the span of the calls of this file's image, else of its
// folder, else of the whole case.
func (j *importJob) callSpan(ctx context.Context) (callSpan, error) {
	rows, err := j.conn.QueryContext(ctx, `SELECT s.path, min(c.start + c.wall_offset), max(c.start + c.wall_offset), count(*)
		FROM ast_calls c JOIN sources s ON s.id = c.source_id GROUP BY s.id`)
	if err != nil {
		return callSpan{}, err
	}
	defer rows.Close()
	image, folder, all := callSpan{}, callSpan{scope: "in the same folder"}, callSpan{scope: "in the case"}
	if j.opts.image != nil {
		image.scope = "of the image at " + j.opts.image.root
	}
	dir := filepath.Dir(j.path)
	add := func(s *callSpan, first, last, n int64) {
		if s.calls == 0 || first < s.first {
			s.first = first
		}
		if s.calls == 0 || last > s.last {
			s.last = last
		}
		s.calls += n
	}
	for rows.Next() {
		var path string
		var first, last, n int64
		if err := rows.Scan(&path, &first, &last, &n); err != nil {
			return callSpan{}, err
		}
		add(&all, first, last, n)
		if j.opts.image != nil && within(path, j.opts.image.root) {
			add(&image, first, last, n)
		}
		if filepath.Dir(path) == dir {
			add(&folder, first, last, n)
		}
	}
	if err := rows.Err(); err != nil {
		return callSpan{}, err
	}
	for _, s := range []callSpan{image, folder} {
		if s.calls > 0 {
			return s, nil
		}
	}
	return all, nil
}

// within reports whether path lies under root.
func within(path, root string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(root, abs)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
