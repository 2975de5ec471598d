package clickhouse

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	ch "github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/ext"

	"github.com/cdrtui/cdrtui/internal/store"
)

// The contacts ranking of a whole cluster case, subscriber by subscriber:
// three questions asked at once, each answered in subscriber order (the
// data subscribers with their numbers; every subscriber's hour products
// with A, summed on the shards; the records near A's, sorted on the
// shards) and merged here, so that what cdrtui holds is one subscriber's
// rows at a time, never the case's subscribers.

// streamBatch is how many rows a question hands over at once.
const streamBatch = 4096

// EachContactOther calls fn with every subscriber other than ask.Exclude
// that has data records or records in ask.Spans, in id order, with its
// products and its records in the spans (see store.ContactAsk). fn's
// argument is reused by the next call.
func (s *Store) EachContactOther(ctx context.Context, ask store.ContactAsk, fn func(*store.ContactOther) error) error {
	if err := s.readComplete(ctx); err != nil {
		return s.explain(err)
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel() // every question stops
		wg.Wait()
	}()
	errs := make([]error, 3)
	subs := make(chan []subRow, 4)
	prods := make(chan []prodRow, 4)
	nears := make(chan []nearRow, 4)
	wg.Add(3)
	go func() {
		defer wg.Done()
		defer close(subs)
		errs[0] = streamRows(ctx, s, subs, `SELECT id, msisdn FROM {db}.subscribers`+completeDims+` AND id != ?
			AND id IN (SELECT DISTINCT subscriber_id FROM {ipdr} WHERE {visible}) ORDER BY id`, func(sc scanner) (subRow, error) {
			var r subRow
			return r, sc.Scan(&r.id, &r.msisdn)
		}, ask.Exclude)
	}()
	go func() {
		defer wg.Done()
		defer close(prods)
		q, ok := productsQuery(ask)
		if !ok {
			return
		}
		errs[1] = streamRows(ctx, s, prods, q, func(sc scanner) (prodRow, error) {
			var r prodRow
			var ki int64
			err := sc.Scan(&r.sub, &ki, &r.v)
			r.ki = int(ki)
			return r, err
		}, ask.Exclude)
	}()
	go func() {
		defer wg.Done()
		defer close(nears)
		if len(ask.Spans) == 0 {
			return
		}
		q, qctx, _, err := s.nearQuery(ctx, ask.Spans, wallScope(ask.From, ask.To), " ORDER BY subscriber_id, p, start")
		if err != nil {
			errs[2] = err
			return
		}
		errs[2] = streamRows(qctx, s, nears, q, func(sc scanner) (nearRow, error) {
			var r nearRow
			var port int64
			err := sc.Scan(&r.sub, &port, &r.start)
			r.port = int(port)
			return r, err
		}, ask.Exclude)
	}()
	byPort := spansByPort(ask.Spans)

	sr, pr, nr := newPeeker(subs), newPeeker(prods), newPeeker(nears)
	var o store.ContactOther
	for {
		next, found := int64(0), false
		for _, h := range []struct {
			id int64
			ok bool
		}{{sr.head().id, sr.ok()}, {pr.head().sub, pr.ok()}, {nr.head().sub, nr.ok()}} {
			if h.ok && (!found || h.id < next) {
				next, found = h.id, true
			}
		}
		if !found {
			break
		}
		o.ID, o.MSISDN, o.Listed, o.Products, o.Near = next, "", false, o.Products[:0], o.Near[:0]
		for sr.ok() && sr.head().id == next {
			o.MSISDN, o.Listed = sr.head().msisdn, true
			sr.pop()
		}
		for pr.ok() && pr.head().sub == next {
			r := pr.head()
			if len(o.Products) == 0 {
				o.Products = append(o.Products, make([]int64, ask.Keys)...)
			}
			if r.ki >= 0 && r.ki < ask.Keys {
				o.Products[r.ki] += r.v
			}
			pr.pop()
		}
		if len(o.Products) == 0 {
			o.Products = nil
		}
		for nr.ok() && nr.head().sub == next {
			r := nr.head()
			if inSpans(byPort[r.port], r.start) {
				o.Near = append(o.Near, store.NearRecord{Port: r.port, Start: r.start})
			}
			nr.pop()
		}
		if err := fn(&o); err != nil {
			return err
		}
	}
	wg.Wait() // every stream ended: its error is written
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return parent.Err()
}

type subRow struct {
	id     int64
	msisdn string
}

type prodRow struct {
	sub, v int64
	ki     int
}

type nearRow struct {
	sub   int64
	port  int
	start int64
}

