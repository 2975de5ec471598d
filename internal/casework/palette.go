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
// more (store.PaletteSearch); a case on ClickHouse adds, after its
// subscribers, the devices, then (when neither a subscriber nor a device
// was found) the other parties of calls and a number only the seized PBXs'
// calls hold, then the destination addresses, cells and source files
// typed, as the local case finds them; a subscriber hit says "also in N
// PBX calls" as locally.
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
	if more, ok := st.(paletteMore); ok {
		var pbx *store.Store // the PBX artefacts the case keeps apart
		if k, ok := st.(pbxKeeper); ok && len(digits) >= 3 {
			var err error
			if pbx, err = k.PBX(ctx); err != nil {
				return nil, err
			}
			if err := pbx.AlsoInPBX(ctx, hits); err != nil {
				return nil, err
			}
		}
		devices, err := more.PaletteDevices(ctx, typed, limit)
		if err != nil {
			return nil, err
		}
		hits = append(hits, devices...)
		if len(hits) == 0 && len(digits) >= 3 {
			parties, err := more.PaletteParties(ctx, typed, limit)
			if err != nil {
				return nil, err
			}
			hits = append(hits, parties...)
			if pbx != nil {
				only, err := pbx.PalettePBX(ctx, typed)
				if err != nil {
					return nil, err
				}
				hits = append(hits, only...)
			}
		}
		places, err := more.PalettePlaces(ctx, typed, limit)
		if err != nil {
			return nil, err
		}
		hits = append(hits, places...)
	}
	return hits, nil
}

// paletteMore is what a case on ClickHouse adds to the palette's
// subscribers, in the local palette's order.
type paletteMore interface {
	PaletteDevices(ctx context.Context, typed string, limit int) ([]store.PaletteHit, error)
	PaletteParties(ctx context.Context, typed string, limit int) ([]store.PaletteHit, error)
	PalettePlaces(ctx context.Context, typed string, limit int) ([]store.PaletteHit, error)
}
