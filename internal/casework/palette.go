package casework

import (
	"context"
	"errors"
	"strings"

	"github.com/cdrtui/cdrtui/internal/store"
)

// PaletteSubscribers finds the subscribers of any case for what was typed
// in the palette: the MSISDN written in any form the case's numbering plan
// reads, and (six digits or more) the numbers ending in the digits typed;
// at most limit hits, each with its records. A local case's palette finds
// more (devices, addresses, cells, sources: store.PaletteSearch); this is
// what a case on ClickHouse answers.
func PaletteSubscribers(ctx context.Context, st Case, typed string, limit int) ([]store.PaletteHit, error) {
	typed = strings.TrimSpace(typed)
	var refs []store.SubscriberRef
	seen := map[int64]bool{}
	if id, err := st.SubscriberID(ctx, typed); err == nil {
		refs = append(refs, store.SubscriberRef{ID: id})
		seen[id] = true
	} else if !errors.Is(err, store.ErrNoSubscriber) {
		return nil, err
	}
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, typed)
	if len(digits) >= 6 {
		more, err := st.MSISDNsEndingIn(ctx, digits, limit)
		if err != nil {
			return nil, err
		}
		for _, r := range more {
			if !seen[r.ID] {
				seen[r.ID] = true
				refs = append(refs, r)
			}
		}
	}
	var hits []store.PaletteHit
	for _, r := range refs[:min(len(refs), limit)] {
		t, err := st.SubscriberTotalsOf(ctx, r.ID)
		if err != nil {
			return nil, err
		}
		hits = append(hits, store.PaletteHit{Kind: "subscriber", Value: t.MSISDN, MSISDN: t.MSISDN, Records: t.DataRecords + t.VoiceRecords, ID: r.ID})
	}
	return hits, nil
}
