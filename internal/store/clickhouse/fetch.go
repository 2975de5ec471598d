package clickhouse

import (
	"context"
	"fmt"
	"sync"

	"github.com/cdrtui/cdrtui/internal/store"
)

// What makes a persona few round trips: its questions asked at once, a
// subscriber's number kept once read, and only the busiest destinations
// brought back.

// ConcurrentReads says the analyses should ask this case their
// independent questions at once: each is a round trip, and the servers
// answer several together.
func (s *Store) ConcurrentReads() bool { return true }

// together runs fns at once and returns the first error in their order.
func (s *Store) together(fns ...func() error) error {
	errs := make([]error, len(fns))
	var wg sync.WaitGroup
	for i, fn := range fns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = fn()
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// nameSubscriber keeps a subscriber's number: a complete source's
// subscriber keeps its id and number while the case is open.
func (s *Store) nameSubscriber(id int64, msisdn string) {
	s.namesMu.Lock()
	defer s.namesMu.Unlock()
	if s.names == nil {
		s.names = map[int64]string{}
	}
	if len(s.names) >= 4096 {
		clear(s.names) // a bound, never reached by an analyst's questions
	}
	s.names[id] = msisdn
}

// SubscriberMSISDN returns the number (its E.164 key when keyed) of a
// subscriber id, kept once read.
func (s *Store) SubscriberMSISDN(ctx context.Context, id int64) (string, error) {
	s.namesMu.Lock()
	n, ok := s.names[id]
	s.namesMu.Unlock()
	if ok {
		return n, nil
	}
	found := false
	err := s.each(ctx, `SELECT msisdn FROM {db}.subscribers`+completeDims+` AND id = ? LIMIT 1`, func(sc scanner) error {
		found = true
		return sc.Scan(&n)
	}, id)
	if err != nil {
		return "", err
	}
	if !found {
		return "", fmt.Errorf("%w: id %d", store.ErrNoSubscriber, id)
	}
	s.nameSubscriber(id, n)
	return n, nil
}

// TopDestinationUses is DestinationUses (DestinationUsesIn when from or
// to is set) cut to its first n (all when n <= 0), and how many
// destinations there are: the server groups, counts, sorts and cuts in
// one pass (topDestinations), only the n rows come back.
func (s *Store) TopDestinationUses(ctx context.Context, sub int64, from, to int64, n int) ([]store.DestinationUse, int, error) {
	if n <= 0 {
		all, err := s.destinationUses(ctx, sub, wallScope(from, to), "")
		return all, len(all), err
	}
	return s.topDestinations(ctx, sub, wallScope(from, to), n)
}
