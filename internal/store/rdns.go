package store

import (
	"context"
	"database/sql"
	"strings"
)

// RDNSEntry is the reverse DNS of one IP as the case keeps it.
type RDNSEntry struct {
	IP         string   `json:"ip"`
	Names      []string `json:"names,omitempty"`
	Status     string   `json:"status"` // ok, none, error, timeout
	Detail     string   `json:"detail,omitempty"`
	LookedUpAt int64    `json:"looked_up_at"` // Unix seconds (UTC)
}

// Final reports whether the entry answers the question for good (a name
// or the certainty of none); errors and timeouts are asked again.
func (e RDNSEntry) Final() bool { return e.Status == "ok" || e.Status == "none" }

// CachedRDNS returns the entries the case holds for the given IPs.
func (s *Store) CachedRDNS(ctx context.Context, ips []string) (map[string]RDNSEntry, error) {
	out := map[string]RDNSEntry{}
	const batch = 500
	for len(ips) > 0 {
		n := min(batch, len(ips))
		args := make([]any, n)
		for i, ip := range ips[:n] {
			args[i] = ip
		}
		rows, err := s.db.QueryContext(ctx, "SELECT ip, names, status, detail, looked_up_at FROM rdns WHERE ip IN ("+placeholders(n)+")", args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var e RDNSEntry
			var names string
			if err := rows.Scan(&e.IP, &names, &e.Status, &e.Detail, &e.LookedUpAt); err != nil {
				rows.Close()
				return nil, err
			}
			e.Names = strings.Fields(names)
			out[e.IP] = e
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		ips = ips[n:]
	}
	return out, nil
}

// SaveRDNS stores lookups, replacing older ones for the same IPs.
func (s *Store) SaveRDNS(ctx context.Context, entries []RDNSEntry) error {
	if len(entries) == 0 {
		return nil
	}
	return s.write(ctx, func(c *sql.Conn) error {
		stmt, err := c.PrepareContext(ctx, `INSERT INTO rdns(ip, names, status, detail, looked_up_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT(ip) DO UPDATE SET names = excluded.names, status = excluded.status, detail = excluded.detail,
		looked_up_at = excluded.looked_up_at`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, e := range entries {
			if _, err := stmt.ExecContext(ctx, e.IP, strings.Join(e.Names, " "), e.Status, e.Detail, e.LookedUpAt); err != nil {
				return err
			}
		}
		return nil
	})
}
