package clickhouse

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/cdrtui/cdrtui/internal/store"
)

// pbxMirrors are the private SQLite copies of the case's PBX artefacts
// this Store made (PBX): the latest is reused while the case's PBX
// generation is the same; all are closed and removed by Close (a pane may
// still read an older one).
type pbxMirrors struct {
	mu   sync.Mutex
	gen  int64
	cur  *store.Store
	all  []*store.Store
	dirs []string
}

func (m *pbxMirrors) close() {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, st := range m.all {
		st.Close()
	}
	for _, d := range m.dirs {
		os.RemoveAll(d)
	}
	m.all, m.dirs, m.cur, m.gen = nil, nil, nil, 0
}

// PBX returns the case's PBX artefacts as a local case answers for them:
// a private SQLite case in a temporary directory (never beside evidence),
// holding the PBX sources and tables of the case's current generation,
// and, for each IMEI a modem of dongle.conf declares, the subscribers
// whose records on the cluster carried it (what store.Store.IMEIHits
// reads). The PBX analyses (casework.Asterisk, the Asterisk pane) run on
// it unchanged, so their numbers are a local case's by construction. It
// is made again when an import has changed the PBX artefacts since; it is
// closed and removed with the Store. Nothing is written to it after.
func (s *Store) PBX(ctx context.Context) (*store.Store, error) {
	m := &s.mirrors
	m.mu.Lock()
	defer m.mu.Unlock()
	gen, err := s.pbxGen(ctx)
	if err != nil {
		return nil, s.explain(err)
	}
	if m.cur != nil && m.gen == gen {
		return m.cur, nil
	}
	dir, err := os.MkdirTemp("", "cdrtui-pbx-")
	if err != nil {
		return nil, err
	}
	st, err := store.Create(filepath.Join(dir, "pbx.db"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := s.fillMirror(ctx, st, gen); err != nil {
		st.Close()
		os.RemoveAll(dir)
		return nil, fmt.Errorf("ClickHouse %s: reading the PBX artefacts: %w", s.target, s.explain(err))
	}
	m.cur, m.gen = st, gen
	m.all, m.dirs = append(m.all, st), append(m.dirs, dir)
	return st, nil
}

func (s *Store) fillMirror(ctx context.Context, st *store.Store, gen int64) error {
	for _, key := range []string{"country", "country_source"} {
		v, err := s.info(ctx, key)
		if err != nil {
			return err
		}
		if v != "" {
			if err := st.SetInfo(ctx, key, v); err != nil {
				return err
			}
		}
	}
	if gen == 0 {
		return nil
	}
	srcs, err := s.pbxSources(ctx, gen)
	if err != nil {
		return err
	}
	if err := st.LoadRows(ctx, "sources", store.SourceColumns, srcs); err != nil {
		return err
	}
	err = s.eachPBXTable(ctx, st, gen, func(table string, cols []string, rows [][]any) error {
		return st.LoadRows(ctx, table, cols, rows)
	})
	if err != nil {
		return err
	}
	// a generation an older cdrtui wrote: its invented durations and talk
	// times answered as unknown, as a local case's migrations make them
	if err := st.ForgetInventedPBXTimes(ctx); err != nil {
		return err
	}
	return s.mirrorIMEIs(ctx, st)
}

// mirrorIMEIs copies into st the subscribers, devices and device spans
// (records, first and last start, by kind) behind every IMEI a modem of
// the PBX declares: the devices whose IMEI is the modem's, or shares its
// first 14 digits when it has them (store.Store.IMEIHits then keeps those
// it matches), their uses summed on the shards.
func (s *Store) mirrorIMEIs(ctx context.Context, st *store.Store) error {
	dongles, err := st.PBXDongles(ctx)
	if err != nil {
		return err
	}
	var conds []string
	seen := map[string]bool{}
	for _, d := range dongles {
		imei := strings.TrimSpace(d.IMEI)
		if imei == "" {
			continue
		}
		c := "imei = " + quote(imei)
		if len(imei) >= 14 {
			c = "startsWith(imei, " + quote(imei[:14]) + ")"
		}
		if !seen[c] {
			seen[c] = true
			conds = append(conds, c)
		}
	}
	if len(conds) == 0 {
		return nil
	}
	var devices [][]any
	var ids []int64
	err = s.each(ctx, `SELECT id, imsi, imei, handset FROM {db}.devices`+completeDims+` AND (`+strings.Join(conds, " OR ")+`) ORDER BY id`, func(sc scanner) error {
		var id int64
		var imsi, imei, handset string
		if err := sc.Scan(&id, &imsi, &imei, &handset); err != nil {
			return err
		}
		devices = append(devices, []any{id, imsi, imei, handset})
		ids = append(ids, id)
		return nil
	})
	if err != nil || len(ids) == 0 {
		return err
	}
	in := idList(ids)
	var spans [][]any
	subs := map[int64]bool{}
	var subIDs []int64
	err = s.each(ctx, `SELECT subscriber_id, d, kind, count(), min(start), max(start) FROM (
		SELECT subscriber_id, assumeNotNull(device_id) AS d, 'ipdr' AS kind, start FROM {ipdr} WHERE {visible} AND device_id IN (`+in+`)
		UNION ALL SELECT subscriber_id, assumeNotNull(device_id) AS d, 'voice' AS kind, start FROM {voice} WHERE {visible} AND device_id IN (`+in+`))
		GROUP BY subscriber_id, d, kind ORDER BY subscriber_id, d, kind`, func(sc scanner) error {
		var sub, dev, first, last int64
		var kind string
		var n uint64
		if err := sc.Scan(&sub, &dev, &kind, &n, &first, &last); err != nil {
			return err
		}
		spans = append(spans, []any{sub, dev, kind, int64(n), first, last})
		if !subs[sub] {
			subs[sub] = true
			subIDs = append(subIDs, sub)
		}
		return nil
	})
	if err != nil {
		return err
	}
	var subscribers [][]any
	if len(subIDs) > 0 {
		err = s.each(ctx, `SELECT id, msisdn FROM {db}.subscribers`+completeDims+` AND id IN (`+idList(subIDs)+`) ORDER BY id`, func(sc scanner) error {
			var id int64
			var msisdn string
			err := sc.Scan(&id, &msisdn)
			subscribers = append(subscribers, []any{id, msisdn})
			return err
		})
		if err != nil {
			return err
		}
	}
	if err := st.LoadRows(ctx, "subscribers", []string{"id", "msisdn"}, subscribers); err != nil {
		return err
	}
	if err := st.LoadRows(ctx, "devices", []string{"id", "imsi", "imei", "handset"}, devices); err != nil {
		return err
	}
	return st.LoadRows(ctx, "subscriber_devices", []string{"subscriber_id", "device_id", "kind", "records", "first_seen", "last_seen"}, spans)
}
