package casework

import (
	"context"
	"errors"

	"github.com/cdrtui/cdrtui/internal/store"
)

// subscriberLister is what a case on ClickHouse adds: its subscribers,
// busiest first, from one aggregation on the shards (a local case pages
// through its subscriber summaries instead).
type subscriberLister interface {
	BusiestSubscribers(ctx context.Context, limit int) ([]store.SubscriberTotals, int64, error)
	SubscriberPage(ctx context.Context, q store.SubscriberPageQuery) ([]store.SubscriberRow, bool, error)
	SubscriberCount(ctx context.Context, filter string) (int64, error)
}

// errOwnTable is the answer of a local case, whose Overview pages through
// its subscriber summaries in SQL.
var errOwnTable = errors.New("this case lists its subscribers through its own table")

// SubscriberPage returns one page of the Overview's subscriber list on a
// case on ClickHouse (the columns of the local case's table, keyset
// paged, counted on the shards for the page only), and whether the case
// has cell sites (the rows' Placed is counted only then).
func SubscriberPage(ctx context.Context, st Case, q store.SubscriberPageQuery) ([]store.SubscriberRow, bool, error) {
	l, ok := st.(subscriberLister)
	if !ok {
		return nil, false, errOwnTable
	}
	return l.SubscriberPage(ctx, q)
}

// SubscriberCount counts the subscribers the Overview's list holds under
// the filter typed, on a case on ClickHouse.
func SubscriberCount(ctx context.Context, st Case, filter string) (int64, error) {
	l, ok := st.(subscriberLister)
	if !ok {
		return 0, errOwnTable
	}
	return l.SubscriberCount(ctx, filter)
}

// BusiestSubscribers lists the case's subscribers with the most records
// (at most limit, most records first, with their counts and first and
// last record), and how many have records in all: the Overview's list on
// a case on ClickHouse.
func BusiestSubscribers(ctx context.Context, st Case, limit int) ([]store.SubscriberTotals, int64, error) {
	l, ok := st.(subscriberLister)
	if !ok {
		return nil, 0, errOwnTable
	}
	return l.BusiestSubscribers(ctx, limit)
}

// DataRecords returns the first limit selected data records in time order
// (then id), and whether the selection holds more: a drill-down's records
// read once (on a case on ClickHouse, where the panes do not page through
// SQL).
func DataRecords(ctx context.Context, st Case, sel store.DataSelection, limit int) ([]store.DataRecord, bool, error) {
	var out []store.DataRecord
	err := st.EachDataRecord(ctx, sel, limit+1, func(r store.DataRecord) error {
		out = append(out, r)
		return nil
	})
	if len(out) > limit {
		return out[:limit], true, err
	}
	return out, false, err
}
