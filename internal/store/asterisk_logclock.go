package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
)

// checkLogClock compares a log's entries with the calls of the case whose
// channels they name ("SIP/201-0000001a"): the log and the CDR each carry
// a local clock, and for the same channel they must agree once each is
// read in its zone. The verdict goes into ast_checks and the notes. At
// most 200,000 channels are looked for, which is plenty for a median.
func (j *importJob) checkLogClock(ctx context.Context) error {
	starts := map[string]int64{}
	rows, err := j.conn.QueryContext(ctx, `SELECT c.channel, min(c.start) FROM ast_calls c JOIN sources s ON s.id = c.source_id
		WHERE s.kind = ? AND c.channel LIKE '%/%-%' GROUP BY c.channel LIMIT 200000`, KindAsteriskCDR)
	if err != nil {
		return fmt.Errorf("%w: %w", errCaseFailed, err)
	}
	for rows.Next() {
		var ch string
		var t int64
		if err := rows.Scan(&ch, &t); err != nil {
			rows.Close()
			return fmt.Errorf("%w: %w", errCaseFailed, err)
		}
		starts[ch] = t
	}
	rows.Close()
	if len(starts) == 0 {
		return nil
	}
	rows, err = j.conn.QueryContext(ctx, "SELECT time, text FROM ast_log WHERE source_id = ? AND time IS NOT NULL AND text LIKE '%/%-%'", j.sourceID)
	if err != nil {
		return fmt.Errorf("%w: %w", errCaseFailed, err)
	}
	seen := map[string]int64{} // channel -> first log time naming it
	for rows.Next() {
		var t int64
		var text string
		if err := rows.Scan(&t, &text); err != nil {
			rows.Close()
			return fmt.Errorf("%w: %w", errCaseFailed, err)
		}
		for _, tok := range strings.FieldsFunc(text, func(r rune) bool {
			return r == ' ' || r == '"' || r == '\'' || r == ',' || r == '(' || r == ')' || r == '<' || r == '>' || r == '\t'
		}) {
			if _, ok := starts[tok]; ok {
				if old, ok := seen[tok]; !ok || t < old {
					seen[tok] = t
				}
			}
		}
	}
	rows.Close()
	if len(seen) == 0 {
		return nil
	}
	var diffs []int64
	for ch, t := range seen {
		diffs = append(diffs, t-starts[ch])
	}
	sort.Slice(diffs, func(a, b int) bool { return diffs[a] < diffs[b] })
	med := diffs[len(diffs)/2]
	verdict := "agrees"
	text := fmt.Sprintf("this log names the channels of %d calls; its times for them agree with the call records' starts (median difference %s).",
		len(diffs), time.Duration(med)*time.Second)
	if med < -300 || med > 300 {
		verdict = "disagrees"
		text = fmt.Sprintf("this log names the channels of %d calls, and its times for them are %s from the call records' starts: the log and the CDR were not written in the zones they were read in; check cdr.conf usegmtime and the host's zone before quoting times.",
			len(diffs), time.Duration(med)*time.Second)
	}
	if _, err := j.conn.ExecContext(ctx, "INSERT INTO ast_checks(source_id, topic, verdict, text) VALUES (?, 'clock', ?, ?)", j.sourceID, verdict, text); err != nil {
		return fmt.Errorf("%w: %w", errCaseFailed, err)
	}
	j.det.notes = strings.TrimSpace(j.det.notes + " Clock check: " + text)
	return nil
}
