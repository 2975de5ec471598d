package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/cdrtui/cdrtui/internal/ident"
)

// migrationSteps are Go steps run after a migration's SQL, in its
// transaction, keyed by the migration's name without its number (so that
// renumbering a migration keeps its step).
var migrationSteps = map[string]func(ctx context.Context, conn *sql.Conn) error{
	"identity_keys.sql": backfillKeys,
	"pbx_keys.sql":      backfillPBXKeys,
	"ip_keys.sql":       backfillIPKeys,
	"port_timeline.sql": backfillTimeline,
	// 0019: ast_calls rebuilt for a nullable duration
	"ast_calls_duration_null.sql": allowNullDuration,
	// 0020: ast_calls rebuilt for a nullable billsec
	"ast_calls_billsec_null.sql": allowNullBillsec,
	// 0021: ast_peers.not_loaded
	"ast_peers_not_loaded.sql": addPeersNotLoaded,
}

func migrationStep(name string) func(ctx context.Context, conn *sql.Conn) error {
	_, rest, _ := strings.Cut(name, "_")
	return migrationSteps[rest]
}

// backfillKeys keys the identities of a case made before keys existed:
// cells and other parties by their encodings, subscribers by the
// numbering plan the case's numbers imply (none when they do not settle
// one). Subscribers whose numbers turn out to be one key are merged into
// one, their records keeping the form they were written in.
func backfillKeys(ctx context.Context, conn *sql.Conn) error {
	if err := backfillCells(ctx, conn); err != nil {
		return err
	}
	subs, err := column(ctx, conn, "SELECT msisdn FROM subscribers ORDER BY id")
	if err != nil {
		return err
	}
	others, err := column(ctx, conn, "SELECT DISTINCT other FROM voice WHERE other IS NOT NULL LIMIT 5000")
	if err != nil {
		return err
	}
	plan := ident.Plan{}
	if country, _, err := ident.InferPlan(subs, others); err == nil && country != "" {
		plan = mustPlan(country)
		for _, kv := range [][2]string{{infoCountry, country}, {infoCountrySource, "inferred from the case's numbers when keys were added"}} {
			if _, err := conn.ExecContext(ctx, "INSERT OR IGNORE INTO case_info(key, value) VALUES (?, ?)", kv[0], kv[1]); err != nil {
				return err
			}
		}
	}
	if err := backfillOthers(ctx, conn, plan); err != nil {
		return err
	}
	return rekeySubscribers(ctx, conn, plan)
}

