package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/cdrtui/cdrtui/internal/analysis"
)

// fsLegsFold is the SQL that keeps a FreeSWITCH call once across its legs.
// FreeSWITCH writes a CDR per channel: with both legs logged (log-b-leg, a
// v_xml_cdr export with its leg column, a cdr table holding both), one
// bridged call is two records, and each count of calls doubled. A B leg
// (its linkedid, the A leg's uuid, not its own uuid) whose A leg is a call
// of a FreeSWITCH source of the case (uniqueid that uuid, linkedid its own)
// becomes a copy of the A leg: a row of ast_call_copies with the B leg's
// source and line (its record, channel and times are in the evidence at
// that line), the B leg's own copies pointed at the A leg too. Only the
// case's FreeSWITCH calls are read, once, whatever the order the legs
// came in: an A leg imported after its B leg folds it.
var fsLegsFold = []string{
	"DROP TABLE IF EXISTS temp.fs_legs",
	"DROP TABLE IF EXISTS temp.fs_calls",
	`CREATE TEMP TABLE fs_calls AS SELECT id, source_id, uniqueid, linkedid, dstchannel, start FROM ast_calls
	WHERE source_id IN (SELECT id FROM sources WHERE kind = '` + KindFreeSWITCHCDR + `') AND uniqueid <> ''`,
	"CREATE INDEX temp.fs_calls_by_uniqueid ON fs_calls(uniqueid)",
	"CREATE INDEX temp.fs_calls_by_dstchannel ON fs_calls(dstchannel)",
	`CREATE TEMP TABLE fs_legs AS SELECT b.id AS bid, b.source_id AS bsrc, min(a.id) AS aid
	FROM fs_calls b JOIN fs_calls a ON a.uniqueid = b.linkedid AND a.linkedid = a.uniqueid
	WHERE b.linkedid <> '' AND b.linkedid <> b.uniqueid GROUP BY b.id`,
	// a table's B leg that names no A leg (cdr_pg_csv, mod_cdr_sqlite:
	// uuid and bleg_uuid only): the leg an A leg names as its bleg_uuid
	// (or bridge_uuid), naming none or that A leg back, its channel
	// created after the A leg's (the A leg originated it; at the same
	// second, which did is not known and both stay calls)
	`INSERT INTO fs_legs SELECT b.id, b.source_id, min(a.id)
	FROM fs_calls b JOIN fs_calls a ON a.dstchannel = b.uniqueid AND a.linkedid = a.uniqueid AND a.start < b.start
	WHERE b.linkedid = b.uniqueid AND (b.dstchannel = '' OR b.dstchannel = a.uniqueid)
	AND b.id NOT IN (SELECT aid FROM temp.fs_legs) GROUP BY b.id`,
	// a leg both folded and folded into (a chain of bridges) stays a call
	"DELETE FROM temp.fs_legs WHERE aid IN (SELECT bid FROM temp.fs_legs)",
	`INSERT INTO ast_call_copies(source_id, line, call_id)
	SELECT n.source_id, n.line, t.aid FROM temp.fs_legs t JOIN ast_calls n ON n.id = t.bid`,
	`UPDATE ast_call_copies SET call_id = (SELECT aid FROM temp.fs_legs WHERE bid = call_id)
	WHERE call_id IN (SELECT bid FROM temp.fs_legs)`,
	"DELETE FROM ast_calls WHERE id IN (SELECT bid FROM temp.fs_legs)",
}

