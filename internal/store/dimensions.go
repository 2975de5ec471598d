package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"runtime/debug"
	"strings"

	"github.com/cdrtui/cdrtui/internal/ident"
)

// openEvidence opens an evidence file read-only.
func openEvidence(path string) (*os.File, error) { return os.Open(path) }

// dimensions interns subscribers, devices and cells for one import: the
// ids already in the case are loaded once, new ones are numbered on from
// the largest and written by the consumer.
type dimensions struct {
	subscribers map[string]int64 // by subscribers.msisdn: the E.164 key, or the digits of a number not keyed
	written     map[string]*writtenSub
	plan        ident.Plan // the case's numbering plan (zero: none)
	devices     map[deviceKey]int64
	cells       map[string]int64
	lastMSISDN  string // rows come in runs of one subscriber: skip the map then
	lastSub     *writtenSub
	nextSub     int64
	unkeyedSubs int64 // records whose subscriber number could not be keyed
	// why is a number refused on purpose, as written, and why (the plan
	// reads it two ways, or it lacks what its key needs: ident.Plan.Why),
	// the first one met; whyTries counts the numbers asked about
	why      string
	whyTries int
	nextDev  int64
	nextCell int64
}

// dimensionRows are the new dimension rows one chunk introduced.
type dimensionRows struct {
	subscribers [][]any
	devices     [][]any
	cells       [][]any
}

func newDimensionRows() dimensionRows { return dimensionRows{} }

func (d dimensionRows) any() bool {
	return len(d.subscribers)+len(d.devices)+len(d.cells) > 0
}

func loadDimensions(ctx context.Context, conn *sql.Conn) (*dimensions, error) {
	d := &dimensions{subscribers: map[string]int64{}, written: map[string]*writtenSub{}, devices: map[deviceKey]int64{}, cells: map[string]int64{}}
	load := func(q string, put func(string, int64), next *int64) error {
		rows, err := conn.QueryContext(ctx, q)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var key string
			if err := rows.Scan(&id, &key); err != nil {
				return err
			}
			put(key, id)
			*next = max(*next, id)
		}
		return rows.Err()
	}
	if err := load("SELECT id, msisdn FROM subscribers", func(k string, id int64) { d.subscribers[k] = id }, &d.nextSub); err != nil {
		return nil, err
	}
	putDevice := func(k string, id int64) {
		imsi, imei, _ := strings.Cut(k, "\x00")
		d.devices[deviceKey{imsi, imei}] = id
	}
	if err := load("SELECT id, imsi || char(0) || imei FROM devices", putDevice, &d.nextDev); err != nil {
		return nil, err
	}
	if err := load("SELECT id, cell FROM cells", func(k string, id int64) { d.cells[k] = id }, &d.nextCell); err != nil {
		return nil, err
	}
	return d, nil
}

type deviceKey struct{ imsi, imei string }

// writtenSub is what one written form of a subscriber number resolves to:
// the subscriber, and the form to keep on the record when it is not the
// subscriber's msisdn ("" otherwise).
type writtenSub struct {
	id    int64
	as    string
	keyed bool
	// The device and cell of this number's last record, with their ids:
	// a subscriber's records mostly keep both, so the next record needs
	// no lookup, even when many subscribers' records interleave (an export
	// ordered by time). They are copies, not the line the reader cut.
	dev    deviceKey
	devID  int64
	cell   string
	cellID int64
}

// subscriber interns the subscriber of a record by the number's key under
// the case's plan. msisdn is the number's digits and as its written form
// when that differs ("+91 97144 99703"); each written form is keyed once.
func (d *dimensions) subscriber(msisdn, as string, out *dimensionRows) *writtenSub {
	w := as
	if w == "" {
		w = msisdn
	}
	if d.lastSub != nil && w == d.lastMSISDN {
		if !d.lastSub.keyed {
			d.unkeyedSubs++
		}
		return d.lastSub
	}
	ws, ok := d.written[w]
	if !ok {
		digits, plus := msisdn, false
		if as != "" {
			if dd, p, ok := ident.SplitNumber(as); ok {
				digits, plus = dd, p
			}
		}
		key, keyed := d.plan.Key(digits, plus)
		name := key
		if !keyed {
			name = msisdn
			d.noteWhy(w, digits, plus)
		}
		// the reader's values are cut from a string of the whole line:
		// what the maps keep for the import's length is copied, so that
		// they hold a number's bytes, not its line's
		w, name = strings.Clone(w), strings.Clone(name)
		id, ok := d.subscribers[name]
		if !ok {
			d.nextSub++
			id = d.nextSub
			d.subscribers[name] = id
			out.subscribers = append(out.subscribers, []any{id, name, nullString(key)})
		}
		ws = &writtenSub{id: id, keyed: keyed}
		if w != name {
			ws.as = w
		}
		d.written[w] = ws
	}
	if !ws.keyed {
		d.unkeyedSubs++
	}
	d.lastMSISDN, d.lastSub = w, ws
	return ws
}