// streamRows runs q and sends its rows, as scan reads them, to out in
// batches; it stops when ctx is done.
func streamRows[T any](ctx context.Context, s *Store, out chan<- []T, q string, scan func(scanner) (T, error), args ...any) error {
	batch := make([]T, 0, streamBatch)
	send := func() error {
		select {
		case out <- batch:
			batch = make([]T, 0, streamBatch)
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	err := s.each(ctx, q, func(sc scanner) error {
		r, err := scan(sc)
		if err != nil {
			return err
		}
		batch = append(batch, r)
		if len(batch) == streamBatch {
			return send()
		}
		return nil
	}, args...)
	if err == nil && len(batch) > 0 {
		err = send()
	}
	if err != nil && ctx.Err() != nil {
		return nil // stopped: the merge ended first, or its caller's error says why
	}
	return err
}

// peeker reads a stream of batches one row at a time.
type peeker[T any] struct {
	in    <-chan []T
	batch []T
	done  bool
}

func newPeeker[T any](in <-chan []T) *peeker[T] {
	p := &peeker[T]{in: in}
	p.fill()
	return p
}

func (p *peeker[T]) fill() {
	for len(p.batch) == 0 && !p.done {
		b, ok := <-p.in
		if !ok {
			p.done = true
			return
		}
		p.batch = b
	}
}

func (p *peeker[T]) ok() bool { return len(p.batch) > 0 }

func (p *peeker[T]) head() T {
	if len(p.batch) == 0 {
		var zero T
		return zero
	}
	return p.batch[0]
}

func (p *peeker[T]) pop() {
	p.batch = p.batch[1:]
	p.fill()
}

// productsQuery is the question of every subscriber's hour products with
// A, per key of A, summed on the shards: each record on one of ask.Ports
// adds A's records on its key in its wall-clock hour. false: nothing to
// ask.
func productsQuery(ask store.ContactAsk) (string, bool) {
	if len(ask.Ports) == 0 {
		return "", false
	}
	ports := make([]string, len(ask.Ports))
	keys := make([]string, len(ask.Ports))
	hours := make([]string, len(ask.Ports))
	for i, p := range ask.Ports {
		ports[i] = strconv.Itoa(p)
		keys[i] = strconv.Itoa(ask.KeyOf[i])
		h := make([]string, 24)
		for j, n := range ask.Hours[i] {
			h[j] = strconv.Itoa(n)
		}
		hours[i] = "[" + strings.Join(h, ", ") + "]"
	}
	list := "[" + strings.Join(ports, ", ") + "]"
	pos := "indexOf(" + list + ", toInt64(ifNull(dest_port, -1)))"
	return fmt.Sprintf(`SELECT subscriber_id, toInt64(arrayElement([%s], %s)) AS ki,
			sum(toInt64(arrayElement(arrayElement([%s], %s), %s + 1))) AS v
		FROM {ipdr} WHERE {visible}%s AND subscriber_id != ? AND ifNull(dest_port, -1) IN (%s)
		GROUP BY subscriber_id, ki HAVING v != 0 ORDER BY subscriber_id, ki`,
		strings.Join(keys, ", "), pos, strings.Join(hours, ", "), pos, hourExpr, wallScope(ask.From, ask.To), strings.Join(ports, ", ")), true
}

// nearQuery is the question of the records (subscriber, port, start)
// other than one subscriber's (its id the query's argument) whose port
// and start are in spans, in scope, then order: the shards keep those
// whose (port, minute) is among the spans' keys, sent beside the query as
// an external table (tens of thousands of keys as text took the servers
// seconds to parse; GLOBAL IN sends them to the shards), a span of hours
// asked as a range. The rows must still be checked exactly (inSpans, with
// byPort). The shards sort to disk past 300 MB.
func (s *Store) nearQuery(ctx context.Context, spans []store.PortSpan, scope, order string) (string, context.Context, map[int][]store.PortSpan, error) {
	in := "IN"
	if s.target.Cluster != "" {
		in = "GLOBAL IN"
	}
	cond, keys, err := spansCond(spans, in)
	if err != nil {
		return "", nil, nil, err
	}
	q := `SELECT subscriber_id, ifNull(dest_port, -1) AS p, start FROM {ipdr}
		WHERE {visible}` + scope + ` AND subscriber_id != ? AND ` + cond + order
	qctx := ch.Context(ctx, ch.WithExternalTable(keys), ch.WithSettings(ch.Settings{
		"max_query_size": len(q) + 1<<20, "max_ast_elements": len(q) + 1<<16, "max_expanded_ast_elements": len(q) + 1<<16,
		"max_bytes_before_external_sort": 300_000_000}))
	return q, qctx, spansByPort(spans), nil
}

// spansByPort is spans by port, each port's by start.
func spansByPort(spans []store.PortSpan) map[int][]store.PortSpan {
	byPort := map[int][]store.PortSpan{}
	for _, sp := range spans {
		byPort[sp.Port] = append(byPort[sp.Port], sp)
	}
	for _, ps := range byPort {
		sort.Slice(ps, func(i, j int) bool { return ps[i].From < ps[j].From })
	}
	return byPort
}

// spansCond is the condition that a record (its port p, its start) is in
// one of spans: its (port, minute) among the spans' keys, the column k of
// the external table it returns (contact_keys), or, for a span of hours,
// in its range. in is how the table is asked (IN, or GLOBAL IN on a
// cluster). Rows it keeps are still to be checked exactly (inSpans).
func spansCond(spans []store.PortSpan, in string) (string, *ext.Table, error) {
	table, err := ext.NewTable("contact_keys", ext.Column("k", "Int64"))
	if err != nil {
		return "", nil, err
	}
	var keys []int64 // sorted and made unique before they are sent: no set of them held
	var ranges []string
	for _, sp := range spans {
		if sp.To/60-sp.From/60 > longSpan {
			ranges = append(ranges, fmt.Sprintf("(p = %d AND start >= %d AND start <= %d)", sp.Port, sp.From, sp.To))
			continue
		}
		for m := sp.From / 60; m <= sp.To/60; m++ {
			keys = append(keys, spanKey(sp.Port, m))
		}
	}
	slices.Sort(keys)
	for _, k := range slices.Compact(keys) {
		if err := table.Append(k); err != nil {
			return "", nil, err
		}
	}
	cond := "(p + 1) * 4294967296 + intDiv(start, 60) " + in + " contact_keys"
	if len(ranges) > 0 {
		cond = "(" + cond + " OR " + strings.Join(ranges, " OR ") + ")"
	}
	return cond, table, nil
}
