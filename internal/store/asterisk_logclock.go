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
	starts := map[string][]int64{}
	rows, err := j.conn.QueryContext(ctx, `SELECT c.channel, c.start FROM ast_calls c JOIN sources s ON s.id = c.source_id
		WHERE s.kind = ? AND c.channel LIKE '%/%-%' LIMIT 200000`, KindAsteriskCDR)
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
		starts[ch] = append(starts[ch], t)
	}
	rows.Close()
	if len(starts) == 0 {
		return nil
	}
	rows, err = j.conn.QueryContext(ctx, "SELECT time, text FROM ast_log WHERE source_id = ? AND time IS NOT NULL AND text LIKE '%/%-%'", j.sourceID)
	if err != nil {
		return fmt.Errorf("%w: %w", errCaseFailed, err)
	}
	// a channel's name comes back after every restart (SIP/1500-00000000):
	// a log time is set against the call of that name nearest to it, and
	// the first log time naming that call is kept
	type call struct {
		channel string
		start   int64
	}
	seen := map[call]int64{}
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
			ss, ok := starts[tok]
			if !ok {
				continue
			}
			c := call{tok, nearest(ss, t)}
			if old, ok := seen[c]; !ok || t < old {
				seen[c] = t
			}
		}
	}
	rows.Close()
	var diffs []int64
	far := 0
	for c, t := range seen {
		if d := t - c.start; d > maxZoneGap || d < -maxZoneGap {
			far++ // no two zones are this far apart: another call of that name
		} else {
			diffs = append(diffs, d)
		}
	}
	if len(diffs) == 0 {
		if far > 0 {
			j.det.notes = strings.TrimSpace(j.det.notes + fmt.Sprintf(" Clock check: none; the %d channel names this log shares with the call records are of calls more than 26 hours from its entries (names used again after a restart), which say nothing of the zones.", far))
		}
		return nil
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
	if far > 0 {
		text += fmt.Sprintf(" %d channel names it shares with calls more than 26 hours from its entries (names used again after a restart) are left out.", far)
	}
	if _, err := j.conn.ExecContext(ctx, "INSERT INTO ast_checks(source_id, topic, verdict, text) VALUES (?, 'clock', ?, ?)", j.sourceID, verdict, text); err != nil {
		return fmt.Errorf("%w: %w", errCaseFailed, err)
	}
	j.det.notes = strings.TrimSpace(j.det.notes + " Clock check: " + text)
	return nil
}

// maxZoneGap is the most two zones' clocks differ (UTC+14 and UTC-12),
// in seconds.
const maxZoneGap = 26 * 3600

// nearest is the start of ss nearest to t.
func nearest(ss []int64, t int64) int64 {
	best := ss[0]
	for _, s := range ss[1:] {
		if abs64(s-t) < abs64(best-t) {
			best = s
		}
	}
	return best
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}
