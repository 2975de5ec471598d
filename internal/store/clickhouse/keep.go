package clickhouse

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/proto"
	"github.com/cdrtui/cdrtui/internal/store"
)

// What analysts keep in a case on ClickHouse beside the evidence: notes
// (bookmarks) and saved hunts. Both are small tables on the server named
// in the URL, made on first use. ClickHouse updates nothing in place and
// has no transaction, so each change is a new row (a version: the time in
// nanoseconds) and a reader folds the rows of one item to its latest.

const notesTable = `CREATE TABLE IF NOT EXISTS {db}.notes (id Int64, uid String, created_at Int64, analyst String,
 kind String, target String, label String, pane String, place String, tags String, body String,
 removed UInt8, version UInt64) ENGINE = MergeTree ORDER BY (id, uid, version)`

const huntsTable = `CREATE TABLE IF NOT EXISTS {db}.hunts (name String, query String, created_at Int64, ran_at Int64,
 subscribers Int64, records Int64, deleted UInt8, version UInt64) ENGINE = MergeTree ORDER BY (name, version)`

// ensure makes a small table when missing (once per Store).
func (s *Store) ensure(ctx context.Context, name, ddl string) error {
	s.madeMu.Lock()
	defer s.madeMu.Unlock()
	if s.made[name] {
		return nil
	}
	if err := s.home.Exec(ctx, s.sql(ddl)); err != nil {
		return clean(err, s.target)
	}
	if s.made == nil {
		s.made = map[string]bool{}
	}
	s.made[name] = true
	return nil
}

func version() uint64 { return uint64(time.Now().UnixNano()) }

// noteRow is one stored row of a note.
type noteRow struct {
	store.Note
	uid     string
	tags    string
	removed uint8
	version uint64
}

