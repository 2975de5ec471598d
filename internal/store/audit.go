package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// AuditEntry is one line of the audit trail.
type AuditEntry struct {
	Seq          int64  `json:"seq"`
	At           string `json:"at"` // RFC 3339, UTC
	Analyst      string `json:"analyst"`
	Action       string `json:"action"`
	Params       string `json:"params"` // JSON
	ResultSHA256 string `json:"result_sha256"`
	PrevSHA256   string `json:"prev_sha256"`
	EntrySHA256  string `json:"entry_sha256"`
}

// GenesisSHA256 is the previous hash of the first entry.
const GenesisSHA256 = "0000000000000000000000000000000000000000000000000000000000000000"

// infoAuditHead keeps "seq sha256" of the newest entry, so that removing
// the last entries is seen too (the chain alone cannot tell a trail cut
// short from a shorter one).
const infoAuditHead = "audit_head"

// ContentHash is the SHA-256 of an entry's content: a JSON array of seq,
// at, analyst, action, params, result_sha256 and prev_sha256, in that
// order (json.Marshal of strings and an integer is canonical).
func (e AuditEntry) ContentHash() string {
	b, _ := json.Marshal([]any{e.Seq, e.At, e.Analyst, e.Action, e.Params, e.ResultSHA256, e.PrevSHA256})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// AppendAudit adds an entry at the end of the trail, chained to the one
// before, and returns it as stored. Only Analyst, Action, Params and
// ResultSHA256 are taken from e; the time is now.
func (s *Store) AppendAudit(ctx context.Context, e AuditEntry) (AuditEntry, error) {
	err := s.write(ctx, func(conn *sql.Conn) error {
		var last sql.NullInt64
		var prev sql.NullString
		err := conn.QueryRowContext(ctx, "SELECT seq, entry_sha256 FROM audit ORDER BY seq DESC LIMIT 1").Scan(&last, &prev)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		e.Seq = last.Int64 + 1
		e.PrevSHA256 = GenesisSHA256
		if prev.Valid {
			e.PrevSHA256 = prev.String
		}
		e.At = time.Now().UTC().Format(time.RFC3339Nano)
		if e.Params == "" {
			e.Params = "{}"
		}
		e.EntrySHA256 = e.ContentHash()
		if _, err := conn.ExecContext(ctx, `INSERT INTO audit(seq, at, analyst, action, params, result_sha256, prev_sha256, entry_sha256)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, e.Seq, e.At, e.Analyst, e.Action, e.Params, e.ResultSHA256, e.PrevSHA256, e.EntrySHA256); err != nil {
			return err
		}
		_, err = conn.ExecContext(ctx, "INSERT INTO case_info(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
			infoAuditHead, fmt.Sprintf("%d %s", e.Seq, e.EntrySHA256))
		return err
	})
	if err != nil {
		return AuditEntry{}, err
	}
	return e, nil
}

// AuditEntries lists the trail in its stored order (by seq).
func (s *Store) AuditEntries(ctx context.Context) ([]AuditEntry, error) {
	return queryAll(ctx, s.db, func(x *AuditEntry) []any {
		return []any{&x.Seq, &x.At, &x.Analyst, &x.Action, &x.Params, &x.ResultSHA256, &x.PrevSHA256, &x.EntrySHA256}
	}, `SELECT seq, at, analyst, action, params, result_sha256, prev_sha256, entry_sha256 FROM audit ORDER BY seq`)
}

// AuditHead is the newest entry's seq and hash as the case remembers them
// (0 and "" for an empty trail).
func (s *Store) AuditHead(ctx context.Context) (int64, string, error) {
	v, err := s.Info(ctx, infoAuditHead)
	if err != nil || v == "" {
		return 0, "", err
	}
	n, h, _ := strings.Cut(v, " ")
	seq, err := strconv.ParseInt(n, 10, 64)
	if err != nil {
		return 0, "", fmt.Errorf("the audit head kept in the case is unreadable: %q", v)
	}
	return seq, h, nil
}

// AuditCheck is the verdict on a trail.
type AuditCheck struct {
	Entries  int    `json:"entries"`
	OK       bool   `json:"ok"`
	FirstBad *int64 `json:"first_bad"` // the first entry altered, removed or out of place; null when unbroken
	Reason   string `json:"reason,omitempty"`
	Head     string `json:"head_sha256,omitempty"`
}

// VerifyAudit walks the chain: each entry must carry the seq after the one
// before, the previous entry's hash, and the hash of its own content; the
// last must be the head the case remembers.
func VerifyAudit(entries []AuditEntry, headSeq int64, headHash string) AuditCheck {
	c := AuditCheck{Entries: len(entries), OK: true}
	bad := func(seq int64, why string) AuditCheck {
		c.OK, c.FirstBad, c.Reason = false, &seq, why
		return c
	}
	prev := GenesisSHA256
	for i, e := range entries {
		want := int64(i + 1)
		switch {
		case e.Seq != want:
			return bad(want, fmt.Sprintf("entry %d is missing or out of place (found %d there)", want, e.Seq))
		case e.PrevSHA256 != prev:
			return bad(e.Seq, fmt.Sprintf("entry %d does not follow the entry before it (an entry was removed, inserted or reordered)", e.Seq))
		case e.ContentHash() != e.EntrySHA256:
			return bad(e.Seq, fmt.Sprintf("entry %d was altered: its content no longer has the hash it carries", e.Seq))
		}
		prev = e.EntrySHA256
	}
	n := int64(len(entries))
	if headSeq != n || (n > 0 && headHash != prev) {
		if headSeq > n {
			return bad(n+1, fmt.Sprintf("the trail ends at entry %d but the case's head is entry %d: entries were removed from the end", n, headSeq))
		}
		return bad(max(n, 1), fmt.Sprintf("the case's head (entry %d) is not the trail's last entry (%d)", headSeq, n))
	}
	c.Head = prev
	return c
}
