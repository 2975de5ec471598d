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
