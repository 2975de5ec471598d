package casework

import (
	"context"

	"github.com/cdrtui/cdrtui/internal/store"
)

// Tracer is what a report asks of a case beside the analyses' questions:
// the queries, in the case's own SQL, that list the records behind a
// figure (a reader runs them: sqlite3 on a local case, clickhouse-client
// on a case on ClickHouse), and a sample of where those records were read.
// A local case and a case on ClickHouse both answer it, with the same
// records.
type Tracer interface {
	Case
	// CaseArg is the case as a command takes it (a ClickHouse case's URL
	// with its cluster, never its password).
	CaseArg() string
	TraceQueries() store.TraceQueries
	// Sample runs a trace query and returns its first limit rows' source
	// and line, and how many rows it has.
	Sample(ctx context.Context, traceSQL string, limit int) ([]store.RecordRef, int64, error)
	// SampleByWall runs a trace query once and files each row under the
	// keys keysOf gives its wall clock: per key, the first limit rows in
	// the query's order and the count.
	SampleByWall(ctx context.Context, traceSQL string, keysOf func(wall string) []string, limit int) (map[string]*store.WallSample, error)
	// Rejects is a source's first limit rejected lines or dropped values.
	Rejects(ctx context.Context, sourceID int64, limit int) ([]store.Reject, error)
}

var _ Tracer = (*store.Store)(nil)

// AuditHead is the newest entry of a case's trail: its chain (a case on
// ClickHouse keeps one chain per writer; "" for a local case's one
// chain), its number and its hash; 0 and "" when the trail is empty. A
// local case names the head it keeps (which a removed last entry does not
// move); a trail of chains, the newest entry listed.
func AuditHead(ctx context.Context, t Trail) (chain string, seq int64, hash string, err error) {
	if h, ok := t.(interface {
		AuditHead(ctx context.Context) (int64, string, error)
	}); ok {
		seq, hash, err = h.AuditHead(ctx)
		return "", seq, hash, err
	}
	_, es, err := t.AuditTrail(ctx)
	if err != nil || len(es) == 0 {
		return "", 0, "", err
	}
	e := es[len(es)-1]
	return e.Chain, e.Seq, e.EntrySHA256, nil
}
