package clickhouse

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
)

// wallShift makes any plausible wall clock positive before a day or a
// second of the day is taken (as the local case computes them).
const wallShift = "34560000000"

const (
	wallSecond = "((start + wall_offset + " + wallShift + ") % 86400)"
	wallDay    = "intDiv(start + wall_offset + " + wallShift + ", 86400)"
)

// SimBoxActivity counts, per subscriber with voice records, what the
// SIM-box detector reads, aggregated on the shards (each subscriber's
// records on one): as store.Store.SimBoxActivity, subscribers in id order.
func (s *Store) SimBoxActivity(ctx context.Context, night analysis.ClockWindow) ([]analysis.SIMActivity, error) {
	return s.SimBoxActivityIn(ctx, night, 0, 0)
}

// scopeSQL is the condition "the record's wall clock is in [from, to)".
func scopeSQL(from, to int64) string {
	wall := "(start + wall_offset)"
	switch {
	case from != 0 && to != 0:
		return " AND " + wall + " >= " + strconv.FormatInt(from, 10) + " AND " + wall + " < " + strconv.FormatInt(to, 10)
	case from != 0:
		return " AND " + wall + " >= " + strconv.FormatInt(from, 10)
	case to != 0:
		return " AND " + wall + " < " + strconv.FormatInt(to, 10)
	}
	return ""
}

