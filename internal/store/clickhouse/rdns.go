package clickhouse

import (
	"context"
	"strings"

	"github.com/cdrtui/cdrtui/internal/store"
)

// Reverse DNS answers looked up on the analyst's request (persona --rdns)
// are kept in a case on ClickHouse as in a local one: a small table on the
// server named in the URL, made on first use. A new answer for an address
// is a new row; a reader takes each address's latest (by the row's
// version, the time it was written).

const rdnsTable = `CREATE TABLE IF NOT EXISTS {db}.rdns (ip String, names String, status String, detail String,
 looked_up_at Int64, version UInt64) ENGINE = MergeTree ORDER BY (ip, version)`

// CachedRDNS returns what the case knows of the given addresses' names,
// as store.Store.CachedRDNS.
func (s *Store) CachedRDNS(ctx context.Context, ips []string) (map[string]store.RDNSEntry, error) {
	out := map[string]store.RDNSEntry{}
	if len(ips) == 0 {
		return out, nil
	}
	if err := s.ensure(ctx, "rdns", rdnsTable); err != nil {
		return nil, err
	}
	for len(ips) > 0 {
		n := min(idsPerQuery, len(ips))
		err := s.each(ctx, `SELECT ip, argMax(names, version), argMax(status, version),
			argMax(detail, version), argMax(looked_up_at, version) FROM {db}.rdns WHERE ip IN (`+quoteList(ips[:n])+`) GROUP BY ip`,
			func(sc scanner) error {
				var e store.RDNSEntry
				var names string
				if err := sc.Scan(&e.IP, &names, &e.Status, &e.Detail, &e.LookedUpAt); err != nil {
					return err
				}
				e.Names = strings.Fields(names)
				out[e.IP] = e
				return nil
			})
		if err != nil {
			return nil, err
		}
		ips = ips[n:]
	}
	return out, nil
}

// SaveRDNS keeps lookups' answers in the case, each replacing what the
// case held for its address.
func (s *Store) SaveRDNS(ctx context.Context, entries []store.RDNSEntry) error {
	if len(entries) == 0 {
		return nil
	}
	if err := s.ensure(ctx, "rdns", rdnsTable); err != nil {
		return err
	}
	b, err := s.home.PrepareBatch(ctx, s.sql(`INSERT INTO {db}.rdns (ip, names, status, detail, looked_up_at, version)`))
	if err != nil {
		return clean(err, s.target)
	}
	v := version()
	for i, e := range entries {
		if err := b.Append(e.IP, strings.Join(e.Names, " "), e.Status, e.Detail, e.LookedUpAt, v+uint64(i)); err != nil {
			b.Abort()
			return clean(err, s.target)
		}
	}
	return clean(b.Send(), s.target)
}
