package store

import (
	"context"
	"fmt"

	"github.com/cdrtui/cdrtui/internal/analysis"
)

// twinsMatch is when a call of the source just read (n) is a call another
// source already holds (o), written by another CDR backend of the same PBX:
// an image keeps the same CDR in cdr_csv's Master.csv, cdr_sqlite3_custom's
// master.db and the MySQL cdr table, each writing its own fields (master.db
// has no answer or end, a table dump quotes the caller ID its own way) and
// each its own wall clock (cdr_csv's usegmtime, the database's zone). Those
// rows do not share a dedup key, so each was kept and every count doubled.
// The fields every backend writes the same are compared, never the times
// as written: the uniqueid (whose Unix time is the channel's creation),
// the parties, context, channels, last application and its data, the
// durations and the disposition. A backend that did not write one of them
// leaves the two calls apart.
const twinsMatch = `n.uniqueid = o.uniqueid
	AND o.src = n.src AND o.dst = n.dst AND o.dcontext = n.dcontext
	AND o.channel = n.channel AND o.dstchannel = n.dstchannel
	AND o.lastapp = n.lastapp AND trim(o.lastdata) = n.lastdata
	AND o.duration IS n.duration AND o.billsec IS n.billsec AND o.disposition = n.disposition`

// keepBackendTwinsOnce makes every call of this source that another source
// already holds (see twinsMatch) a copy of it: a row of ast_call_copies
// with this source's line pointing at the call kept, this source's own
// copies of it pointed there too. It returns how many calls became copies,
// how many of those were written at another wall clock, and the first
// such pair of times and the other source's path, for the notes.
func (j *importJob) keepBackendTwinsOnce(ctx context.Context) (moved, shifted int64, here, there, otherPath string, err error) {
	var others bool
	if err = j.conn.QueryRowContext(ctx, "SELECT EXISTS(SELECT 1 FROM ast_calls WHERE source_id <> ?)", j.sourceID).Scan(&others); err != nil || !others {
		return 0, 0, "", "", "", err
	}
	// this source's calls, indexed by uniqueid, against one pass over the
	// other sources' calls: no index over the whole case is built
	stmts := []string{
		"DROP TABLE IF EXISTS temp.backend_twins",
		"DROP TABLE IF EXISTS temp.twin_new",
		`CREATE TEMP TABLE twin_new AS SELECT id, uniqueid, src, dst, dcontext, channel, dstchannel, lastapp,
		trim(lastdata) AS lastdata, duration, billsec, disposition FROM ast_calls WHERE source_id = ? AND uniqueid <> ''`,
		"CREATE INDEX temp.twin_new_by_uniqueid ON twin_new(uniqueid)",
		`CREATE TEMP TABLE backend_twins AS
		SELECT n.id AS nid, min(o.id) AS oid FROM ast_calls o JOIN twin_new n ON ` + twinsMatch + `
		WHERE o.source_id <> ? GROUP BY n.id`,
	}
	defer func() {
		for _, t := range []string{"backend_twins", "twin_new"} {
			j.conn.ExecContext(context.WithoutCancel(ctx), "DROP TABLE IF EXISTS temp."+t) //nolint:errcheck
		}
	}()
	for i, s := range stmts {
		var args []any
		if i == 2 || i == 4 {
			args = []any{j.sourceID}
		}
		if _, err = j.conn.ExecContext(ctx, s, args...); err != nil {
			return 0, 0, "", "", "", fmt.Errorf("%w: %w", errCaseFailed, err)
		}
	}
	if err = j.conn.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(n.start_text <> o.start_text), 0) FROM temp.backend_twins t
		JOIN ast_calls n ON n.id = t.nid JOIN ast_calls o ON o.id = t.oid`).Scan(&moved, &shifted); err != nil {
		return 0, 0, "", "", "", fmt.Errorf("%w: %w", errCaseFailed, err)
	}
	if moved == 0 {
		return 0, 0, "", "", "", nil
	}
	if shifted > 0 {
		err = j.conn.QueryRowContext(ctx, `SELECT n.start_text, o.start_text, s.path FROM temp.backend_twins t
			JOIN ast_calls n ON n.id = t.nid JOIN ast_calls o ON o.id = t.oid JOIN sources s ON s.id = o.source_id
			WHERE n.start_text <> o.start_text ORDER BY n.id LIMIT 1`).Scan(&here, &there, &otherPath)
	} else {
		err = j.conn.QueryRowContext(ctx, `SELECT s.path FROM temp.backend_twins t JOIN ast_calls o ON o.id = t.oid
			JOIN sources s ON s.id = o.source_id ORDER BY t.nid LIMIT 1`).Scan(&otherPath)
	}
	if err != nil {
		return 0, 0, "", "", "", fmt.Errorf("%w: %w", errCaseFailed, err)
	}
	for _, s := range []string{
		`INSERT INTO ast_call_copies(source_id, line, call_id)
		SELECT n.source_id, n.line, t.oid FROM temp.backend_twins t JOIN ast_calls n ON n.id = t.nid`,
		`UPDATE ast_call_copies SET call_id = (SELECT oid FROM temp.backend_twins WHERE nid = call_id)
		WHERE call_id IN (SELECT nid FROM temp.backend_twins)`,
		"DELETE FROM ast_calls WHERE id IN (SELECT nid FROM temp.backend_twins)",
	} {
		if _, err = j.conn.ExecContext(ctx, s); err != nil {
			return 0, 0, "", "", "", fmt.Errorf("%w: %w", errCaseFailed, err)
		}
	}
	return moved, shifted, here, there, otherPath, nil
}

// twinsNote says what keepBackendTwinsOnce did, for the source's notes.
func twinsNote(moved, shifted int64, here, there, otherPath string) string {
	if moved == 0 {
		return ""
	}
	s := fmt.Sprintf("%s the same CDR as a call of %s already in the case, written by another CDR backend of the PBX (uniqueid, parties, context, "+
		"channels, last application, durations and disposition agree): kept once, each listed in ast_call_copies with its line.",
		analysis.Plural(moved, "call is", "calls are"), otherPath)
	if shifted > 0 {
		s += fmt.Sprintf(" %s written at another wall clock (%s here, %s there): the backends wrote different zones; the clock check says which agrees with the uniqueids.",
			analysis.Plural(shifted, "of them was", "of them were"), here, there)
	}
	return s
}
