package store

// The producer side of an operator table's import: it reads the parsed
// rows, interns subscribers, devices and cells, summarises, and hands
// chunks of boxed rows to the consumer (table_import.go).

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"time"

	"github.com/cdrtui/cdrtui/internal/evidence"
)

// chunk is a batch handed from producer to consumer.
type chunk struct {
	rows    []boxedRow
	slab    []any // the rows' values, ncols a row
	rejects []reject
	dims    dimensionRows
	agg     *aggregates // set when the producer flushes its summaries
	noted   []int64     // ids of rows that may repeat a record (overlap)
	err     error
}

// newChunk is an empty chunk for rows of ncols values.
func newChunk(ncols int) *chunk {
	return &chunk{rows: make([]boxedRow, 0, chunkRows), slab: make([]any, chunkRows*ncols), dims: newDimensionRows()}
}

// reuse empties a chunk the consumer has fed, for the producer to fill
// again: a 1M-row file took some 250 chunks of 1.5 MB of values each, 380
// MB of allocation and the collector's work of clearing and scanning them
// (a profile, issue 20). SQLite copies each value as the feed hands it
// over, so nothing the chunk holds is read once its rows are fed.
func (c *chunk) reuse() *chunk {
	clear(c.slab)
	*c = chunk{rows: c.rows[:0], slab: c.slab, dims: newDimensionRows()}
	return c
}

// add keeps a packed row as the values the feed hands SQLite. They are
// boxed here, on the producer's goroutine, not when SQLite asks for each
// column: the writer's goroutine is the import's slower side, and boxing
// the 23 values of each row took 0.5 s of its 3.9 s of CPU while a 1M-row
// file's rows went in (a profile, issue 20).
func (c *chunk) add(r *packedRow, ncols int) {
	k := len(c.rows)
	vals := c.slab[k*ncols : (k+1)*ncols : (k+1)*ncols]
	r.box(vals)
	c.rows = append(c.rows, boxedRow(vals))
}

// boxedRow is a row's values in the column order of its insert.
type boxedRow []any

func (r *boxedRow) column(i int) any {
	if i < len(*r) {
		return (*r)[i]
	}
	return nil
}

// producer reads rows, interns subscribers, devices and cells, summarises,
// and packs rows for the feed.
type producer struct {
	job    *importJob
	layout *evidence.Layout
	dims   *dimensions
	// unkeyedOthers counts other parties that are numbers with no key.
	unkeyedOthers int64
	agg           *aggregates
	overlap       *overlap
	out           chan<- *chunk
	free          <-chan *chunk // chunks the consumer has fed, to fill again
	// report are the lines of report text (footers, preamble) the reader
	// set apart, set before the last chunk is sent.
	report []evidence.ReportLine
	sites  recordSites // cells' positions the records give (table_sites.go)
	// named are the subscribers the rows name, for checkParents
	named namedIDs
	// sums are what the chunk's data records add to the summaries, added
	// by subscriber when the chunk is full (addSums)
	sums []dataSum
}

const chunkRows = 4096

// parseWorkers is how many goroutines parse an operator table's lines: one
// a core the process may use (the writer and the producer share them).
func parseWorkers() int { return runtime.GOMAXPROCS(0) }

func (p *producer) run(ctx context.Context, rd *evidence.Reader) {
	defer close(p.out)
	defer rd.Close()
	j := p.job
	ncols := tableColumns[p.layout.Kind].n
	cur := p.nextChunk(ncols)
	lastProgress := time.Now()
	send := func(c *chunk) bool {
		select {
		case p.out <- c:
			return true
		case <-ctx.Done():
			return false
		}
	}
	for {
		row, err := rd.Next()
		if err == io.EOF {
			break
		}
		var rowErr *evidence.RowError
		if errors.As(err, &rowErr) {
			cur.rejects = append(cur.rejects, reject{line: rowErr.Line, severity: "row", reason: rowErr.Reason, raw: rowErr.Raw})
			j.rejected.Add(1)
			j.tallyReason(rowErr.Reason)
			continue
		}
		if err != nil {
			send(&chunk{err: fmt.Errorf("reading %s: %w", j.path, err)})
			return
		}
		for _, is := range row.Issues {
			if is.Kept {
				cur.rejects = append(cur.rejects, reject{line: row.Line, severity: "field",
					reason: fmt.Sprintf("%s %q %s", is.Field, is.Value, is.Reason), raw: row.Raw()})
				j.flagged.Add(1)
				continue
			}
			cur.rejects = append(cur.rejects, reject{line: row.Line, severity: "field",
				reason: fmt.Sprintf("%s %q dropped: %s", is.Field, is.Value, is.Reason), raw: row.Raw()})
			j.dropped.Add(1)
		}
		packed := p.pack(row, cur)
		cur.add(&packed, ncols)
		j.rows.Add(1)
		if len(cur.rows) == chunkRows {
			p.addSums()
			if p.agg.size() > maxAggregateEntries {
				cur.agg, p.agg = p.agg, newAggregates()
			}
			if !send(cur) {
				return
			}
			cur = p.nextChunk(ncols)
			if time.Since(lastProgress) > 100*time.Millisecond {
				j.progress()
				lastProgress = time.Now()
			}
		}
	}
	j.noData.Store(rd.NoData)
	p.report = rd.ReportLines()
	p.addSums()
	cur.agg = p.agg
	send(cur)
}

// nextChunk is a fed chunk to fill again, or a new one.
func (p *producer) nextChunk(ncols int) *chunk {
	select {
	case c := <-p.free:
		return c.reuse()
	default:
		return newChunk(ncols)
	}
}

// addSums adds the chunk's data records to the summaries a subscriber at
// a time. The summaries are counts, sums and bounds, whatever the order;
// but an export ordered by time interleaves thousands of subscribers, and
// each record then reached its subscriber's summary, device, cell and
// port entries through a cache miss: the summaries took 1.0 s of a 1M-row
// time-ordered file's producer (0.36 s in subscriber order), the import's
// slower side in that order (a profile, issue 20).
func (p *producer) addSums() {
	slices.SortFunc(p.sums, func(x, y dataSum) int { return cmp.Compare(x.sub, y.sub) })
	for i := range p.sums {
		p.agg.addSum(&p.sums[i])
	}
	p.sums = p.sums[:0]
}
