package store

import (
	"context"
	"database/sql"
)

// queryAll runs q and reads every row into a T through the scan targets
// fields gives for it, in the order of the rows. The rows are closed when it
// returns, so callers may query again while using the values.
func queryAll[T any](ctx context.Context, db *sql.DB, fields func(*T) []any, q string, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(fields(&v)...); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
