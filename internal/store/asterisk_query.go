package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/cdrtui/cdrtui/internal/analysis"
)

// PBXFilter narrows a PBX's calls. The zero value keeps every call.
type PBXFilter struct {
	From, To    int64  // wall-clock seconds (start + wall_offset): From <= wall < To; 0 leaves the side open
	Number      string // a number (or part of one) in src, dst or recipient
	Key         string // a number's E.164 key: the caller's or the number called's key (src_key, recipient_key)
	Disposition string // exact (ANSWERED, NO ANSWER, ... or a FreeSWITCH cause)
	Dongle      string // exact modem name ("-" for calls on no modem)
	Direction   string // inbound, outbound, internal or unknown; "" any
}

// Where returns the SQL condition on ast_calls aliased c (never empty) and
// its arguments, for the calls table and the summaries alike.
func (f PBXFilter) Where() (string, []any) {
	conds := []string{"1"}
	var args []any
	if f.From != 0 {
		conds = append(conds, "c.start + c.wall_offset >= ?")
		args = append(args, f.From)
	}
	if f.To != 0 {
		conds = append(conds, "c.start + c.wall_offset < ?")
		args = append(args, f.To)
	}
	if n := strings.TrimSpace(f.Number); n != "" {
		p := "%" + escapeLike(n) + "%"
		conds = append(conds, `(c.src LIKE ? ESCAPE '\' OR c.dst LIKE ? ESCAPE '\' OR c.recipient LIKE ? ESCAPE '\')`)
		args = append(args, p, p, p)
	}
	if f.Key != "" {
		conds = append(conds, "(c.src_key = ? OR c.recipient_key = ?)")
		args = append(args, f.Key, f.Key)
	}
	if f.Disposition != "" {
		conds = append(conds, "c.disposition = ?")
		args = append(args, f.Disposition)
	}
	if f.Direction != "" {
		conds = append(conds, "c.direction = ?")
		args = append(args, f.Direction)
	}
	switch f.Dongle {
	case "":
	case "-":
		conds = append(conds, "c.dongle = ''")
	default:
		conds = append(conds, "c.dongle = ?")
		args = append(args, f.Dongle)
	}
	return strings.Join(conds, " AND "), args
}

// IsZero reports whether the filter keeps every call.
func (f PBXFilter) IsZero() bool { return f == PBXFilter{} }

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// PBXCalls returns the calls the filter keeps, in start order.
func (s *Store) PBXCalls(ctx context.Context, f PBXFilter) ([]analysis.PBXCall, error) {
	where, args := f.Where()
	return queryAll(ctx, s.db, func(c *analysis.PBXCall) []any {
		return []any{&c.Start, &c.Offset, &c.Recipient, &c.Duration, &c.BillSec, &c.Disposition, &c.Dongle}
	}, `SELECT c.start, c.wall_offset, c.recipient, coalesce(c.duration, -1), coalesce(c.billsec, -1), c.disposition, c.dongle
		FROM ast_calls c WHERE `+where+` ORDER BY c.start, c.id`, args...)
}

// PBXCounts is what a case holds of PBX artefacts.
type PBXCounts struct {
	CallsByKind map[string]int64 // sources.kind -> calls
	CallsByZone map[string]int64 // zone the calls were read in ("" none) -> calls
	Copies      int64            // rows that repeated a call (per-account files)
	LogByLevel  map[string]int64
	History     int64 // shell history lines
}

// PBXCounts counts calls, copies, log entries and shell history.
func (s *Store) PBXCounts(ctx context.Context) (PBXCounts, error) {
	c := PBXCounts{CallsByKind: map[string]int64{}, CallsByZone: map[string]int64{}, LogByLevel: map[string]int64{}}
	groups := []struct {
		q   string
		dst map[string]int64
	}{
		{"SELECT s.kind, count(*) FROM ast_calls c JOIN sources s ON s.id = c.source_id GROUP BY s.kind", c.CallsByKind},
		{"SELECT s.tz, count(*) FROM ast_calls c JOIN sources s ON s.id = c.source_id GROUP BY s.tz", c.CallsByZone},
		{"SELECT level, count(*) FROM ast_log GROUP BY level", c.LogByLevel},
	}
	for _, g := range groups {
		if err := scanCounts(ctx, s.db, g.q, g.dst); err != nil {
			return c, err
		}
	}
	if err := s.db.QueryRowContext(ctx, "SELECT (SELECT count(*) FROM ast_call_copies), (SELECT count(*) FROM shell_history)").Scan(&c.Copies, &c.History); err != nil {
		return c, err
	}
	return c, nil
}

