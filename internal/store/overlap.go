package store

import (
	"context"
	"fmt"
	"math"

	"github.com/cdrtui/cdrtui/internal/evidence"
)

// The overlap rule: two requests for overlapping periods, the same export
// gzipped or with other line endings, or a re-export with one column more
// carry records already in the case. A record that is the same event as one
// stored -- same subscriber and start; for a call the same type, other
// party and duration; for a data session the same end, addresses, ports,
// volumes and domain -- is stored once: the record keeps the first source and line that carried it, and
// each further carrier goes to record_sources with its line.
//
// The check is cheap where nothing can repeat, and its memory is bounded.
// Within a file, each row's event (a 64-bit FNV-1a hash of those fields)
// goes into a Bloom filter of fixed size (16 bits a row of the file's
// estimated length, between 128 KB and 16 MB): a row whose event the
// filter may have seen is noted. Against the case, only a row whose
// subscriber was already in the case with records spanning its start can
// repeat one: it is noted too. Every row is stored and summarised as it
// streams in; once the file is in, each noted row is compared field by
// field, through the subscriber index, with the earlier rows of the same
// subscriber and start (resolveOverlap; the "+" in "+o.id" keeps SQLite
// on that index: on the rowid it would scan every earlier row), and one that matches is removed
// again, its summaries subtracted. A hash collision or a false positive
// of the filter therefore never merges two events: it costs one lookup.
// A file into an empty table, or of subscribers or periods new to the
// case, with no repeated rows, pays the hash and the filter.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// fnvInt mixes a whole integer in one step (the filter mixes the result
// again, see bloom.add).
func fnvInt(h uint64, v int64) uint64 {
	return (h ^ uint64(v)) * fnvPrime
}

func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	h ^= 0xff // end of the text: "ab"+"c" is not "a"+"bc"
	return h * fnvPrime
}

// dataEvent is the event of a data session of subscriber sub: its start
// and end, addresses and ports, volumes and domain. The cell, RAT and
// handset describe the session and do not tell two sessions apart: a
// re-export that adds them repeats the same events.
func dataEvent(sub int64, d *evidence.DataRecord) uint64 {
	h := fnvInt(fnvOffset, sub)
	end := int64(math.MinInt64)
	if d.HasEnd {
		end = d.End
	}
	h = fnvInt(h, end)
	h = fnvString(h, d.PrivateIP)
	h = fnvInt(h, int64(d.PrivatePort))
	h = fnvString(h, d.PublicIP)
	h = fnvInt(h, int64(d.PublicPort))
	h = fnvString(h, d.DestIP)
	h = fnvInt(h, int64(d.DestPort))
	h = fnvInt(h, d.Uplink)
	h = fnvInt(h, d.Downlink)
	h = fnvInt(h, d.Total)
	h = fnvString(h, d.Domain)
	return fnvInt(h, d.Start)
}

// voiceEvent is the event of a call or SMS of subscriber sub: its start,
// type, other party and duration.
func voiceEvent(sub int64, v *evidence.VoiceRecord, otherKey string) uint64 {
	other := otherKey // the other party by its key when it has one
	if other == "" {
		other = v.Other
	}
	h := fnvInt(fnvOffset^1, sub)
	h = fnvString(h, v.CallType)
	h = fnvString(h, other)
	h = fnvInt(h, v.Duration)
	return fnvInt(h, v.Start)
}

// overlap is the producer's side of the rule for one file.
type overlap struct {
	base  int64              // largest record id before this file
	next  int64              // id the next stored record gets
	seen  bloom              // events of the file's rows so far
	prior map[int64][2]int64 // subscriber -> first and last start before this file; nil: the table was empty
	noted int64              // rows that may repeat an earlier row or a record of the case
}

// bloom is a blocked Bloom filter: each key sets three bits in one
// 512-bit block, so a lookup touches one cache line.
type bloom struct{ blocks [][8]uint64 }

// bloomBitsPerRow gives a false positive about one row in 150.
const bloomBitsPerRow = 16

