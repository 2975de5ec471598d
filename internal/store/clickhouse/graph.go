package clickhouse

import (
	"cmp"
	"context"
	"slices"

	"github.com/cdrtui/cdrtui/internal/store"
)

// The link graph's questions: the call and SMS links of numbers, each an
// aggregation of the voice records on the shards by (subscriber, other
// party), as store.Store.CallLinks and CallLinksAmong give them.

// linkTypes are the records a link counts: calls and SMS, either way.
const linkTypes = `call_type IN ('VOICE_IN', 'VOICE_OUT', 'SMS_IN', 'SMS_OUT')`

// linkSums are a link's calls, SMS and talk time.
const linkSums = `sum(call_type IN ('VOICE_IN', 'VOICE_OUT')), sum(call_type IN ('SMS_IN', 'SMS_OUT')),
	sum(if(call_type IN ('VOICE_IN', 'VOICE_OUT'), ifNull(duration, 0), 0))`

// subscriberIDs maps numbers (as subscribers' numbers are held) to the
// ids of the subscribers that have them.
func (s *Store) subscriberIDs(ctx context.Context, numbers []string) (map[int64]string, error) {
	out := map[int64]string{}
	for len(numbers) > 0 {
		n := min(len(numbers), numbersPerQuery)
		err := s.each(ctx, `SELECT id, msisdn FROM {db}.subscribers`+completeDims+` AND msisdn IN (`+strList(numbers[:n])+`)`, func(sc scanner) error {
			var id int64
			var m string
			err := sc.Scan(&id, &m)
			out[id] = m
			return err
		})
		if err != nil {
			return nil, err
		}
		numbers = numbers[n:]
	}
	return out, nil
}

// CallLinks returns the call and SMS links of the numbers keys: those in
// the records of each key that is a subscriber of the case, and those in
// any other subscriber's records whose other party has one of the keys;
// a link found both ways is listed once. Records other than calls and
// SMS, records without another party, and records whose wall clock is
// outside [from, to) (0: open) are left out. Keys are read 500 at a time
// and each lot's links ordered by subscriber then other party, as the
// local case does.
func (s *Store) CallLinks(ctx context.Context, keys []string, from, to int64) ([]store.CallLink, error) {
	type pair struct{ sub, other string }
	seen := map[pair]bool{}
	var out []store.CallLink
	for len(keys) > 0 {
		n := min(len(keys), numbersPerQuery)
		chunk := keys[:n]
		keys = keys[n:]
		subs, err := s.subscriberIDs(ctx, chunk)
		if err != nil {
			return nil, err
		}
		ids := orNone(keysOf(subs))
		type row struct {
			store.CallLink
			sub int64
		}
		var rows []row
		err = s.each(ctx, `SELECT subscriber_id, if(ifNull(other_key, '') <> '', ifNull(other_key, ''), ifNull(other, '')) AS o,
			min(ifNull(other, '')), ifNull(other_key, '') <> '' AS keyed, `+linkSums+`
			FROM {voice} WHERE {visible} AND ifNull(other, '') <> '' AND `+linkTypes+wallScope(from, to)+`
			  AND (subscriber_id IN (`+ids+`) OR (other_key IN (`+strList(chunk)+`) AND subscriber_id NOT IN (`+ids+`)))
			GROUP BY subscriber_id, o, keyed`, func(sc scanner) error {
			var r row
			var keyed uint8
			var calls, sms uint64
			if err := sc.Scan(&r.sub, &r.Other, &r.OtherAs, &keyed, &calls, &sms, &r.TalkS); err != nil {
				return err
			}
			r.Keyed, r.Calls, r.SMS = keyed != 0, int64(calls), int64(sms)
			rows = append(rows, r)
			return nil
		})
		if err != nil {
			return nil, err
		}
		others := map[int64]bool{}
		for _, r := range rows {
			if _, ok := subs[r.sub]; !ok {
				others[r.sub] = true
			}
		}
		names, err := s.msisdns(ctx, others)
		if err != nil {
			return nil, err
		}
		for id, m := range subs {
			names[id] = m
		}
		for i := range rows {
			rows[i].Subscriber = names[rows[i].sub]
		}
		// an unkeyed party written as another's key: unkeyed first, as
		// SQLite's grouping leaves them
		slices.SortFunc(rows, func(x, y row) int {
			return cmp.Or(cmp.Compare(x.Subscriber, y.Subscriber), cmp.Compare(x.Other, y.Other), cmpBool(x.Keyed, y.Keyed))
		})
		for _, r := range rows {
			if p := (pair{r.Subscriber, r.Other}); !seen[p] {
				seen[p] = true
				out = append(out, r.CallLink)
			}
		}
	}
	return out, nil
}

// CallLinksAmong returns the call and SMS links among numbers: those in
// the records of each of subs (keys of subscribers of the case) whose
// other party's key is one of others, counted as CallLinks counts them,
// ordered by subscriber then other party.
func (s *Store) CallLinksAmong(ctx context.Context, subs, others []string, from, to int64) ([]store.CallLink, error) {
	if len(subs) == 0 || len(others) == 0 {
		return nil, nil
	}
	names, err := s.subscriberIDs(ctx, subs)
	if err != nil || len(names) == 0 {
		return nil, err
	}
	ids := keysOf(names)
	var out []store.CallLink
	for len(ids) > 0 {
		n := min(len(ids), idsPerQuery)
		in := idList(ids[:n])
		ids = ids[n:]
		for rest := others; len(rest) > 0; {
			m := min(len(rest), numbersPerQuery)
			err := s.each(ctx, `SELECT subscriber_id, assumeNotNull(other_key) AS o, min(ifNull(other, '')), `+linkSums+`
				FROM {voice} WHERE {visible} AND subscriber_id IN (`+in+`) AND other_key IN (`+strList(rest[:m])+`)
				  AND ifNull(other, '') <> '' AND `+linkTypes+wallScope(from, to)+`
				GROUP BY subscriber_id, o`, func(sc scanner) error {
				l := store.CallLink{Keyed: true}
				var sub int64
				var calls, sms uint64
				if err := sc.Scan(&sub, &l.Other, &l.OtherAs, &calls, &sms, &l.TalkS); err != nil {
					return err
				}
				l.Subscriber, l.Calls, l.SMS = names[sub], int64(calls), int64(sms)
				out = append(out, l)
				return nil
			})
			if err != nil {
				return nil, err
			}
			rest = rest[m:]
		}
	}
	slices.SortFunc(out, func(x, y store.CallLink) int {
		return cmp.Or(cmp.Compare(x.Subscriber, y.Subscriber), cmp.Compare(x.Other, y.Other))
	})
	return out, nil
}

func cmpBool(x, y bool) int {
	switch {
	case x == y:
		return 0
	case x:
		return 1
	}
	return -1
}