func scanCounts(ctx context.Context, db *sql.DB, q string, dst map[string]int64) error {
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var n int64
		if err := rows.Scan(&k, &n); err != nil {
			return err
		}
		dst[k] = n
	}
	return rows.Err()
}

// PBXDongle is a modem as dongle.conf declares it, with where it was read.
type PBXDongle struct {
	Name, IMEI, IMSI, Exten, Context string
	Notes                            string
	Path                             string
	Line                             int64
}

// PBXDongles lists the modems of every dongle.conf, in import order.
func (s *Store) PBXDongles(ctx context.Context) ([]PBXDongle, error) {
	return queryAll(ctx, s.db, func(d *PBXDongle) []any {
		return []any{&d.Name, &d.IMEI, &d.IMSI, &d.Exten, &d.Context, &d.Notes, &d.Path, &d.Line}
	}, `SELECT d.name, d.imei, d.imsi, d.exten, d.context, d.notes, s.path, d.line
		FROM ast_dongles d JOIN sources s ON s.id = d.source_id ORDER BY d.source_id, d.line`)
}

// PBXPeer is a SIP/PJSIP party of sip.conf or pjsip.conf.
type PBXPeer struct {
	Conf, Name, Type, Host, Port, Username, Context, Detail string
	Path                                                    string
	Line                                                    int64
	// NotLoaded says why Asterisk never read the party's file ("not
	// loaded by Asterisk: no #include from sip.conf reaches this file");
	// "" when it did, or the image cannot tell.
	NotLoaded string
}

// PBXPeers lists the SIP parties, in import order.
func (s *Store) PBXPeers(ctx context.Context) ([]PBXPeer, error) {
	return queryAll(ctx, s.db, func(p *PBXPeer) []any {
		return []any{&p.Conf, &p.Name, &p.Type, &p.Host, &p.Port, &p.Username, &p.Context, &p.Detail, &p.Path, &p.Line, &p.NotLoaded}
	}, `SELECT p.conf, p.name, p.type, p.host, p.port, p.username, p.context, p.detail, s.path, p.line, p.not_loaded
		FROM ast_peers p JOIN sources s ON s.id = p.source_id ORDER BY p.source_id, p.line`)
}

// HostZone is a zone an image's files named.
type HostZone struct {
	Path, Root, Zone, How string
}

// HostZones lists the zone files read, in import order.
func (s *Store) HostZones(ctx context.Context) ([]HostZone, error) {
	return queryAll(ctx, s.db, func(z *HostZone) []any {
		return []any{&z.Path, &z.Root, &z.Zone, &z.How}
	}, `SELECT s.path, z.root, z.zone, z.how FROM ast_zones z JOIN sources s ON s.id = z.source_id ORDER BY z.source_id`)
}

// DialPlanNumbers lists the distinct numbers extensions.conf files name.
func (s *Store) DialPlanNumbers(ctx context.Context) ([]string, error) {
	return queryAll(ctx, s.db, func(n *string) []any { return []any{n} },
		"SELECT number FROM ast_dialplan_numbers GROUP BY number ORDER BY min(rowid)")
}

// IMEIHit is a subscriber whose records carried an IMEI.
type IMEIHit struct {
	MSISDN  string `json:"msisdn"`
	IMEI    string `json:"imei"` // as the records wrote it (14, 15 or 16 digits)
	IMSI    string `json:"imsi"`
	Kind    string `json:"kind"` // ipdr or voice
	Records int64  `json:"records"`
	First   int64  `json:"first"` // Unix seconds of the first and last record
	Last    int64  `json:"last"`
}

// IMEIHits finds the subscribers whose IPDR or voice records carried imei
// (through the device summaries every import keeps). The handset is named
// by its first 14 digits (type allocation code and serial number), so that
// 35693803564380, 356938035643809 (with its check digit or a spare 0) and
// the IMEISV 3569380356438091 are the same handset wherever each is written.
func (s *Store) IMEIHits(ctx context.Context, imei string) ([]IMEIHit, error) {
	imei = strings.TrimSpace(imei)
	if imei == "" {
		return nil, nil
	}
	cond, arg := imeiCond(imei)
	return queryAll(ctx, s.db, func(h *IMEIHit) []any {
		return []any{&h.MSISDN, &h.IMEI, &h.IMSI, &h.Kind, &h.Records, &h.First, &h.Last}
	}, `SELECT sub.msisdn, d.imei, d.imsi, sd.kind, sd.records, sd.first_seen, sd.last_seen
		FROM devices d JOIN subscriber_devices sd ON sd.device_id = d.id JOIN subscribers sub ON sub.id = sd.subscriber_id
		WHERE `+cond+` ORDER BY sd.records DESC, sub.msisdn, sd.kind`, arg)
}

