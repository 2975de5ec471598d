package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

// Note is an analyst's bookmark of one item, with tags and a text.
type Note struct {
	ID        int64    `json:"id"`
	CreatedAt int64    `json:"created_at"` // Unix seconds, UTC
	Analyst   string   `json:"analyst"`
	Kind      string   `json:"kind"`   // subscriber, record, pair, hunt, call, artefact ...
	Target    string   `json:"target"` // the item
	Label     string   `json:"label"`  // the item as shown
	Pane      string   `json:"pane"`   // where it was made; "" on the command line
	Place     string   `json:"place"`  // JSON the pane reads to find the item again
	Tags      []string `json:"tags"`
	Body      string   `json:"note"`
}

// ErrNoNote is returned for a note the case does not hold.
var ErrNoNote = errors.New("no such note in the case")

// AddNote stores n and returns its number.
func (s *Store) AddNote(ctx context.Context, n Note) (id int64, err error) {
	err = s.write(ctx, func(c *sql.Conn) error {
		res, err := c.ExecContext(ctx, `INSERT INTO notes(created_at, analyst, kind, target, label, pane, place, tags, body)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, n.CreatedAt, n.Analyst, n.Kind, n.Target, n.Label, n.Pane, n.Place,
			strings.Join(n.Tags, ","), n.Body)
		if err != nil {
			return err
		}
		id, err = res.LastInsertId()
		return err
	})
	return id, err
}

// Notes lists the notes, oldest first; a tag keeps those carrying it
// (compared without case).
func (s *Store) Notes(ctx context.Context, tag string) ([]Note, error) {
	type row struct {
		Note
		tags string
	}
	rows, err := queryAll(ctx, s.db, func(x *row) []any {
		return []any{&x.ID, &x.CreatedAt, &x.Analyst, &x.Kind, &x.Target, &x.Label, &x.Pane, &x.Place, &x.tags, &x.Body}
	}, `SELECT id, created_at, analyst, kind, target, label, pane, place, tags, body FROM notes
		WHERE ? = '' OR instr(',' || lower(tags) || ',', ',' || lower(?) || ',') > 0 ORDER BY id`, tag, tag)
	if err != nil {
		return nil, err
	}
	out := make([]Note, len(rows))
	for i, r := range rows {
		out[i] = r.Note
		out[i].Tags = SplitTags(r.tags)
	}
	return out, nil
}

// SplitTags reads "a, b,,c" as [a b c].
func SplitTags(s string) []string {
	out := []string{}
	for _, t := range strings.Split(s, ",") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// Note returns one note.
func (s *Store) Note(ctx context.Context, id int64) (Note, error) {
	ns, err := s.Notes(ctx, "")
	if err != nil {
		return Note{}, err
	}
	for _, n := range ns {
		if n.ID == id {
			return n, nil
		}
	}
	return Note{}, ErrNoNote
}

// RemoveNote deletes a note.
func (s *Store) RemoveNote(ctx context.Context, id int64) error {
	return s.write(ctx, func(c *sql.Conn) error {
		res, err := c.ExecContext(ctx, "DELETE FROM notes WHERE id = ?", id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNoNote
		}
		return nil
	})
}
