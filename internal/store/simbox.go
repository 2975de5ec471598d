package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/cdrtui/cdrtui/internal/analysis"
)

// wallShift is 400,000 days in seconds: added to a wall clock it makes any
// plausible one (after the year 875) positive, so that one integer division
// or modulo gives its day or its second of the day (SQLite's / and %
// truncate toward zero, which is wrong for negative numbers).
const wallShift = "34560000000"

// wallSecondSQL is the second of the wall-clock day of a voice record v.
const wallSecondSQL = "((v.start + v.wall_offset + " + wallShift + ") % 86400)"

// wallDaySQL numbers the wall-clock day of a voice record v.
const wallDaySQL = "((v.start + v.wall_offset + " + wallShift + ") / 86400)"

// nightSQL is the condition "v started in the window" with its arguments.
func nightSQL(w analysis.ClockWindow) (string, []any) {
	if w.Wraps() {
		return "(" + wallSecondSQL + " >= ? OR " + wallSecondSQL + " < ?)", []any{w.From, w.To}
	}
	return "(" + wallSecondSQL + " >= ? AND " + wallSecondSQL + " < ?)", []any{w.From, w.To}
}

// SimBoxActivity counts, per subscriber with voice records, what the
// SIM-box detector reads: calls and SMS by direction, distinct numbers
// called (by day and in the night window, on the wall clock), active
// dates, durations, and voice records per cell. SQLite aggregates the
// voice table in one pass (GROUP BY subscriber); the cells come from the
// subscriber_cells summary every import keeps. Subscribers are in id order.
func (s *Store) SimBoxActivity(ctx context.Context, night analysis.ClockWindow) ([]analysis.SIMActivity, error) {
	return s.SimBoxActivityIn(ctx, night, 0, 0)
}

