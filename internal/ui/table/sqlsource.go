package table

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
)

// SQLColumn is a column whose values come from an SQL expression.
type SQLColumn struct {
	Column
	Expr     string             // expression selected for display
	SortExpr string             // expression ordered by (default Expr); must never be NULL
	Filter   bool               // searched by the text filter (LIKE)
	Format   func(v any) string // display of the value (default: plain)
}

// SQLSource pages through a query with keyset pagination: the page after a
// row is WHERE (sort, id) > (row's sort, row's id), which an index on the
// sort column answers without reading the rows before it.
type SQLSource struct {
	DB    *sql.DB
	From  string // FROM clause body: "subscribers s LEFT JOIN ..."
	Where string // fixed condition with ? placeholders, "" for none
	Args  []any
	Cols  []SQLColumn
	ID    string // unique, non-NULL row id expression ("s.id")
	Sort  int
	Desc  bool
	// Decorate fills cells that SQL cannot compute (application names from
	// the port dictionary), for the rows of one page.
	Decorate func(ctx context.Context, rows []Row) error
	// Ref builds a row's Ref from its id and cells (default: the id).
	Ref func(id any, cells []string) any
	// Search, when set, gives one more condition the filter text may
	// meet, ORed with the LIKE of the Filter columns (the Overview finds a
	// subscriber by an MSISDN in any form, an IMSI or an IMEI with it).
	Search func(text string) (cond string, args []any)
}

// Columns implements Source.
func (s *SQLSource) Columns() []Column {
	out := make([]Column, len(s.Cols))
	for i, c := range s.Cols {
		out[i] = c.Column
	}
	return out
}

// DefaultSort implements Source.
func (s *SQLSource) DefaultSort() (int, bool) { return s.Sort, s.Desc }

func (s *SQLSource) sortExpr(col int) string {
	if col < 0 || col >= len(s.Cols) {
		col = s.Sort
	}
	c := s.Cols[col]
	if c.SortExpr != "" {
		return c.SortExpr
	}
	return c.Expr
}

// where builds the WHERE clause (fixed condition and filter) and its args.
func (s *SQLSource) where(filter string) (string, []any) {
	var conds []string
	args := append([]any(nil), s.Args...)
	if s.Where != "" {
		conds = append(conds, "("+s.Where+")")
	}
	if f := strings.TrimSpace(filter); f != "" {
		var ors []string
		pattern := "%" + escapeLike(f) + "%"
		for _, c := range s.Cols {
			if c.Filter {
				ors = append(ors, fmt.Sprintf("CAST(%s AS TEXT) LIKE ? ESCAPE '\\'", c.Expr))
				args = append(args, pattern)
			}
		}
		if s.Search != nil {
			if cond, a := s.Search(f); cond != "" {
				ors = append(ors, "("+cond+")")
				args = append(args, a...)
			}
		}
		if len(ors) > 0 {
			conds = append(conds, "("+strings.Join(ors, " OR ")+")")
		}
	}
	return strings.Join(conds, " AND "), args
}

func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

func (s *SQLSource) query(req PageRequest, paged bool) (string, []any) {
	sortExpr := s.sortExpr(req.Sort)
	where, args := s.where(req.Filter)
	ascending := req.Desc == req.Backward
	if paged && req.After != nil && len(req.After) == 2 {
		op := ">"
		if !ascending {
			op = "<"
		}
		cond := fmt.Sprintf("(%s, %s) %s (?, ?)", sortExpr, s.ID, op)
		if where != "" {
			where += " AND "
		}
		where += cond
		args = append(args, req.After[0], req.After[1])
	}
	exprs := make([]string, 0, len(s.Cols)+2)
	for _, c := range s.Cols {
		exprs = append(exprs, c.Expr)
	}
	exprs = append(exprs, sortExpr, s.ID)
	dir := "ASC"
	if !ascending {
		dir = "DESC"
	}
	q := "SELECT " + strings.Join(exprs, ", ") + " FROM " + s.From
	if where != "" {
		q += " WHERE " + where
	}
	q += fmt.Sprintf(" ORDER BY %s %s, %s %s", sortExpr, dir, s.ID, dir)
	if paged {
		q += " LIMIT ?"
		args = append(args, req.Limit)
	}
	return q, args
}

