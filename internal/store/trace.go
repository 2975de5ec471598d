package store

import (
	"context"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// RecordRef is where one record was read: its source file and line.
type RecordRef struct {
	Source string `json:"source"`
	Line   int64  `json:"line"`
}

// quote writes s as an SQL string literal. Text a report shows escaped
// (a control character, a format character such as U+202E, bytes that are
// not UTF-8) is written as its bytes, CAST(X'…' AS TEXT): shown inert, a
// literal 'ESC[2J' would be the text \x1b[2J and match no record.
func quote(s string) string {
	if !utf8.ValidString(s) || strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }) >= 0 {
		return "CAST(X'" + hex.EncodeToString([]byte(s)) + "' AS TEXT)"
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// IPDRTraceSQL is a query a reader can run with the sqlite3 shell on the
// case to list every data record of msisdn on the given destination ports
// (-1 stands for records without a port; no ports: all the records).
func IPDRTraceSQL(msisdn string, ports []int) string {
	q := "SELECT source, line, start_wall, dest_ip, dest_port FROM ipdr_readable WHERE subscriber = " + quote(msisdn)
	var in []string
	null := false
	for _, p := range ports {
		if p < 0 {
			null = true
		} else {
			in = append(in, fmt.Sprint(p))
		}
	}
	switch {
	case len(in) > 0 && null:
		q += " AND (dest_port IN (" + strings.Join(in, ",") + ") OR dest_port IS NULL)"
	case len(in) > 0:
		q += " AND dest_port IN (" + strings.Join(in, ",") + ")"
	case null:
		q += " AND dest_port IS NULL"
	}
	return q + " ORDER BY source, line"
}

// VoiceTraceSQL lists every voice record of msisdn.
func VoiceTraceSQL(msisdn string) string {
	return "SELECT source, line, start_wall, call_type, other, duration FROM voice_readable WHERE subscriber = " + quote(msisdn) + " ORDER BY source, line"
}

// RejectsTraceSQL lists a source's rejected lines.
func RejectsTraceSQL(sourceID int64) string {
	return fmt.Sprintf("SELECT line, severity, reason, raw FROM rejects WHERE source_id = %d ORDER BY line", sourceID)
}

// Sample runs a trace query (one of the *TraceSQL above, whose first two
// columns are the source and the line) and returns its first limit rows
// and how many rows it has in all.
func (s *Store) Sample(ctx context.Context, traceSQL string, limit int) ([]RecordRef, int64, error) {
	var n int64
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM ("+traceSQL+")").Scan(&n); err != nil {
		return nil, 0, err
	}
	refs, err := queryAll(ctx, s.db, func(x *RecordRef) []any { return []any{&x.Source, &x.Line} },
		"SELECT source, line FROM ("+traceSQL+") LIMIT ?", limit)
	return refs, n, err
}

// Reject is one rejected line or dropped value.
type Reject struct {
	Line     int64  `json:"line"`
	Severity string `json:"severity"`
	Reason   string `json:"reason"`
	Raw      string `json:"raw"`
}

// Rejects returns a source's first limit rejects, by line.
func (s *Store) Rejects(ctx context.Context, sourceID int64, limit int) ([]Reject, error) {
	return queryAll(ctx, s.db, func(x *Reject) []any { return []any{&x.Line, &x.Severity, &x.Reason, &x.Raw} },
		"SELECT line, severity, reason, raw FROM rejects WHERE source_id = ? ORDER BY line, severity LIMIT ?", sourceID, limit)
}

// CellTraceSQL lists msisdn's data and voice records in a cell.
func CellTraceSQL(msisdn, cell string) string {
	return "SELECT source, line, start_wall, 'data' AS kind FROM ipdr_readable WHERE subscriber = " + quote(msisdn) + " AND cell = " + quote(cell) +
		" UNION ALL SELECT source, line, start_wall, 'voice' FROM voice_readable WHERE subscriber = " + quote(msisdn) + " AND cell = " + quote(cell) +
		" ORDER BY source, line"
}

// DeviceTraceSQL lists msisdn's data and voice records with a handset
// (column imei) or a SIM (column imsi) as written.
func DeviceTraceSQL(msisdn, column, value string) string {
	if column != "imsi" {
		column = "imei"
	}
	return "SELECT source, line, start_wall, 'data' AS kind FROM ipdr_readable WHERE subscriber = " + quote(msisdn) + " AND " + column + " = " + quote(value) +
		" UNION ALL SELECT source, line, start_wall, 'voice' FROM voice_readable WHERE subscriber = " + quote(msisdn) + " AND " + column + " = " + quote(value) +
		" ORDER BY source, line"
}

