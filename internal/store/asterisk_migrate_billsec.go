package store

// Migration 0020's step: ast_calls.billsec loses its NOT NULL by the same
// table rebuild as 0019's duration, and the talk times an older import
// provably invented become NULL.

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/cdrtui/cdrtui/internal/evidence/asterisk"
)

// billsecNotNull is billsec's declaration in migration 0004.
const billsecNotNull = "billsec        INTEGER NOT NULL,"

// allowNullBillsec is migration 0020's step: ast_calls rebuilt with
// billsec nullable (unless it is already), then the invented talk times
// forgotten.
func allowNullBillsec(ctx context.Context, conn *sql.Conn) error {
	var notNull int64
	if err := conn.QueryRowContext(ctx, "SELECT \"notnull\" FROM pragma_table_info('ast_calls') WHERE name = 'billsec'").Scan(&notNull); err != nil {
		return fmt.Errorf("ast_calls.billsec: %w", err)
	}
	if notNull != 0 {
		if err := rebuildCalls(ctx, conn, billsecNotNull, "billsec        INTEGER,         -- NULL when the records give no talk time"); err != nil {
			return err
		}
	}
	// 0019's forgetting again: it learnt since of acc_cdrs rows' default 0
	if err := forgetInventedDurations(ctx, conn); err != nil {
		return err
	}
	return forgetInventedBillsecs(ctx, conn)
}

// forgetInventedBillsecs makes NULL the talk times older imports invented
// where the case itself proves it: every billsec of a Kamailio acc_cdrs
// row (set to its duration, the file having no answer time), the 0 of an
// answered (2xx) Kamailio/OpenSIPS acc INVITE no BYE ended (no duration,
// no answer time: not an OpenSIPS call-ended line's read 0), and the 0 of
// a 3CX cdroutput leg answered but without its end. A 0 written for a
// cdr table or FreeSWITCH table without a billsec column is not told
// apart from a real 0 in the case, and is left as it is.
func forgetInventedBillsecs(ctx context.Context, conn *sql.Conn) error {
	_, err := conn.ExecContext(ctx, `UPDATE ast_calls SET billsec = NULL WHERE
		(lastapp = 'acc_cdrs' AND source_id IN (SELECT id FROM sources WHERE kind = '`+KindKamailioAcc+`'))
		OR (lastapp = 'INVITE' AND "end" IS NULL AND billsec = 0 AND disposition LIKE '2%' AND duration IS NULL AND answer_text = ''
			AND source_id IN (SELECT id FROM sources WHERE kind = '`+KindKamailioAcc+`'))
		OR (answer_text <> '' AND end_text = '' AND billsec = 0
			AND source_id IN (SELECT id FROM sources WHERE kind = '`+KindThreeCXCDR+`' AND format LIKE '`+string(asterisk.FormatThreeCXTable)+`%'))`)
	return err
}

// ForgetInventedPBXTimes makes NULL, in a staging or private case the
// ClickHouse store filled from a cluster case's PBX tables, the durations
// and talk times an older cdrtui's import invented (what migrations 0019
// and 0020 do to a local case): a cluster case keeps no schema version,
// so its older rows are mended as they are read. Never for a case of
// evidence.
func (s *Store) ForgetInventedPBXTimes(ctx context.Context) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return err
	}
	if err := forgetInventedDurations(ctx, conn); err != nil {
		conn.ExecContext(ctx, "ROLLBACK")
		return err
	}
	if err := forgetInventedBillsecs(ctx, conn); err != nil {
		conn.ExecContext(ctx, "ROLLBACK")
		return err
	}
	_, err = conn.ExecContext(ctx, "COMMIT")
	return err
}
