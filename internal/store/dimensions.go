package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"runtime/debug"
	"strings"
)

// openEvidence opens an evidence file read-only.
func openEvidence(path string) (*os.File, error) { return os.Open(path) }

// dimensions interns subscribers, devices and cells for one import: the
// ids already in the case are loaded once, new ones are numbered on from
// the largest and written by the consumer.
type dimensions struct {
	subscribers map[string]int64
	devices     map[deviceKey]int64
	cells       map[string]int64
	lastMSISDN  string // rows come in runs of one subscriber: skip the map then
	lastSub     int64
	nextSub     int64
	nextDev     int64
	nextCell    int64
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
	d := &dimensions{subscribers: map[string]int64{}, devices: map[deviceKey]int64{}, cells: map[string]int64{}}
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

func (d *dimensions) subscriber(msisdn string, out *dimensionRows) int64 {
	if msisdn == d.lastMSISDN && d.lastSub != 0 {
		return d.lastSub
	}
	if id, ok := d.subscribers[msisdn]; ok {
		d.lastMSISDN, d.lastSub = msisdn, id
		return id
	}
	d.nextSub++
	d.subscribers[msisdn] = d.nextSub
	out.subscribers = append(out.subscribers, []any{d.nextSub, msisdn})
	return d.nextSub
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
	d.devices[key] = d.nextDev
	out.devices = append(out.devices, []any{d.nextDev, imsi, imei})
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
	d.cells[cell] = d.nextCell
	out.cells = append(out.cells, []any{d.nextCell, cell})
	return d.nextCell
}

func writeDimensions(ctx context.Context, j *importJob, rows dimensionRows) error {
	if err := bulk(ctx, j.conn, j.feedName, j.feed, "INSERT INTO subscribers(id, msisdn) %s", 2, rows.subscribers); err != nil {
		return fmt.Errorf("%w: subscribers: %v", errCaseFailed, err)
	}
	if err := bulk(ctx, j.conn, j.feedName, j.feed, "INSERT INTO devices(id, imsi, imei) %s", 3, rows.devices); err != nil {
		return fmt.Errorf("%w: devices: %v", errCaseFailed, err)
	}
	if err := bulk(ctx, j.conn, j.feedName, j.feed, "INSERT INTO cells(id, cell) %s", 2, rows.cells); err != nil {
		return fmt.Errorf("%w: cells: %v", errCaseFailed, err)
	}
	return nil
}

// dropIndexesForBulk drops the table's indexes when the file will add more
// rows than the table holds: building an index once over sorted keys beats
// updating it row by row. Every index goes, the subscriber's too: in a file
// ordered by time rather than by subscriber its keys arrive in random order,
// and each live insertion then costs a descent of the B-tree (measured on a
// time-ordered 1M-row file: 14.0 s of inserting with it live, 8.7 s
// without, for 1.7 s more of index building). It returns the statements
// that rebuild them.
func (j *importJob) dropIndexesForBulk(ctx context.Context, table string) ([]string, error) {
	var existing int64
	if err := j.conn.QueryRowContext(ctx, fmt.Sprintf("SELECT coalesce(max(id), 0) FROM %s", table)).Scan(&existing); err != nil {
		return nil, err
	}
	estimate := j.info.Size() / 200
	if j.det.gzipped {
		estimate *= 6 // operator exports compress about six to ten times
	}
	if estimate <= existing || estimate < 50_000 {
		return nil, nil
	}
	rows, err := j.conn.QueryContext(ctx, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name", table)
	if err != nil {
		return nil, err
	}
	var names, stmts []string
	for rows.Next() {
		var name, stmt string
		if err := rows.Scan(&name, &stmt); err != nil {
			rows.Close()
			return nil, err
		}
		names = append(names, name)
		stmts = append(stmts, stmt)
	}
	rows.Close()
	for _, n := range names {
		if _, err := j.conn.ExecContext(ctx, fmt.Sprintf("DROP INDEX %q", n)); err != nil {
			return nil, err
		}
	}
	return stmts, nil
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
		return fmt.Errorf("%w: %v", errCaseFailed, err)
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
			return fmt.Errorf("%w: rebuilding index: %v", errCaseFailed, err)
		}
	}
	return nil
}
