package store

import (
	"context"
	"strings"
)

// celKey is the call a CEL event belongs to: its linkedid, or its
// uniqueid when the file wrote no linkedid (a mapping without it).
const celKey = "CASE WHEN e.linkedid <> '' THEN e.linkedid ELSE e.uniqueid END"

// CELCall is one call of Channel Event Logging: the events that share a
// linkedid, their span, the first event's caller and extension, and the
// call records of the case that carry its linkedid or the uniqueid of one
// of its channels.
type CELCall struct {
	LinkedID   string `json:"linkedid"`
	First      int64  `json:"first"` // Unix seconds
	FirstUsec  int64  `json:"first_usec"`
	Last       int64  `json:"last"`
	LastUsec   int64  `json:"last_usec"`
	Zone       string `json:"zone"` // the zone of the first event's source ("" when none)
	Events     int64  `json:"events"`
	Channels   int64  `json:"channels"` // distinct uniqueids
	Answered   bool   `json:"answered"` // an ANSWER event
	Caller     string `json:"caller"`   // the first event's caller id number
	CallerName string `json:"caller_name"`
	Exten      string `json:"exten"` // the first event's extension and context
	Context    string `json:"context"`
	CDRs       int64  `json:"cdrs"`   // call records tied by linkedid or uniqueid
	Copies     int64  `json:"copies"` // further occurrences of its events (another source, a repeated row), not counted in events
}

// CELEventRow is one CEL event with its provenance.
type CELEventRow struct {
	Source   string `json:"source"`
	Line     int64  `json:"line"`
	Time     int64  `json:"time"`
	Usec     int64  `json:"usec"`
	TimeText string `json:"time_as_written"`
	Zone     string `json:"zone"`
	Event    string `json:"event"`
	UserType string `json:"userdeftype,omitempty"`
	Channel  string `json:"channel"`
	UniqueID string `json:"uniqueid"`
	LinkedID string `json:"linkedid"`
	CIDName  string `json:"cid_name"`
	CIDNum   string `json:"cid_num"`
	Exten    string `json:"exten"`
	Context  string `json:"context"`
	App      string `json:"app"`
	AppData  string `json:"appdata"`
	Peer     string `json:"peer"`
	Extra    string `json:"extra"`
	// AlsoIn lists the further occurrences of the event (ast_cel_copies):
	// the same event in another source or a repeated row, counted once.
	AlsoIn []CELCopy `json:"also_in,omitempty"`
	id     int64
}

// CELCopy is a further occurrence of a CEL event: its source and line.
type CELCopy struct {
	Source string `json:"source"`
	Line   int64  `json:"line"`
}

// CELCDR is a call record tied to a CEL call, and by what.
type CELCDR struct {
	Source      string `json:"source"`
	Line        int64  `json:"line"`
	UniqueID    string `json:"uniqueid"`
	LinkedID    string `json:"linkedid"`
	Src         string `json:"src"`
	Dst         string `json:"dst"`
	Disposition string `json:"disposition"`
	BillSec     *int64 `json:"billsec"` // nil (null) when the records give no talk time
	By          string `json:"tied_by"` // "linkedid" or "uniqueid"
}

// CELSummary counts a case's CEL events and calls.
type CELSummary struct {
	Events       int64 `json:"events"`
	Calls        int64 `json:"calls"`
	CallsWithCDR int64 `json:"calls_with_cdr"`
	Copies       int64 `json:"copies"` // further occurrences of events (ast_cel_copies), not counted in events
}

// celTies lists, per CEL call, the call records carrying its linkedid or
// one of its uniqueids (cond narrows the CEL events, alias e).
func celTies(cond string) string {
	return `SELECT k, id, min(how) AS how FROM (
		SELECT ` + celKey + ` AS k, c.id, 'linkedid' AS how FROM ast_cel e JOIN ast_calls c ON c.linkedid = e.linkedid
			WHERE e.linkedid <> '' AND ` + cond + `
		UNION ALL SELECT ` + celKey + ` AS k, c.id, 'uniqueid' AS how FROM ast_cel e JOIN ast_calls c ON c.uniqueid = e.uniqueid
			WHERE e.uniqueid <> '' AND ` + cond + `
	) GROUP BY k, id`
}

// CELSummary counts the case's CEL events, calls and the calls a call
// record is tied to.
func (s *Store) CELSummary(ctx context.Context) (CELSummary, error) {
	var out CELSummary
	err := s.db.QueryRowContext(ctx, `SELECT count(*), count(DISTINCT `+celKey+`), (SELECT count(*) FROM ast_cel_copies) FROM ast_cel e`).Scan(&out.Events, &out.Calls, &out.Copies)
	if err != nil || out.Events == 0 {
		return out, err
	}
	err = s.db.QueryRowContext(ctx, `SELECT count(DISTINCT k) FROM (`+celTies("1")+`)`).Scan(&out.CallsWithCDR)
	return out, err
}

