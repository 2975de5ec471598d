package table

import (
	"context"
	"sort"
	"strconv"
	"strings"
)

// Columns implements Source.
func (s *SliceSource) Columns() []Column { return s.Cols }

// DefaultSort implements Source.
func (s *SliceSource) DefaultSort() (int, bool) { return s.SortCol, s.SortDesc }

// ordered returns the rows matching filter in the requested order.
func (s *SliceSource) ordered(req PageRequest) []Row {
	rows := make([]Row, 0, len(s.Rows))
	f := strings.ToLower(strings.TrimSpace(req.Filter))
	for _, r := range s.Rows {
		if f == "" || rowContains(r, f) {
			rows = append(rows, r)
		}
	}
	col := req.Sort
	if col >= 0 && col < len(s.Cols) {
		less := s.Less
		if less == nil {
			less = compareCells
		}
		sort.SliceStable(rows, func(i, j int) bool {
			if req.Desc {
				return less(rows[j], rows[i], col)
			}
			return less(rows[i], rows[j], col)
		})
	}
	return rows
}

func rowContains(r Row, f string) bool {
	for _, c := range r.Cells {
		if strings.Contains(strings.ToLower(c), f) {
			return true
		}
	}
	return false
}

// compareCells orders two rows by a column: numerically when both cells
// are numbers (commas allowed), as text otherwise.
func compareCells(a, b Row, col int) bool {
	x, y := cellAt(a, col), cellAt(b, col)
	fx, ex := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSuffix(x, "%"), ",", ""), 64)
	fy, ey := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSuffix(y, "%"), ",", ""), 64)
	if ex == nil && ey == nil {
		return fx < fy
	}
	return x < y
}

func cellAt(r Row, col int) string {
	if col < len(r.Cells) {
		return r.Cells[col]
	}
	return ""
}

// Page implements Source; a row's key is its position in the order.
func (s *SliceSource) Page(ctx context.Context, req PageRequest) ([]Row, error) {
	rows := s.ordered(req)
	var out []Row
	if !req.Backward {
		start := 0
		if len(req.After) == 1 {
			start = req.After[0].(int) + 1
		}
		for i := start; i < len(rows) && len(out) < req.Limit; i++ {
			out = append(out, withKey(rows[i], i))
		}
		return out, nil
	}
	end := len(rows) - 1
	if len(req.After) == 1 {
		end = req.After[0].(int) - 1
	}
	for i := end; i >= 0 && len(out) < req.Limit; i-- {
		out = append(out, withKey(rows[i], i))
	}
	return out, nil
}

func withKey(r Row, i int) Row {
	r.Key = []any{i}
	return r
}

// Each implements Source.
func (s *SliceSource) Each(ctx context.Context, req PageRequest, fn func(Row) error) error {
	for _, r := range s.ordered(req) {
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// Count implements Counter.
func (s *SliceSource) Count(ctx context.Context, filter string) (int64, error) {
	return int64(len(s.ordered(PageRequest{Sort: -1, Filter: filter}))), nil
}
