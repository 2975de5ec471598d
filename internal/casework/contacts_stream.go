package casework

import (
	"container/heap"
	"context"
	"slices"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
)

// The contacts ranking of a case too large to hold its subscribers (a
// case on a cluster): the case hands over every other subscriber one at a
// time, in id order, with its records near A's and its hour products with
// A (summed where the records are); each is counted and scored as it
// comes, as At scores it, and only the best top are kept. cdrtui then
// holds A's records and the top, whatever the number of subscribers.

// contactStreamer is a case that answers a store.ContactAsk subscriber by
// subscriber.
type contactStreamer interface {
	EachContactOther(ctx context.Context, ask store.ContactAsk, fn func(*store.ContactOther) error) error
}

// contactsStreamed is ContactsIn on a contactStreamer: the same list,
// byte for byte, as LoadContactsIn and At give.
func contactsStreamed(ctx context.Context, st Case, cst contactStreamer, dict *analysis.Dictionary, a string, window int64, top int, ts TimeScope) (*ContactList, error) {
	p, err := prepareContacts(ctx, st, dict, a, window, MatchApp, ts)
	if err != nil {
		return nil, err
	}
	cs := p.cs
	cs.keysA = analysis.ProfileKeys(cs.profileA)
	index := make(map[string]int, len(cs.keysA))
	for i, k := range cs.keysA {
		index[k] = i
	}
	ask := store.ContactAsk{Exclude: p.id, Spans: p.spans, From: ts.From, To: ts.To, Keys: len(cs.keysA)}
	for _, port := range p.ports {
		i, ok := index[p.keys.key(port)]
		if !ok || cs.profileA[cs.keysA[i]] == nil {
			continue
		}
		ask.Ports = append(ask.Ports, port)
		ask.KeyOf = append(ask.KeyOf, i)
		ask.Hours = append(ask.Hours, *cs.profileA[cs.keysA[i]])
	}

	j := cs.windowIndex(window)
	gaps := newGapCounter(p.keys, p.side, p.keyApp, cs.windows)
	nw := len(cs.windows)
	hist := make([][]int64, len(cs.apps)) // [app][i]: one subscriber's matches, per window
	for a := range hist {
		hist[a] = make([]int64, nw)
	}
	touched := make([]bool, len(cs.apps))
	kept := &keptContacts{top: top}
	candidates := 0
	err = cst.EachContactOther(ctx, ask, func(o *store.ContactOther) error {
		cs.read += len(o.Near)
		if !o.Listed {
			return nil // records of a subscriber not ranked
		}
		candidates++
		clear(touched)
		for _, r := range o.Near {
			app, near := gaps.near(r.Port, r.Start)
			if len(near) == 0 {
				continue
			}
			row := hist[app]
			if !touched[app] {
				clear(row)
				touched[app] = true
			}
			for _, b := range near {
				row[b.I] += b.N
			}
		}
		// a candidate: a match within the window loaded; its rows are the
		// applications it matched on, cumulative
		var cc *contactCounts
		for a, row := range hist {
			if !touched[a] {
				continue
			}
			for i := 1; i < nw; i++ {
				row[i] += row[i-1]
			}
			if row[nw-1] == 0 {
				continue
			}
			if cc == nil {
				cc = &contactCounts{counts: make([][]int64, len(cs.apps))}
			}
			cc.counts[a] = slices.Clone(row)
		}
		if cc != nil {
			_, perKey := analysis.ExpectedOfProducts(cs.keysA, o.Products, cs.Days, 0)
			cc.unit = analysis.ByApp(perKey, p.keys.app)
		}
		kept.add(cs.score(store.SubscriberRef{ID: o.ID, MSISDN: o.MSISDN}, cc, o.Products, j))
		return nil
	})
	if err != nil {
		return nil, err
	}
	best := kept.list
	if cs.recs == 0 {
		best = nil // A has no data record: none ranked, as ContactSet.At
	}
	slices.SortFunc(best, compareRanked)
	return &ContactList{A: cs.A, WindowS: cs.windows[j], Match: cs.Match, Days: cs.Days, RecordsA: cs.recs,
		Candidates: candidates, Scanned: cs.read, Contacts: cs.contacts(best, j)}, nil
}

// keptContacts keeps the best top of the subscribers added (top <= 0:
// all), the worst of them first (a heap).
type keptContacts struct {
	top  int
	list []rankedContact
}

func (k *keptContacts) add(r rankedContact) {
	switch {
	case k.top <= 0:
		k.list = append(k.list, r)
	case len(k.list) < k.top:
		heap.Push(k, r)
	case compareRanked(r, k.list[0]) < 0:
		k.list[0] = r
		heap.Fix(k, 0)
	}
}

func (k *keptContacts) Len() int           { return len(k.list) }
func (k *keptContacts) Less(i, j int) bool { return compareRanked(k.list[i], k.list[j]) > 0 }
func (k *keptContacts) Swap(i, j int)      { k.list[i], k.list[j] = k.list[j], k.list[i] }
func (k *keptContacts) Push(x any)         { k.list = append(k.list, x.(rankedContact)) }
func (k *keptContacts) Pop() any {
	x := k.list[len(k.list)-1]
	k.list = k.list[:len(k.list)-1]
	return x
}