// bloomBits bounds the filter's size in bits: 128 KB to 16 MB.
var bloomBits = [2]int64{1 << 20, 1 << 27}

func newBloom(rows int64) bloom {
	bits := min(max(rows*bloomBitsPerRow, bloomBits[0]), bloomBits[1])
	return bloom{blocks: make([][8]uint64, bits/512)}
}

// add records h and reports whether it may have been added before. FNV's
// low bits depend only on the low bits of its input, so h is mixed first
// (MurmurHash3's finaliser).
func (b bloom) add(h uint64) bool {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	if len(b.blocks) == 0 {
		return true // no filter: every row is compared
	}
	blk := &b.blocks[(h>>32)%uint64(len(b.blocks))]
	seen := true
	for i := range 3 {
		bit := (h >> (9 * i)) & 511
		w, m := bit>>6, uint64(1)<<(bit&63)
		seen = seen && blk[w]&m != 0
		blk[w] |= m
	}
	return seen
}

// newOverlap prepares the rule for a file going into table, which holds
// records up to id base.
func newOverlap(ctx context.Context, j *importJob, base int64) (*overlap, error) {
	est := j.info.Size() / 100 // rows, at 100 bytes a row
	if j.det.gzipped {
		est *= 6
	}
	o := &overlap{base: base, next: base + 1, seen: newBloom(est)}
	if base == 0 {
		return o, nil
	}
	o.prior = map[int64][2]int64{}
	rows, err := j.conn.QueryContext(ctx, "SELECT id, first_seen, last_seen FROM subscribers WHERE first_seen IS NOT NULL")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, first, last int64
		if err := rows.Scan(&id, &first, &last); err != nil {
			return nil, err
		}
		o.prior[id] = [2]int64{first, last}
	}
	return o, rows.Err()
}

// store numbers a row of subscriber sub starting at start with event ev,
// noting it when it may repeat an earlier row of the file or a record of
// the case. The number is the id SQLite gives the row: rows are appended
// in this order, each one more than the largest id before it (SQLite's
// rule for a rowid not given; checkNumbering confirms it).
// The ids of the noted rows travel with their chunk to the consumer, which
// writes them to temp.overlap_candidates between statements: memory stays
// bounded even when every row of a re-imported file is noted.
func (o *overlap) store(sub, start int64, ev uint64) (id int64, noted bool) {
	id = o.next
	o.next++
	if o.seen.add(ev) {
		noted = true
	} else if span, ok := o.prior[sub]; ok && start >= span[0] && start <= span[1] {
		noted = true
	}
	if noted {
		o.noted++
	}
	return id, noted
}

// createCandidates creates the table the noted rows' ids are written to,
// inside the file's transaction; resolveOverlap drops it.
func createCandidates(ctx context.Context, j *importJob) error {
	if _, err := j.conn.ExecContext(ctx, "CREATE TEMP TABLE IF NOT EXISTS overlap_candidates(id INTEGER PRIMARY KEY)"); err != nil {
		return err
	}
	_, err := j.conn.ExecContext(ctx, "DELETE FROM temp.overlap_candidates")
	return err
}

// writeCandidates stores noted ids through the feed.
func writeCandidates(ctx context.Context, j *importJob, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	next := 0
	j.feed.set(func() (feedRow, bool) {
		if next >= len(ids) {
			return nil, false
		}
		next++
		return idRow(ids[next-1]), true
	})
	defer j.feed.set(nil)
	_, err := j.conn.ExecContext(ctx, "INSERT INTO temp.overlap_candidates(id) "+feedSelect(j.feedName, 1))
	return err
}

// checkNumbering confirms that the rows got the ids store gave them: each
// insert took one more than the largest id, so the largest is now the last
// one given (were it not -- a table at the largest id, where SQLite picks
// ids at random -- the file is refused rather than misattributed).
func (o *overlap) checkNumbering(ctx context.Context, j *importJob, table string) error {
	var hi int64
	if err := j.conn.QueryRowContext(ctx, fmt.Sprintf("SELECT coalesce(max(id), 0) FROM %s", table)).Scan(&hi); err != nil {
		return fmt.Errorf("%w: %w", errCaseFailed, err)
	}
	if hi != o.next-1 {
		return fmt.Errorf("%w: the rows were numbered up to %d, expected %d", errCaseFailed, hi, o.next-1)
	}
	return nil
}