// SimBoxActivityIn is SimBoxActivity over the voice records whose wall
// clock is in [from, to) (0: open).
func (s *Store) SimBoxActivityIn(ctx context.Context, night analysis.ClockWindow, from, to int64) ([]analysis.SIMActivity, error) {
	f, t := strconv.FormatInt(night.From, 10), strconv.FormatInt(night.To, 10)
	isNight := "(" + wallSecond + " >= " + f + " AND " + wallSecond + " < " + t + ")"
	if night.Wraps() {
		isNight = "(" + wallSecond + " >= " + f + " OR " + wallSecond + " < " + t + ")"
	}
	out := "call_type = 'VOICE_OUT'"
	called := "ifNull(other_key, ifNull(other, ''))"
	hasOther := "ifNull(other, '') != ''"
	scope := scopeSQL(from, to)
	q := fmt.Sprintf(`SELECT subscriber_id,
		countIf(%[1]s), countIf(call_type = 'VOICE_IN'), countIf(call_type = 'SMS_OUT'), countIf(call_type = 'SMS_IN'), count(),
		uniqExactIf(%[2]s, %[1]s AND %[3]s),
		countIf(%[1]s AND %[4]s),
		uniqExactIf(%[2]s, %[1]s AND %[3]s AND %[4]s),
		uniqExact(%[5]s),
		sumIf(ifNull(duration, 0), %[1]s),
		countIf(%[1]s AND isNotNull(duration))
		FROM {voice} WHERE {visible}%[6]s
		GROUP BY subscriber_id ORDER BY subscriber_id`, out, called, hasOther, isNight, wallDay, scope)
	var acts []analysis.SIMActivity
	index := map[int64]int{}
	err := s.each(ctx, q, func(sc scanner) error {
		var a analysis.SIMActivity
		var n [10]uint64
		if err := sc.Scan(&a.SubscriberID, &n[0], &n[1], &n[2], &n[3], &n[4], &n[5], &n[6], &n[7], &n[8], &a.DurationSum, &n[9]); err != nil {
			return err
		}
		a.VoiceOut, a.VoiceIn, a.SMSOut, a.SMSIn, a.Records = int64(n[0]), int64(n[1]), int64(n[2]), int64(n[3]), int64(n[4])
		a.DistinctCalled, a.NightCalls, a.NightDistinct, a.ActiveDays, a.DurationCalls = int64(n[5]), int64(n[6]), int64(n[7]), int64(n[8]), int64(n[9])
		index[a.SubscriberID] = len(acts)
		acts = append(acts, a)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("SIM-box activity: %w", err)
	}
	if len(acts) == 0 {
		return acts, nil
	}
	ids := make([]int64, len(acts))
	for i, a := range acts {
		ids[i] = a.SubscriberID
	}
	err = s.eachIn(ctx, `SELECT id, msisdn FROM {db}.subscribers`+completeDims+` AND id IN ({ids})`, ids, func(sc scanner) error {
		var id int64
		var m string
		if err := sc.Scan(&id, &m); err != nil {
			return err
		}
		if i, ok := index[id]; ok {
			acts[i].MSISDN = m
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	type cellUse struct {
		sub, cell int64
		n         uint64
	}
	var uses []cellUse
	cellIDs := map[int64]bool{}
	err = s.each(ctx, `SELECT subscriber_id, assumeNotNull(cell_id) AS c, count() FROM {voice}
		WHERE {visible} AND isNotNull(cell_id)`+scope+` GROUP BY subscriber_id, c ORDER BY subscriber_id, c`, func(sc scanner) error {
		var u cellUse
		err := sc.Scan(&u.sub, &u.cell, &u.n)
		uses = append(uses, u)
		cellIDs[u.cell] = true
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("SIM-box cells: %w", err)
	}
	names := map[int64]string{}
	if len(cellIDs) > 0 {
		list := make([]int64, 0, len(cellIDs))
		for id := range cellIDs {
			list = append(list, id)
		}
		err = s.each(ctx, `SELECT id, cell FROM {db}.cells`+completeDims+` AND id IN (`+idList(list)+`)`, func(sc scanner) error {
			var id int64
			var c string
			err := sc.Scan(&id, &c)
			names[id] = c
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	for _, u := range uses {
		if i, ok := index[u.sub]; ok {
			acts[i].Cells = append(acts[i].Cells, analysis.CellRecords{CellID: u.cell, Cell: names[u.cell], Records: int64(u.n)})
		}
	}
	return acts, nil
}

// VoiceRecords returns up to limit voice records of a selection in start
// order (then id), with their source file, line and cell, and how many
// there are in all, as store.Store.VoiceRecords does: the evidence behind
// one feature of one SIM.
func (s *Store) VoiceRecords(ctx context.Context, sel store.VoiceSelection, limit int) ([]store.VoiceEvidence, int64, error) {
	where := "subscriber_id = " + strconv.FormatInt(sel.SubscriberID, 10) + " AND {visible}"
	var args []any
	if len(sel.Types) > 0 {
		where += " AND call_type IN (?" + strings.Repeat(", ?", len(sel.Types)-1) + ")"
		for _, t := range sel.Types {
			args = append(args, t)
		}
	}
	if w := sel.Night; w != nil {
		f, t := strconv.FormatInt(w.From, 10), strconv.FormatInt(w.To, 10)
		if w.Wraps() {
			where += " AND (" + wallSecond + " >= " + f + " OR " + wallSecond + " < " + t + ")"
		} else {
			where += " AND (" + wallSecond + " >= " + f + " AND " + wallSecond + " < " + t + ")"
		}
	}
	if sel.CellID != 0 {
		where += " AND cell_id = " + strconv.FormatInt(sel.CellID, 10)
	}
	if sel.WithCell {
		where += " AND isNotNull(cell_id)"
	}
	var total uint64
	if err := s.home.QueryRow(ctx, s.sql(`SELECT count() FROM {voice} WHERE `+where), args...).Scan(&total); err != nil {
		return nil, 0, s.explain(err)
	}
	paths, err := s.SourcePaths(ctx)
	if err != nil {
		return nil, 0, err
	}
	var out []store.VoiceEvidence
	var cellIDs []int64
	err = s.each(ctx, `SELECT id, source_id, line, start, wall_offset, call_type, ifNull(other, ''), ifNull(duration, -1), ifNull(cell_id, 0)
		FROM {voice} WHERE `+where+` ORDER BY start, id LIMIT `+strconv.Itoa(max(limit, 0)), func(sc scanner) error {
		var e store.VoiceEvidence
		var src, cell int64
		if err := sc.Scan(&e.ID, &src, &e.Line, &e.Start, &e.Offset, &e.CallType, &e.Other, &e.Duration, &cell); err != nil {
			return err
		}
		e.Source = paths[src]
		e.Wall = analysis.Moment{Unix: e.Start, Offset: e.Offset}.String()
		out = append(out, e)
		cellIDs = append(cellIDs, cell)
		return nil
	}, args...)
	if err != nil || len(out) == 0 {
		return out, int64(total), err
	}
	var need []int64
	seen := map[int64]bool{}
	for _, c := range cellIDs {
		if c != 0 && !seen[c] {
			seen[c] = true
			need = append(need, c)
		}
	}
	names := map[int64]string{}
	if len(need) > 0 {
		err = s.each(ctx, `SELECT id, cell FROM {db}.cells WHERE id IN (`+idList(need)+`)`, func(sc scanner) error {
			var id int64
			var c string
			err := sc.Scan(&id, &c)
			names[id] = c
			return err
		})
	}
	for i := range out {
		out[i].Cell = names[cellIDs[i]]
	}
	return out, int64(total), err
}