// liveNotes folds the notes table to its live notes, by number.
func (s *Store) liveNotes(ctx context.Context) ([]noteRow, error) {
	if err := s.ensure(ctx, "notes", notesTable); err != nil {
		return nil, err
	}
	rows, err := s.home.Query(ctx, s.sql(`SELECT id, uid, created_at, analyst, kind, target, label, pane, place, tags, body, removed, version
		FROM {db}.notes`))
	if err != nil {
		return nil, clean(err, s.target)
	}
	defer rows.Close()
	latest := map[int64]noteRow{}
	for rows.Next() {
		var r noteRow
		if err := rows.Scan(&r.ID, &r.uid, &r.CreatedAt, &r.Analyst, &r.Kind, &r.Target, &r.Label, &r.Pane, &r.Place,
			&r.tags, &r.Body, &r.removed, &r.version); err != nil {
			return nil, err
		}
		if old, ok := latest[r.ID]; !ok || r.version > old.version {
			latest[r.ID] = r
		}
	}
	if err := rows.Err(); err != nil {
		return nil, clean(err, s.target)
	}
	var out []noteRow
	for _, r := range latest {
		if r.removed == 0 {
			r.Tags = store.SplitTags(r.tags)
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func (s *Store) putNote(ctx context.Context, r noteRow) error {
	b, err := s.home.PrepareBatch(ctx, s.sql(`INSERT INTO {db}.notes (id, uid, created_at, analyst, kind, target, label, pane, place, tags, body, removed, version)`))
	if err != nil {
		return clean(err, s.target)
	}
	if err := b.Append(r.ID, r.uid, r.CreatedAt, r.Analyst, r.Kind, r.Target, r.Label, r.Pane, r.Place,
		strings.Join(r.Tags, ","), r.Body, r.removed, r.version); err != nil {
		return err
	}
	return clean(b.Send(), s.target)
}

// tableExists is ClickHouse's TABLE_ALREADY_EXISTS.
const tableExists = 57

// AddNote stores n and returns its number: the first number after the
// largest in use that it can claim. ClickHouse has no transaction to make
// "read the largest, write the next" safe between analysts, but creating
// a table is atomic: a number is claimed by creating an empty table named
// for it (note_number_N, engine Null), which only one writer can do. A
// writer stopped between its claim and its note leaves a number unused;
// numbers are never reused.
func (s *Store) AddNote(ctx context.Context, n store.Note) (int64, error) {
	if err := s.ensure(ctx, "notes", notesTable); err != nil {
		return 0, err
	}
	var top int64
	if err := s.home.QueryRow(ctx, s.sql(`SELECT max(id) FROM {db}.notes`)).Scan(&top); err != nil {
		return 0, clean(err, s.target)
	}
	id := top + 1
	for ; ; id++ {
		err := s.home.Exec(ctx, s.sql(fmt.Sprintf(`CREATE TABLE {db}.note_number_%d (claimed UInt8) ENGINE = Null`, id)))
		if err == nil {
			break
		}
		var e *proto.Exception
		if !errors.As(err, &e) || e.Code != tableExists {
			return 0, fmt.Errorf("claiming note number %d: %w", id, clean(err, s.target))
		}
	}
	var u [8]byte
	if _, err := rand.Read(u[:]); err != nil {
		return 0, err
	}
	n.ID = id
	if err := s.putNote(ctx, noteRow{Note: n, uid: hex.EncodeToString(u[:]), version: version()}); err != nil {
		return 0, err
	}
	return id, nil
}

// Notes lists the notes, oldest first; a tag keeps those carrying it
// (compared without case).
func (s *Store) Notes(ctx context.Context, tag string) ([]store.Note, error) {
	live, err := s.liveNotes(ctx)
	if err != nil {
		return nil, err
	}
	var out []store.Note
	for _, r := range live {
		if tag == "" || hasTag(r.Tags, tag) {
			out = append(out, r.Note)
		}
	}
	return out, nil
}

func hasTag(tags []string, tag string) bool {
	for _, t := range tags {
		if strings.EqualFold(t, tag) {
			return true
		}
	}
	return false
}

// Note returns one note.
func (s *Store) Note(ctx context.Context, id int64) (store.Note, error) {
	live, err := s.liveNotes(ctx)
	if err != nil {
		return store.Note{}, err
	}
	for _, r := range live {
		if r.ID == id {
			return r.Note, nil
		}
	}
	return store.Note{}, store.ErrNoNote
}

// RemoveNote removes a note (a row saying so: the note's rows stay).
func (s *Store) RemoveNote(ctx context.Context, id int64) error {
	live, err := s.liveNotes(ctx)
	if err != nil {
		return err
	}
	for _, r := range live {
		if r.ID == id {
			r.removed, r.version = 1, version()
			return s.putNote(ctx, r)
		}
	}
	return store.ErrNoNote
}

// huntRow is one stored row of a saved hunt.
type huntRow struct {
	store.SavedHunt
	deleted uint8
	version uint64
}

// liveHunts folds the hunts table to its saved hunts, most recently run
// first.
func (s *Store) liveHunts(ctx context.Context) ([]store.SavedHunt, error) {
	if err := s.ensure(ctx, "hunts", huntsTable); err != nil {
		return nil, err
	}
	rows, err := s.home.Query(ctx, s.sql(`SELECT name, query, created_at, ran_at, subscribers, records, deleted, version FROM {db}.hunts`))
	if err != nil {
		return nil, clean(err, s.target)
	}
	defer rows.Close()
	latest := map[string]huntRow{}
	for rows.Next() {
		var r huntRow
		if err := rows.Scan(&r.Name, &r.Query, &r.CreatedAt, &r.RanAt, &r.Subscribers, &r.Records, &r.deleted, &r.version); err != nil {
			return nil, err
		}
		if old, ok := latest[r.Name]; !ok || r.version > old.version {
			latest[r.Name] = r
		}
	}
	if err := rows.Err(); err != nil {
		return nil, clean(err, s.target)
	}
	var out []store.SavedHunt
	for _, r := range latest {
		if r.deleted == 0 {
			out = append(out, r.SavedHunt)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].RanAt != out[j].RanAt {
			return out[i].RanAt > out[j].RanAt
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}

func (s *Store) putHunt(ctx context.Context, h store.SavedHunt, deleted uint8) error {
	b, err := s.home.PrepareBatch(ctx, s.sql(`INSERT INTO {db}.hunts (name, query, created_at, ran_at, subscribers, records, deleted, version)`))
	if err != nil {
		return clean(err, s.target)
	}
	if err := b.Append(h.Name, h.Query, h.CreatedAt, h.RanAt, h.Subscribers, h.Records, deleted, version()); err != nil {
		return err
	}
	return clean(b.Send(), s.target)
}

// SaveHunt keeps a hunt under name with what the run at ranAt found,
// replacing the query and counts of a hunt saved before under that name
// (its creation time stays).
func (s *Store) SaveHunt(ctx context.Context, name, query string, subscribers, records int64, ranAt time.Time) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return fmt.Errorf("a saved hunt needs a name")
	}
	h := store.SavedHunt{Name: name, Query: query, CreatedAt: ranAt.Unix(), RanAt: ranAt.Unix(), Subscribers: subscribers, Records: records}
	if old, err := s.SavedHunt(ctx, name); err == nil {
		h.CreatedAt = old.CreatedAt
	}
	return s.putHunt(ctx, h, 0)
}

// RecordHuntRun stores what a rerun of a saved hunt found.
func (s *Store) RecordHuntRun(ctx context.Context, name string, subscribers, records int64, ranAt time.Time) error {
	h, err := s.SavedHunt(ctx, name)
	if err != nil {
		return err
	}
	h.RanAt, h.Subscribers, h.Records = ranAt.Unix(), subscribers, records
	return s.putHunt(ctx, h, 0)
}

// SavedHunts lists the case's saved hunts, most recently run first.
func (s *Store) SavedHunts(ctx context.Context) ([]store.SavedHunt, error) { return s.liveHunts(ctx) }

// SavedHunt returns the hunt saved under name.
func (s *Store) SavedHunt(ctx context.Context, name string) (store.SavedHunt, error) {
	hs, err := s.liveHunts(ctx)
	if err != nil {
		return store.SavedHunt{Name: name}, err
	}
	for _, h := range hs {
		if h.Name == name {
			return h, nil
		}
	}
	return store.SavedHunt{Name: name}, fmt.Errorf("%w: %q", store.ErrNoSavedHunt, name)
}

// DeleteHunt forgets a saved hunt (a row saying so).
func (s *Store) DeleteHunt(ctx context.Context, name string) error {
	h, err := s.SavedHunt(ctx, name)
	if err != nil {
		return err
	}
	return s.putHunt(ctx, h, 1)
}