// idRow is a feed row of one id.
type idRow int64

func (r idRow) column(int) any { return int64(r) }

// sameEvent is the SQL condition that the older row o is the same event as
// the new row n, field by field (the hash only chose the candidates).
var sameEvent = map[evidence.Kind]string{
	evidence.KindData: `o.subscriber_id = n.subscriber_id AND o.start = n.start AND o."end" IS n."end" AND
		o.private_ip IS n.private_ip AND o.private_port IS n.private_port AND o.public_ip IS n.public_ip AND
		o.public_port IS n.public_port AND o.dest_ip IS n.dest_ip AND o.dest_port IS n.dest_port AND
		o.uplink IS n.uplink AND o.downlink IS n.downlink AND o.total IS n.total AND o.domain IS n.domain`,
	evidence.KindVoice: `o.subscriber_id = n.subscriber_id AND o.start = n.start AND o.call_type = n.call_type AND
		coalesce(nullif(o.other_key, ''), o.other) IS coalesce(nullif(n.other_key, ''), n.other) AND o.duration IS n.duration`,
}

// resolveOverlap compares each noted row of the file with the earlier rows
// of its subscriber and start, field by field, and removes those that
// repeat one: their line goes to record_sources under the first record of
// the event, their share of the summaries is subtracted. It returns how
// many rows repeated a record the case held before the file, and how many
// repeated only an earlier row of the file.
func resolveOverlap(ctx context.Context, j *importJob, kind evidence.Kind, o *overlap) (already, repeated int64, err error) {
	exec := func(q string, args ...any) error {
		_, err := j.conn.ExecContext(ctx, q, args...)
		return err
	}
	defer exec("DROP TABLE IF EXISTS temp.overlap_candidates")
	if o.noted == 0 {
		return 0, 0, nil
	}
	table := tableOf(kind)
	defer exec("DROP TABLE IF EXISTS temp.overlap_pairs")
	// CROSS JOIN keeps the candidates outside (else SQLite may scan the
	// whole table for them)
	pairs := fmt.Sprintf(`CREATE TEMP TABLE overlap_pairs AS
		SELECT n.id AS dup, (SELECT o.id FROM %[1]s o WHERE %[2]s AND +o.id < n.id ORDER BY +o.id LIMIT 1) AS kept
		FROM temp.overlap_candidates c CROSS JOIN %[1]s n ON n.id = c.id`, table, sameEvent[kind])
	if j.bulk.down && len(j.bulk.rebuild) == 0 {
		// the table's indexes are down (more files of the import follow):
		// one scan of the table against the candidates' keys, not a scan
		// per candidate
		defer exec("DROP TABLE IF EXISTS temp.overlap_keys")
		if err := exec(fmt.Sprintf(`CREATE TEMP TABLE overlap_keys AS SELECT n.id AS id, n.subscriber_id AS sub, n.start AS start
			FROM temp.overlap_candidates c CROSS JOIN %s n ON n.id = c.id`, table)); err != nil {
			return 0, 0, err
		}
		if err := exec("CREATE INDEX temp.overlap_keys_by ON overlap_keys(sub, start)"); err != nil {
			return 0, 0, err
		}
		pairs = fmt.Sprintf(`CREATE TEMP TABLE overlap_pairs AS
		SELECT k.id AS dup, min(o.id) AS kept FROM %[1]s o CROSS JOIN temp.overlap_keys k ON k.sub = o.subscriber_id AND k.start = o.start AND o.id < k.id
		CROSS JOIN %[1]s n ON n.id = k.id WHERE %[2]s GROUP BY k.id`, table, sameEvent[kind])
	}
	if err := exec(pairs); err != nil {
		return 0, 0, err
	}
	if err := exec("DELETE FROM temp.overlap_pairs WHERE kept IS NULL"); err != nil {
		return 0, 0, err
	}
	if err := j.conn.QueryRowContext(ctx, "SELECT coalesce(sum(kept <= ?), 0), coalesce(sum(kept > ?), 0) FROM temp.overlap_pairs",
		o.base, o.base).Scan(&already, &repeated); err != nil {
		return 0, 0, err
	}
	if already+repeated == 0 {
		return 0, 0, nil
	}
	steps := []string{
		fmt.Sprintf(`INSERT OR IGNORE INTO record_sources(kind, record_id, source_id, line)
			SELECT '%[1]s', p.kept, n.source_id, n.line FROM temp.overlap_pairs p JOIN %[1]s n ON n.id = p.dup`, table),
	}
	for _, q := range steps {
		if err := exec(q); err != nil {
			return 0, 0, err
		}
	}
	if err := subtractSummaries(ctx, j, kind); err != nil {
		return 0, 0, err
	}
	steps = []string{
		fmt.Sprintf("DELETE FROM %s WHERE id IN (SELECT dup FROM temp.overlap_pairs)", table),
		"DELETE FROM subscriber_devices WHERE records <= 0",
		"DELETE FROM subscriber_cells WHERE records <= 0",
		"DELETE FROM activity WHERE records <= 0",
	}
	steps = append(steps, pruneCaseSummaries...)
	for _, q := range steps {
		if err := exec(q); err != nil {
			return 0, 0, err
		}
	}
	return already, repeated, nil
}

