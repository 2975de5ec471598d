package store

import (
	"context"
	"fmt"

	"github.com/cdrtui/cdrtui/internal/evidence"
)

// maxAggregateEntries bounds the summaries a producer holds before handing
// them to the consumer, so memory stays flat whatever the file's size.
const maxAggregateEntries = 100_000

// pairKey is a subscriber and a device or cell, from data records or
// from voice records (summary kind 'ipdr' or 'voice'). It holds no string:
// it is hashed for every record imported.
type pairKey struct {
	sub, other int64
	voice      bool
}

func (k pairKey) kind() string {
	if k.voice {
		return "voice"
	}
	return "ipdr"
}

type span struct{ records, first, last int64 }

func (s *span) add(t int64) {
	if s.records == 0 || t < s.first {
		s.first = t
	}
	if s.records == 0 || t > s.last {
		s.last = t
	}
	s.records++
}

type activityKey struct {
	sub  int64
	port int64
}

type activityValue struct {
	records, bytes int64
	hours          [24]int32
}

type subscriberSummary struct {
	data, voice                    int64
	first, firstOff, last, lastOff int64
	seen                           bool
	// The entries this subscriber's last record added to: a subscriber's
	// records keep one device and often one cell and port, so most need
	// no lookup, even when the records of many subscribers interleave (an
	// export ordered by time: these lookups were 0.6 s of a 1M-row file's
	// 2.5 s on the producer's goroutine, a profile, issue 20).
	devKey, cellKey pairKey
	dev, cell       *span
	port            int64
	act             *activityValue
}

func (s *subscriberSummary) add(t int64, off int32) {
	if !s.seen || t < s.first {
		s.first, s.firstOff = t, int64(off)
	}
	if !s.seen || t > s.last {
		s.last, s.lastOff = t, int64(off)
	}
	s.seen = true
}

// aggregates are the summaries an import adds to: per subscriber, per
// subscriber and device, per subscriber and cell, and data activity per
// destination port and wall-clock hour.
type aggregates struct {
	subs     map[int64]*subscriberSummary
	devices  map[pairKey]*span
	cells    map[pairKey]*span
	activity map[activityKey]*activityValue
	cs       caseSummaries            // the whole-case summaries (summaries_case.go)
	timeline map[timelineKey]struct{} // (port, day) pairs whose timeline is stale (timeline.go)
	// The summary the last record added to: records come in runs of one
	// subscriber, so most need no lookup at all (and the summary keeps
	// the subscriber's own last entries, see subscriberSummary).
	lastSub      int64
	lastSummary  *subscriberSummary
	lastTimeline timelineKey
	haveTimeline bool
}

func newAggregates() *aggregates {
	return &aggregates{
		subs:     map[int64]*subscriberSummary{},
		devices:  map[pairKey]*span{},
		cells:    map[pairKey]*span{},
		activity: map[activityKey]*activityValue{},
		cs:       newCaseSummaries(),
		timeline: map[timelineKey]struct{}{},
	}
}

func (a *aggregates) size() int {
	return len(a.subs) + len(a.devices) + len(a.cells) + len(a.activity) + a.cs.size() + len(a.timeline)
}

func (a *aggregates) summary(sub int64) *subscriberSummary {
	if a.lastSummary != nil && a.lastSub == sub {
		return a.lastSummary
	}
	s := a.subs[sub]
	if s == nil {
		s = &subscriberSummary{}
		a.subs[sub] = s
	}
	a.lastSub, a.lastSummary = sub, s
	return s
}

// addSpan adds a record at t to k's span in m; last is the entry of the
// previous call on m, reused when the key is the same.
func addSpan(m map[pairKey]*span, k pairKey, t int64, lastKey *pairKey, last **span) {
	s := *last
	if s == nil || *lastKey != k {
		s = m[k]
		if s == nil {
			s = &span{}
			m[k] = s
		}
		*lastKey, *last = k, s
	}
	s.add(t)
}

func (a *aggregates) addDevice(s *subscriberSummary, k pairKey, t int64) {
	addSpan(a.devices, k, t, &s.devKey, &s.dev)
}

func (a *aggregates) addCell(s *subscriberSummary, k pairKey, t int64) {
	addSpan(a.cells, k, t, &s.cellKey, &s.cell)
}

// activityOf is the subscriber's activity on port.
func (a *aggregates) activityOf(s *subscriberSummary, sub, port int64) *activityValue {
	if s.act != nil && s.port == port {
		return s.act
	}
	k := activityKey{sub: sub, port: port}
	v := a.activity[k]
	if v == nil {
		v = &activityValue{}
		a.activity[k] = v
	}
	s.port, s.act = port, v
	return v
}

// WallHour is the hour of day of the wall clock written in the evidence.
func WallHour(start int64, offset int64) int64 {
	wall := start + offset
	return ((wall%86400 + 86400) % 86400) / 3600
}

// dataSum is what a data record adds to the summaries: its subscriber,
// device and cell ids, start, wall-clock offset, destination port and
// total volume (evidence.Absent when not given).
type dataSum struct {
	sub, dev, cell, start, total int64
	port, off                    int32
}

func (a *aggregates) addData(sub, dev, cell int64, d *evidence.DataRecord) {
	a.addSum(&dataSum{sub: sub, dev: dev, cell: cell, start: d.Start, total: d.Total, port: int32(d.DestPort), off: d.WallOffset})
}