func column(ctx context.Context, conn *sql.Conn, q string) ([]string, error) {
	rows, err := conn.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func backfillCells(ctx context.Context, conn *sql.Conn) error {
	type cellRow struct {
		id   int64
		cell string
	}
	rows, err := conn.QueryContext(ctx, "SELECT id, cell FROM cells")
	if err != nil {
		return err
	}
	var cells []cellRow
	for rows.Next() {
		var c cellRow
		if err := rows.Scan(&c.id, &c.cell); err != nil {
			rows.Close()
			return err
		}
		cells = append(cells, c)
	}
	rows.Close()
	for _, c := range cells {
		if k, gen, ok := ident.CellKeyGeneration(c.cell); ok {
			if _, err := conn.ExecContext(ctx, "UPDATE cells SET cell_key = ?, generation = ? WHERE id = ?", k, gen, c.id); err != nil {
				return err
			}
		}
	}
	return nil
}

func backfillOthers(ctx context.Context, conn *sql.Conn, plan ident.Plan) error {
	others, err := column(ctx, conn, "SELECT DISTINCT other FROM voice WHERE other IS NOT NULL")
	if err != nil {
		return err
	}
	for _, o := range others {
		if k, ok := plan.NumberKey(o); ok {
			if _, err := conn.ExecContext(ctx, "UPDATE voice SET other_key = ? WHERE other = ?", k, o); err != nil {
				return err
			}
		}
	}
	return nil
}

// rekeySubscribers gives every subscriber its key; one whose key is
// another's number is merged into it.
func rekeySubscribers(ctx context.Context, conn *sql.Conn, plan ident.Plan) error {
	type sub struct {
		id     int64
		msisdn string
	}
	rows, err := conn.QueryContext(ctx, "SELECT id, msisdn FROM subscribers ORDER BY id")
	if err != nil {
		return err
	}
	var subs []sub
	for rows.Next() {
		var s sub
		if err := rows.Scan(&s.id, &s.msisdn); err != nil {
			rows.Close()
			return err
		}
		subs = append(subs, s)
	}
	rows.Close()
	byName := map[string]int64{}
	for _, s := range subs {
		byName[s.msisdn] = s.id
	}
	for _, s := range subs {
		key, ok := plan.NumberKey(s.msisdn)
		if !ok {
			continue
		}
		if key == s.msisdn {
			if _, err := conn.ExecContext(ctx, "UPDATE subscribers SET msisdn_key = ? WHERE id = ?", key, s.id); err != nil {
				return err
			}
			continue
		}
		for _, t := range []string{"ipdr", "voice"} {
			if _, err := conn.ExecContext(ctx, fmt.Sprintf("UPDATE %s SET msisdn_as = ? WHERE subscriber_id = ?", t), s.msisdn, s.id); err != nil {
				return err
			}
		}
		into, exists := byName[key]
		if !exists {
			if _, err := conn.ExecContext(ctx, "UPDATE subscribers SET msisdn = ?, msisdn_key = ? WHERE id = ?", key, key, s.id); err != nil {
				return err
			}
			delete(byName, s.msisdn)
			byName[key] = s.id
			continue
		}
		if err := mergeSubscriber(ctx, conn, s.id, into, key); err != nil {
			return err
		}
		delete(byName, s.msisdn)
	}
	return nil
}

// mergeSubscriber moves every record and summary of subscriber from to
// subscriber into, and removes from.
func mergeSubscriber(ctx context.Context, conn *sql.Conn, from, into int64, key string) error {
	var hours []string
	for h := 0; h < 24; h++ {
		hours = append(hours, fmt.Sprintf("h%02d = h%02d + excluded.h%02d", h, h, h))
	}
	stmts := []string{
		"UPDATE ipdr SET subscriber_id = ?2 WHERE subscriber_id = ?1",
		"UPDATE voice SET subscriber_id = ?2 WHERE subscriber_id = ?1",
		`INSERT INTO subscriber_devices(subscriber_id, device_id, kind, records, first_seen, last_seen)
		 SELECT ?2, device_id, kind, records, first_seen, last_seen FROM subscriber_devices WHERE subscriber_id = ?1 AND true
		 ON CONFLICT DO UPDATE SET records = records + excluded.records,
		   first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen)`,
		"DELETE FROM subscriber_devices WHERE subscriber_id = ?1",
		`INSERT INTO subscriber_cells(subscriber_id, cell_id, kind, records, first_seen, last_seen)
		 SELECT ?2, cell_id, kind, records, first_seen, last_seen FROM subscriber_cells WHERE subscriber_id = ?1 AND true
		 ON CONFLICT DO UPDATE SET records = records + excluded.records,
		   first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen)`,
		"DELETE FROM subscriber_cells WHERE subscriber_id = ?1",
		`INSERT INTO activity SELECT ?2, dest_port, records, bytes, ` + hourList() + ` FROM activity WHERE subscriber_id = ?1 AND true
		 ON CONFLICT DO UPDATE SET records = records + excluded.records, bytes = bytes + excluded.bytes, ` + strings.Join(hours, ", "),
		"DELETE FROM activity WHERE subscriber_id = ?1",
		`UPDATE subscribers SET
		   data_records = data_records + (SELECT data_records FROM subscribers WHERE id = ?1),
		   voice_records = voice_records + (SELECT voice_records FROM subscribers WHERE id = ?1),
		   first_offset = CASE WHEN (SELECT first_seen FROM subscribers WHERE id = ?1) < coalesce(first_seen, 1 << 62)
		     THEN (SELECT first_offset FROM subscribers WHERE id = ?1) ELSE first_offset END,
		   first_seen = min(coalesce(first_seen, 1 << 62), coalesce((SELECT first_seen FROM subscribers WHERE id = ?1), 1 << 62)),
		   last_offset = CASE WHEN (SELECT last_seen FROM subscribers WHERE id = ?1) > coalesce(last_seen, -(1 << 62))
		     THEN (SELECT last_offset FROM subscribers WHERE id = ?1) ELSE last_offset END,
		   last_seen = max(coalesce(last_seen, -(1 << 62)), coalesce((SELECT last_seen FROM subscribers WHERE id = ?1), -(1 << 62))),
		   msisdn_key = ?3
		 WHERE id = ?2`,
		"DELETE FROM subscribers WHERE id = ?1",
	}
	for _, q := range stmts {
		if _, err := conn.ExecContext(ctx, q, from, into, key); err != nil {
			return fmt.Errorf("merging subscriber %d into %d: %w", from, into, err)
		}
	}
	return nil
}

func hourList() string {
	var h []string
	for i := 0; i < 24; i++ {
		h = append(h, fmt.Sprintf("h%02d", i))
	}
	return strings.Join(h, ", ")
}
