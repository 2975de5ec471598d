package store

import (
	"context"
	"strings"

	"github.com/cdrtui/cdrtui/internal/ident"
)

// IdentityHit is one subscriber an identity search found, and by what.
type IdentityHit struct {
	SubscriberID int64  `json:"subscriber_id"`
	MSISDN       string `json:"msisdn"`  // the subscriber's number as the case keys it
	Matched      string `json:"matched"` // msisdn, imsi, imei, or msisdn-suffix
	Value        string `json:"value"`   // the identity that matched, as the case holds it
	Records      int64  `json:"records"` // the subscriber's data and voice records
	// PBXCalls are the calls of seized PBXs in the case whose caller or
	// number called has the same key (Matched "pbx": a number found only
	// there, SubscriberID 0).
	PBXCalls int64 `json:"pbx_calls"`
}

// identityQuery is what a search text can stand for.
type identityQuery struct {
	numbers []string // subscribers.msisdn values: the key under the plan, the digits
	imsi    string
	handset string
	digits  string
}

func (s *Store) identityQuery(ctx context.Context, text string) (identityQuery, error) {
	var q identityQuery
	d, plus, ok := ident.SplitNumber(text)
	if !ok {
		return q, nil
	}
	q.digits = d
	plan, _, err := s.NumberingPlan(ctx)
	if err != nil {
		return q, err
	}
	if k, ok := plan.Key(d, plus); ok {
		q.numbers = append(q.numbers, k)
	}
	if len(q.numbers) == 0 || q.numbers[0] != d {
		q.numbers = append(q.numbers, d)
	}
	if !plus && (len(d) == 14 || len(d) == 15) {
		q.imsi = d
	}
	if !plus {
		q.handset = ident.HandsetKey(d)
	}
	return q, nil
}

// SearchIdentities finds the subscribers an analyst's text names: an
// MSISDN in any form the case's numbering plan reads (9714499703,
// +91 97144 99703, 00919714499703 ...), an IMSI, or an IMEI (with or
// without its check digit, or an IMEISV: matched on the handset key).
// When nothing matches exactly, a number of six digits or more finds the
// subscribers whose MSISDN ends in it. A number that seized PBXs' calls
// hold (caller or number called, under the same key) is found there too:
// each subscriber hit counts those calls, and a number only PBX calls hold
// is a hit of its own (Matched "pbx"). At most limit hits (0: 50), exact
// ones first; text that is not a number finds nothing.
func (s *Store) SearchIdentities(ctx context.Context, text string, limit int) ([]IdentityHit, error) {
	if limit <= 0 {
		limit = 50
	}
	q, err := s.identityQuery(ctx, text)
	if err != nil || q.digits == "" {
		return nil, err
	}
	var hits []IdentityHit
	seen := map[int64]bool{}
	add := func(matched, query string, args ...any) error {
		rows, err := s.db.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			h := IdentityHit{Matched: matched}
			if err := rows.Scan(&h.SubscriberID, &h.MSISDN, &h.Value, &h.Records); err != nil {
				return err
			}
			if !seen[h.SubscriberID] && len(hits) < limit {
				seen[h.SubscriberID] = true
				hits = append(hits, h)
			}
		}
		return rows.Err()
	}
	const sub = "SELECT s.id, s.msisdn, %s, s.data_records + s.voice_records FROM "
	if err := add("msisdn", strings.Replace(sub, "%s", "s.msisdn", 1)+
		"subscribers s WHERE s.msisdn IN (SELECT value FROM json_each(?)) ORDER BY s.id", jsonList(q.numbers)); err != nil {
		return nil, err
	}
	if q.imsi != "" {
		if err := add("imsi", strings.Replace(sub, "%s", "min(d.imsi)", 1)+
			`devices d JOIN subscriber_devices sd ON sd.device_id = d.id JOIN subscribers s ON s.id = sd.subscriber_id
			WHERE d.imsi = ? GROUP BY s.id ORDER BY s.id`, q.imsi); err != nil {
			return nil, err
		}
	}
	if q.handset != "" {
		if err := add("imei", strings.Replace(sub, "%s", "min(d.imei)", 1)+
			`devices d JOIN subscriber_devices sd ON sd.device_id = d.id JOIN subscribers s ON s.id = sd.subscriber_id
			WHERE d.handset = ? GROUP BY s.id ORDER BY s.id`, q.handset); err != nil {
			return nil, err
		}
	}
	if err := s.pbxHits(ctx, q, &hits, limit); err != nil {
		return nil, err
	}
	if len(hits) == 0 && len(q.digits) >= 6 {
		if err := add("msisdn-suffix", strings.Replace(sub, "%s", "s.msisdn", 1)+
			"subscribers s WHERE substr(s.msisdn, -length(?1)) = ?1 ORDER BY s.msisdn LIMIT ?2", q.digits, limit); err != nil {
			return nil, err
		}
	}
	return hits, nil
}

// pbxHits counts, for each subscriber found, the PBX calls its number is
// a party of, and adds a hit for each number searched that only PBX calls
// hold.
func (s *Store) pbxHits(ctx context.Context, q identityQuery, hits *[]IdentityHit, limit int) error {
	const calls = `SELECT count(*) FROM ast_calls WHERE src_key = ?1 OR recipient_key = ?1`
	for i := range *hits {
		if err := s.db.QueryRowContext(ctx, calls, (*hits)[i].MSISDN).Scan(&(*hits)[i].PBXCalls); err != nil {
			return err
		}
	}
	for _, k := range q.numbers {
		if len(*hits) >= limit {
			return nil
		}
		found := false
		for _, h := range *hits {
			found = found || h.MSISDN == k
		}
		var n int64
		if found {
			continue
		}
		if err := s.db.QueryRowContext(ctx, calls, k).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			*hits = append(*hits, IdentityHit{MSISDN: k, Matched: "pbx", Value: k, PBXCalls: n})
		}
	}
	return nil
}

// IdentityFilter is an SQL condition on a subscriber id expression (idExpr,
// "s.id") that holds for the subscribers SearchIdentities finds exactly: by
// MSISDN in any form, IMSI or IMEI. It is "" when text is not a number.
// The Overview's filter ORs it with its text match.
func (s *Store) IdentityFilter(ctx context.Context, idExpr, text string) (string, []any, error) {
	q, err := s.identityQuery(ctx, text)
	if err != nil || q.digits == "" {
		return "", nil, err
	}
	cond := idExpr + " IN (SELECT id FROM subscribers WHERE msisdn IN (SELECT value FROM json_each(?)))"
	args := []any{jsonList(q.numbers)}
	if q.imsi != "" || q.handset != "" {
		cond += " OR " + idExpr + ` IN (SELECT sd.subscriber_id FROM devices d JOIN subscriber_devices sd ON sd.device_id = d.id
			WHERE d.imsi = ? OR d.handset = ?)`
		args = append(args, nonEmptyOr(q.imsi), nonEmptyOr(q.handset))
	}
	return cond, args, nil
}

// nonEmptyOr keeps an empty search value from matching the ” of devices
// without an IMSI or IMEI.
func nonEmptyOr(v string) string {
	if v == "" {
		return "\x00"
	}
	return v
}

func jsonList(vals []string) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, v := range vals {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"` + v + `"`) // digits only
	}
	b.WriteByte(']')
	return b.String()
}
