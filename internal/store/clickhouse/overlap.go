package clickhouse

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// The overlap rule across imports. The staging case resolves overlap
// between the files of one import exactly as a local case does (the same
// code), but it starts empty: it cannot see the records earlier imports
// put in the cluster. The copy finishes the rule against the cluster, so
// that a sequence of imports gives what the same sequence gives locally
// (store.resolveOverlap): a record that is the same event as one the
// cluster holds -- same subscriber and start; for a data session the same
// end, addresses, ports, volumes and domain; for a call the same type,
// other party (by its key when it has one) and duration -- is not copied:
// its line goes to record_sources under the first record of the event,
// and the source counts it already in the case.
//
// Only a row whose subscriber the cluster holds, with records of its kind
// spanning its start, can repeat one (as locally): those are held back in
// groups and looked up on the cluster by subscriber and start, then
// compared field by field in Go (eventKey); the rest go straight to their
// batch. A file of new subscribers or a new period pays a map lookup a row.
//
// Record ids are the ones the local case would give: each source's rows
// follow the largest id the cluster holds (the local rule: one more than
// the largest), whatever the staging case gave the rows before them.
// Provenance the staging case kept under a record that was not copied
// (one the cluster already held, or one of a file the cluster held
// already, same SHA-256) goes under the cluster's record of that event; a
// file whose provenance names an event the cluster does not hold is
// refused whole, nothing of it written.

// lookupRows is how many held-back rows one lookup carries (a tuple
// each: a query of some tens of KB).
const lookupRows = 2000

// recState is the numbering and overlap state of one record kind during
// an import.
type recState struct {
	kind    string
	cols    []string
	max     int64              // largest id the cluster holds, as rows are copied
	spans   map[int64][2]int64 // cluster subscriber -> first and last start of its complete records of this kind
	ranges  []idRange          // copied staged sources: where their ids went
	dropped map[int64]int64    // staged id -> the cluster record of the same event (rows not copied)
}

// idRange: staged ids lo..hi became id+off in the cluster.
type idRange struct{ lo, hi, off int64 }

// newRecState reads the largest id and each subscriber's span of one
// record kind from the cluster's complete sources.
func (c *copier) newRecState(ctx context.Context, kind string, cols []string) (*recState, error) {
	s := c.s
	st := &recState{kind: kind, cols: cols, spans: map[int64][2]int64{}, dropped: map[int64]int64{}}
	if err := s.home.QueryRow(ctx, s.sql(`SELECT max(id) FROM {`+kind+`}`)).Scan(&st.max); err != nil {
		return nil, err
	}
	rows, err := s.home.Query(ctx, s.sql(`SELECT subscriber_id, min(start), max(start) FROM {`+kind+`} WHERE {visible} GROUP BY subscriber_id`))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var sub, first, last int64
		if err := rows.Scan(&sub, &first, &last); err != nil {
			return nil, err
		}
		st.spans[sub] = [2]int64{first, last}
	}
	return st, rows.Err()
}

// mapID is the cluster id of a staged record that is in the cluster:
// copied, or not copied as the repeat of a cluster record.
func (st *recState) mapID(staged int64) (int64, bool) {
	if id, ok := st.dropped[staged]; ok {
		return id, true
	}
	for i := len(st.ranges) - 1; i >= 0; i-- {
		if r := st.ranges[i]; staged >= r.lo && staged <= r.hi {
			return staged + r.off, true
		}
	}
	return 0, false
}

func (st *recState) col(name string) int {
	for i, c := range st.cols {
		if c == name {
			return i
		}
	}
	panic("no column " + name)
}