func tableOf(kind evidence.Kind) string {
	if kind == evidence.KindVoice {
		return "voice"
	}
	return "ipdr"
}

// subtractSummaries takes the rows about to be removed out of the
// summaries the import added them to. Their starts equal those of the
// records they repeat, so first and last seen stay as they are.
func subtractSummaries(ctx context.Context, j *importJob, kind evidence.Kind) error {
	q := `SELECT n.subscriber_id, coalesce(n.device_id, 0), coalesce(n.cell_id, 0), n.start, n.wall_offset, coalesce(n.dest_port, -1), coalesce(n.total, -1)
		FROM temp.overlap_pairs p JOIN ipdr n ON n.id = p.dup`
	if kind == evidence.KindVoice {
		q = `SELECT n.subscriber_id, coalesce(n.device_id, 0), coalesce(n.cell_id, 0), n.start, n.wall_offset, -1, -1,
			n.call_type, coalesce(n.other, ''), coalesce(n.other_key, ''), coalesce(n.duration, -1)
			FROM temp.overlap_pairs p JOIN voice n ON n.id = p.dup`
	}
	rows, err := j.conn.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	a := newAggregates()
	for rows.Next() {
		var sub, dev, cell, start, port, total int64
		var off int32
		var v evidence.VoiceRecord
		var otherKey string
		dest := []any{&sub, &dev, &cell, &start, &off, &port, &total}
		if kind == evidence.KindVoice {
			dest = append(dest, &v.CallType, &v.Other, &otherKey, &v.Duration)
		}
		if err := rows.Scan(dest...); err != nil {
			rows.Close()
			return err
		}
		if kind == evidence.KindVoice {
			v.Start, v.WallOffset = start, off
			a.addVoice(sub, dev, cell, &v, otherKey)
		} else {
			a.addData(sub, dev, cell, &evidence.DataRecord{Start: start, WallOffset: off, DestPort: int(port), Total: total})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	a.negate()
	return a.write(ctx, j)
}

// negate turns summaries to add into summaries to subtract, leaving every
// first and last seen unchanged.
func (a *aggregates) negate() {
	for _, s := range a.subs {
		s.data, s.voice = -s.data, -s.voice
		s.first, s.last = math.MaxInt64, math.MinInt64
	}
	for _, m := range []map[pairKey]*span{a.devices, a.cells} {
		for _, s := range m {
			s.records = -s.records
			s.first, s.last = math.MaxInt64, math.MinInt64
		}
	}
	for _, v := range a.activity {
		v.records, v.bytes = -v.records, -v.bytes
		for i := range v.hours {
			v.hours[i] = -v.hours[i]
		}
	}
	a.cs.negate()
}