// deviceOf is device, asking sub's last device first.
func (d *dimensions) deviceOf(sub *writtenSub, imsi, imei string, out *dimensionRows) int64 {
	if sub.devID != 0 && sub.dev.imsi == imsi && sub.dev.imei == imei {
		return sub.devID
	}
	id := d.device(imsi, imei, out)
	if id != 0 {
		sub.dev, sub.devID = deviceKey{strings.Clone(imsi), strings.Clone(imei)}, id
	}
	return id
}

// cellOf is cell, asking sub's last cell first.
func (d *dimensions) cellOf(sub *writtenSub, cell string, out *dimensionRows) int64 {
	if sub.cellID != 0 && sub.cell == cell {
		return sub.cellID
	}
	id := d.cell(cell, out)
	if id != 0 {
		sub.cell, sub.cellID = strings.Clone(cell), id
	}
	return id
}

// device returns 0 when neither identifier is known.
func (d *dimensions) device(imsi, imei string, out *dimensionRows) int64 {
	if imsi == "" && imei == "" {
		return 0
	}
	key := deviceKey{imsi, imei}
	if id, ok := d.devices[key]; ok {
		return id
	}
	d.nextDev++
	key = deviceKey{strings.Clone(imsi), strings.Clone(imei)}
	d.devices[key] = d.nextDev
	out.devices = append(out.devices, []any{d.nextDev, imsi, imei, ident.HandsetKey(imei)})
	return d.nextDev
}

// cell returns 0 for an empty cell.
func (d *dimensions) cell(cell string, out *dimensionRows) int64 {
	if cell == "" {
		return 0
	}
	if id, ok := d.cells[cell]; ok {
		return id
	}
	d.nextCell++
	cell = strings.Clone(cell)
	d.cells[cell] = d.nextCell
	row := []any{d.nextCell, cell, nil, nil}
	if k, gen, ok := ident.CellKeyGeneration(cell); ok {
		row[2], row[3] = k, gen
	}
	out.cells = append(out.cells, row)
	return d.nextCell
}

func writeDimensions(ctx context.Context, j *importJob, rows dimensionRows) error {
	if err := bulk(ctx, j.conn, j.feedName, j.feed, "INSERT INTO subscribers(id, msisdn, msisdn_key) %s", 3, rows.subscribers); err != nil {
		return fmt.Errorf("%w: subscribers: %w", errCaseFailed, err)
	}
	if err := bulk(ctx, j.conn, j.feedName, j.feed, "INSERT INTO devices(id, imsi, imei, handset) %s", 4, rows.devices); err != nil {
		return fmt.Errorf("%w: devices: %w", errCaseFailed, err)
	}
	if err := bulk(ctx, j.conn, j.feedName, j.feed, "INSERT INTO cells(id, cell, cell_key, generation) %s", 4, rows.cells); err != nil {
		return fmt.Errorf("%w: cells: %w", errCaseFailed, err)
	}
	return nil
}

// rebuildSorterThreads is how many helper threads SQLite's sorter may use
// while the indexes are rebuilt. The parser is done by then, so its core
// is free: two threads took the two-index rebuild of a 1M-row file from
// about 5 s to under 4 s, for a few more MB of sorter memory.
const rebuildSorterThreads = 2

func (j *importJob) rebuildIndexes(ctx context.Context, stmts []string) error {
	if len(stmts) == 0 {
		return nil
	}
	if _, err := j.conn.ExecContext(ctx, fmt.Sprintf("PRAGMA threads=%d", rebuildSorterThreads)); err != nil {
		return fmt.Errorf("%w: %w", errCaseFailed, err)
	}
	defer j.conn.ExecContext(context.Background(), "PRAGMA threads=0")
	// The parser's garbage goes back to the system before the sorters take
	// their memory, so that the two never add up (peak RSS stays under
	// 100 MB whatever the file's size).
	debug.FreeOSMemory()
	j.indexing.Store(true)
	j.progress()
	for _, s := range stmts {
		if _, err := j.conn.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("%w: rebuilding index: %w", errCaseFailed, err)
		}
	}
	return nil
}

// noteWhy keeps the first number refused on purpose (ident.Plan.Why), for
// the import's notes; it asks about a hundred numbers at most.
func (d *dimensions) noteWhy(written, digits string, plus bool) {
	if d.why != "" || d.whyTries >= 100 {
		return
	}
	d.whyTries++
	if w := d.plan.Why(digits, plus); w != "" {
		d.why = strings.Clone(written) + ": " + w
	}
}