// eventKey is the event a record (its values as copied) stands for, the
// fields the overlap rule compares, each written unambiguously.
func (st *recState) eventKey(v []any) string {
	var b strings.Builder
	put := func(x any) {
		switch y := x.(type) {
		case int64:
			b.WriteString(strconv.FormatInt(y, 10))
		case *int64:
			if y == nil {
				b.WriteString("N")
			} else {
				b.WriteString(strconv.FormatInt(*y, 10))
			}
		case string:
			b.WriteString(strconv.Itoa(len(y)) + ":" + y)
		case *string:
			if y == nil {
				b.WriteString("N")
			} else {
				b.WriteString(strconv.Itoa(len(*y)) + ":" + *y)
			}
		}
		b.WriteByte('|')
	}
	put(v[st.col("subscriber_id")])
	put(v[st.col("start")])
	if st.kind == "voice" {
		put(v[st.col("call_type")])
		other := v[st.col("other")]
		if k, ok := v[st.col("other_key")].(*string); ok && k != nil && *k != "" {
			other = k
		}
		put(other)
		put(v[st.col("duration")])
		return b.String()
	}
	for _, c := range []string{"end", "private_ip", "private_port", "public_ip", "public_port", "dest_ip", "dest_port",
		"uplink", "downlink", "total", "domain"} {
		put(v[st.col(c)])
	}
	return b.String()
}

// scanDest gives a scan target per column, in the types c.value gives.
func (st *recState) scanDest() ([]any, func() []any) {
	dest := make([]any, len(st.cols))
	for i, c := range st.cols {
		switch c {
		case "id", "source_id", "line", "subscriber_id", "start":
			dest[i] = new(int64)
		case "wall_offset":
			dest[i] = new(int32)
		case "call_type":
			dest[i] = new(string)
		case "private_port", "public_port", "dest_port", "end", "uplink", "downlink", "total", "duration", "device_id", "cell_id":
			dest[i] = new(*int64)
		default:
			dest[i] = new(*string)
		}
	}
	return dest, func() []any {
		v := make([]any, len(dest))
		for i, d := range dest {
			switch x := d.(type) {
			case *int64:
				v[i] = *x
			case *int32:
				v[i] = *x
			case *string:
				v[i] = *x
			case **int64:
				v[i] = *x
			case **string:
				v[i] = *x
			}
		}
		return v
	}
}

// lookup finds, for each record given (values as copied), the first
// cluster record of the same event among complete sources: its id, or 0.
func (c *copier) lookup(ctx context.Context, st *recState, recs [][]any) ([]int64, error) {
	s := c.s
	sub, start := st.col("subscriber_id"), st.col("start")
	var keys strings.Builder
	keys.WriteString("(0, 0)") // never a record; keeps one tuple a list of tuples
	seen := map[[2]int64]bool{}
	for _, r := range recs {
		k := [2]int64{r[sub].(int64), r[start].(int64)}
		if !seen[k] {
			seen[k] = true
			fmt.Fprintf(&keys, ", (%d, %d)", k[0], k[1])
		}
	}
	q := fmt.Sprintf(`SELECT %s FROM {%s} WHERE {visible} AND (subscriber_id, start) IN (%s)`, joinCols(st.cols), st.kind, keys.String())
	rows, err := s.home.Query(ctx, s.sql(q))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	first := map[string]int64{}
	dest, values := st.scanDest()
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		v := values()
		k := st.eventKey(v)
		if id := v[0].(int64); first[k] == 0 || id < first[k] {
			first[k] = id
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]int64, len(recs))
	for i, r := range recs {
		out[i] = first[st.eventKey(r)]
	}
	return out, nil
}

// held are the rows of a source held back to be looked up: their values
// as copied (with staged ids) and their staged ids.
type held struct {
	vals   [][]any
	staged []int64
}

// resolveHeld looks the held rows up: a row repeating a cluster record is
// not copied (its line goes to record_sources under that record), the
// others go to their batch through send.
func (c *copier) resolveHeld(ctx context.Context, st *recState, h *held, prov *homeBatch, id int64, t *tally, send func([]any) error) error {
	if len(h.vals) == 0 {
		return nil
	}
	kept, err := c.lookup(ctx, st, h.vals)
	if err != nil {
		return err
	}
	line := st.col("line")
	for i, v := range h.vals {
		if kept[i] == 0 {
			if err := send(v); err != nil {
				return err
			}
			continue
		}
		st.dropped[h.staged[i]] = kept[i]
		t.dropped++
		if err := prov.append(ctx, st.kind, kept[i], id, v[line].(int64)); err != nil {
			return err
		}
	}
	h.vals, h.staged = h.vals[:0], h.staged[:0]
	return nil
}