// Page implements Source.
func (s *SQLSource) Page(ctx context.Context, req PageRequest) ([]Row, error) {
	q, args := s.query(req, true)
	var rows []Row
	err := s.scan(ctx, q, args, func(r Row) error { rows = append(rows, r); return nil })
	if err != nil {
		return nil, err
	}
	if s.Decorate != nil && len(rows) > 0 {
		if err := s.Decorate(ctx, rows); err != nil {
			return nil, err
		}
		untypeDecorated(rows)
	}
	return rows, nil
}

// Each implements Source.
func (s *SQLSource) Each(ctx context.Context, req PageRequest, fn func(Row) error) error {
	q, args := s.query(req, false)
	if s.Decorate == nil {
		return s.scan(ctx, q, args, fn)
	}
	batch := make([]Row, 0, 512)
	flush := func() error {
		if err := s.Decorate(ctx, batch); err != nil {
			return err
		}
		untypeDecorated(batch)
		for _, r := range batch {
			if err := fn(r); err != nil {
				return err
			}
		}
		batch = batch[:0]
		return nil
	}
	err := s.scan(ctx, q, args, func(r Row) error {
		batch = append(batch, r)
		if len(batch) == cap(batch) {
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}

// Count implements Counter.
func (s *SQLSource) Count(ctx context.Context, filter string) (int64, error) {
	where, args := s.where(filter)
	q := "SELECT count(*) FROM " + s.From
	if where != "" {
		q += " WHERE " + where
	}
	var n int64
	err := s.DB.QueryRowContext(ctx, q, args...).Scan(&n)
	return n, err
}

func (s *SQLSource) scan(ctx context.Context, q string, args []any, fn func(Row) error) error {
	rs, err := s.DB.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rs.Close()
	n := len(s.Cols)
	vals := make([]any, n+2)
	ptrs := make([]any, n+2)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rs.Next() {
		if err := rs.Scan(ptrs...); err != nil {
			return err
		}
		cells := make([]string, n)
		values := make([]any, n)
		for i, c := range s.Cols {
			if c.Format != nil {
				cells[i] = c.Format(vals[i])
			} else {
				cells[i] = Plain(vals[i])
				values[i] = clone(vals[i]) // as SQL typed it
			}
		}
		key := []any{clone(vals[n]), clone(vals[n+1])}
		r := Row{Cells: cells, Values: values, Key: key, Ref: key[1]}
		if s.Ref != nil {
			r.Ref = s.Ref(key[1], cells)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rs.Err()
}

// untypeDecorated drops the SQL value of a cell Decorate rewrote: the
// export then writes what the cell says.
func untypeDecorated(rows []Row) {
	for _, r := range rows {
		for i, v := range r.Values {
			if v != nil && i < len(r.Cells) && Plain(v) != r.Cells[i] {
				r.Values[i] = nil
			}
		}
	}
}

func clone(v any) any {
	if b, ok := v.([]byte); ok {
		return string(b)
	}
	return v
}

// Plain writes a scanned SQL value as text: NULL as "", numbers in full.
func Plain(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []byte:
		return string(x)
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	}
	return fmt.Sprint(v)
}

// Thousands writes an integer value with thousands separators.
func Thousands(v any) string {
	n, ok := v.(int64)
	if !ok {
		return Plain(v)
	}
	return analysis.Thousands(n)
}

// WallClock writes a value holding wall-clock seconds (start + wall_offset)
// as "2006-01-02 15:04:05"; NULL as "".
func WallClock(v any) string {
	n, ok := v.(int64)
	if !ok {
		return Plain(v)
	}
	return time.Unix(n, 0).UTC().Format("2006-01-02 15:04:05")
}
