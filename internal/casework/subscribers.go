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
}

// BusiestSubscribers lists the case's subscribers with the most records
// (at most limit, most records first, with their counts and first and
// last record), and how many have records in all: the Overview's list on
// a case on ClickHouse.
func BusiestSubscribers(ctx context.Context, st Case, limit int) ([]store.SubscriberTotals, int64, error) {
	l, ok := st.(subscriberLister)
	if !ok {
		return nil, 0, errors.New("this case lists its subscribers through its own table")
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
