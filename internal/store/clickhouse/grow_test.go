package clickhouse

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// growth is what grow did: copies of the imported case made on the
// servers, and how long that took.
type growth struct {
	copies     int   // copies added beside the original (0: none)
	ipdr, all  int64 // data records, all records, in the case after
	took       time.Duration
	mergedWait time.Duration
}

// grow makes a large case out of an imported one on the servers, without
// reading evidence again: copies-1 times, every complete source's records
// are copied by INSERT ... SELECT on the shard that holds them, each copy
// k with its own sources (k times the largest id added to every id: the
// path and SHA-256 written with a "#copy k" suffix, marked complete
// last), subscribers (their ids shifted by an even stride, so that a
// copy stays on the shard of its original; the MSISDN written with a
// "c<k>" suffix, so a copy is another subscriber), devices (IMSI and IMEI
// with the suffix) and record ids, its overlap provenance and rejects
// shifted alike. Cells are the network's and are shared. The voice
// records' other parties are the original's numbers: the copies call the
// same people.
func grow(ctx context.Context, s *Store, copies int) (growth, error) {
	g := growth{copies: copies - 1}
	t0 := time.Now()
	var maxSource, maxSub, maxDev, maxIPDR, maxVoice int64
	for _, q := range []struct {
		dst *int64
		sql string
	}{
		{&maxSource, `SELECT max(id) FROM {db}.sources`},
		{&maxSub, `SELECT max(id) FROM {db}.subscribers`},
		{&maxDev, `SELECT max(id) FROM {db}.devices`},
		{&maxIPDR, `SELECT max(id) FROM {ipdr}`},
		{&maxVoice, `SELECT max(id) FROM {voice}`},
	} {
		if err := s.home.QueryRow(ctx, s.sql(q.sql)).Scan(q.dst); err != nil {
			return g, err
		}
	}
	subStride := maxSub + 1 + (maxSub+1)%2 // even: sub % shards is kept for 2 shards
	if len(s.shards) > 2 {
		subStride = (maxSub/int64(len(s.shards)) + 1) * int64(len(s.shards))
	}
	// the shards hold no list of complete sources; the imported case has
	// no incomplete one
	orig := fmt.Sprintf("source_id <= %d", maxSource)
	ipdrCols := "id + {k}*%[1]d, source_id + {k}*%[2]d, line, subscriber_id + {k}*%[3]d, device_id + {k}*%[4]d, private_ip, private_port, public_ip, public_port, dest_ip, dest_port, start, end, wall_offset, cell_id, uplink, downlink, total, rat, domain, msisdn_as, device_ident"
	voiceCols := "id + {k}*%[1]d, source_id + {k}*%[2]d, line, subscriber_id + {k}*%[3]d, device_id + {k}*%[4]d, other, call_type, start, wall_offset, duration, cell_id, msisdn_as, other_key"
	db := s.target.Database
	for k := 1; k < copies; k++ {
		kk := fmt.Sprint(k)
		rep := func(q string) string {
			return replaceK(q, kk)
		}
		home := []string{
			fmt.Sprintf(`INSERT INTO %[1]s.sources (id, path, location, kind, format, sha256, size, modified_at, imported_at, tz,
				date_order, mapping, rows_imported, rows_rejected, fields_dropped, rows_already, notes, sheet, workbook_sha256, country)
				SELECT id + {k}*%[2]d, concat(path, '#copy {k}'), location, kind, format, concat(sha256, '#copy {k}'), size, modified_at,
				imported_at, tz, date_order, mapping, rows_imported, rows_rejected, fields_dropped, rows_already, notes, sheet,
				workbook_sha256, country FROM %[1]s.sources WHERE id <= %[2]d AND id IN (SELECT id FROM %[1]s.source_complete)`, db, maxSource),
			fmt.Sprintf(`INSERT INTO %[1]s.subscribers (id, msisdn, msisdn_key, source_id)
				SELECT id + {k}*%[2]d, concat(msisdn, 'c{k}'), concat(msisdn_key, 'c{k}'), source_id + {k}*%[3]d
				FROM %[1]s.subscribers WHERE id <= %[4]d`, db, subStride, maxSource, maxSub),
			fmt.Sprintf(`INSERT INTO %[1]s.devices (id, imsi, imei, handset, source_id)
				SELECT id + {k}*%[2]d, if(imsi = '', '', concat(imsi, 'c{k}')), if(imei = '', '', concat(imei, 'c{k}')), handset, source_id + {k}*%[3]d
				FROM %[1]s.devices WHERE id <= %[2]d`, db, maxDev, maxSource),
			fmt.Sprintf(`INSERT INTO %[1]s.record_sources (kind, record_id, source_id, line)
				SELECT kind, record_id + {k}*if(kind = 'voice', %[2]d, %[3]d), source_id + {k}*%[4]d, line
				FROM %[1]s.record_sources WHERE source_id <= %[4]d`, db, maxVoice, maxIPDR, maxSource),
			fmt.Sprintf(`INSERT INTO %[1]s.rejects (source_id, line, severity, reason, raw)
				SELECT source_id + {k}*%[2]d, line, severity, reason, raw FROM %[1]s.rejects WHERE source_id <= %[2]d`, db, maxSource),
		}
		for _, q := range home {
			if err := s.home.Exec(ctx, rep(q)); err != nil {
				return g, fmt.Errorf("copy %d: %w", k, err)
			}
		}
		var wg sync.WaitGroup
		errs := make([]error, len(s.shards))
		for i, c := range s.shards {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for _, q := range []string{
					fmt.Sprintf(`INSERT INTO %s.ipdr_local (%s) SELECT %s FROM %s.ipdr_local WHERE %s`, db, joinCols(ipdrColumns),
						fmt.Sprintf(ipdrCols, maxIPDR, maxSource, subStride, maxDev), db, orig),
					fmt.Sprintf(`INSERT INTO %s.voice_local (%s) SELECT %s FROM %s.voice_local WHERE %s`, db, joinCols(voiceColumns),
						fmt.Sprintf(voiceCols, maxVoice, maxSource, subStride, maxDev), db, orig),
				} {
					if err := c.Exec(ctx, rep(q)); err != nil {
						errs[i] = fmt.Errorf("copy %d, shard %d: %w", k, i+1, err)
						return
					}
				}
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				return g, err
			}
		}
		if err := s.home.Exec(ctx, rep(fmt.Sprintf(`INSERT INTO %[1]s.source_complete (id, at)
			SELECT id + {k}*%[2]d, at FROM %[1]s.source_complete WHERE id <= %[2]d`, db, maxSource))); err != nil {
			return g, err
		}
	}
	g.took = time.Since(t0)
	// let the shards merge the parts the copies made before the
	// questions are timed (at most 15 minutes)
	t1 := time.Now()
	for time.Since(t1) < 15*time.Minute {
		most := uint64(0)
		for _, c := range s.shards {
			var n uint64
			if err := c.QueryRow(ctx, `SELECT count() FROM system.parts WHERE active AND database = ? GROUP BY table ORDER BY count() DESC LIMIT 1`, db).Scan(&n); err != nil {
				return g, err
			}
			most = max(most, n)
		}
		if most <= 24 {
			break
		}
		time.Sleep(5 * time.Second)
	}
	g.mergedWait = time.Since(t1)
	var ipdr, voice uint64
	if err := s.home.QueryRow(ctx, s.sql(`SELECT count() FROM {ipdr} WHERE {visible}`)).Scan(&ipdr); err != nil {
		return g, err
	}
	if err := s.home.QueryRow(ctx, s.sql(`SELECT count() FROM {voice} WHERE {visible}`)).Scan(&voice); err != nil {
		return g, err
	}
	g.ipdr, g.all = int64(ipdr), int64(ipdr+voice)
	return g, nil
}

func replaceK(q, k string) string {
	out := make([]byte, 0, len(q))
	for i := 0; i < len(q); i++ {
		if i+3 <= len(q) && q[i:i+3] == "{k}" {
			out = append(out, k...)
			i += 2
			continue
		}
		out = append(out, q[i])
	}
	return string(out)
}
