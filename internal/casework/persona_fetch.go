package casework

import (
	"context"
	"sync"

	"github.com/cdrtui/cdrtui/internal/store"
)

// What a case on a cluster adds so that a persona costs few round trips
// (a local case answers without them, as before): the persona's
// independent questions asked at once, a subscriber's number without
// counting its records, and only the busiest destinations brought back.

// concurrentCase is a case whose questions are best asked at once (each
// a round trip to a server that answers several together).
type concurrentCase interface {
	ConcurrentReads() bool
}

// subscriberNamer gives a subscriber's MSISDN by id.
type subscriberNamer interface {
	SubscriberMSISDN(ctx context.Context, id int64) (string, error)
}

// topDestinations gives the n busiest destinations of a subscriber (all
// when n <= 0) in DestinationUses' order, and how many there are, over
// the records whose wall clock is in [from, to) (0: open).
type topDestinations interface {
	TopDestinationUses(ctx context.Context, sub int64, from, to int64, n int) ([]store.DestinationUse, int, error)
}

// together runs fns, at once when the case asks so, else one after the
// other; the first error (in fns' order) is returned.
func together(st Case, fns ...func() error) error {
	errs := make([]error, len(fns))
	if c, ok := st.(concurrentCase); ok && c.ConcurrentReads() {
		var wg sync.WaitGroup
		for i, fn := range fns {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = fn()
			}()
		}
		wg.Wait()
	} else {
		for i, fn := range fns {
			if errs[i] = fn(); errs[i] != nil {
				break
			}
		}
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
