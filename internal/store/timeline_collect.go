package store

import (
	"context"
	"fmt"
	"slices"
	"sync/atomic"
)

// The first data records of a case need not be read back to build the
// port timeline: the producer keeps each record's (port, day, start,
// subscriber) in one word as it goes, and a goroutine sorts them and packs
// the blobs while SQLite rebuilds the indexes on the other core. The file's
// commit then writes those blobs instead of reading ipdr_by_port back
// (refreshTimeline took 0.27-0.43 s of a 1M-row import's single-threaded
// tail, issue 20).
//
// The blobs are the ones refreshTimeline would build only when the file's
// records are all the pairs hold, so the collector is used only when the
// case held no data record and no stale pair when the file began, and only
// when the overlap rule removed no row. Otherwise, or when a word cannot
// hold a record, or past timelineCollectMax records (8 bytes each, held
// until the indexes are built), refreshTimeline reads the index as before.

// The fields of a collected word, from the top: port, day (from the first
// record's day, offset so that earlier days fit), offset into the day,
// subscriber id.
const (
	collectSubBits  = 18
	collectOffBits  = timelineOffBits // 17
	collectDayBits  = 13
	collectPortBits = 16
	collectDayBias  = 1 << (collectDayBits - 1)
)

// timelineCollectMax bounds the records the collector holds (16 MB).
const timelineCollectMax = 2_000_000

// timelineCollector is the producer's side; nil when not collecting.
type timelineCollector struct {
	words   []uint64
	day0    int64 // the day of the first record
	started bool
	failed  bool // a record did not fit, or too many: refreshTimeline reads the index
}

// newTimelineCollector is a collector when the case holds no data record
// and no stale timeline pair, else nil. rows is the file's estimated rows.
func newTimelineCollector(ctx context.Context, j *importJob, rows int64) (*timelineCollector, error) {
	var busy bool
	if err := j.conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM ipdr) OR EXISTS (SELECT 1 FROM port_timeline) OR EXISTS (SELECT 1 FROM port_timeline_stale)`).Scan(&busy); err != nil {
		return nil, err
	}
	if busy || rows > timelineCollectMax {
		return nil, nil // a file too large to hold is never started on
	}
	// room for a quarter more than the estimate (200 bytes a row; the
	// generated 1M-row file is 180): growing the slice would hold the old
	// and the new at once
	return &timelineCollector{words: make([]uint64, 0, min(max(rows+rows/4, 1024), timelineCollectMax))}, nil
}

// add keeps a record whose destination port is port (a record without one
// is not on the timeline).
func (c *timelineCollector) add(port, start, sub int64) {
	if c == nil || c.failed {
		return
	}
	day := floorDiv(start, timelineDay)
	if !c.started {
		c.day0, c.started = day, true
	}
	d := day - c.day0 + collectDayBias
	if port < 0 || port >= 1<<collectPortBits || d < 0 || d >= 1<<collectDayBits ||
		sub < 0 || sub >= 1<<collectSubBits || len(c.words) >= timelineCollectMax {
		c.failed, c.words = true, nil
		return
	}
	off := start - day*timelineDay
	c.words = append(c.words, uint64(port)<<(collectDayBits+collectOffBits+collectSubBits)|
		uint64(d)<<(collectOffBits+collectSubBits)|uint64(off)<<collectSubBits|uint64(sub))
}

// collectedTimeline is the blobs of every pair the file's records are on.
type collectedTimeline struct {
	blobs  map[timelineKey][]byte
	counts map[timelineKey]int64
}

// build sorts the words (port, day, start, subscriber: the order of
// ipdr_by_port) and packs each pair's blob; nil when the collector failed.
func (c *timelineCollector) build() *collectedTimeline {
	if c == nil || c.failed {
		return nil
	}
	slices.Sort(c.words)
	out := &collectedTimeline{blobs: map[timelineKey][]byte{}, counts: map[timelineKey]int64{}}
	var recs []timelineRecord
	var cur timelineKey
	flush := func() {
		if len(recs) > 0 {
			out.blobs[cur], out.counts[cur] = encodeTimeline(cur.day, recs), int64(len(recs))
		}
		recs = recs[:0]
	}
	const subMask, offMask, dayMask = 1<<collectSubBits - 1, 1<<collectOffBits - 1, 1<<collectDayBits - 1
	for _, w := range c.words {
		k := timelineKey{
			port: int64(w >> (collectDayBits + collectOffBits + collectSubBits)),
			day:  int64(w>>(collectOffBits+collectSubBits)&dayMask) - collectDayBias + c.day0,
		}
		if k != cur {
			flush()
			cur = k
		}
		recs = append(recs, timelineRecord{start: k.day*timelineDay + int64(w>>collectSubBits&offMask), sub: int64(w & subMask)})
	}
	flush()
	c.words = nil
	return out
}

// timelinesCollected counts the files whose timeline was written from the
// collector, for the tests to tell the two ways apart.
var timelinesCollected atomic.Int64

// writeCollectedTimeline writes the blobs of every stale pair and clears
// the marks, as refreshTimeline would from the index; a stale pair the
// file put no record on is removed. Like refreshTimeline, it does nothing
// while ipdr_by_port is down.
func writeCollectedTimeline(ctx context.Context, conn querier, t *collectedTimeline) error {
	// while a run of files leaves the indexes down, the pairs stay stale
	// as refreshTimeline leaves them: the run's end reads them from the
	// index it builds, and the contacts read the table meanwhile
	var index int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'ipdr_by_port'`).Scan(&index); err != nil || index == 0 {
		return err
	}
	timelinesCollected.Add(1)
	last := timelineKey{port: -1 << 62}
	for {
		keys, err := staleTimeline(ctx, conn, last)
		if err != nil {
			return err
		}
		if len(keys) == 0 {
			break
		}
		last = keys[len(keys)-1]
		for _, k := range keys {
			if t.counts[k] == 0 {
				_, err = conn.ExecContext(ctx, `DELETE FROM port_timeline WHERE dest_port = ? AND day = ?`, k.port, k.day)
			} else {
				_, err = conn.ExecContext(ctx, `INSERT OR REPLACE INTO port_timeline(dest_port, day, records, data) VALUES (?, ?, ?, ?)`, k.port, k.day, t.counts[k], t.blobs[k])
			}
			if err != nil {
				return fmt.Errorf("port timeline: %w", err)
			}
		}
	}
	_, err := conn.ExecContext(ctx, `DELETE FROM port_timeline_stale`)
	return err
}
