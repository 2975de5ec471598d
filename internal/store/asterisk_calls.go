package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/cdrtui/cdrtui/internal/analysis"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/evidence"
	"github.com/cdrtui/cdrtui/internal/evidence/asterisk"
)

// callColumns are the columns of ast_calls an import writes, in the order
// of packCall's row.
const callColumns = `source_id, line, accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp, lastdata,
	start_text, answer_text, end_text, start, answer, "end", wall_offset, duration, billsec, disposition, amaflags,
	uniqueid, userfield, peeraccount, linkedid, sequence, recipient, recipient_from, direction, dongle, dedup_key`

// callRowWidth is the number of callColumns; the dedup key is the last.
const callRowWidth = 32

// callStats is what an import of call records counts for its notes.
type callStats struct {
	widths      map[int]int
	lostSeconds int64
	copies      int64
	recipients  map[string]int64 // recipient source -> calls
}

// importCalls reads call records of format f into ast_calls. Each row is
// the call or, when the case already holds the same CDR (from this file or
// another: Master.csv and its per-account copies), a row of
// ast_call_copies pointing at it. Rows that do not fit the format are
// rejects with their line and reason.
func importCalls(ctx context.Context, j *importJob, f asterisk.Format, loc *time.Location, gz bool) error {
	r, err := j.stream(gz)
	if err != nil {
		return err
	}
	rd := asterisk.NewReader(r, f)
	st := &callStats{widths: map[int]int{}, recipients: map[string]int64{}}
	var batch [][]any
	var rejects []reject
	flush := func() error {
		if err := j.writeCalls(ctx, batch, st); err != nil {
			return err
		}
		if err := j.writeRejects(ctx, rejects); err != nil {
			return err
		}
		batch, rejects = batch[:0], rejects[:0]
		j.progress()
		return nil
	}
	for {
		c, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var rowErr *asterisk.RowError
		if errors.As(err, &rowErr) {
			rejects = append(rejects, reject{line: rowErr.Line, severity: "row", reason: rowErr.Reason, raw: rowErr.Raw})
			j.rejected.Add(1)
			continue
		}
		if err != nil {
			return fmt.Errorf("reading %s: %w", j.path, err)
		}
		row, lost, reason := packCall(j.sourceID, f, c, loc)
		if reason != "" {
			rejects = append(rejects, reject{line: c.Line, severity: "row", reason: reason, raw: c.Raw})
			j.rejected.Add(1)
			continue
		}
		st.widths[c.Columns]++
		if lost {
			st.lostSeconds++
		}
		if _, from := c.Recipient(); from != "" {
			st.recipients[from]++
		}
		batch = append(batch, row)
		if len(batch) == chunkRows {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	j.res.Duplicates = st.copies
	j.det.notes = strings.TrimSpace(j.det.notes + " " + st.describe())
	return nil
}

// writeCalls inserts a batch: first the calls not yet in the case (the
// dedup key is UNIQUE), then, from the same rows, a copy for every row
// whose call is another row's (an earlier file's, or an earlier line of
// this one).
func (j *importJob) writeCalls(ctx context.Context, rows [][]any, st *callStats) error {
	if len(rows) == 0 {
		return nil
	}
	insert := fmt.Sprintf("INSERT INTO ast_calls(%s) %s WHERE true ON CONFLICT(dedup_key) DO NOTHING",
		callColumns, feedSelect(j.feedName, callRowWidth))
	copies := fmt.Sprintf(`INSERT INTO ast_call_copies(source_id, line, call_id)
		SELECT f.c0, f.c1, a.id FROM %s f JOIN ast_calls a ON a.dedup_key = f.c%d
		WHERE a.source_id <> f.c0 OR a.line <> f.c1`, j.feedName, callRowWidth-1)
	var counts [2]int64
	for i, stmt := range []string{insert, copies} {
		j.feed.set(sliceSource(rows))
		res, err := j.conn.ExecContext(ctx, stmt)
		j.feed.set(nil)
		if err != nil {
			return fmt.Errorf("%w: %v", errCaseFailed, err)
		}
		counts[i], _ = res.RowsAffected()
	}
	j.rows.Add(counts[0])
	st.copies += counts[1]
	return nil
}

// packCall turns a call into its ast_calls row. The times are read as wall
// clocks in loc (nil: kept as written); lost reports a time written
// without seconds (a spreadsheet re-save).
func packCall(sourceID int64, f asterisk.Format, c asterisk.Call, loc *time.Location) (row []any, lost bool, reason string) {
	start, off, lostStart, err := callTime(c.Start, loc)
	if err != nil {
		return nil, false, "start: " + err.Error()
	}
	answer, _, lostAnswer, err := callTime(c.Answer, loc)
	if err != nil {
		return nil, false, "answer: " + err.Error()
	}
	end, _, lostEnd, err := callTime(c.End, loc)
	if err != nil {
		return nil, false, "end: " + err.Error()
	}
	var seq any
	if c.Sequence >= 0 {
		seq = c.Sequence
	}
	recipient, from := c.Recipient()
	sum := sha256.Sum256([]byte(string(f) + "\x1e" + c.DedupKey()))
	row = []any{sourceID, c.Line, c.AccountCode, c.Src, c.Dst, c.DContext, c.CLID, c.Channel, c.DstChannel, c.LastApp, c.LastData,
		c.Start, c.Answer, c.End, start, answer, end, int64(off), c.Duration, c.BillSec, c.Disposition, c.AMAFlags,
		c.UniqueID, c.UserField, c.PeerAccount, c.LinkedID, seq, recipient, from, c.Direction(), c.Dongle(), hex.EncodeToString(sum[:])}
	return row, lostStart || lostAnswer || lostEnd, ""
}

// callTime reads a call-record time as a wall clock in loc: Unix seconds
// (nil for an empty value) and the offset giving back the wall clock.
func callTime(s string, loc *time.Location) (unix any, offset int32, lost bool, err error) {
	if s == "" {
		return nil, 0, false, nil
	}
	t, lost, err := asterisk.ParseTime(s)
	if err != nil {
		return nil, 0, false, err
	}
	w := evidence.Wall{Year: t.Year(), Month: int(t.Month()), Day: t.Day(), Hour: t.Hour(), Minute: t.Minute(), Second: t.Second(),
		HasTime: true, HasSeconds: !lost}
	u, off := w.In(loc)
	return u, off, lost, nil
}

// describe says what the import saw, for the source's notes.
func (st *callStats) describe() string {
	var parts []string
	if len(st.widths) > 1 {
		keys := make([]int, 0, len(st.widths))
		for k := range st.widths {
			keys = append(keys, k)
		}
		sort.Ints(keys)
		var ws []string
		for _, k := range keys {
			ws = append(ws, fmt.Sprintf("%d columns: %s", k, analysis.Plural(int64(st.widths[k]), "row", "rows")))
		}
		parts = append(parts, "column counts vary ("+strings.Join(ws, ", ")+")")
	}
	if st.lostSeconds > 0 {
		parts = append(parts, fmt.Sprintf("%s times without seconds (re-saved by a spreadsheet?): second 0 assumed", rowsHave(st.lostSeconds)))
	}
	if st.copies > 0 {
		parts = append(parts, fmt.Sprintf("%s a call already in the case (the same CDR in Master.csv and a per-account file, or a repeated row): kept once, each copy listed in ast_call_copies with its line", rowsRepeat(st.copies)))
	}
	if n := st.recipients[asterisk.FromLastData] + st.recipients[asterisk.FromDstWithoutSrc]; n > 0 {
		parts = append(parts, fmt.Sprintf("recipient taken from the Dial() data for %s and from dst without a leading src for %s (dst holds src and dst glued, or no number)",
			analysis.Plural(int64(st.recipients[asterisk.FromLastData]), "call", "calls"), analysis.Thousands(int64(st.recipients[asterisk.FromDstWithoutSrc]))))
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, "; ") + "."
}

func rowsHave(n int64) string {
	if n == 1 {
		return "1 row has"
	}
	return analysis.Thousands(n) + " rows have"
}

func rowsRepeat(n int64) string {
	if n == 1 {
		return "1 row repeats"
	}
	return analysis.Thousands(n) + " rows repeat"
}
