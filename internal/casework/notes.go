package casework

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/store"
)

// AddNote keeps a bookmark in the case, stamped with the analyst and the
// time, and records it in the audit trail.
func AddNote(ctx context.Context, st keeperTrail, n store.Note, at time.Time) (store.Note, error) {
	n.Analyst = Analyst(n.Analyst)
	n.CreatedAt = at.UTC().Unix()
	n.Tags = cleanTags(n.Tags)
	if strings.TrimSpace(n.Target) == "" {
		return n, fmt.Errorf("a note needs the item it is about")
	}
	if n.Kind == "" {
		n.Kind = "item"
	}
	id, err := st.AddNote(ctx, n)
	if err != nil {
		return n, err
	}
	n.ID = id
	_, err = Record(ctx, st, n.Analyst, "note add", map[string]any{"id": id, "kind": n.Kind, "target": n.Target,
		"pane": n.Pane, "tags": n.Tags}, n)
	return n, err
}

// RemoveNote deletes a note and records which (with its content's hash).
func RemoveNote(ctx context.Context, st keeperTrail, id int64, analyst string) error {
	n, err := st.Note(ctx, id)
	if err != nil {
		return err
	}
	if err := st.RemoveNote(ctx, id); err != nil {
		return err
	}
	_, err = Record(ctx, st, analyst, "note remove", map[string]any{"id": id}, n)
	return err
}

func cleanTags(tags []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range tags {
		for _, p := range store.SplitTags(t) {
			if k := strings.ToLower(p); !seen[k] {
				seen[k] = true
				out = append(out, p)
			}
		}
	}
	return out
}

// NoteText is a note on one line for a list (evidence-safe).
func NoteText(n store.Note) string {
	return inert.String(fmt.Sprintf("#%d %s %s %s", n.ID, n.Kind, n.Target, n.Body))
}
