package clickhouse

import (
	"context"
	"strconv"
	"strings"
	"time"
)

func asInt(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case float64:
		return int64(x)
	case string:
		n, _ := strconv.ParseInt(x, 10, 64)
		return n
	case []byte:
		n, _ := strconv.ParseInt(string(x), 10, 64)
		return n
	}
	return 0
}

func asString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	return ""
}

func nInt(v any) *int64 {
	if v == nil {
		return nil
	}
	n := asInt(v)
	return &n
}

func nStr(v any) *string {
	if v == nil {
		return nil
	}
	s := asString(v)
	return &s
}

func joinCols(cols []string) string { return strings.Join(cols, ", ") }

// quoteCols names columns for SQLite ("end" is a keyword).
func quoteCols(cols []string) string {
	q := make([]string, len(cols))
	for i, c := range cols {
		q[i] = `"` + c + `"`
	}
	return strings.Join(q, ", ")
}

// info reads a case_info value ("" when unset): the latest written.
func (s *Store) info(ctx context.Context, key string) (string, error) {
	var v string
	err := s.home.QueryRow(ctx, s.sql(`SELECT ifNull(argMax(value, version), '') FROM {db}.case_info WHERE key = ?`), key).Scan(&v)
	return v, err
}

// Info is the case's value for key, "" when unset.
func (s *Store) Info(ctx context.Context, key string) (string, error) { return s.info(ctx, key) }

func (s *Store) setInfo(ctx context.Context, key, value string) error {
	b, err := s.home.PrepareBatch(ctx, s.sql(`INSERT INTO {db}.case_info (key, value, version)`))
	if err != nil {
		return err
	}
	if err := b.Append(key, value, uint64(time.Now().UnixNano())); err != nil {
		return err
	}
	return b.Send()
}

// SetInfo keeps a case_info value (the latest written wins).
func (s *Store) SetInfo(ctx context.Context, key, value string) error {
	return s.setInfo(ctx, key, value)
}

// ReadOnly is false: a ClickHouse case takes what the analyses keep in it
// (its port dictionary).
func (s *Store) ReadOnly() bool { return false }