// DestinationTraceSQL lists msisdn's data records to ip and port ("" and
// -1 for records without them).
func DestinationTraceSQL(msisdn, ip string, port int) string {
	q := "SELECT source, line, start_wall, dest_ip, dest_port FROM ipdr_readable WHERE subscriber = " + quote(msisdn)
	if ip == "" {
		q += " AND dest_ip IS NULL"
	} else {
		q += " AND dest_ip = " + quote(ip)
	}
	if port < 0 {
		q += " AND dest_port IS NULL"
	} else {
		q += fmt.Sprintf(" AND dest_port = %d", port)
	}
	return q + " ORDER BY source, line"
}

// PortCondition is the condition on dest_port a selection by port makes
// (its ports and ranges, and noPort, the SQL of "no port", when it takes
// the records without one), in the SQL both SQLite and ClickHouse read.
func PortCondition(sel DataSelection, noPort string) string {
	var or []string
	for _, r := range sel.Ports {
		if r[0] == r[1] {
			or = append(or, fmt.Sprintf("dest_port = %d", r[0]))
		} else {
			or = append(or, fmt.Sprintf("dest_port BETWEEN %d AND %d", r[0], r[1]))
		}
	}
	if sel.NoPort {
		or = append(or, noPort)
	}
	if len(or) == 0 {
		or = append(or, "0") // an application no port belongs to: nothing
	}
	return "(" + strings.Join(or, " OR ") + ")"
}

// DataTraceSQL lists msisdn's data records on the ports sel selects (all
// its records when sel is not ByPort) whose wall clock meets when (one of
// AtWallHour, InWallBin3h, OnWallWeekday, OnWallDate; "" for any time).
// msisdn is the subscriber as the case keys it (subscribers.msisdn, the
// view's subscriber column): every record of the subscriber however its
// number was written, found through ipdr_by_subscriber (the view's msisdn
// column is the number as written, which no index holds).
func DataTraceSQL(msisdn string, sel DataSelection, when string) string {
	q := "SELECT source, line, start_wall, dest_ip, dest_port FROM ipdr_readable WHERE subscriber = " + quote(msisdn)
	if sel.ByPort {
		q += " AND " + PortCondition(sel, "dest_port IS NULL")
	}
	if when != "" {
		q += " AND " + when
	}
	return q + " ORDER BY source, line"
}

// AtWallHour is the condition "in hour h (0-23) of the evidence's wall clock".
func AtWallHour(h int) string { return fmt.Sprintf("strftime('%%H', start_wall) = '%02d'", h) }

// InWallBin3h is the condition "in three-hour interval i (0: 00-03 ... 7:
// 21-24) of the wall clock".
func InWallBin3h(i int) string {
	return fmt.Sprintf("strftime('%%H', start_wall) IN ('%02d', '%02d', '%02d')", 3*i, 3*i+1, 3*i+2)
}

// OnWallWeekday is the condition "on weekday i of the wall clock" (0 Monday
// ... 6 Sunday; SQLite's %w counts from Sunday).
func OnWallWeekday(i int) string { return fmt.Sprintf("strftime('%%w', start_wall) = '%d'", (i+1)%7) }

// OnWallDate is the condition "on date d (2006-01-02) of the wall clock".
func OnWallDate(d string) string { return "date(start_wall) = " + quote(d) }

// WallSample is the records of one part of the wall clock: the first few
// and how many in all.
type WallSample struct {
	Refs  []RecordRef
	Total int64
}

// SampleByWall runs a trace query whose first three columns are the
// source, the line and the wall clock (DataTraceSQL with no condition)
// once, and files every row under the keys keysOf gives its wall clock
// ("2024-03-01 07:15:00"): per key, the first limit rows in the query's
// order and the count. One pass stands for the one query per hour,
// interval, weekday or date that a reader runs.
func (s *Store) SampleByWall(ctx context.Context, traceSQL string, keysOf func(wall string) []string, limit int) (map[string]*WallSample, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT source, line, start_wall FROM ("+traceSQL+")")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]*WallSample{}
	for rows.Next() {
		var ref RecordRef
		var wall sql.NullString
		if err := rows.Scan(&ref.Source, &ref.Line, &wall); err != nil {
			return nil, err
		}
		for _, k := range keysOf(wall.String) {
			g := out[k]
			if g == nil {
				g = &WallSample{}
				out[k] = g
			}
			g.Total++
			if len(g.Refs) < limit {
				g.Refs = append(g.Refs, ref)
			}
		}
	}
	return out, rows.Err()
}
