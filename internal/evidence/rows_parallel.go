package evidence

import (
	"io"
	"sync"
)

// Parsing on several cores. One goroutine reads the file's logical
// records (the line reader: physical lines, quoted fields joined across
// them) and copies them into batches; workers turn each batch's lines into
// rows (split, validate, normalise: parseLine, the same as the one-core
// reader); Next hands the rows out in the file's order, batch after batch,
// so line numbers, rejects, report lines and the order of rows are those
// of the one-core reader. Memory is bounded by the batches in flight.

// batchLines is how many logical records one batch carries (a variable
// so that tests can cut batches anywhere).
var batchLines = 512

// parallel is the many-core side of a Reader.
type parallel struct {
	order   chan *batch // batches in the file's order, parsed or being parsed
	free    chan *batch // batches read to the end, for the splitter to fill again
	quit    chan struct{}
	stop    sync.Once
	wg      sync.WaitGroup
	cur     *batch
	pos     int
	lastErr error // what ended the reading (io.EOF or a read error)
}

// batch is a run of logical records and, once done is closed, what each
// read as.
type batch struct {
	buf   []byte
	lines []batchLine
	out   []parsed
	err   error // the read error (io.EOF at the end) after the lines; nil while more follow
	done  chan struct{}
}

// batchLine is one logical record of a batch: buf[off:end], starting on
// physical line n.
type batchLine struct {
	off, end   int
	n          int64
	unbalanced bool
	tooLong    string // the reason, when the record passed the size bound
}

// parsed is what one line read as.
type parsed struct {
	what int // lineSkipped, lineNoData, lineRow, lineRejected
	row  Row
	err  *RowError
}

// NewReaderWorkers is NewReader parsing lines on workers goroutines (1 or
// less: NewReader). The rows, rejects and report lines come in the same
// order with the same line numbers. Close stops the goroutines when the
// rows are not read to the end.
func NewReaderWorkers(r io.Reader, l *Layout, workers int) *Reader {
	if workers <= 1 {
		return NewReader(r, l)
	}
	src := NewReader(r, l) // reads lines only; its scratch is the splitter's
	rd := newParser(l)
	p := &parallel{order: make(chan *batch, workers+1), free: make(chan *batch, 2*workers+4), quit: make(chan struct{})}
	rd.par = p
	work := make(chan *batch, workers)
	p.wg.Add(1 + workers)
	go func() {
		defer p.wg.Done()
		defer close(work)
		defer close(p.order)
		p.split(src.lr, work)
	}()
	for range workers {
		w := newParser(l)
		go func() {
			defer p.wg.Done()
			for b := range work {
				w.parseBatch(b)
			}
		}()
	}
	return rd
}

// split reads logical records into batches, handing each to the workers
// and, in order, to Next, until the end, a read error or quit.
func (p *parallel) split(lr *LineReader, work chan<- *batch) {
	b := p.batch()
	send := func() bool {
		select {
		case p.order <- b:
		case <-p.quit:
			return false
		}
		select {
		case work <- b:
		case <-p.quit:
			return false
		}
		return true
	}
	for {
		rec, line, err := lr.Next()
		if err != nil && err != ErrRecordTooLong {
			b.err = err
			send()
			return
		}
		bl := batchLine{off: len(b.buf), n: line, unbalanced: lr.Unbalanced()}
		if err == ErrRecordTooLong {
			bl.tooLong = lr.TooLong().Reason()
		}
		b.buf = append(b.buf, rec...)
		bl.end = len(b.buf)
		b.lines = append(b.lines, bl)
		if len(b.lines) == batchLines {
			if !send() {
				return
			}
			b = p.batch()
		}
	}
}

// batch is an empty batch, one Next has read to the end when there is one
// (its memory reused: the rows an import reads stay within the batches in
// flight).
func (p *parallel) batch() *batch {
	select {
	case b := <-p.free:
		b.buf, b.lines, b.err, b.done = b.buf[:0], b.lines[:0], nil, make(chan struct{})
		return b
	default:
		return &batch{done: make(chan struct{})}
	}
}

// parseBatch reads every line of b as the one-core reader would.
func (rd *Reader) parseBatch(b *batch) {
	if cap(b.out) < len(b.lines) {
		b.out = make([]parsed, len(b.lines))
	}
	b.out = b.out[:len(b.lines)]
	for i, bl := range b.lines {
		rec := b.buf[bl.off:bl.end:bl.end]
		o := &b.out[i]
		if bl.tooLong != "" {
			o.what, o.err = lineRejected, &RowError{Line: bl.n, Reason: bl.tooLong, Raw: cutRaw(rec)}
			continue
		}
		row, rowErr, what := rd.parseLine(rec, bl.n, bl.unbalanced)
		o.what, o.err = what, rowErr
		if row != nil {
			issues := o.row.Issues[:0] // the batch's own, reused
			o.row = *row
			o.row.Issues = append(issues, row.Issues...) // the parser's are reused by its next line
		}
	}
	close(b.done)
}

// next is Reader.next over the workers' batches.
func (p *parallel) next(rd *Reader) (*Row, error) {
	for {
		for p.cur == nil || p.pos >= len(p.cur.out) {
			if p.cur != nil && p.cur.err != nil {
				p.lastErr = p.cur.err
			}
			if p.lastErr != nil {
				return nil, p.lastErr
			}
			b, ok := <-p.order
			if !ok {
				p.lastErr = io.EOF // closed by Close
				return nil, p.lastErr
			}
			<-b.done
			if p.cur != nil {
				// the row returned last came from it and is no longer valid
				select {
				case p.free <- p.cur:
				default:
				}
			}
			p.cur, p.pos = b, 0
		}
		o := &p.cur.out[p.pos]
		p.pos++
		switch o.what {
		case lineNoData:
			rd.NoData = true
		case lineRow:
			return &o.row, nil // valid until the next call, as the one-core reader's
		case lineRejected:
			return nil, o.err
		}
	}
}

// Close stops a reader's workers (NewReaderWorkers) and waits for them;
// the reader then reads as ended. A no-op for a one-core reader.
func (rd *Reader) Close() {
	p := rd.par
	if p == nil {
		return
	}
	p.stop.Do(func() { close(p.quit) })
	for range p.order { // let the splitter see quit
	}
	p.wg.Wait()
	p.cur, p.lastErr = nil, io.EOF
}
