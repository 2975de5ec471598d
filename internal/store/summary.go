package store

import (
	"context"
	"database/sql"

	"github.com/cdrtui/cdrtui/internal/analysis"
)

// Source is one imported evidence file as the sources table records it.
type Source struct {
	ID         int64  `json:"id"`
	Path       string `json:"path"`
	Location   string `json:"location"` // absolute path at import
	Kind       string `json:"kind"`
	Format     string `json:"format"`
	SHA256     string `json:"sha256"`
	Size       int64  `json:"size"`
	ModifiedAt int64  `json:"modified_at"`
	ImportedAt int64  `json:"imported_at"`
	Zone       string `json:"zone"`
	DateOrder  string `json:"date_order"`
	Mapping    string `json:"mapping"`
	Rows       int64  `json:"rows"`
	Rejected   int64  `json:"rejected"`
	Dropped    int64  `json:"fields_dropped"`
	Already    int64  `json:"rows_already"` // records already in the case, stored once (record_sources)
	Notes      string `json:"notes"`
}

// Sources lists the imported files in import order.
func (s *Store) Sources(ctx context.Context) ([]Source, error) {
	return queryAll(ctx, s.db, func(x *Source) []any {
		return []any{&x.ID, &x.Path, &x.Location, &x.Kind, &x.Format, &x.SHA256, &x.Size, &x.ModifiedAt, &x.ImportedAt,
			&x.Zone, &x.DateOrder, &x.Mapping, &x.Rows, &x.Rejected, &x.Dropped, &x.Already, &x.Notes}
	}, `SELECT id, path, location, kind, format, sha256, size, coalesce(modified_at, 0), imported_at,
		tz, date_order, mapping, rows_imported, rows_rejected, fields_dropped, rows_already, notes FROM sources ORDER BY id`)
}

// Summary is a case at a glance.
type Summary struct {
	Path        string           `json:"case"`
	Sources     []Source         `json:"sources"`
	Records     map[string]int64 `json:"records"` // rows per kind of evidence
	Subscribers int64            `json:"subscribers"`
	Cells       int64            `json:"cells"`
	Devices     int64            `json:"devices"`
	Rejected    int64            `json:"rejected"`
	Country     string           `json:"numbering_plan"` // ISO code of the case's numbering plan, "" when none
	CountryHow  string           `json:"numbering_plan_source,omitempty"`
	First       analysis.Moment  `json:"-"`
	Last        analysis.Moment  `json:"-"`
	FirstWall   string           `json:"first"`
	LastWall    string           `json:"last"`
}

// Summary counts what the case holds. It reads the sources table and the
// summaries kept by imports, never the record tables, so it answers at once
// on a case of any size.
func (s *Store) Summary(ctx context.Context) (*Summary, error) {
	sum := &Summary{Path: s.path, Records: map[string]int64{}}
	var err error
	if sum.Sources, err = s.Sources(ctx); err != nil {
		return nil, err
	}
	plan, how, err := s.NumberingPlan(ctx)
	if err != nil {
		return nil, err
	}
	sum.Country, sum.CountryHow = plan.Country, how
	for _, src := range sum.Sources {
		sum.Records[src.Kind] += src.Rows
		sum.Rejected += src.Rejected
	}
	q := func(query string, dst *int64) {
		if err == nil {
			err = s.db.QueryRowContext(ctx, query).Scan(dst)
		}
	}
	q("SELECT count(*) FROM subscribers", &sum.Subscribers)
	q("SELECT count(*) FROM cells", &sum.Cells)
	q("SELECT count(*) FROM devices", &sum.Devices)
	if err != nil {
		return nil, err
	}
	var first, last sql.NullInt64
	var firstOff, lastOff int32
	err = s.db.QueryRowContext(ctx, `SELECT first_seen, first_offset FROM subscribers WHERE first_seen IS NOT NULL ORDER BY first_seen LIMIT 1`).Scan(&first, &firstOff)
	if err != nil && err != sql.ErrNoRows {
		return nil, err
	}
	err = s.db.QueryRowContext(ctx, `SELECT last_seen, last_offset FROM subscribers WHERE last_seen IS NOT NULL ORDER BY last_seen DESC LIMIT 1`).Scan(&last, &lastOff)
	if err != nil && err != sql.ErrNoRows {
		return nil, err
	}
	if first.Valid {
		sum.First = analysis.Moment{Unix: first.Int64, Offset: firstOff}
		sum.Last = analysis.Moment{Unix: last.Int64, Offset: lastOff}
		sum.FirstWall, sum.LastWall = sum.First.String(), sum.Last.String()
	}
	return sum, nil
}
