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
	Kind    string `json:"kind"`    // subscriber, imsi, imei, ip, cell, source
	Value   string `json:"value"`   // as written in the case
	MSISDN  string `json:"msisdn"`  // the subscriber it leads to ("" for ip, cell, source)
	Records int64  `json:"records"` // records behind the hit
	Detail  string `json:"detail"`  // e.g. the subscribers a device or IP was used by
	ID      int64  `json:"id"`      // source id for a source, subscriber id otherwise
}

// PaletteSearch finds subscribers (by MSISDN written with or without a
// country code, +, spaces or dashes), devices (IMSI, IMEI, also without the
// IMEI's check digit), destination IP addresses, cells and source files
// for what was typed. At most limit hits of each kind.
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
	if digits != "" && len(digits) >= 4 {
		q := `SELECT id, msisdn, data_records + voice_records FROM subscribers
			WHERE msisdn = ? OR msisdn = ? OR msisdn = ? OR (length(?) >= 6 AND msisdn LIKE '%' || ?) ORDER BY 3 DESC LIMIT ?`
		trimmed := strings.TrimLeft(digits, "0")
		key, _, err := s.NumberKey(ctx, typed) // the case's plan reads the national forms
		if err != nil {
			return nil, err
		}
		if err := s.paletteRows(ctx, &hits, "subscriber", q, typed, trimmed, key, trimmed, trimmed, limit); err != nil {
			return nil, err
		}
		for i := range hits {
			var n int64
			if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM ast_calls WHERE src_key = ?1 OR recipient_key = ?1`, hits[i].MSISDN).Scan(&n); err != nil {
				return nil, err
			}
			if n > 0 {
				hits[i].Detail = "also in " + countOf(n, "PBX call")
			}
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
				if err := s.paletteDevice(ctx, &hits, col, q, digits, digits, prefix, limit); err != nil {
					return nil, err
				}
			}
		}
	}
	if addr, err := netip.ParseAddr(typed); err == nil {
		var n, subs int64
		err := s.db.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(DISTINCT subscriber_id) FROM ipdr WHERE dest_ip = ?`, addr.String()).Scan(&n, &subs)
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
