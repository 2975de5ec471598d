package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/cdrtui/cdrtui/internal/evidence"
)

// statementRows is how many rows one INSERT ... SELECT takes from the feed
// before the consumer writes what else the chunk carried (new subscribers,
// rejects, summaries).
const statementRows = 1 << 16

// importOperatorTable streams the rows of an operator table into the case:
// parser goroutines split, validate and normalise lines (one a core, in
// order: evidence.NewReaderWorkers), a producer goroutine interns, numbers
// and packs the rows, and this goroutine feeds them to SQLite.
func importOperatorTable(ctx context.Context, j *importJob) error {
	l := j.det.layout
	spec := tableColumns[l.Kind]
	plan, err := j.numberingPlan(ctx)
	if err != nil {
		return err
	}
	dims, err := loadDimensions(ctx, j.conn)
	if err != nil {
		return fmt.Errorf("%w: %w", errCaseFailed, err)
	}
	dims.plan = plan
	table := tableOf(l.Kind)
	var base int64
	if err := j.conn.QueryRowContext(ctx, fmt.Sprintf("SELECT coalesce(max(id), 0) FROM %s", table)).Scan(&base); err != nil {
		return fmt.Errorf("%w: %w", errCaseFailed, err)
	}
	ov, err := newOverlap(ctx, j, base)
	if err == nil {
		err = createCandidates(ctx, j)
	}
	if err != nil {
		return fmt.Errorf("%w: %w", errCaseFailed, err)
	}
	rebuild, err := j.dropIndexesForBulk(ctx, table)
	if err != nil {
		return err
	}
	prodCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	// one chunk waits while the writer takes another: SQLite is the slower
	// side once lines are parsed on every core, and a deeper queue only
	// holds more rows in memory (4 chunks: +20 MB of peak RSS, no faster)
	chunks := make(chan *chunk, 1)
	free := make(chan *chunk, 2)
	p := &producer{job: j, layout: l, dims: dims, agg: newAggregates(), overlap: ov, out: chunks, free: free}
	in, err := j.det.decode(j.reader())
	if err != nil {
		return err
	}
	in, holds := cellBaseTee(in, j.det.cellCheck)
	checked := false
	defer func() {
		if !checked {
			holds()
		}
	}()
	go p.run(prodCtx, evidence.NewReaderWorkers(in, l, parseWorkers()))

	c := &consumer{job: j, in: chunks, free: free, kind: l.Kind}
	insert := fmt.Sprintf(spec.insert, feedSelect(j.feedName, spec.n))
	for !c.done || c.held != nil || (c.cur != nil && c.pos < len(c.cur.rows)) {
		j.feed.set(c.next)
		_, err := j.conn.ExecContext(ctx, insert)
		j.feed.set(nil)
		if err == nil {
			err = c.err
		}
		if err == nil {
			err = c.between(ctx)
		}
		if err != nil {
			cancel()
			for range chunks { // let the producer finish
			}
			return err
		}
		j.progress()
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if checked = true; !holds() { // the whole file read: the base decided from the head stands, or the import is made again
		return errCellBaseChanged
	}
	if err := checkParents(ctx, j, &p.named); err != nil {
		return err
	}
	if err := j.rebuildIndexes(ctx, rebuild); err != nil {
		return err
	}
	if err := p.sites.write(ctx, j); err != nil {
		return err
	}
	j.res.Keys = p.keysSentence()
	if n := p.keyNotes(); n != "" {
		j.det.notes = strings.TrimSpace(j.det.notes + " " + n)
	}
	if n := reportNotes(p.report); n != "" {
		j.det.notes = strings.TrimSpace(j.det.notes + " " + n)
		j.res.ReportLines = int64(len(p.report))
	}
	if err := ov.checkNumbering(ctx, j, table); err != nil {
		return err
	}
	already, repeated, err := resolveOverlap(ctx, j, l.Kind, ov)
	if err != nil {
		return fmt.Errorf("%w: overlap with the case: %w", errCaseFailed, err)
	}
	j.rows.Add(-already - repeated)
	j.already.Store(already)
	j.repeated.Store(repeated)
	return nil
}

// consumer is the SQLite side of an import: it hands rows to the feed and
// writes what else the chunks carry between statements. A chunk that brings
// new subscribers, devices or cells ends the statement before its rows, so
// that parents are always written before the rows that reference them
// (a deferred foreign key satisfied later would cost a scan of the table).
type consumer struct {
	job     *importJob
	in      <-chan *chunk
	free    chan<- *chunk // fed chunks handed back to the producer
	kind    evidence.Kind
	cur     *chunk // chunk whose rows are being fed
	pos     int
	held    *chunk // chunk received but not yet started: its dimensions come first
	taken   int
	done    bool
	err     error
	rejects []reject      // rejects of the chunks fed so far, written between statements
	aggs    []*aggregates // summaries handed over by the producer, likewise
	noted   []int64       // ids of rows that may repeat a record (overlap), likewise
}

// next is the feed's row source for one statement.
func (c *consumer) next() (feedRow, bool) {
	if c.taken >= statementRows {
		c.taken = 0
		return nil, false
	}
	for c.cur == nil || c.pos >= len(c.cur.rows) {
		if c.cur != nil { // fed: SQLite has copied its values
			select {
			case c.free <- c.cur:
			default:
			}
			c.cur = nil
		}
		if c.held != nil {
			return c.endStatement()
		}
		ch, ok := <-c.in
		if !ok {
			c.done, c.cur = true, nil
			return c.endStatement()
		}
		if ch.err != nil {
			c.err, c.done = ch.err, true
			return c.endStatement()
		}
		c.take(ch)
		if ch.dims.any() {
			c.held, c.cur = ch, nil
			return c.endStatement()
		}
		c.cur, c.pos = ch, 0
	}
	row := &c.cur.rows[c.pos]
	c.pos++
	c.taken++
	return row, true
}

// take keeps a chunk's rejects and summaries for the next pause between
// statements, so that the chunk's rows are not kept alive with them.
func (c *consumer) take(ch *chunk) {
	c.rejects = append(c.rejects, ch.rejects...)
	c.noted = append(c.noted, ch.noted...)
	if ch.agg != nil {
		c.aggs = append(c.aggs, ch.agg)
	}
	ch.rejects, ch.agg, ch.noted = nil, nil, nil
}

func (c *consumer) endStatement() (feedRow, bool) {
	c.taken = 0
	return nil, false
}

// between runs after each statement: the held chunk's dimensions, then the
// rejects and summaries of every chunk seen, then the held chunk's rows
// become the next statement's.
func (c *consumer) between(ctx context.Context) error {
	j := c.job
	if c.held != nil {
		if err := writeDimensions(ctx, j, c.held.dims); err != nil {
			return err
		}
		c.held.dims = dimensionRows{}
	}
	if err := j.writeRejects(ctx, c.rejects); err != nil {
		return err
	}
	c.rejects = c.rejects[:0]
	if err := writeCandidates(ctx, j, c.noted); err != nil {
		return fmt.Errorf("%w: overlap candidates: %w", errCaseFailed, err)
	}
	c.noted = c.noted[:0]
	for _, a := range c.aggs {
		if err := a.write(ctx, j); err != nil {
			return err
		}
	}
	c.aggs = c.aggs[:0]
	if c.held != nil {
		c.cur, c.pos, c.held = c.held, 0, nil
	}
	return nil
}

// importEmptyReturn records an operator's return that says it holds no
// records: the source is kept, hashed, with 0 rows.
func importEmptyReturn(ctx context.Context, j *importJob) error {
	j.noData.Store(true)
	return nil
}

// pack interns a record's identities, numbers it (noting whether it may
// repeat a record, see overlap), adds it to the summaries and keeps it as
// a typed row for the feed.
func (p *producer) pack(row *evidence.Row, c *chunk) packedRow {
	src := p.job.sourceID
	if p.layout.Kind == evidence.KindVoice {
		v := &row.Voice
		sub := p.dims.subscriber(v.MSISDN, v.MSISDNAs, &c.dims)
		p.named.add(sub.id)
		otherKey := p.otherKey(v)
		if id, noted := p.overlap.store(sub.id, v.Start, voiceEvent(sub.id, v, otherKey)); noted {
			c.noted = append(c.noted, id)
		}
		dev := p.dims.deviceOf(sub, v.IMSI, v.IMEI, &c.dims)
		cell := p.dims.cellOf(sub, v.Cell, &c.dims)
		p.sites.note(v.Cell, v.Line, v.Site)
		p.agg.addVoice(sub.id, dev, cell, v, otherKey)
		v.MSISDNAs = sub.as
		return packedRow{voice: true, src: src, sub: sub.id, dev: dev, cell: cell, v: *v, otherKey: otherKey}
	}
	d := &row.Data
	sub := p.dims.subscriber(d.MSISDN, d.MSISDNAs, &c.dims)
	p.named.add(sub.id)
	if id, noted := p.overlap.store(sub.id, d.Start, dataEvent(sub.id, d)); noted {
		c.noted = append(c.noted, id)
	}
	dev := p.dims.deviceOf(sub, d.IMSI, d.IMEI, &c.dims)
	cell := p.dims.cellOf(sub, d.Cell, &c.dims)
	p.sites.note(d.Cell, d.Line, d.Site)
	p.sums = append(p.sums, dataSum{sub: sub.id, dev: dev, cell: cell, start: d.Start, total: d.Total, port: int32(d.DestPort), off: d.WallOffset})
	d.MSISDNAs = sub.as
	return packedRow{src: src, sub: sub.id, dev: dev, cell: cell, d: *d, dest: ipKeyOf(d.DestIP)}
}

// packedRow is a record with its interned ids, in the column order of the
// ipdr or voice insert (tableColumns).
type packedRow struct {
	voice         bool
	src, sub, dev int64
	cell          int64
	otherKey      string // the other party's E.164 key, "" when it has none
	dest          ipKey  // the destination's integer key
	d             evidence.DataRecord
	v             evidence.VoiceRecord
}

// box sets vals to the row's values in the column order of its insert
// (tableColumns), boxed as the feed hands them to SQLite.
func (r *packedRow) box(vals []any) {
	if r.voice {
		v := &r.v
		other := nullString(v.Other)
		if v.OtherAs != "" {
			other = v.OtherAs
		}
		_ = vals[11]
		vals[0], vals[1], vals[2], vals[3] = r.src, v.Line, r.sub, nullID(r.dev)
		vals[4], vals[5], vals[6], vals[7] = other, v.CallType, v.Start, int64(v.WallOffset)
		vals[8], vals[9], vals[10], vals[11] = nullInt(v.Duration), nullID(r.cell), nullString(v.MSISDNAs), nullString(r.otherKey)
		return
	}
	d := &r.d
	var end any
	if d.HasEnd {
		end = d.End
	}
	_ = vals[22]
	vals[0], vals[1], vals[2], vals[3] = r.src, d.Line, r.sub, nullID(r.dev)
	vals[4], vals[5], vals[6], vals[7] = nullString(d.PrivateIP), nullPort(d.PrivatePort), nullString(d.PublicIP), nullPort(d.PublicPort)
	vals[8], vals[9], vals[10], vals[11] = nullString(d.DestIP), nullPort(d.DestPort), d.Start, end
	vals[12], vals[13], vals[14], vals[15] = int64(d.WallOffset), nullID(r.cell), nullInt(d.Uplink), nullInt(d.Downlink)
	vals[16], vals[17], vals[18], vals[19] = nullInt(d.Total), nullString(d.RAT), nullString(d.Domain), nullString(d.MSISDNAs)
	vals[20], vals[21], vals[22] = nullString(d.DeviceID), r.dest.hiValue(), r.dest.loValue()
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullInt(n int64) any {
	if n == evidence.Absent {
		return nil
	}
	return n
}

func nullPort(n int) any {
	if n == evidence.Absent {
		return nil
	}
	return int64(n)
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