// SimBoxActivityIn is SimBoxActivity over the voice records whose wall
// clock (start + wall_offset) is in [from, to) (0: open), the cells
// counted from those records rather than from the summaries.
func (s *Store) SimBoxActivityIn(ctx context.Context, night analysis.ClockWindow, from, to int64) ([]analysis.SIMActivity, error) {
	scope, scopeArgs := wallScopeSQL("v", from, to)
	isNight, nightArgs := nightSQL(night)
	out := "v.call_type = 'VOICE_OUT'"
	q := fmt.Sprintf(`SELECT v.subscriber_id, s.msisdn,
		sum(%[1]s), sum(v.call_type = 'VOICE_IN'), sum(v.call_type = 'SMS_OUT'), sum(v.call_type = 'SMS_IN'), count(*),
		count(DISTINCT CASE WHEN %[1]s AND v.other <> '' THEN coalesce(v.other_key, v.other) END),
		sum(%[1]s AND %[2]s),
		count(DISTINCT CASE WHEN %[1]s AND v.other <> '' AND %[2]s THEN coalesce(v.other_key, v.other) END),
		count(DISTINCT %[3]s),
		coalesce(sum(CASE WHEN %[1]s THEN v.duration END), 0),
		count(CASE WHEN %[1]s THEN v.duration END)
		FROM voice v JOIN subscribers s ON s.id = v.subscriber_id WHERE %[4]s
		GROUP BY v.subscriber_id ORDER BY v.subscriber_id`, out, isNight, wallDaySQL, scope)
	args := append(append(append([]any{}, nightArgs...), nightArgs...), scopeArgs...)
	if from == 0 && to == 0 {
		// the whole case: the SIM summaries every import keeps
		if sq, ok := simBoxFromSummaries(night); ok {
			q, args = sq, nil
		}
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("SIM-box activity: %w", err)
	}
	defer rows.Close()
	var acts []analysis.SIMActivity
	index := map[int64]int{}
	for rows.Next() {
		var a analysis.SIMActivity
		if err := rows.Scan(&a.SubscriberID, &a.MSISDN, &a.VoiceOut, &a.VoiceIn, &a.SMSOut, &a.SMSIn, &a.Records,
			&a.DistinctCalled, &a.NightCalls, &a.NightDistinct, &a.ActiveDays, &a.DurationSum, &a.DurationCalls); err != nil {
			return nil, err
		}
		index[a.SubscriberID] = len(acts)
		acts = append(acts, a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	cellQuery := `SELECT sc.subscriber_id, sc.cell_id, c.cell, sc.records
		FROM subscriber_cells sc JOIN cells c ON c.id = sc.cell_id
		WHERE sc.kind = 'voice' ORDER BY sc.subscriber_id, sc.cell_id`
	if from != 0 || to != 0 {
		cellQuery = `SELECT v.subscriber_id, v.cell_id, c.cell, count(*)
		FROM voice v JOIN cells c ON c.id = v.cell_id
		WHERE ` + scope + ` GROUP BY v.subscriber_id, v.cell_id ORDER BY v.subscriber_id, v.cell_id`
	} else {
		scopeArgs = nil
	}
	cells, err := s.db.QueryContext(ctx, cellQuery, scopeArgs...)
	if err != nil {
		return nil, fmt.Errorf("SIM-box cells: %w", err)
	}
	defer cells.Close()
	for cells.Next() {
		var sub int64
		var c analysis.CellRecords
		if err := cells.Scan(&sub, &c.CellID, &c.Cell, &c.Records); err != nil {
			return nil, err
		}
		if i, ok := index[sub]; ok {
			acts[i].Cells = append(acts[i].Cells, c)
		}
	}
	return acts, cells.Err()
}

// VoiceSelection picks one subscriber's voice records: those behind a
// SIM-box feature (see analysis.RecordSelection).
type VoiceSelection struct {
	SubscriberID int64
	Types        []string              // call types; none: every type
	Night        *analysis.ClockWindow // only records started in this wall-clock window
	CellID       int64                 // only records in this cell (0: any)
	WithCell     bool                  // only records that carry a cell
}

// VoiceEvidenceFrom is the FROM clause VoiceSelection.Where is written
// for: the voice record v, its source file src and its cell c.
const VoiceEvidenceFrom = "voice v JOIN sources src ON src.id = v.source_id LEFT JOIN cells c ON c.id = v.cell_id"

// Where is the selection as an SQL condition over VoiceEvidenceFrom, with
// its arguments. The index voice_by_subscriber answers it in start order.
func (sel VoiceSelection) Where() (string, []any) {
	conds := []string{"v.subscriber_id = ?"}
	args := []any{sel.SubscriberID}
	if len(sel.Types) > 0 {
		conds = append(conds, "v.call_type IN (?"+strings.Repeat(", ?", len(sel.Types)-1)+")")
		for _, t := range sel.Types {
			args = append(args, t)
		}
	}
	if sel.Night != nil {
		c, a := nightSQL(*sel.Night)
		conds = append(conds, c)
		args = append(args, a...)
	}
	if sel.CellID != 0 {
		conds = append(conds, "v.cell_id = ?")
		args = append(args, sel.CellID)
	}
	if sel.WithCell {
		conds = append(conds, "v.cell_id IS NOT NULL")
	}
	return strings.Join(conds, " AND "), args
}

// VoiceEvidence is one voice record as the analyst is shown it: where it
// was read (file and line) and what it says.
type VoiceEvidence struct {
	ID       int64  `json:"id"`
	Source   string `json:"source"`
	Line     int64  `json:"line"`
	Start    int64  `json:"start"`
	Offset   int32  `json:"wall_offset"`
	Wall     string `json:"wall_clock"`
	CallType string `json:"call_type"`
	Other    string `json:"other"`
	Duration int64  `json:"duration"` // seconds, -1 when not given
	Cell     string `json:"cell"`
}

// VoiceRecords returns up to limit records of a selection in start order,
// and how many there are in all.
func (s *Store) VoiceRecords(ctx context.Context, sel VoiceSelection, limit int) ([]VoiceEvidence, int64, error) {
	where, args := sel.Where()
	var total int64
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM voice v WHERE "+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT v.id, src.path, v.line, v.start, v.wall_offset, v.call_type,
		coalesce(v.other, ''), coalesce(v.duration, -1), coalesce(c.cell, '')
		FROM `+VoiceEvidenceFrom+` WHERE `+where+` ORDER BY v.start, v.id LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []VoiceEvidence
	for rows.Next() {
		var e VoiceEvidence
		if err := rows.Scan(&e.ID, &e.Source, &e.Line, &e.Start, &e.Offset, &e.CallType, &e.Other, &e.Duration, &e.Cell); err != nil {
			return nil, 0, err
		}
		e.Wall = analysis.Moment{Unix: e.Start, Offset: e.Offset}.String()
		out = append(out, e)
	}
	return out, total, rows.Err()
}
