package store

import (
	"context"
	"fmt"
)

// stagedCacheKiB is the page cache of a connection reading staged rows.
const stagedCacheKiB = 2000

// StagedRows runs query on the case and hands each row to each as values
// (int64, float64, string, []byte or nil). It is how the ClickHouse store
// (internal/store/clickhouse) copies a staging case, read and validated by
// this package's import, into a cluster; the row slice is reused between
// calls.
func (s *Store) StagedRows(ctx context.Context, query string, each func(row []any) error, args ...any) error {
	// a connection of its own with a small page cache: a staging case is
	// read once, in order, and the pages of a pool connection's cache
	// would stay in the process until it ends
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size=-%d", stagedCacheKiB)); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), fmt.Sprintf("PRAGMA cache_size=-%d", PageCacheKiB))
	rows, err := conn.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		if err := each(vals); err != nil {
			return err
		}
	}
	return rows.Err()
}
