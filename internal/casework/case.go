package casework

import (
	"context"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
)

// Case is what the analyses written against it ask of a case. A local
// case (*store.Store, SQLite) and a case on a ClickHouse cluster
// (*clickhouse.Store, internal/store/clickhouse) both answer it, with the
// same numbers: an analysis taking a Case does not know which it has.
// The analyses still taking *store.Store work on local cases only.
type Case interface {
	Path() string
	Close() error
	Info(ctx context.Context, key string) (string, error)
	SetInfo(ctx context.Context, key, value string) error
	ReadOnly() bool

	Summary(ctx context.Context) (*store.Summary, error)
	CountsIn(ctx context.Context, from, to int64) (*store.ScopedCounts, error)

	SubscriberID(ctx context.Context, msisdn string) (int64, error)
	SubscriberTotalsOf(ctx context.Context, id int64) (store.SubscriberTotals, error)
	SubscriberTotalsIn(ctx context.Context, id int64, from, to int64) (store.SubscriberTotals, error)
	MSISDNsEndingIn(ctx context.Context, digits string, limit int) ([]store.SubscriberRef, error)
	PortActivities(ctx context.Context, ids []int64) ([]analysis.PortActivity, error)
	PortActivitiesIn(ctx context.Context, id int64, from, to int64) ([]analysis.PortActivity, error)
	DeviceUses(ctx context.Context, sub int64) ([]analysis.DeviceUse, error)
	DeviceUsesIn(ctx context.Context, sub int64, from, to int64) ([]analysis.DeviceUse, error)
	IMEIHitsIn(ctx context.Context, imei string, from, to int64) ([]store.IMEIHit, error)
	CellUses(ctx context.Context, sub int64) ([]store.CellUse, error)
	CellUsesIn(ctx context.Context, sub int64, from, to int64) ([]store.CellUse, error)
	DestinationUses(ctx context.Context, sub int64) ([]store.DestinationUse, error)
	DestinationUsesIn(ctx context.Context, sub int64, from, to int64) ([]store.DestinationUse, error)
	FillOffsets(ctx context.Context, sub int64, ds []store.DestinationUse) error
	WallHourCounts(ctx context.Context, sel store.DataSelection) ([]analysis.HourCount, error)
	EachDataRecord(ctx context.Context, sel store.DataSelection, limit int, fn func(store.DataRecord) error) error
	SimBoxActivity(ctx context.Context, night analysis.ClockWindow) ([]analysis.SIMActivity, error)
	SimBoxActivityIn(ctx context.Context, night analysis.ClockWindow, from, to int64) ([]analysis.SIMActivity, error)
	VoiceRecords(ctx context.Context, sel store.VoiceSelection, limit int) ([]store.VoiceEvidence, int64, error)
	DataEvents(ctx context.Context, sub int64) ([]store.DataEvent, error)
	SourcePaths(ctx context.Context) (map[int64]string, error)
	DataSubscribers(ctx context.Context) ([]store.SubscriberRef, error)
	WallSpan(ctx context.Context) (first, last int64, ok bool, err error)
	ActivityPorts(ctx context.Context) ([]int, error)
	ActivityHours(ctx context.Context, ports []int) ([]store.PortHours, error)
	ActivityHoursIn(ctx context.Context, ports []int, from, to int64) ([]store.PortHours, error)
	RecordsInSpans(ctx context.Context, spans []store.PortSpan, exclude int64) (*store.NearRecords, error)
	RecordsInSpansIn(ctx context.Context, spans []store.PortSpan, exclude int64, from, to int64) (*store.NearRecords, error)
	EachRecordInSpans(ctx context.Context, spans []store.PortSpan, exclude int64, fn func(sub int64, port int, start int64)) error
	EachRecordInSpansIn(ctx context.Context, spans []store.PortSpan, exclude int64, from, to int64, fn func(sub int64, port int, start int64)) error
	HuntScan(ctx context.Context, q *analysis.HuntQuery, opts store.HuntScanOptions, fn func(store.HuntRow) error) (store.HuntStats, error)
	HuntNames(ctx context.Context, rows []store.HuntRow) (*store.HuntNames, error)
	HuntCells(ctx context.Context, specs []analysis.CellSpec) (matched int, unknown []string, err error)
	HuntExamples(ctx context.Context) (store.HuntExamples, error)
	CachedRDNS(ctx context.Context, ips []string) (map[string]store.RDNSEntry, error)

	Sources(ctx context.Context) ([]store.Source, error)

	Trail
	Keeper
}

var _ Case = (*store.Store)(nil)

// cellSites is what a case with a cell-site table adds (a local case and
// a ClickHouse case both); an analysis asks for it and says nothing of
// placement without it.
type cellSites interface {
	CellSiteCount(ctx context.Context) (int64, int64, error)
	PlacedCells(ctx context.Context, refs []store.CellRef) (map[int64]bool, error)
}

var _ cellSites = (*store.Store)(nil)
