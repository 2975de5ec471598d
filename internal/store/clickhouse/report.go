package clickhouse

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/store"
)

// What a report asks of a case on ClickHouse beside the analyses: the
// queries a reader runs with clickhouse-client to list the records behind
// a figure (written against the tables as they are named on the server:
// DATABASE.ipdr and DATABASE.voice, the Distributed tables, with a
// cluster; DATABASE.ipdr_local and DATABASE.voice_local without one), and
// a sample of where those records were read. Each query keeps to complete
// sources, as every figure does, names the subscriber, device or cell by
// its value in the small tables (read on the server named: GLOBAL IN with
// a cluster), and names each record's file by joining the sources table;
// ClickHouse 18.16 takes one JOIN a query, so the records are a subquery.

// CaseArg is the case as a command takes it: its URL with its cluster,
// without user or password (a reader gives their own, as the URL's or in
// CDRTUI_CLICKHOUSE_USER and CDRTUI_CLICKHOUSE_PASSWORD).
func (s *Store) CaseArg() string {
	u := Scheme + s.target.Addr + "/" + s.target.Database
	if s.target.Cluster != "" {
		u += "?cluster=" + s.target.Cluster
	}
	return u
}

// TraceQueries returns the case's trace queries, in ClickHouse's SQL.
func (s *Store) TraceQueries() store.TraceQueries {
	in := "IN"
	if s.target.Cluster != "" {
		in = "GLOBAL IN"
	}
	return chTraces{db: s.target.Database, ipdr: s.table("ipdr"), voice: s.table("voice"), visible: s.visible(), in: in, addr: s.target.Addr}
}

type chTraces struct {
	db, ipdr, voice string
	visible         string // source_id [GLOBAL] IN (complete sources)
	in              string // IN, or GLOBAL IN with a cluster
	addr            string
}

// wallSQL is a record's wall clock as a DateTime (1970 to 2106: SampleByWall
// refuses a record outside).
const wallSQL = "toDateTime(start + wall_offset, 'UTC')"

func (t chTraces) who(msisdn string) string {
	return " AND subscriber_id " + t.in + " (SELECT id FROM " + t.db + ".subscribers WHERE msisdn = " + quote(msisdn) + ")"
}

// named joins the records of sub (whose source_id is named id) with their
// files' paths.
func (t chTraces) named(cols, sub string) string {
	return "SELECT path AS source, " + cols + " FROM (" + sub + ") ANY LEFT JOIN (SELECT id, path FROM " + t.db +
		".sources) USING id ORDER BY source, line"
}

func (t chTraces) dataRecords(msisdn, cond string) string {
	return t.named("line, start_wall, dest_ip, dest_port, wall_unix",
		"SELECT source_id AS id, line, toString("+wallSQL+") AS start_wall, dest_ip, dest_port, start + wall_offset AS wall_unix FROM "+
			t.ipdr+" WHERE "+t.visible+t.who(msisdn)+cond)
}

func portList(ports []int) (in []string, null bool) {
	for _, p := range ports {
		if p < 0 {
			null = true
		} else {
			in = append(in, strconv.Itoa(p))
		}
	}
	return in, null
}

func (t chTraces) IPDR(msisdn string, ports []int) string {
	in, null := portList(ports)
	cond := ""
	switch {
	case len(in) > 0 && null:
		cond = " AND (dest_port IN (" + strings.Join(in, ",") + ") OR isNull(dest_port))"
	case len(in) > 0:
		cond = " AND dest_port IN (" + strings.Join(in, ",") + ")"
	case null:
		cond = " AND isNull(dest_port)"
	}
	return t.dataRecords(msisdn, cond)
}

func (t chTraces) Voice(msisdn string) string {
	return t.named("line, start_wall, call_type, other, duration",
		"SELECT source_id AS id, line, toString("+wallSQL+") AS start_wall, call_type, other, duration FROM "+t.voice+
			" WHERE "+t.visible+t.who(msisdn))
}

func (t chTraces) Rejects(sourceID int64) string {
	return fmt.Sprintf("SELECT line, severity, reason, raw FROM %s.rejects WHERE source_id = %d ORDER BY line", t.db, sourceID)
}

// both lists msisdn's data and voice records meeting cond.
func (t chTraces) both(msisdn, cond string) string {
	one := func(table, kind string) string {
		return "SELECT source_id AS id, line, toString(" + wallSQL + ") AS start_wall, '" + kind + "' AS kind FROM " + table +
			" WHERE " + t.visible + t.who(msisdn) + cond
	}
	return t.named("line, start_wall, kind", one(t.ipdr, "data")+" UNION ALL "+one(t.voice, "voice"))
}

func (t chTraces) Cell(msisdn, cell string) string {
	return t.both(msisdn, " AND cell_id "+t.in+" (SELECT id FROM "+t.db+".cells WHERE cell = "+quote(cell)+")")
}

func (t chTraces) Device(msisdn, column, value string) string {
	if column != "imsi" {
		column = "imei"
	}
	return t.both(msisdn, " AND device_id "+t.in+" (SELECT id FROM "+t.db+".devices WHERE "+column+" = "+quote(value)+")")
}

