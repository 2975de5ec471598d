package clickhouse

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// The complete sources, read once per open case: every question about
// records keeps to them, and asking the server named for the list in
// each question (GLOBAL IN, a temporary table sent to every shard) costs
// every question a step. The list is written into the questions as
// numbers instead. It changes only when a source is marked complete: a
// write into source_complete through this case's connection (an import,
// a cell-site import) forgets it, and it is read again at the next
// question. Another process's import (another analyst's) is noticed by a
// tiny question, source_complete's row count and its ids' sum and
// largest, asked at most once every completeCheck: when they changed, the
// list is read again. Until it is read (or when it is too long to write
// into a question), the questions ask for it as before.

// completeList is the cached list of complete sources.
type completeList struct {
	mu      sync.Mutex
	ok      bool          // ids holds the list
	ids     []int64       // ascending
	print   [3]int64      // source_complete's rows, their ids' sum and largest when ids was read
	checked time.Time     // when print was last compared with the server's
	every   time.Duration // how often it is compared (0: completeCheck; a test sets -1: at every question)
}

// completeCheck is how long a list read (or checked) is trusted before
// source_complete is asked whether another process marked a source
// complete: a workbench open on the case sees another analyst's import
// within it, and a pane's dozen questions cost one check.
const completeCheck = time.Second

// maxListed bounds how many source ids are written into a question
// (ClickHouse's max_query_size is 256 KiB).
const maxListed = 10_000

// completeIDs returns the cached list, if any.
func (s *Store) completeIDs() ([]int64, bool) {
	s.complete.mu.Lock()
	defer s.complete.mu.Unlock()
	return s.complete.ids, s.complete.ok
}

// forgetComplete drops the cached list: a source is being marked
// complete.
func (s *Store) forgetComplete() {
	s.complete.mu.Lock()
	s.complete.ok, s.complete.ids = false, nil
	s.complete.mu.Unlock()
}

// fresh says whether the cached list may be used without a check, and
// the fingerprint it was read with.
func (s *Store) fresh() (bool, bool, [3]int64) {
	s.complete.mu.Lock()
	defer s.complete.mu.Unlock()
	c := &s.complete
	every := c.every
	if every == 0 {
		every = completeCheck
	}
	return c.ok, c.ok && time.Since(c.checked) < every, c.print
}

// completePrint is source_complete's fingerprint: its rows, the sum of
// their ids and the largest (rows are only added, or all of a source's
// removed).
func (s *Store) completePrint(ctx context.Context) ([3]int64, error) {
	var p [3]int64
	var n uint64
	err := s.home.QueryRow(ctx, `SELECT count(), toInt64(sum(id)), toInt64(max(id)) FROM `+s.target.Database+`.source_complete`).Scan(&n, &p[1], &p[2])
	p[0] = int64(n)
	return p, err
}

// readComplete reads the list when it is not cached, or when the
// fingerprint checked every completeCheck says it changed.
func (s *Store) readComplete(ctx context.Context) error {
	cached, trusted, was := s.fresh()
	if trusted {
		return nil
	}
	print, err := s.completePrint(ctx)
	if err != nil {
		return err
	}
	if cached && print == was {
		s.complete.mu.Lock()
		s.complete.checked = time.Now()
		s.complete.mu.Unlock()
		return nil
	}
	rows, err := s.home.Query(ctx, `SELECT DISTINCT id FROM `+s.target.Database+`.source_complete ORDER BY id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(ids) > maxListed {
		s.forgetComplete()
		return nil // asked for in each question
	}
	s.complete.mu.Lock()
	s.complete.ok, s.complete.ids = true, slices.Clip(ids)
	s.complete.print, s.complete.checked = print, time.Now()
	s.complete.mu.Unlock()
	return nil
}

// visibleListed is the condition that keeps a record table's rows to
// the complete sources, written out; "" when the list is not cached.
func (s *Store) visibleListed() string {
	ids, ok := s.completeIDs()
	if !ok {
		return ""
	}
	if len(ids) == 0 {
		return "source_id IN (-1)" // no complete source: nothing is visible (ids are positive)
	}
	return "source_id IN (" + idList(ids) + ")"
}

// homeConn is the connection to the server named, noticing a source
// being marked complete.
type homeConn struct {
	driver.Conn
	s *Store
}

// marksComplete says whether a statement writes into source_complete.
func marksComplete(q string) bool {
	q = strings.ToLower(q)
	return strings.Contains(q, "source_complete") && (strings.Contains(q, "insert") || strings.Contains(q, "alter") ||
		strings.Contains(q, "drop") || strings.Contains(q, "truncate") || strings.Contains(q, "rename"))
}

func (c homeConn) Exec(ctx context.Context, q string, args ...any) error {
	if !marksComplete(q) {
		return c.Conn.Exec(ctx, q, args...)
	}
	c.s.forgetComplete()
	defer c.s.forgetComplete()
	return c.Conn.Exec(ctx, q, args...)
}

func (c homeConn) PrepareBatch(ctx context.Context, q string, opts ...driver.PrepareBatchOption) (driver.Batch, error) {
	b, err := c.Conn.PrepareBatch(ctx, q, opts...)
	if err != nil || !marksComplete(q) {
		return b, err
	}
	c.s.forgetComplete()
	return markBatch{b, c.s}, nil
}

// markBatch is a batch marking sources complete: the list is forgotten
// once it is sent.
type markBatch struct {
	driver.Batch
	s *Store
}

func (b markBatch) Send() error {
	defer b.s.forgetComplete()
	return b.Batch.Send()
}
