// Package table is the one table component of the workbench. Rows come a
// page at a time from a Source by keyset pagination (WHERE (key, id) >
// (last seen) ORDER BY key, id LIMIT n, never OFFSET), so a table over ten
// million rows opens and scrolls at once; sorting and filtering run in the
// source (SQL), the columns fit the terminal, every cell is rendered inert,
// and e exports every row (not just the page) to CSV or JSON.
package table

import "context"

// Column describes one column.
type Column struct {
	Title    string
	MinWidth int  // never narrower (0: the title's width)
	MaxWidth int  // never wider (0: no limit)
	Right    bool // align right (numbers)
	Sortable bool // the source can order by it
	// TruncLeft cuts long values at the start ("…/evidence/file.csv"), for
	// paths whose end says most.
	TruncLeft bool
}

// Row is one row: its cells as text, the keyset values to resume after it,
// and whatever the pane needs to act on it.
type Row struct {
	Cells []string
	// Values are the cells as data, for exports (an int64 where the cell
	// shows "12,345", a bool where it shows "◆ yes", a float where it
	// shows a bar); nil, or a nil entry, takes the value from the cell.
	Values []any
	Key    []any
	Ref    any
	// ID names the row's subject across a Refresh (a MSISDN, an
	// application) when Ref changes with the values; nil: Ref does.
	ID any
}

// PageRequest asks a source for rows.
type PageRequest struct {
	Sort     int    // column index to order by
	Desc     bool   // descending
	Filter   string // text typed after /, "" for none
	After    []any  // keyset of the row to continue after (nil: from the start)
	Backward bool   // read towards the start: rows before After, nearest first
	Limit    int
}

// Source supplies rows.
type Source interface {
	Columns() []Column
	// DefaultSort is the column and direction the table opens with.
	DefaultSort() (col int, desc bool)
	// Page returns up to req.Limit rows in the requested order. With
	// Backward the rows are those before req.After, nearest first (the
	// table reverses them), or the last rows when After is nil.
	Page(ctx context.Context, req PageRequest) ([]Row, error)
	// Each calls fn for every row matching req's sort and filter, in order.
	Each(ctx context.Context, req PageRequest, fn func(Row) error) error
}

// Counter is a Source that can count the rows a filter leaves, for the
// "row N of M" indicator. Sources over huge tables need not implement it.
type Counter interface {
	Count(ctx context.Context, filter string) (int64, error)
}

// SliceSource serves rows held in memory (results computed by an
// analysis): sorting and filtering happen in Go.
type SliceSource struct {
	Cols     []Column
	Rows     []Row
	SortCol  int
	SortDesc bool
	Less     func(a, b Row, col int) bool // nil: compare cells as text, or as numbers when both parse
}
