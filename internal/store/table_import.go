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
	p := &producer{job: j, layout: l, dims: dims, agg: newAggregates(), overlap: ov, out: chunks}
	in, err := j.det.decode(j.reader())
	if err != nil {
		return err
	}
	go p.run(prodCtx, evidence.NewReaderWorkers(in, l, parseWorkers()))

	c := &consumer{job: j, in: chunks, kind: l.Kind}
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
		otherKey := p.otherKey(v)
		if id, noted := p.overlap.store(sub.id, v.Start, voiceEvent(sub.id, v, otherKey)); noted {
			c.noted = append(c.noted, id)
		}
		dev := p.dims.device(v.IMSI, v.IMEI, &c.dims)
		cell := p.dims.cell(v.Cell, &c.dims)
		p.sites.note(v.Cell, v.Line, v.Site)
		p.agg.addVoice(sub.id, dev, cell, v, otherKey)
		v.MSISDNAs = sub.as
		return packedRow{voice: true, src: src, sub: sub.id, dev: dev, cell: cell, v: *v, otherKey: otherKey}
	}
	d := &row.Data
	sub := p.dims.subscriber(d.MSISDN, d.MSISDNAs, &c.dims)
	if id, noted := p.overlap.store(sub.id, d.Start, dataEvent(sub.id, d)); noted {
		c.noted = append(c.noted, id)
	}
	dev := p.dims.device(d.IMSI, d.IMEI, &c.dims)
	cell := p.dims.cell(d.Cell, &c.dims)
	p.sites.note(d.Cell, d.Line, d.Site)
	p.agg.addData(sub.id, dev, cell, d)
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

func (r *packedRow) column(i int) any {
	if r.voice {
		v := &r.v
		switch i {
		case 0:
			return r.src
		case 1:
			return v.Line
		case 2:
			return r.sub
		case 3:
			return nullID(r.dev)
		case 4:
			if v.OtherAs != "" {
				return v.OtherAs
			}
			return nullString(v.Other)
		case 5:
			return v.CallType
		case 6:
			return v.Start
		case 7:
			return int64(v.WallOffset)
		case 8:
			return nullInt(v.Duration)
		case 9:
			return nullID(r.cell)
		case 10:
			return nullString(v.MSISDNAs)
		case 11:
			return nullString(r.otherKey)
		}
		return nil
	}
	d := &r.d
	switch i {
	case 0:
		return r.src
	case 1:
		return d.Line
	case 2:
		return r.sub
	case 3:
		return nullID(r.dev)
	case 4:
		return nullString(d.PrivateIP)
	case 5:
		return nullPort(d.PrivatePort)
	case 6:
		return nullString(d.PublicIP)
	case 7:
		return nullPort(d.PublicPort)
	case 8:
		return nullString(d.DestIP)
	case 9:
		return nullPort(d.DestPort)
	case 10:
		return d.Start
	case 11:
		if d.HasEnd {
			return d.End
		}
		return nil
	case 12:
		return int64(d.WallOffset)
	case 13:
		return nullID(r.cell)
	case 14:
		return nullInt(d.Uplink)
	case 15:
		return nullInt(d.Downlink)
	case 16:
		return nullInt(d.Total)
	case 17:
		return nullString(d.RAT)
	case 18:
		return nullString(d.Domain)
	case 19:
		return nullString(d.MSISDNAs)
	case 20:
		return nullString(d.DeviceID)
	case 21:
		return r.dest.hiValue()
	case 22:
		return r.dest.loValue()
	}
	return nil
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
