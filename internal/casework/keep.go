package casework

import (
	"context"
	"time"

	"github.com/cdrtui/cdrtui/internal/store"
)

// Keeper is what an analyst keeps in a case beside the evidence: notes
// (bookmarks) and saved hunts. A local case keeps them in SQLite tables;
// a case on ClickHouse in small tables of its own (one row per change).
type Keeper interface {
	AddNote(ctx context.Context, n store.Note) (int64, error)
	Notes(ctx context.Context, tag string) ([]store.Note, error)
	Note(ctx context.Context, id int64) (store.Note, error)
	RemoveNote(ctx context.Context, id int64) error

	SaveHunt(ctx context.Context, name, query string, subscribers, records int64, ranAt time.Time) error
	RecordHuntRun(ctx context.Context, name string, subscribers, records int64, ranAt time.Time) error
	SavedHunts(ctx context.Context) ([]store.SavedHunt, error)
	SavedHunt(ctx context.Context, name string) (store.SavedHunt, error)
	DeleteHunt(ctx context.Context, name string) error
}

// keeperTrail is a Keeper that records in the audit trail.
type keeperTrail interface {
	Keeper
	Trail
}

var _ keeperTrail = (*store.Store)(nil)