// CELCalls lists the CEL calls in the order of their first event, at most
// limit of them (0: all), those whose linkedid, caller or extension
// contains match when it is not "".
func (s *Store) CELCalls(ctx context.Context, match string, limit int) ([]CELCall, error) {
	where, args := "1", []any{}
	if m := strings.TrimSpace(match); m != "" {
		p := "%" + escapeLike(m) + "%"
		where = `(e.linkedid LIKE ? ESCAPE '\' OR e.cid_num LIKE ? ESCAPE '\' OR e.exten LIKE ? ESCAPE '\')`
		args = append(args, p, p, p)
	}
	lim := ""
	if limit > 0 {
		lim = " LIMIT ?"
	}
	q := `WITH calls AS (
		SELECT ` + celKey + ` AS k, min(e.time * 1000000 + e.usec) AS f, max(e.time * 1000000 + e.usec) AS l, count(*) AS n,
			count(DISTINCT e.uniqueid) AS ch, max(e.event = 'ANSWER') AS ans
		FROM ast_cel e GROUP BY k HAVING max(` + where + `)),
	firsts AS (SELECT k, cid_num, cid_name, exten, context, tz FROM (
		SELECT ` + celKey + ` AS k, e.cid_num, e.cid_name, e.exten, e.context, s.tz,
			row_number() OVER (PARTITION BY ` + celKey + ` ORDER BY e.time, e.usec, e.source_id, e.line) AS r
		FROM ast_cel e JOIN sources s ON s.id = e.source_id WHERE ` + celKey + ` IN (SELECT k FROM calls)) WHERE r = 1),
	ties AS (SELECT k, count(*) AS n FROM (` + celTies(celKey+" IN (SELECT k FROM calls)") + `) GROUP BY k),
	cps AS (SELECT ` + celKey + ` AS k, count(*) AS n FROM ast_cel_copies x JOIN ast_cel e ON e.id = x.cel_id
		WHERE ` + celKey + ` IN (SELECT k FROM calls) GROUP BY k)
	SELECT c.k, c.f / 1000000, c.f % 1000000, c.l / 1000000, c.l % 1000000, f.tz, c.n, c.ch, c.ans,
		f.cid_num, f.cid_name, f.exten, f.context, coalesce(t.n, 0), coalesce(p.n, 0)
	FROM calls c JOIN firsts f ON f.k = c.k LEFT JOIN ties t ON t.k = c.k LEFT JOIN cps p ON p.k = c.k
	ORDER BY c.f, c.k` + lim
	if limit > 0 {
		args = append(args, limit)
	}
	return queryAll(ctx, s.db, func(c *CELCall) []any {
		return []any{&c.LinkedID, &c.First, &c.FirstUsec, &c.Last, &c.LastUsec, &c.Zone, &c.Events, &c.Channels, &c.Answered,
			&c.Caller, &c.CallerName, &c.Exten, &c.Context, &c.CDRs, &c.Copies}
	}, q, args...)
}

// CELEvents lists the events of one call (its linkedid) in time order,
// each once, with the further occurrences of each (AlsoIn).
func (s *Store) CELEvents(ctx context.Context, linkedID string) ([]CELEventRow, error) {
	evs, err := queryAll(ctx, s.db, func(e *CELEventRow) []any {
		return []any{&e.id, &e.Source, &e.Line, &e.Time, &e.Usec, &e.TimeText, &e.Zone, &e.Event, &e.UserType, &e.Channel, &e.UniqueID, &e.LinkedID,
			&e.CIDName, &e.CIDNum, &e.Exten, &e.Context, &e.App, &e.AppData, &e.Peer, &e.Extra}
	}, `SELECT e.id, s.path, e.line, e.time, e.usec, e.time_text, s.tz, e.event, e.userdeftype, e.channel, e.uniqueid, e.linkedid,
		e.cid_name, e.cid_num, e.exten, e.context, e.app, e.appdata, e.peer, e.extra
		FROM ast_cel e JOIN sources s ON s.id = e.source_id WHERE `+celKey+` = ? ORDER BY e.time, e.usec, e.source_id, e.line`, linkedID)
	if err != nil || len(evs) == 0 {
		return evs, err
	}
	byID := make(map[int64]int, len(evs))
	for i, e := range evs {
		byID[e.id] = i
	}
	type celCopyRow struct {
		id int64
		CELCopy
	}
	cps, err := queryAll(ctx, s.db, func(c *celCopyRow) []any { return []any{&c.id, &c.Source, &c.Line} },
		`SELECT x.cel_id, s.path, x.line FROM ast_cel_copies x JOIN ast_cel e ON e.id = x.cel_id JOIN sources s ON s.id = x.source_id
		WHERE `+celKey+` = ? ORDER BY x.cel_id, x.source_id, x.line`, linkedID)
	for _, c := range cps {
		if i, ok := byID[c.id]; ok {
			evs[i].AlsoIn = append(evs[i].AlsoIn, c.CELCopy)
		}
	}
	return evs, err
}

// CELCDRs lists the call records tied to one CEL call.
func (s *Store) CELCDRs(ctx context.Context, linkedID string) ([]CELCDR, error) {
	return queryAll(ctx, s.db, func(c *CELCDR) []any {
		return []any{&c.Source, &c.Line, &c.UniqueID, &c.LinkedID, &c.Src, &c.Dst, &c.Disposition, &c.BillSec, &c.By}
	}, `SELECT s.path, c.line, c.uniqueid, c.linkedid, c.src, c.dst, c.disposition, c.billsec, t.how
		FROM (`+celTies(celKey+" = ?")+`) t JOIN ast_calls c ON c.id = t.id JOIN sources s ON s.id = c.source_id
		ORDER BY c.start, c.id`, linkedID, linkedID)
}