// foldFreeSWITCHLegs keeps each FreeSWITCH call of the case once across
// its legs (see fsLegsFold), in one transaction, and says so in the notes
// of each source whose B legs were folded (its rows_imported less them)
// and of each source holding B legs whose A leg is not in the case (they
// stay calls: the only record of theirs). It returns how many legs of
// each source were folded, by the source's sha256.
func (s *Store) foldFreeSWITCHLegs(ctx context.Context) (map[string]int64, error) {
	var has bool
	if err := s.db.QueryRowContext(ctx, "SELECT EXISTS(SELECT 1 FROM sources WHERE kind = ?)", KindFreeSWITCHCDR).Scan(&has); err != nil || !has {
		return nil, err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return nil, err
	}
	defer func() {
		for _, t := range []string{"fs_legs", "fs_calls"} {
			conn.ExecContext(context.WithoutCancel(ctx), "DROP TABLE IF EXISTS temp."+t) //nolint:errcheck
		}
	}()
	fail := func(err error) (map[string]int64, error) {
		conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK") //nolint:errcheck
		return nil, fmt.Errorf("keeping FreeSWITCH calls once across their legs: %w", err)
	}
	for i, q := range fsLegsFold {
		if i == len(fsLegsFold)-1 {
			break // the B legs are deleted once their notes are written
		}
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return fail(err)
		}
	}
	folded, err := legsBySource(ctx, conn, `SELECT g.bsrc, g.n, s.path FROM (SELECT bsrc, count(*) AS n, min(aid) AS aid FROM temp.fs_legs GROUP BY bsrc) g
		JOIN ast_calls a ON a.id = g.aid JOIN sources s ON s.id = a.source_id`)
	if err != nil {
		return fail(err)
	}
	if _, err := conn.ExecContext(ctx, fsLegsFold[len(fsLegsFold)-1]); err != nil {
		return fail(err)
	}
	// the B legs left: their A leg is not in the case
	alone, err := legsBySource(ctx, conn, `SELECT b.source_id, count(*), '' FROM ast_calls b
		WHERE b.source_id IN (SELECT source_id FROM temp.fs_calls) AND b.linkedid <> '' AND b.linkedid <> b.uniqueid
		GROUP BY b.source_id`)
	if err != nil {
		return fail(err)
	}
	moved := map[string]int64{}
	for src, l := range folded {
		var sha string
		if err := conn.QueryRowContext(ctx, "SELECT sha256 FROM sources WHERE id = ?", src).Scan(&sha); err != nil {
			return fail(err)
		}
		moved[sha] = l.n
		note := fmt.Sprintf(" %s the B leg of a call whose A leg is in the case (%s; tied by the A leg's uuid, which the B leg names as "+
			"originating_leg_uuid, bridge_uuid or in its leg row, or by the B leg's, which the A leg names as bleg_uuid): counted once with the A leg, each listed in ast_call_copies with its line.",
			analysis.Plural(l.n, "call leg is", "call legs are"), l.path)
		if _, err := conn.ExecContext(ctx, "UPDATE sources SET rows_imported = rows_imported - ?, notes = trim(notes || ?) WHERE id = ?", l.n, note, src); err != nil {
			return fail(err)
		}
	}
	for src, l := range alone {
		note := fmt.Sprintf(" %s the B leg (the channel an A leg originated, linkedid its uuid) of a call whose A leg is not in the case: "+
			"kept as a call, the only record of it.", analysis.Plural(l.n, "call is", "calls are"))
		var notes string
		if err := conn.QueryRowContext(ctx, "SELECT notes FROM sources WHERE id = ?", src).Scan(&notes); err != nil {
			return fail(err)
		}
		if len(notes) >= len(note)-1 && notes[len(notes)-len(note)+1:] == note[1:] {
			continue // said already, by an import that left them so
		}
		if _, err := conn.ExecContext(ctx, "UPDATE sources SET notes = trim(notes || ?) WHERE id = ?", note, src); err != nil {
			return fail(err)
		}
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return fail(err)
	}
	return moved, nil
}

// legCount is how many legs of a source a query counted, and the path of
// the source of the first A leg they were folded into.
type legCount struct {
	n    int64
	path string
}

// legsBySource reads q's rows (source id, count, path) by source.
func legsBySource(ctx context.Context, conn *sql.Conn, q string) (map[int64]legCount, error) {
	rows, err := conn.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[int64]legCount{}
	for rows.Next() {
		var src int64
		var l legCount
		var path sql.NullString
		if err := rows.Scan(&src, &l.n, &path); err != nil {
			return nil, err
		}
		l.path = path.String
		m[src] = l
	}
	return m, rows.Err()
}

// foldLegsOf folds FreeSWITCH legs (foldFreeSWITCHLegs) when results
// imported FreeSWITCH calls, and counts each folded leg in its file's
// result as a duplicate, not a row.
func (s *Store) foldLegsOf(ctx context.Context, results []FileResult) error {
	fs := false
	for _, r := range results {
		fs = fs || (r.Kind == KindFreeSWITCHCDR && r.Rows > 0)
	}
	if !fs {
		return nil
	}
	moved, err := s.foldFreeSWITCHLegs(ctx)
	if err != nil {
		return fmt.Errorf("%w: %w", errCaseFailed, err)
	}
	for i, r := range results {
		if n := moved[r.SHA256]; n > 0 && r.SHA256 != "" {
			results[i].Rows -= n
			results[i].Duplicates += n
		}
	}
	return nil
}