func (t chTraces) Destination(msisdn, ip string, port int) string {
	cond := " AND isNull(dest_ip)"
	if ip != "" {
		cond = " AND dest_ip = " + quote(ip)
	}
	if port < 0 {
		cond += " AND isNull(dest_port)"
	} else {
		cond += " AND dest_port = " + strconv.Itoa(port)
	}
	return t.dataRecords(msisdn, cond)
}

func (t chTraces) Data(msisdn string, sel store.DataSelection, when store.WallWhen) string {
	cond := ""
	if sel.ByPort {
		cond += " AND " + store.PortCondition(sel, "isNull(dest_port)")
	}
	switch when.Part {
	case store.WhenHour:
		cond += fmt.Sprintf(" AND toHour(%s) = %d", wallSQL, when.N)
	case store.WhenBin3h:
		cond += fmt.Sprintf(" AND intDiv(toHour(%s), 3) = %d", wallSQL, when.N)
	case store.WhenWeekday:
		cond += fmt.Sprintf(" AND toDayOfWeek(%s) = %d", wallSQL, when.N+1) // 1 Monday
	case store.WhenDate:
		cond += " AND toDate(" + wallSQL + ") = toDate(" + quote(when.Date) + ")"
	}
	return t.dataRecords(msisdn, cond)
}

func (t chTraces) Command(string) []string {
	host, port, err := net.SplitHostPort(t.addr)
	if err != nil {
		host, port = t.addr, "9000"
	}
	return []string{"clickhouse-client", "--host", host, "--port", port, "--query"}
}

// Sample runs a trace query and returns its first limit rows' source and
// line (by source and line) and how many rows it has, in one round trip:
// groupArray over a subquery ordered by ORDER BY keeps that order
// (ClickHouse's documented exception to aggregates' unspecified order).
func (s *Store) Sample(ctx context.Context, traceSQL string, limit int) ([]store.RecordRef, int64, error) {
	var n uint64
	var srcs []string
	var lines []int64
	lim := strconv.Itoa(max(limit, 1))
	err := s.home.QueryRow(ctx, "SELECT count(), groupArray("+lim+")(source), groupArray("+lim+")(line) FROM ("+traceSQL+")").Scan(&n, &srcs, &lines)
	if err != nil {
		return nil, 0, s.explain(err)
	}
	var out []store.RecordRef
	for i := range srcs {
		if i < limit && i < len(lines) {
			out = append(out, store.RecordRef{Source: srcs[i], Line: lines[i]})
		}
	}
	return out, int64(n), nil
}

// maxDateTime is the last second ClickHouse's DateTime holds.
const maxDateTime = 1<<32 - 1

// SampleByWall runs a data trace query (TraceQueries().Data with no
// condition) once and files each row under the keys keysOf gives its wall
// clock, as store.Store.SampleByWall does. A record whose wall clock
// ClickHouse's DateTime cannot hold (before 1970, after 2106) is refused:
// the per-hour, per-day queries the report prints would miss it.
func (s *Store) SampleByWall(ctx context.Context, traceSQL string, keysOf func(wall string) []string, limit int) (map[string]*store.WallSample, error) {
	rows, err := s.home.Query(ctx, "SELECT source, line, wall_unix FROM ("+traceSQL+") ORDER BY source, line")
	if err != nil {
		return nil, s.explain(err)
	}
	defer rows.Close()
	out := map[string]*store.WallSample{}
	for rows.Next() {
		var ref store.RecordRef
		var wall int64
		if err := rows.Scan(&ref.Source, &ref.Line, &wall); err != nil {
			return nil, err
		}
		if wall < 0 || wall > maxDateTime {
			return nil, fmt.Errorf("%s line %d: its wall clock (%d) is before 1970 or after 2106, which the report's ClickHouse queries (DateTime) cannot name: make this report from a local case",
				ref.Source, ref.Line, wall)
		}
		for _, k := range keysOf(time.Unix(wall, 0).UTC().Format(time.DateTime)) {
			g := out[k]
			if g == nil {
				g = &store.WallSample{}
				out[k] = g
			}
			g.Total++
			if len(g.Refs) < limit {
				g.Refs = append(g.Refs, ref)
			}
		}
	}
	return out, s.explain(rows.Err())
}

// Rejects returns a source's first limit rejects, by line.
func (s *Store) Rejects(ctx context.Context, sourceID int64, limit int) ([]store.Reject, error) {
	rows, err := s.home.Query(ctx, s.sql(`SELECT line, severity, reason, raw FROM {db}.rejects WHERE source_id = ?
		ORDER BY line, severity LIMIT ?`), sourceID, limit)
	if err != nil {
		return nil, s.explain(err)
	}
	defer rows.Close()
	var out []store.Reject
	for rows.Next() {
		var r store.Reject
		if err := rows.Scan(&r.Line, &r.Severity, &r.Reason, &r.Raw); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, s.explain(rows.Err())
}
