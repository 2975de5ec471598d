package store

import (
	"context"
	"net/netip"
	"strconv"
	"strings"
)

// PaletteHit is one thing in the case the palette found for what the
// analyst typed.
type PaletteHit struct {
	Kind    string `json:"kind"`            // subscriber, imsi, imei, party (a number called or calling, no subscriber), pbx (a number only seized PBXs' calls hold), ip, cell, source
	Value   string `json:"value"`           // as written in the case (a pbx hit: the number's key)
	MSISDN  string `json:"msisdn"`          // the subscriber it leads to ("" for pbx, ip, cell, source)
	Records int64  `json:"records"`         // records behind the hit
	Detail  string `json:"detail"`          // e.g. the subscribers a device or IP was used by
	ID      int64  `json:"id"`              // source id for a source, subscriber id otherwise
	Keyed   bool   `json:"keyed,omitempty"` // a pbx hit: Value is the number's key (src_key, recipient_key), not the number as written
}

// PaletteSearch finds subscribers (by MSISDN written with or without a
// country code, +, spaces, dashes or a trunk 0, matched on the number's
// canonical key under the case's numbering plan; six digits or more also
// find the numbers ending in them), a number that is no subscriber but the
// other party of calls (with the subscribers who called it or were called
// by it, most calls first), devices (IMSI, IMEI, also without the
// IMEI's check digit), a number that no subscriber holds but the calls of
// seized PBXs do (caller or number called, on its key under the plan, or as
// written: kind pbx, with its count of PBX calls), destination IP
// addresses, cells and source files for what was typed. At most limit hits
// of each kind.
func (s *Store) PaletteSearch(ctx context.Context, typed string, limit int) ([]PaletteHit, error) {
	typed = strings.TrimSpace(typed)
	if typed == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = 8
	}
	var hits []PaletteHit
	digits := digitsOf(typed)
	if len(digits) >= 3 {
		found, err := s.paletteNumber(ctx, &hits, typed, limit)
		if err != nil {
			return nil, err
		}
		if err := s.AlsoInPBX(ctx, hits); err != nil {
			return nil, err
		}
		if len(digits) >= 6 {
			dq := `SELECT s.id, s.msisdn, SUM(sd.records), d.%s FROM devices d
				JOIN subscriber_devices sd ON sd.device_id = d.id
				JOIN subscribers s ON s.id = sd.subscriber_id
				WHERE d.%s = ? OR (length(?) >= 14 AND d.%s LIKE ? || '%%')
				GROUP BY s.id, d.%s ORDER BY 3 DESC LIMIT ?`
			for _, col := range []string{"imsi", "imei"} {
				q := strings.ReplaceAll(dq, "%s", col)
				q = strings.ReplaceAll(q, "%%", "%")
				prefix := digits
				if col == "imei" && len(prefix) > 14 {
					prefix = prefix[:14] // an IMEI with its check digit or an IMEISV: the same handset
				}
				if col == "imsi" {
					prefix = "-" // a SIM is found by its whole IMSI only
				}
				n := len(hits)
				if err := s.paletteDevice(ctx, &hits, col, q, digits, digits, prefix, limit); err != nil {
					return nil, err
				}
				found = found || len(hits) > n
			}
		}
		if !found {
			if err := s.paletteParty(ctx, &hits, typed, limit); err != nil {
				return nil, err
			}
			if err := s.palettePBX(ctx, &hits, typed); err != nil {
				return nil, err
			}
		}
	}
	if addr, err := netip.ParseAddr(typed); err == nil {
		var n, subs int64
		// through the destination index on the address's key, then the text
		k := ipKeyOf(addr.String())
		err := s.db.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(DISTINCT subscriber_id) FROM ipdr WHERE dest_hi IS ? AND dest_lo IS ? AND dest_ip = ?`,
			k.hiValue(), k.loValue(), addr.String()).Scan(&n, &subs)
		if err != nil {
			return nil, err
		}
		if n > 0 {
			hits = append(hits, PaletteHit{Kind: "ip", Value: addr.String(), Records: n, Detail: countOf(subs, "subscriber")})
		}
	}
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, c.cell, COALESCE(SUM(sc.records), 0), COUNT(DISTINCT sc.subscriber_id) FROM cells c
		LEFT JOIN subscriber_cells sc ON sc.cell_id = c.id WHERE c.cell LIKE ? || '%' ESCAPE '\'
		GROUP BY c.id ORDER BY 3 DESC LIMIT ?`, likeEscape(typed), limit)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var h PaletteHit
		var subs int64
		if err := rows.Scan(&h.ID, &h.Value, &h.Records, &subs); err != nil {
			rows.Close()
			return nil, err
		}
		h.Kind, h.Detail = "cell", countOf(subs, "subscriber")
		hits = append(hits, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = s.db.QueryContext(ctx, `SELECT id, path, rows_imported, kind FROM sources
		WHERE path LIKE '%' || ? || '%' ESCAPE '\' ORDER BY id LIMIT ?`, likeEscape(typed), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var h PaletteHit
		if err := rows.Scan(&h.ID, &h.Value, &h.Records, &h.Detail); err != nil {
			return nil, err
		}
		h.Kind = "source"
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

// AlsoInPBX says beside each subscriber hit how many calls of seized PBXs
// name its number (caller or number called, on its key): "also in N PBX
// calls".
func (s *Store) AlsoInPBX(ctx context.Context, hits []PaletteHit) error {
	for i := range hits {
		if hits[i].Kind != "subscriber" {
			continue
		}
		var n int64
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM ast_calls WHERE src_key = ?1 OR recipient_key = ?1`, hits[i].MSISDN).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			hits[i].Detail = "also in " + countOf(n, "PBX call")
		}
	}
	return nil
}

// PalettePBX is the hit of a typed number that no subscriber holds but
// the calls of seized PBXs do (none when they hold none), as PaletteSearch
// lists it.
func (s *Store) PalettePBX(ctx context.Context, typed string) ([]PaletteHit, error) {
	var hits []PaletteHit
	err := s.palettePBX(ctx, &hits, typed)
	return hits, err
}

func (s *Store) paletteRows(ctx context.Context, hits *[]PaletteHit, kind, q string, args ...any) error {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		h := PaletteHit{Kind: kind}
		if err := rows.Scan(&h.ID, &h.MSISDN, &h.Records); err != nil {
			return err
		}
		h.Value = h.MSISDN
		*hits = append(*hits, h)
	}
	return rows.Err()
}

func (s *Store) paletteDevice(ctx context.Context, hits *[]PaletteHit, kind, q string, args ...any) error {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		h := PaletteHit{Kind: kind}
		if err := rows.Scan(&h.ID, &h.MSISDN, &h.Records, &h.Value); err != nil {
			return err
		}
		h.Detail = "used by " + h.MSISDN
		*hits = append(*hits, h)
	}
	return rows.Err()
}

// digitsOf is s without the separators people write numbers with (+, space,
// dash, dot, brackets), or "" when anything else is in it.
func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' || r == ' ' || r == '-' || r == '.' || r == '(' || r == ')':
		default:
			return ""
		}
	}
	return b.String()
}

func likeEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

func countOf(n int64, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.FormatInt(n, 10) + " " + what + "s"
}

// paletteNumber adds the subscribers whose number is typed, in any form
// the case's numbering plan reads (its key, or its digits as written);
// when none is, six digits or more (trunk zeros dropped) find the numbers
// that end in them. found says a subscriber matched exactly.
func (s *Store) paletteNumber(ctx context.Context, hits *[]PaletteHit, typed string, limit int) (found bool, err error) {
	q, err := s.identityQuery(ctx, typed)
	if err != nil || q.digits == "" {
		return false, err
	}
	n := len(*hits)
	if err := s.paletteRows(ctx, hits, "subscriber", `SELECT id, msisdn, data_records + voice_records FROM subscribers
		WHERE msisdn IN (SELECT value FROM json_each(?)) ORDER BY 3 DESC LIMIT ?`, jsonList(q.numbers), limit); err != nil {
		return false, err
	}
	if len(*hits) > n {
		return true, nil
	}
	if tail := strings.TrimLeft(q.digits, "0"); len(tail) >= 6 {
		err = s.paletteRows(ctx, hits, "subscriber", `SELECT id, msisdn, data_records + voice_records FROM subscribers
			WHERE substr(msisdn, -length(?1)) = ?1 ORDER BY 3 DESC LIMIT ?2`, tail, limit)
	}
	return false, err
}

// paletteParty adds a typed number that is in the case only as the other
// party of calls: one hit per subscriber it was in calls with (the
// subscriber the hit leads to), matched on its key under the numbering
// plan, or as written; six digits or more also match the keys ending in
// them. The voice table is read whole (other_key has no index), so this
// runs only when no subscriber or device matched.
func (s *Store) paletteParty(ctx context.Context, hits *[]PaletteHit, typed string, limit int) error {
	q, err := s.identityQuery(ctx, typed)
	if err != nil || q.digits == "" {
		return err
	}
	tail := strings.TrimLeft(q.digits, "0")
	if len(tail) < 6 {
		tail = "\x00" // too short to stand for a number's end
	}
	rows, err := s.db.QueryContext(ctx, `SELECT s.id, s.msisdn, count(*), min(v.other), coalesce(min(v.other_key), '') FROM voice v
		JOIN subscribers s ON s.id = v.subscriber_id
		WHERE v.other_key IN (SELECT value FROM json_each(?1)) OR v.other = ?2 OR v.other = ?3
		   OR substr(v.other_key, -length(?4)) = ?4
		GROUP BY s.id, coalesce(v.other_key, v.other) ORDER BY 3 DESC, s.msisdn LIMIT ?5`,
		jsonList(q.numbers), strings.TrimSpace(typed), q.digits, tail, limit)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		h := PaletteHit{Kind: "party"}
		var key string
		if err := rows.Scan(&h.ID, &h.MSISDN, &h.Records, &h.Value, &key); err != nil {
			return err
		}
		if key != "" {
			h.Value = key
		}
		h.Detail = countOf(h.Records, "call") + " with " + h.MSISDN
		*hits = append(*hits, h)
	}
	return rows.Err()
}

// palettePBX adds a typed number that no subscriber holds but the calls of
// seized PBXs do, as caller or as number called: matched on its key under
// the case's numbering plan (calls keep the keys beside the numbers as
// written), or, for a number the plan could not key, as written. One hit,
// its Value the key (or the number as written), its Records the PBX calls.
func (s *Store) palettePBX(ctx context.Context, hits *[]PaletteHit, typed string) error {
	q, err := s.identityQuery(ctx, typed)
	if err != nil || q.digits == "" {
		return err
	}
	for _, k := range q.numbers {
		var n int64
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM ast_calls WHERE src_key = ?1 OR recipient_key = ?1`, k).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			*hits = append(*hits, PaletteHit{Kind: "pbx", Value: k, Keyed: true, Records: n, Detail: countOf(n, "PBX call")})
			return nil
		}
	}
	written := strings.TrimSpace(typed)
	var n int64
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM ast_calls
		WHERE (src = ?1 AND src_key IS NULL) OR (recipient = ?1 AND recipient_key IS NULL)`, written).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		*hits = append(*hits, PaletteHit{Kind: "pbx", Value: written, Records: n, Detail: countOf(n, "PBX call")})
	}
	return nil
}

// DigitsOf is typed without the separators people write numbers with, or
// "" when anything else is in it: what PaletteSearch takes for a number.
func DigitsOf(typed string) string { return digitsOf(typed) }

// CountOf writes n things ("1 subscriber", "3 subscribers"), as the
// palette's details say them.
func CountOf(n int64, what string) string { return countOf(n, what) }
