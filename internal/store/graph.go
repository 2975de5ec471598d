package store

import (
	"cmp"
	"context"
	"encoding/json"
	"slices"
	"strings"
)

// CallLink is what one subscriber's voice records hold about one other
// number: the calls and SMS between them, either way, and the talk time.
// Numbers are matched by their canonical key (voice.other_key, and
// subscribers.msisdn, which is the subscriber's key); a number without a key
// (an alphanumeric sender, a short code; other_key NULL or ”) is named
// as written, Keyed false.
type CallLink struct {
	Subscriber string `json:"subscriber"` // subscribers.msisdn
	Other      string `json:"other"`      // the other party's key, or as written when it has none
	OtherAs    string `json:"other_as"`   // the other party as written (the first in sort order when written several ways)
	Keyed      bool   `json:"keyed"`
	Calls      int64  `json:"calls"`  // VOICE_IN and VOICE_OUT records
	SMS        int64  `json:"sms"`    // SMS_IN and SMS_OUT records
	TalkS      int64  `json:"talk_s"` // the calls' durations, seconds
}

// linkChunk bounds the numbers named in one query (SQLite's limit on
// bound parameters is far above it).
const linkChunk = 500

// CallLinks returns the call and SMS links of the numbers keys (canonical
// keys, as subscribers.msisdn and voice.other_key hold them): those in the
// records of each key that is a subscriber of the case
// (voice_by_subscriber), and those in any subscriber's records whose other
// party has one of the keys (voice_by_other_key). A link found both ways is
// listed once. Records other than calls and SMS (USSD, forwarded calls) and
// records without another party are left out; so are records whose wall
// clock is outside [from, to) (0: open).
func (s *Store) CallLinks(ctx context.Context, keys []string, from, to int64) ([]CallLink, error) {
	type pair struct{ sub, other string }
	seen := map[pair]bool{}
	var out []CallLink
	scope, scopeArgs := wallScopeSQL("r", from, to)
	for len(keys) > 0 {
		n := min(len(keys), linkChunk)
		chunk := keys[:n]
		keys = keys[n:]
		ks := make([]any, 0, n)
		for _, k := range chunk {
			ks = append(ks, k)
		}
		var args []any
		args = append(append(args, ks...), scopeArgs...)
		args = append(append(append(args, ks...), ks...), scopeArgs...)
		marks := "?" + strings.Repeat(", ?", n-1)
		rows, err := s.db.QueryContext(ctx, `
			WITH v AS (
				SELECT r.subscriber_id, r.other, r.other_key, r.call_type, r.duration FROM voice r
				 WHERE r.subscriber_id IN (SELECT id FROM subscribers WHERE msisdn IN (`+marks+`)) AND `+scope+`
				UNION ALL
				SELECT r.subscriber_id, r.other, r.other_key, r.call_type, r.duration FROM voice r
				 WHERE r.other_key IN (`+marks+`) AND r.subscriber_id NOT IN (SELECT id FROM subscribers WHERE msisdn IN (`+marks+`))
				   AND `+scope+`
			)
			SELECT s.msisdn, coalesce(nullif(v.other_key, ''), v.other), min(v.other), coalesce(v.other_key, '') <> '',
			       sum(v.call_type IN ('VOICE_IN', 'VOICE_OUT')), sum(v.call_type IN ('SMS_IN', 'SMS_OUT')),
			       sum(CASE WHEN v.call_type IN ('VOICE_IN', 'VOICE_OUT') THEN coalesce(v.duration, 0) ELSE 0 END)
			  FROM v JOIN subscribers s ON s.id = v.subscriber_id
			 WHERE v.other <> '' AND v.call_type IN ('VOICE_IN', 'VOICE_OUT', 'SMS_IN', 'SMS_OUT')
			 GROUP BY s.msisdn, coalesce(nullif(v.other_key, ''), v.other), coalesce(v.other_key, '') <> ''
			 ORDER BY 1, 2`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var l CallLink
			if err := rows.Scan(&l.Subscriber, &l.Other, &l.OtherAs, &l.Keyed, &l.Calls, &l.SMS, &l.TalkS); err != nil {
				rows.Close()
				return nil, err
			}
			if p := (pair{l.Subscriber, l.Other}); !seen[p] {
				seen[p] = true
				out = append(out, l)
			}
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// CallLinksAmong returns the call and SMS links among numbers: those in
// the records of each of subs (canonical keys of subscribers of the case)
// whose other party's key is one of others. A link graph's last hop needs
// only these (the links among numbers already reached), and reads them
// through voice_by_other_key alone: the records naming others, narrowed by
// the index's subscriber_id before any row is read. The counts are those
// of CallLinks for the same pairs; records whose wall clock is outside
// [from, to) (0: open) are left out.
func (s *Store) CallLinksAmong(ctx context.Context, subs, others []string, from, to int64) ([]CallLink, error) {
	if len(subs) == 0 || len(others) == 0 {
		return nil, nil
	}
	subsJSON, err := json.Marshal(subs)
	if err != nil {
		return nil, err
	}
	var out []CallLink
	scope, scopeArgs := wallScopeSQL("r", from, to)
	for len(others) > 0 {
		n := min(len(others), linkChunk)
		chunk := others[:n]
		others = others[n:]
		args := make([]any, 0, n+1+len(scopeArgs))
		for _, k := range chunk {
			args = append(args, k)
		}
		args = append(append(args, string(subsJSON)), scopeArgs...)
		rows, err := s.db.QueryContext(ctx, `
			SELECT s.msisdn, r.other_key, min(r.other),
			       sum(r.call_type IN ('VOICE_IN', 'VOICE_OUT')), sum(r.call_type IN ('SMS_IN', 'SMS_OUT')),
			       sum(CASE WHEN r.call_type IN ('VOICE_IN', 'VOICE_OUT') THEN coalesce(r.duration, 0) ELSE 0 END)
			  FROM voice r INDEXED BY voice_by_other_key JOIN subscribers s ON s.id = r.subscriber_id
			 WHERE r.other_key IN (?`+strings.Repeat(", ?", n-1)+`)
			   AND +r.subscriber_id IN (SELECT id FROM subscribers WHERE msisdn IN (SELECT value FROM json_each(?)))
			   AND r.other <> '' AND r.call_type IN ('VOICE_IN', 'VOICE_OUT', 'SMS_IN', 'SMS_OUT') AND `+scope+`
			 GROUP BY s.msisdn, r.other_key
			 ORDER BY 1, 2`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			l := CallLink{Keyed: true}
			if err := rows.Scan(&l.Subscriber, &l.Other, &l.OtherAs, &l.Calls, &l.SMS, &l.TalkS); err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, l)
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	slices.SortFunc(out, func(x, y CallLink) int {
		return cmp.Or(cmp.Compare(x.Subscriber, y.Subscriber), cmp.Compare(x.Other, y.Other))
	})
	return out, nil
}
