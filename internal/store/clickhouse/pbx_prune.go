package clickhouse

import (
	"context"

	"github.com/cdrtui/cdrtui/internal/store"
)

// Each PBX import that adds sources writes a whole new generation of the
// PBX tables; the older ones are never read again but by a reader that
// took its generation before the new one was complete (a workbench
// copying it into its private SQLite case). So once a generation is
// complete, the complete generations older than the one before it are
// deleted (their rows in every PBX table and in pbx_sources): the
// current one and the one before it stay. A generation never marked
// complete (an import interrupted, or one still writing) is left alone:
// it cannot be told from one being written now.

// prunePBX deletes the complete generations older than the one before
// current. Failing to is not the import's failure: the rows left are
// never read, and the next import prunes them.
func (s *Store) prunePBX(ctx context.Context, current int64) error {
	var gens []int64
	err := s.each(ctx, `SELECT DISTINCT gen FROM {db}.pbx_sources
		WHERE gen IN (SELECT id FROM {db}.source_complete) AND gen < ? ORDER BY gen`, func(sc scanner) error {
		var g int64
		err := sc.Scan(&g)
		gens = append(gens, g)
		return err
	}, current)
	if err != nil || len(gens) < 2 {
		return err // nothing older than the one before current
	}
	old := idList(gens[:len(gens)-1])
	for _, table := range append(append([]string{}, store.PBXTables...), "pbx_sources") {
		if err := s.home.Exec(ctx, s.sql(`ALTER TABLE {db}.`+table+` DELETE WHERE gen IN (`+old+`)`)); err != nil {
			return s.explain(err)
		}
	}
	return nil
}
