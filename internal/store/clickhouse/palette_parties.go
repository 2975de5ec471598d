package clickhouse

import (
	"context"
	"sort"
	"strings"

	"github.com/cdrtui/cdrtui/internal/ident"
	"github.com/cdrtui/cdrtui/internal/store"
)

// PaletteParties finds a typed number that is no subscriber but the other
// party of calls: matched on its key under the case's numbering plan, as
// written, as its digits, or (six digits or more, leading zeros aside) by
// the end of the party's key; one hit per subscriber and party, most calls
// first, then by the subscriber's number, at most limit, as
// store.Store.PaletteSearch's party hits.
func (s *Store) PaletteParties(ctx context.Context, typed string, limit int) ([]store.PaletteHit, error) {
	typed = strings.TrimSpace(typed)
	d, plus, ok := ident.SplitNumber(typed)
	if !ok || d == "" {
		return nil, nil
	}
	plan, _, err := s.NumberingPlan(ctx)
	if err != nil {
		return nil, err
	}
	var keys []string
	if k, ok := plan.Key(d, plus); ok {
		keys = append(keys, k)
	}
	if len(keys) == 0 || keys[0] != d {
		keys = append(keys, d)
	}
	cond := `other_key IN (` + quoteList(keys) + `) OR other = ` + quote(typed) + ` OR other = ` + quote(d)
	if tail := strings.TrimLeft(d, "0"); len(tail) >= 6 {
		cond += ` OR endsWith(other_key, ` + quote(tail) + `)`
	}
	type party struct {
		sub        int64
		calls      int64
		value, key string
	}
	var found []party
	err = s.each(ctx, `SELECT subscriber_id, count(), min(other), ifNull(min(other_key), '') FROM {voice}
		WHERE (`+cond+`) AND {visible} GROUP BY subscriber_id, ifNull(other_key, other)`, func(sc scanner) error {
		var p party
		var n uint64
		var value *string
		if err := sc.Scan(&p.sub, &n, &value, &p.key); err != nil {
			return err
		}
		p.calls = int64(n)
		if value != nil {
			p.value = *value
		}
		found = append(found, p)
		return nil
	})
	if err != nil || len(found) == 0 {
		return nil, err
	}
	subs := map[int64]bool{}
	for _, p := range found {
		subs[p.sub] = true
	}
	msisdn, err := s.msisdns(ctx, subs)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(found, func(i, j int) bool {
		a, b := found[i], found[j]
		if a.calls != b.calls {
			return a.calls > b.calls
		}
		return msisdn[a.sub] < msisdn[b.sub]
	})
	var hits []store.PaletteHit
	for _, p := range found[:min(len(found), limit)] {
		h := store.PaletteHit{Kind: "party", Value: p.value, MSISDN: msisdn[p.sub], Records: p.calls, ID: p.sub}
		if p.key != "" {
			h.Value = p.key
		}
		h.Detail = store.CountOf(h.Records, "call") + " with " + h.MSISDN
		hits = append(hits, h)
	}
	return hits, nil
}
