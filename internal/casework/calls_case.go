package casework

import (
	"context"
	"fmt"

	"github.com/cdrtui/cdrtui/internal/ident"
	"github.com/cdrtui/cdrtui/internal/store"
)

// CallsCase is what the call analyses (Calls, Common, Bridges, Chains,
// Silences, International, CallsWith, Devices) and the link graph
// (BuildGraph, GraphMetaOf) ask of a case besides Case: a subscriber's
// voice records, the numbers that are subscribers, the sharers of a
// handset or SIM, the call links of numbers. A local case and a case on
// ClickHouse both answer it, with the same numbers.
type CallsCase interface {
	Case
	Sources(ctx context.Context) ([]store.Source, error)
	NumberingPlan(ctx context.Context) (ident.Plan, string, error)
	NumberKey(ctx context.Context, text string) (string, bool, error)
	SubscriberMSISDN(ctx context.Context, id int64) (string, error)
	SubscribersByKey(ctx context.Context, numbers []string) (map[string]store.VoiceSubscriber, error)
	CallRecords(ctx context.Context, sub int64, from, to int64) ([]store.CallRecord, error)
	DataCellRecords(ctx context.Context, sub int64, from, to int64) ([]store.CallRecord, error)
	DeviceSharers(ctx context.Context, handsets, imsis []string) ([]store.DeviceSharer, error)
	CallLinks(ctx context.Context, keys []string, from, to int64) ([]store.CallLink, error)
	CallLinksAmong(ctx context.Context, subs, others []string, from, to int64) ([]store.CallLink, error)
}

var _ CallsCase = (*store.Store)(nil)

// CallsOf is c as a CallsCase, or an error saying the call analyses do
// not work on this kind of case (both stores cdrtui has answer them).
func CallsOf(c Case) (CallsCase, error) {
	if cc, ok := c.(CallsCase); ok {
		return cc, nil
	}
	return nil, fmt.Errorf("the call analyses are not available on this case (%T)", c)
}
