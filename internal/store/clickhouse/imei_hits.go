package clickhouse

import (
	"context"
	"sort"
	"strings"

	"github.com/cdrtui/cdrtui/internal/store"
)

// IMEIHitsIn is store.Store.IMEIHitsIn on the cluster: the subscribers
// whose records with a wall clock in [from, to) (0: open) carried imei's
// handset (its first 14 digits when it has them, written with 14 to 16),
// by kind, with their records and first and last start, most records
// first. The PBX copy (PBX) keeps these for the whole case only.
func (s *Store) IMEIHitsIn(ctx context.Context, imei string, from, to int64) ([]store.IMEIHit, error) {
	imei = strings.TrimSpace(imei)
	if imei == "" {
		return nil, nil
	}
	cond := "imei = " + quote(imei)
	if len(imei) >= 14 {
		cond = "startsWith(imei, " + quote(imei[:14]) + ") AND length(imei) BETWEEN 14 AND 16"
	}
	type device struct{ imsi, imei string }
	devices := map[int64]device{}
	var ids []int64
	err := s.each(ctx, `SELECT id, imsi, imei FROM {db}.devices`+completeDims+` AND `+cond+` ORDER BY id`, func(sc scanner) error {
		var id int64
		var d device
		if err := sc.Scan(&id, &d.imsi, &d.imei); err != nil {
			return err
		}
		devices[id] = d
		ids = append(ids, id)
		return nil
	})
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	in, scope := idList(ids), wallScope(from, to)
	type span struct {
		sub, dev    int64
		kind        string
		n           uint64
		first, last int64
	}
	var spans []span
	subs := map[int64]string{}
	var subIDs []int64
	err = s.each(ctx, `SELECT subscriber_id, d, kind, count(), min(start), max(start) FROM (
		SELECT subscriber_id, assumeNotNull(device_id) AS d, 'ipdr' AS kind, start FROM {ipdr} WHERE {visible} AND device_id IN (`+in+`)`+scope+`
		UNION ALL SELECT subscriber_id, assumeNotNull(device_id) AS d, 'voice' AS kind, start FROM {voice} WHERE {visible} AND device_id IN (`+in+`)`+scope+`)
		GROUP BY subscriber_id, d, kind`, func(sc scanner) error {
		var x span
		if err := sc.Scan(&x.sub, &x.dev, &x.kind, &x.n, &x.first, &x.last); err != nil {
			return err
		}
		spans = append(spans, x)
		if _, ok := subs[x.sub]; !ok {
			subs[x.sub] = ""
			subIDs = append(subIDs, x.sub)
		}
		return nil
	})
	if err != nil || len(spans) == 0 {
		return nil, err
	}
	err = s.each(ctx, `SELECT id, msisdn FROM {db}.subscribers`+completeDims+` AND id IN (`+idList(subIDs)+`)`, func(sc scanner) error {
		var id int64
		var msisdn string
		err := sc.Scan(&id, &msisdn)
		subs[id] = msisdn
		return err
	})
	if err != nil {
		return nil, err
	}
	out := make([]store.IMEIHit, 0, len(spans))
	for _, x := range spans {
		d := devices[x.dev]
		out = append(out, store.IMEIHit{MSISDN: subs[x.sub], IMEI: d.imei, IMSI: d.imsi, Kind: x.kind, Records: int64(x.n), First: x.first, Last: x.last})
	}
	// as the local case orders them
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Records != b.Records {
			return a.Records > b.Records
		}
		if a.MSISDN != b.MSISDN {
			return a.MSISDN < b.MSISDN
		}
		return a.Kind < b.Kind
	})
	return out, nil
}
