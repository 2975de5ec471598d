package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/cdrtui/cdrtui/internal/analysis"
)

// An operator table's import writes its rows with the connection's foreign
// keys off (importJob.begin): SQLite's check looked up the row's source and
// subscriber for every row. What the check guaranteed is checked here
// instead, once for each subscriber the file's rows name, before the file
// can commit: a row naming a subscriber the case does not hold fails the
// file, as the foreign key would have.

// namedIDs is the set of subscriber ids an import's rows name. Rows of one
// subscriber come in runs, so the last id is remembered.
type namedIDs struct {
	ids  map[int64]struct{}
	last int64
}

func (n *namedIDs) add(id int64) {
	if id == n.last && n.ids != nil {
		return
	}
	if n.ids == nil {
		n.ids = map[int64]struct{}{}
	}
	n.ids[id] = struct{}{}
	n.last = id
}

// parentBatch is how many ids one statement checks.
const parentBatch = 20000

// checkParents fails the import unless the case holds the file's source
// and every subscriber its rows name. It does nothing when the connection
// kept its foreign keys (SQLite checked each row).
func checkParents(ctx context.Context, j *importJob, named *namedIDs) error {
	if !j.parentsChecked {
		return nil
	}
	var sources int
	if err := j.conn.QueryRowContext(ctx, `SELECT count(*) FROM sources WHERE id = ?`, j.sourceID).Scan(&sources); err != nil {
		return fmt.Errorf("%w: %w", errCaseFailed, err)
	}
	if sources != 1 {
		return fmt.Errorf("%w: the rows name source %d, which the case does not hold", errCaseFailed, j.sourceID)
	}
	batch := make([]int64, 0, min(len(named.ids), parentBatch))
	check := func() error {
		list, err := json.Marshal(batch)
		if err != nil {
			return err
		}
		var held int
		if err := j.conn.QueryRowContext(ctx, `SELECT count(*) FROM subscribers WHERE id IN (SELECT value FROM json_each(?))`, string(list)).Scan(&held); err != nil {
			return fmt.Errorf("%w: %w", errCaseFailed, err)
		}
		if held != len(batch) {
			return fmt.Errorf("%w: the rows name %s the case does not hold", errCaseFailed, analysis.Plural(int64(len(batch)-held), "subscriber", "subscribers"))
		}
		batch = batch[:0]
		return nil
	}
	for id := range named.ids {
		batch = append(batch, id)
		if len(batch) == parentBatch {
			if err := check(); err != nil {
				return err
			}
		}
	}
	if len(batch) > 0 {
		return check()
	}
	return nil
}