func (a *aggregates) addSum(d *dataSum) {
	sub := d.sub
	s := a.summary(sub)
	s.data++
	s.add(d.start, d.off)
	if d.dev != 0 {
		a.addDevice(s, pairKey{sub, d.dev, false}, d.start)
	}
	if d.cell != 0 {
		a.addCell(s, pairKey{sub, d.cell, false}, d.start)
	}
	v := a.activityOf(s, sub, int64(d.port))
	v.records++
	v.hours[WallHour(d.start, int64(d.off))]++
	a.cs.addDataHour(int64(d.port), d.start, d.off)
	a.markTimeline(int64(d.port), d.start)
	if d.total != evidence.Absent {
		v.bytes += d.total
	}
}

func (a *aggregates) addVoice(sub, dev, cell int64, r *evidence.VoiceRecord, otherKey string) {
	a.cs.addSIM(sub, r, otherKey)
	s := a.summary(sub)
	s.voice++
	s.add(r.Start, r.WallOffset)
	if dev != 0 {
		a.addDevice(s, pairKey{sub, dev, true}, r.Start)
	}
	if cell != 0 {
		a.addCell(s, pairKey{sub, cell, true}, r.Start)
	}
}

const spanUpsert = `INSERT INTO %s(subscriber_id, %s, kind, records, first_seen, last_seen) %%s WHERE true
	ON CONFLICT(subscriber_id, %s, kind) DO UPDATE SET records = records + excluded.records,
	first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen)`

// activityUpsert adds per-port, per-hour counts to the activity summary.
const activityUpsert = `INSERT INTO activity(subscriber_id, dest_port, records, bytes, h00, h01, h02, h03, h04, h05, h06, h07, h08, h09, h10, h11, h12, h13, h14, h15, h16, h17, h18, h19, h20, h21, h22, h23) %s WHERE true
	ON CONFLICT(subscriber_id, dest_port) DO UPDATE SET records = records + excluded.records, bytes = bytes + excluded.bytes,
	h00 = h00 + excluded.h00, h01 = h01 + excluded.h01, h02 = h02 + excluded.h02, h03 = h03 + excluded.h03, h04 = h04 + excluded.h04, h05 = h05 + excluded.h05, h06 = h06 + excluded.h06, h07 = h07 + excluded.h07, h08 = h08 + excluded.h08, h09 = h09 + excluded.h09, h10 = h10 + excluded.h10, h11 = h11 + excluded.h11, h12 = h12 + excluded.h12, h13 = h13 + excluded.h13, h14 = h14 + excluded.h14, h15 = h15 + excluded.h15, h16 = h16 + excluded.h16, h17 = h17 + excluded.h17, h18 = h18 + excluded.h18, h19 = h19 + excluded.h19, h20 = h20 + excluded.h20, h21 = h21 + excluded.h21, h22 = h22 + excluded.h22, h23 = h23 + excluded.h23`

// write adds the summaries to the case.
func (a *aggregates) write(ctx context.Context, j *importJob) error {
	subs := make([][]any, 0, len(a.subs))
	for id, s := range a.subs {
		subs = append(subs, []any{id, s.data, s.voice, s.first, s.firstOff, s.last, s.lastOff})
	}
	if err := bulk(ctx, j.conn, j.feedName, j.feed, `UPDATE subscribers SET
		data_records = data_records + f.c1, voice_records = voice_records + f.c2,
		first_offset = CASE WHEN first_seen IS NULL OR f.c3 < first_seen THEN f.c4 ELSE first_offset END,
		first_seen = CASE WHEN first_seen IS NULL OR f.c3 < first_seen THEN f.c3 ELSE first_seen END,
		last_offset = CASE WHEN last_seen IS NULL OR f.c5 > last_seen THEN f.c6 ELSE last_offset END,
		last_seen = CASE WHEN last_seen IS NULL OR f.c5 > last_seen THEN f.c5 ELSE last_seen END
		FROM (%s) AS f WHERE subscribers.id = f.c0`, 7, subs); err != nil {
		return fmt.Errorf("%w: subscriber summary: %w", errCaseFailed, err)
	}
	spans := func(m map[pairKey]*span) [][]any {
		rows := make([][]any, 0, len(m))
		for k, s := range m {
			rows = append(rows, []any{k.sub, k.other, k.kind(), s.records, s.first, s.last})
		}
		return rows
	}
	if err := bulk(ctx, j.conn, j.feedName, j.feed, fmt.Sprintf(spanUpsert, "subscriber_devices", "device_id", "device_id"), 6, spans(a.devices)); err != nil {
		return fmt.Errorf("%w: device summary: %w", errCaseFailed, err)
	}
	if err := bulk(ctx, j.conn, j.feedName, j.feed, fmt.Sprintf(spanUpsert, "subscriber_cells", "cell_id", "cell_id"), 6, spans(a.cells)); err != nil {
		return fmt.Errorf("%w: cell summary: %w", errCaseFailed, err)
	}
	act := make([][]any, 0, len(a.activity))
	for k, v := range a.activity {
		row := make([]any, 0, 4+24)
		row = append(row, k.sub, k.port, v.records, v.bytes)
		for _, h := range v.hours {
			row = append(row, int64(h))
		}
		act = append(act, row)
	}
	if err := bulk(ctx, j.conn, j.feedName, j.feed, activityUpsert, 28, act); err != nil {
		return fmt.Errorf("%w: activity summary: %w", errCaseFailed, err)
	}
	if err := a.writeTimelineStale(ctx, j); err != nil {
		return err
	}
	return a.cs.write(ctx, j)
}