// imeiCond is the condition on devices aliased d naming imei's handset
// (its first 14 digits when it has them, as IMEIHits says), with its
// argument as ?1.
func imeiCond(imei string) (string, any) {
	if len(imei) >= 14 {
		return "d.imei >= ?1 AND d.imei < ?1 || ':' AND length(d.imei) BETWEEN 14 AND 16", imei[:14]
	}
	return "d.imei = ?1", imei
}

// IMEIHitsIn is IMEIHits over the records whose wall clock is in [from,
// to) (0: open), read from the record tables (the device summaries being
// kept for the whole case only): a subscriber none of whose records in
// scope carried the IMEI is not listed. With no scope it is IMEIHits.
func (s *Store) IMEIHitsIn(ctx context.Context, imei string, from, to int64) ([]IMEIHit, error) {
	imei = strings.TrimSpace(imei)
	if from == 0 && to == 0 || imei == "" {
		return s.IMEIHits(ctx, imei)
	}
	cond, arg := imeiCond(imei)
	// the wall clock in [?2, ?3), as wallScopeSQL says it
	wall, all := "(r.start + r.wall_offset)", []any{arg, from}
	scope := "1"
	if from != 0 {
		scope = wall + " >= ?2"
	}
	if to != 0 {
		scope += " AND " + wall + " < ?3"
		all = append(all, to)
	}
	// the subscribers the summaries name, so that each table is read by
	// its subscriber index, not scanned
	pick := `r.subscriber_id IN (SELECT sd.subscriber_id FROM subscriber_devices sd JOIN devices d ON d.id = sd.device_id WHERE ` + cond + `)
		AND r.device_id IN (SELECT d.id FROM devices d WHERE ` + cond + `) AND ` + scope
	return queryAll(ctx, s.db, func(h *IMEIHit) []any {
		return []any{&h.MSISDN, &h.IMEI, &h.IMSI, &h.Kind, &h.Records, &h.First, &h.Last}
	}, `SELECT sub.msisdn, d.imei, d.imsi, u.kind, count(*), min(u.start), max(u.start)
		FROM (SELECT r.subscriber_id, r.device_id, 'ipdr' AS kind, r.start FROM ipdr r WHERE `+pick+`
		      UNION ALL SELECT r.subscriber_id, r.device_id, 'voice' AS kind, r.start FROM voice r WHERE `+pick+`) u
		JOIN devices d ON d.id = u.device_id JOIN subscribers sub ON sub.id = u.subscriber_id
		GROUP BY u.subscriber_id, u.device_id, u.kind ORDER BY count(*) DESC, sub.msisdn, u.kind`, all...)
}

// PBXDirection is how many calls one rule sent one way.
type PBXDirection struct {
	Direction string `json:"direction"`
	Reason    string `json:"reason"`
	Calls     int64  `json:"calls"`
	Example   string `json:"example"` // path:line of the first such call
}

// PBXDirections groups the calls the filter keeps by direction and the
// reason it was decided, most calls first; the example is the earliest
// such call the filter keeps (SQLite takes a bare column from the row
// min() chose).
func (s *Store) PBXDirections(ctx context.Context, f PBXFilter) ([]PBXDirection, error) {
	where, args := f.Where()
	var first int64
	return queryAll(ctx, s.db, func(d *PBXDirection) []any {
		return []any{&d.Direction, &d.Reason, &d.Calls, &first, &d.Example}
	}, `SELECT c.direction, c.direction_reason, count(*), min(c.start), s.path || ':' || c.line
		FROM ast_calls c JOIN sources s ON s.id = c.source_id WHERE `+where+`
		GROUP BY c.direction, c.direction_reason ORDER BY count(*) DESC, c.direction, c.direction_reason`, args...)
}

// PBXCheck is a check of a source against other evidence.
type PBXCheck struct {
	Source  string `json:"source"`
	Topic   string `json:"topic"`
	Verdict string `json:"verdict"`
	Text    string `json:"text"`
}

// PBXChecks lists the checks made at import (the CDR's clock), disagreements first.
func (s *Store) PBXChecks(ctx context.Context) ([]PBXCheck, error) {
	return queryAll(ctx, s.db, func(c *PBXCheck) []any {
		return []any{&c.Source, &c.Topic, &c.Verdict, &c.Text}
	}, `SELECT s.path, k.topic, k.verdict, k.text FROM ast_checks k JOIN sources s ON s.id = k.source_id
		ORDER BY k.verdict <> 'disagrees', k.source_id`)
}
