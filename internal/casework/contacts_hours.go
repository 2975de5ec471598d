package casework

import (
	"context"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
)

// The chance model of the contacts ranking reads of each other subscriber
// only, per key of A, the sum over hours of A's records times theirs
// (analysis.ExpectedOfProducts). Those few numbers are what is kept,
// folded from the activity hours as they come, never the others' hour
// profiles: the memory is a handful of numbers per subscriber, not a
// profile per subscriber and port.

// activityHourStreamer is a case that hands the activity hours over row
// by row (sub's data records on port in wall-clock hour: n) instead of as
// one list: a case on a cluster, whose case may have any number of
// subscribers. from and to bound the records' wall clock (0: open).
type activityHourStreamer interface {
	EachActivityHour(ctx context.Context, ports []int, from, to int64, fn func(sub int64, port, hour int, n int64)) error
}

// loadProducts fills cs.keysA and cs.prod from everyone's activity hours
// on ports (the case's ports with one of A's keys).
func (cs *ContactSet) loadProducts(ctx context.Context, st Case, keys *keyer, ports []int, ts TimeScope) error {
	cs.keysA = analysis.ProfileKeys(cs.profileA)
	index := make(map[string]int, len(cs.keysA))
	for i, k := range cs.keysA {
		index[k] = i
	}
	type portKey struct {
		i  int      // index in keysA, -1: none of A's
		pa *[24]int // A's hours on it
	}
	byPort := map[int]portKey{}
	fold := func(sub int64, port, hour int, n int64) {
		pk, ok := byPort[port]
		if !ok {
			pk.i = -1
			if i, found := index[keys.key(port)]; found {
				pk = portKey{i, cs.profileA[cs.keysA[i]]}
			}
			byPort[port] = pk
		}
		if pk.i < 0 || pk.pa == nil || hour < 0 || hour >= 24 {
			return
		}
		v := n * int64(pk.pa[hour])
		if v == 0 {
			return
		}
		p := cs.prod[sub]
		if p == nil {
			p = make([]int64, len(cs.keysA))
			cs.prod[sub] = p
		}
		p[pk.i] += v
	}
	if len(ports) == 0 {
		return nil
	}
	if h, ok := st.(activityHourStreamer); ok {
		return h.EachActivityHour(ctx, ports, ts.From, ts.To, fold)
	}
	var hours []store.PortHours
	var err error
	if ts.Set() {
		hours, err = st.ActivityHoursIn(ctx, ports, ts.From, ts.To)
	} else {
		hours, err = st.ActivityHours(ctx, ports)
	}
	if err != nil {
		return err
	}
	for _, r := range hours {
		for h, n := range r.Hours {
			if n != 0 {
				fold(r.Subscriber, r.Port, h, int64(n))
			}
		}
	}
	return nil
}
