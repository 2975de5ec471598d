package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"github.com/cdrtui/cdrtui/internal/analysis"
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
	uniqueid, userfield, peeraccount, linkedid, sequence, recipient, recipient_from, direction, dongle,
	dialled, trunk, recipient_note, direction_reason, src_key, recipient_key, dedup_key`

// callRowWidth is the number of callColumns; the dedup key is the last,
// after the keys of src and recipient.
const callRowWidth = 38

// Places of the number keys in a call's row.
const (
	callSrcKey       = callRowWidth - 3
	callRecipientKey = callRowWidth - 2
)

// callStats is what an import of call records counts for its notes.
type callStats struct {
	widths      map[int]int
	lostSeconds int64
	copies      int64
	recipients  map[string]int64 // recipient source -> calls
	directions  map[string]int64 // direction -> calls
	configured  bool             // the case held PBX configuration when the calls were read
	clockDiffs  []int64          // wall clock as written - uniqueid epoch, per call: the offset the CDR was written at
	usedOffset  int64            // the offset the calls were read at
}

// importCalls reads call records of format f into ast_calls. Each row is
// the call or, when the case already holds the same CDR (from this file or
// another: Master.csv and its per-account copies), a row of
// ast_call_copies pointing at it. Rows that do not fit the format are
// rejects with their line and reason.
func importCalls(ctx context.Context, j *importJob, f asterisk.Format, clk cdrClock, gz bool) error {
	r, err := j.stream(gz)
	if err != nil {
		return err
	}
	return j.readCalls(ctx, asterisk.NewReader(r, f), f, clk)
}

// callSource is where calls come from: a file's Reader, or the rows of a
// CDR database (cdr_sqlite3_custom's master.db).
type callSource interface {
	Next() (asterisk.Call, error)
}

// readCalls writes the calls of rd (format f) into ast_calls, with their
// rejects, the notes and the clock check.
func (j *importJob) readCalls(ctx context.Context, rd callSource, f asterisk.Format, clk cdrClock) error {
	topo, err := loadTopology(ctx, j.conn)
	if err != nil {
		return fmt.Errorf("%w: %w", errCaseFailed, err)
	}
	switch f {
	case asterisk.FormatFreeSWITCH, asterisk.FormatFreeSWITCHAsterisk, asterisk.FormatCUCM, asterisk.FormatKamailioAcc, asterisk.FormatKamailioAccLog, asterisk.FormatThreeCX, asterisk.FormatFreeSWITCHTable,
		asterisk.FormatKamailioCDRs, asterisk.FormatThreeCXTable, asterisk.FormatYeastarCDR, asterisk.FormatIPOfficeSMDR,
		asterisk.FormatFreeSWITCHXMLCDR, asterisk.FormatFreeSWITCHJSONCDR:
		topo = nil // an Asterisk configuration says nothing of another switch's parties
	}
	byes := map[string]string{} // Kamailio acc: callid -> BYE time
	plan, _, err := j.declaredPlan(ctx)
	if err != nil {
		return err
	}
	keys := &callKeys{plan: plan}

	st := &callStats{widths: map[int]int{}, recipients: map[string]int64{}, directions: map[string]int64{}, configured: topo.Known()}
	var batch [][]any
	flush := func(rejects []reject) error {
		if err := j.writeCalls(ctx, batch, st); err != nil {
			return err
		}
		if err := j.writeRejects(ctx, rejects); err != nil {
			return err
		}
		batch = batch[:0]
		j.progress()
		return nil
	}
	take := func(c asterisk.Call) (bool, []reject) {
		if c.Kind == "bye" {
			byes[c.UniqueID] = c.Start
			return false, nil
		}
		row, v, readOff, lost, drops, reason := packCall(j.sourceID, f, c, clk, topo)
		if reason != "" {
			j.rejected.Add(1)
			return false, []reject{{line: c.Line, severity: "row", reason: reason, raw: c.Raw}}
		}
		var rejects []reject
		for _, d := range drops {
			rejects = append(rejects, reject{line: c.Line, severity: "field", reason: d, raw: c.Raw})
			j.dropped.Add(1)
		}
		keys.key(row, v.Recipient)
		st.count(c, v, row, readOff, lost)
		batch = append(batch, row)
		return true, rejects
	}
	if err := eachRow(j, rd.Next, take, flush); err != nil {
		return err
	}
	if err := j.endCalls(ctx, byes, clk); err != nil {
		return err
	}
	if p, ok := rd.(interface{ ZeroPadded() int64 }); ok && p.ZeroPadded() > 0 {
		j.det.notes = strings.TrimSpace(j.det.notes + " " + analysis.Plural(p.ZeroPadded(), "line begins", "lines begin") +
			" with a run of zero bytes (what an unclean shutdown leaves in a file being appended to): its record, after them, is read.")
	}
	if p, ok := rd.(interface{ PassedOver() int64 }); ok && p.PassedOver() > 0 {
		j.det.notes = strings.TrimSpace(j.det.notes + fmt.Sprintf(" %s of other programs or other SIP methods passed over.", analysis.Plural(p.PassedOver(), "line", "lines")))
	}
	twins := ""
	if (f == asterisk.FormatCDRCSV || f == asterisk.FormatCDRCustom || f == asterisk.FormatCDRTable || f == asterisk.FormatCDRSQLite) && j.rows.Load() > 0 {
		moved, shifted, here, there, other, err := j.keepBackendTwinsOnce(ctx)
		if err != nil {
			return err
		}
		j.rows.Add(-moved)
		st.copies += moved
		twins = twinsNote(moved, shifted, here, there, other)
	}
	j.res.Duplicates = st.copies
	j.det.notes = strings.TrimSpace(j.det.notes + " " + st.describe() + " " + twins + " " + keys.describe(j.planHow))
	if f == asterisk.FormatCDRCSV || f == asterisk.FormatCDRCustom || f == asterisk.FormatCDRTable || f == asterisk.FormatCDRSQLite {
		if verdict, text := clockCheck(st.clockDiffs, st.usedOffset, j.det.zone); verdict != "" {
			if _, err := j.conn.ExecContext(ctx, "INSERT INTO ast_checks(source_id, topic, verdict, text) VALUES (?, 'clock', ?, ?)", j.sourceID, verdict, text); err != nil {
				return fmt.Errorf("%w: %w", errCaseFailed, err)
			}
			j.det.notes = strings.TrimSpace(j.det.notes + " Clock check: " + text)
		}
	}
	return nil
}

// count adds a call's row to the import's tallies.
func (st *callStats) count(c asterisk.Call, v asterisk.Verdict, row []any, readOff int64, lost bool) {
	st.widths[c.Columns]++
	if lost {
		st.lostSeconds++
	}
	if v.RecipientFrom != "" {
		st.recipients[v.RecipientFrom]++
	}
	st.directions[v.Direction]++
	if u, ok := row[14].(int64); ok && len(st.clockDiffs) < 100000 {
		if epoch, ok := asterisk.UniqueIDEpoch(c.UniqueID); ok {
			st.clockDiffs = append(st.clockDiffs, u+readOff-epoch)
			st.usedOffset = readOff
		}
	}
}

// clockCheck compares the zone the calls were read in with their
// uniqueids, which begin with the Unix time the channel was created (the
// CDR's start): the median of wall clock minus uniqueid is the offset the
// wall clocks were really written at.
func clockCheck(diffs []int64, used int64, zone string) (verdict, text string) {
	if len(diffs) == 0 {
		return "", ""
	}
	sorted := append([]int64(nil), diffs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	written := sorted[len(sorted)/2]
	q := (written + sign(written)*450) / 900 * 900 // to the quarter hour
	if zone == "" {
		return "no zone", fmt.Sprintf("no zone was known, so the wall clocks are kept as written; the uniqueids of %d calls (Unix time of each channel's creation) say they were written at UTC%s: import again with --tz naming that zone to place them in time.",
			len(diffs), utcOffset(q))
	}
	if written-used >= -120 && written-used <= 120 {
		return "agrees", fmt.Sprintf("the uniqueids of %d calls (Unix time of each channel's creation) agree with the zone used, %s (UTC%s).", len(diffs), zone, utcOffset(used))
	}
	return "disagrees", fmt.Sprintf("the uniqueids of %d calls (Unix time of each channel's creation) say the wall clocks were written at UTC%s, but they were read in %s (UTC%s): every time is %s off; check cdr.conf usegmtime and the host's zone, or import again with --tz, before quoting times.",
		len(diffs), utcOffset(q), zone, utcOffset(used), time.Duration(written-used)*time.Second)
}

func sign(v int64) int64 {
	if v < 0 {
		return -1
	}
	return 1
}

// utcOffset writes seconds east of UTC as +05:30.
func utcOffset(sec int64) string {
	s := "+"
	if sec < 0 {
		s, sec = "-", -sec
	}
	return fmt.Sprintf("%s%02d:%02d", s, sec/3600, sec%3600/60)
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
	added, copied, err := j.insertKeepingCopies(ctx, rows, insert, copies)
	if err != nil {
		return err
	}
	j.rows.Add(added)
	st.copies += copied
	return nil
}

// insertKeepingCopies feeds rows to insert, which keeps each new one once
// (ON CONFLICT DO NOTHING), then to copies, which lists every row that
// repeats one already kept (in the case, or earlier in rows) under it with
// its own source and line. It returns how many rows each wrote.
func (j *importJob) insertKeepingCopies(ctx context.Context, rows [][]any, insert, copies string) (added, copied int64, err error) {
	var counts [2]int64
	for i, stmt := range []string{insert, copies} {
		j.feed.set(sliceSource(rows))
		res, err := j.conn.ExecContext(ctx, stmt)
		j.feed.set(nil)
		if err != nil {
			return 0, 0, fmt.Errorf("%w: %w", errCaseFailed, err)
		}
		counts[i], _ = res.RowsAffected()
	}
	return counts[0], counts[1], nil
}

// packCall turns a call into its ast_calls row. The times are read by clk
// (see cdrClock); readOff is the offset the start was read at (what the
// clock check compares with the uniqueid); lost reports a time written
// without seconds (a spreadsheet re-save). The plausibility rules of
// operator files apply: a start outside the years 1900-2199 rejects the
// row; an answer or end outside them, or before the start, is dropped
// (its text is kept as written, its time left empty) and listed in drops.
func packCall(sourceID int64, f asterisk.Format, c asterisk.Call, clk cdrClock, topo *asterisk.Topology) (row []any, v asterisk.Verdict, readOff int64, lost bool, drops []string, reason string) {
	t := resolveCallTimes(c, clk)
	start, off, readOff32, lostStart, err := t.start, t.off, t.readOff, t.lostStart, t.startErr
	if err != nil {
		return nil, v, 0, false, nil, "start: " + err.Error()
	}
	answer, lostAnswer, err := t.answer, t.lostAnswer, t.answerErr
	if err != nil {
		drops = append(drops, fmt.Sprintf("answer %q: %v", c.Answer, err))
		answer = nil
	} else if before(answer, start) {
		drops = append(drops, fmt.Sprintf("answer %q is before the start %q", c.Answer, c.Start))
		answer = nil
	}
	end, lostEnd, err := t.end, t.lostEnd, t.endErr
	if err != nil {
		drops = append(drops, fmt.Sprintf("end %q: %v", c.End, err))
		end = nil
	} else if before(end, start) {
		drops = append(drops, fmt.Sprintf("end %q is before the start %q", c.End, c.Start))
		end = nil
	}
	var seq any
	if c.Sequence >= 0 {
		seq = c.Sequence
	}
	var dur, bill any // NULL when the records give no whole duration, no talk time (asterisk.NoDuration, NoBillsec)
	if c.Duration >= 0 {
		dur = c.Duration
	}
	if c.BillSec >= 0 {
		bill = c.BillSec
	}
	if u, ok := start.(int64); ok {
		c.At = asterisk.Moment{Known: true, Wall: u + int64(off), UTC: u}
	}
	v = c.Classify(topo)
	sum := sha256.Sum256([]byte(string(f) + "\x1e" + c.DedupKey()))
	row = []any{sourceID, c.Line, c.AccountCode, c.Src, c.Dst, c.DContext, c.CLID, c.Channel, c.DstChannel, c.LastApp, c.LastData,
		c.Start, c.Answer, c.End, start, answer, end, int64(off), dur, bill, c.Disposition, c.AMAFlags,
		c.UniqueID, c.UserField, c.PeerAccount, c.LinkedID, seq, v.Recipient, v.RecipientFrom, v.Direction, c.Dongle(),
		v.Dialled, v.Trunk, v.RecipientNote, v.DirectionReason, nil, nil, hex.EncodeToString(sum[:])}
	return row, v, int64(readOff32), lostStart || lostAnswer || lostEnd, drops, ""
}

// before reports whether time a (nil: none) is earlier than b.
func before(a, b any) bool {
	x, ok1 := a.(int64)
	y, ok2 := b.(int64)
	return ok1 && ok2 && x < y
}

// Plausible years of a call record, as for operator files.
const (
	minCallYear = 1900
	maxCallYear = 2199
)

// cdrClock is how a call-record file's times are read: as wall clocks in
// read (nil: kept as written). wall, when set, is the zone whose rules
// give the wall clock of a file written in UTC (cdr.conf usegmtime=yes, a
// cdr_adaptive_odbc table with usegmtime=yes): the instant is read in
// UTC, the wall clock shown is the PBX's.
type cdrClock struct {
	read, wall *time.Location
}

// callTime reads a call-record time by clk: Unix seconds (nil for an empty
// value), the offset giving the wall clock, and the offset it was read at
// (they differ only under clk.wall). A time written with its own offset
// (PostgreSQL's "2025-01-02 10:00:00+05:30") is read at that offset, which
// is kept as its wall clock's.
func callTime(s string, clk cdrClock) (unix any, wallOff, readOff int32, lost bool, err error) {
	if s == "" {
		return nil, 0, 0, false, nil
	}
	t, lost, given, hasOffset, err := asterisk.ParseTimeOffset(s)
	if err != nil {
		return nil, 0, 0, false, err
	}
	if y := t.Year(); y < minCallYear || y > maxCallYear {
		return nil, 0, 0, false, fmt.Errorf("year %d outside %d-%d", y, minCallYear, maxCallYear)
	}
	w := evidence.Wall{Year: t.Year(), Month: int(t.Month()), Day: t.Day(), Hour: t.Hour(), Minute: t.Minute(), Second: t.Second(),
		HasTime: true, HasSeconds: !lost, HasOffset: hasOffset, Offset: given}
	u, off, err := w.Resolve(clk.read)
	if err != nil {
		return nil, 0, 0, lost, err // a *evidence.ClockError: resolveCallTimes may still place it
	}
	if clk.wall != nil && !hasOffset {
		_, shown := time.Unix(u, 0).In(clk.wall).Zone()
		return u, int32(shown), off, lost, nil
	}
	return u, off, off, lost, nil
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
	if n := st.recipients[asterisk.FromTrunk] + st.recipients[asterisk.FromDstStripped]; n > 0 {
		parts = append(parts, fmt.Sprintf("recipient is the number dialled on a trunk for %d calls and dst less a prefix the dial plan strips for %d (dst kept beside it)",
			st.recipients[asterisk.FromTrunk], st.recipients[asterisk.FromDstStripped]))
	}
	if len(st.directions) > 0 {
		var ds []string
		for _, d := range []string{"inbound", "outbound", "internal", "unknown"} {
			if st.directions[d] > 0 {
				ds = append(ds, fmt.Sprintf("%s %d", d, st.directions[d]))
			}
		}
		how := "from the channels' forms and the contexts' words: no PBX configuration (sip.conf, pjsip.conf, iax.conf, dongle.conf) was in the case yet; importing it re-derives them"
		if st.configured {
			how = "from the PBX configuration in the case (trunks and extensions of sip.conf, pjsip.conf, iax.conf, dongle.conf), then the contexts' words"
		}
		parts = append(parts, "directions "+strings.Join(ds, ", ")+", decided "+how)
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

// endCalls gives the INVITE calls of a Kamailio acc export the end their
// BYE record wrote: end, duration, and talk time for an answered (2xx) call.
func (j *importJob) endCalls(ctx context.Context, byes map[string]string, clk cdrClock) error {
	if len(byes) == 0 {
		return nil
	}
	ended := 0
	for callid, text := range byes {
		end, _, _, _, err := callTime(text, clk)
		if err != nil || end == nil {
			continue
		}
		res, err := j.conn.ExecContext(ctx, `UPDATE ast_calls SET end_text = ?, "end" = ?, duration = max(0, ? - start),
			billsec = CASE WHEN disposition LIKE '2%' THEN max(0, ? - start) ELSE 0 END
			WHERE source_id = ? AND uniqueid = ? AND "end" IS NULL`, text, end, end, end, j.sourceID, callid)
		if err != nil {
			return fmt.Errorf("%w: %w", errCaseFailed, err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			ended++
		}
	}
	j.det.notes = strings.TrimSpace(j.det.notes + fmt.Sprintf(" %d BYE records ended %d calls.", len(byes), ended))
	return nil
}