// tally is what the rule across imports changed in one source's counts.
type tally struct {
	dropped int64 // rows not copied: already in the cluster
	moved   int64 // repeats of such a row within the file: already in the case, not repeated in the file
}

// homeBatch is an insert on the server named, sent every batchRows rows.
type homeBatch struct {
	c     *copier
	query string
	b     driver.Batch
	n     int
}

func (h *homeBatch) append(ctx context.Context, vals ...any) error {
	if h.b == nil {
		b, err := h.c.s.home.PrepareBatch(ctx, h.c.s.sql(h.query))
		if err != nil {
			return err
		}
		h.b = b
	}
	if err := h.b.Append(vals...); err != nil {
		return err
	}
	if h.n++; h.n >= batchRows {
		return h.send()
	}
	return nil
}

func (h *homeBatch) send() error {
	if h.b == nil {
		return nil
	}
	err := h.b.Send()
	h.b, h.n = nil, 0
	return err
}

func (h *homeBatch) abort() {
	if h.b != nil {
		h.b.Abort()
		h.b, h.n = nil, 0
	}
}

// unresolved reads the staged records the source's provenance names that
// the cluster did not get from this import (records of a file it held
// already), finds the cluster record of each one's event, and notes it in
// dropped. An event the cluster does not hold is an error: the file is
// refused before anything of it is written.
func (c *copier) unresolved(ctx context.Context, st *recState, stagedID int64) error {
	var ids []int64
	lineOf := map[int64]int64{} // the first line of this source naming each record
	err := c.stage.StagedRows(ctx, `SELECT record_id, min(line) FROM record_sources WHERE source_id = ? AND kind = ? GROUP BY record_id ORDER BY record_id`,
		func(row []any) error {
			if r := asInt(row[0]); r < c.cur[st.kind].lo {
				if _, ok := st.mapID(r); !ok {
					ids = append(ids, r)
					lineOf[r] = asInt(row[1])
				}
			}
			return nil
		}, stagedID, st.kind)
	if err != nil {
		return err
	}
	for len(ids) > 0 {
		n := min(len(ids), lookupRows)
		part := ids[:n]
		ids = ids[n:]
		var list strings.Builder
		for i, id := range part {
			if i > 0 {
				list.WriteByte(',')
			}
			list.WriteString(strconv.FormatInt(id, 10))
		}
		var h held
		// the subscriber by its number: the file it came from was not
		// copied, its staged ids were never mapped (the device and cell
		// are not part of the event)
		err := c.stage.StagedRows(ctx, "SELECT "+quoteCols(st.cols)+", (SELECT msisdn FROM subscribers s WHERE s.id = r.subscriber_id) FROM "+
			st.kind+" r WHERE id IN ("+list.String()+") ORDER BY id",
			func(row []any) error {
				vals := make([]any, len(st.cols))
				for i, col := range st.cols {
					vals[i] = c.value(st.kind, col, row[i])
				}
				vals[st.col("subscriber_id")] = c.subs[asString(row[len(st.cols)])]
				h.vals = append(h.vals, vals)
				h.staged = append(h.staged, asInt(row[0]))
				return nil
			})
		if err != nil {
			return err
		}
		kept, err := c.lookup(ctx, st, h.vals)
		if err != nil {
			return err
		}
		for i, k := range kept {
			if k == 0 {
				return errUnresolved{fmt.Sprintf("line %d of it repeats a %s record of a file already in the case, and the cluster holds no record of that event (was that file imported with another numbering plan or zone?)",
					lineOf[h.staged[i]], st.kind)}
			}
			st.dropped[h.staged[i]] = k
		}
	}
	return nil
}

// errUnresolved refuses one file: its overlap with the case cannot be
// resolved as a local case would.
type errUnresolved struct{ why string }

func (e errUnresolved) Error() string { return e.why }
