package store

import (
	"context"
	"fmt"
	"strings"
)

// RecordRef is where one record was read: its source file and line.
type RecordRef struct {
	Source string `json:"source"`
	Line   int64  `json:"line"`
}

// quote writes s as an SQL string literal.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

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
