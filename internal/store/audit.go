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
	Chain        string `json:"chain,omitempty"` // a ClickHouse case's trail: the writer's chain (see VerifyChains)
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
// order (json.Marshal of strings and an integer is canonical). An entry
// of a chain (a ClickHouse case's trail) has its chain first.
func (e AuditEntry) ContentHash() string {
	fields := []any{e.Seq, e.At, e.Analyst, e.Action, e.Params, e.ResultSHA256, e.PrevSHA256}
	if e.Chain != "" {
		fields = append([]any{e.Chain}, fields...)
	}
	b, _ := json.Marshal(fields)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// AppendAudit adds an entry at the end of the trail, chained to the one
// before, and returns it as stored. Only Analyst, Action, Params and
// ResultSHA256 are taken from e; the time is now.
//
// A case opened read-only because the command only reads it (an analysis)
// still records its runs: the entry is written in one short transaction
// on a connection of its own beside the read-only handle (appendAside). A
// case that cannot be written (a read-only medium, a damaged case, one
// read as it is on disk) gives a NotRecordedError; one an import holds, or
// another program for longer than AuditWait, a CaseBusyError.
func (s *Store) AppendAudit(ctx context.Context, e AuditEntry) (AuditEntry, error) {
	if s.readOnly {
		return s.appendAside(ctx, e)
	}
	if err := s.write(ctx, func(conn *sql.Conn) error { return appendEntry(ctx, conn, &e) }); err != nil {
		return AuditEntry{}, err
	}
	return e, nil
}

// appendEntry writes e after the trail's last entry, in a transaction
// begun IMMEDIATE: the write lock is taken before the last entry is read,
// so appends from several processes chain one after the other.
func appendEntry(ctx context.Context, conn *sql.Conn, e *AuditEntry) error {
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
}

// AuditWait is how long a read-only command waits to record its run while
// another program holds SQLite's write lock, before it says the run was
// not recorded (an import in progress is not waited for).
var AuditWait = 2 * time.Second

// NotRecordedError says why a case cannot record a run in its trail.
type NotRecordedError struct{ Why string }

func (e *NotRecordedError) Error() string {
	return "the case cannot record in its audit trail: " + e.Why
}

// Unwrap makes a NotRecordedError an ErrReadOnly.
func (e *NotRecordedError) Unwrap() error { return ErrReadOnly }

// caseWritable says whether the case file can be opened for writing (a
// variable for tests: the tests run as root, who writes whatever the mode).
var caseWritable = writable

// appendAside appends through a connection of its own, opened for writing
// for this one transaction, then copies the entry into the case file (a
// passive checkpoint), so the file alone holds the trail. As every write
// outside an import, it waits for a large case's background check and is
// refused in a damaged case and while an import holds the case.
func (s *Store) appendAside(ctx context.Context, e AuditEntry) (AuditEntry, error) {
	if err := s.waitChecked(ctx); err != nil {
		return AuditEntry{}, err
	}
	switch {
	case s.Damaged() != "":
		return AuditEntry{}, &NotRecordedError{"it is damaged, and nothing is written into a damaged case"}
	case !caseWritable(s.path):
		return AuditEntry{}, &NotRecordedError{"the file is read-only (a read-only medium, a mounted image, or its permissions)"}
	case s.immutable:
		return AuditEntry{}, &NotRecordedError{"it was read as it is on disk (no room or no right to write beside it)"}
	}
	if holder, held := s.importHolder(); held {
		return AuditEntry{}, &CaseBusyError{Case: s.path, Holder: holder}
	}
	db, err := sql.Open("sqlite", dsn(s.path, false, false))
	if err != nil {
		return AuditEntry{}, err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return AuditEntry{}, s.asideErr(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", AuditWait.Milliseconds())); err != nil {
		return AuditEntry{}, s.asideErr(err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return AuditEntry{}, s.asideErr(err)
	}
	if err := appendEntry(ctx, conn, &e); err != nil {
		conn.ExecContext(context.Background(), "ROLLBACK")
		return AuditEntry{}, s.asideErr(err)
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		conn.ExecContext(context.Background(), "ROLLBACK")
		return AuditEntry{}, s.asideErr(err)
	}
	conn.ExecContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)") // best effort: the entry is committed in the WAL already
	s.mu.Lock()
	s.wroteAside = true // the case moved after its check: Close may vouch for it
	s.mu.Unlock()
	return e, nil
}

// asideErr names why a write beside a read-only handle failed: busy, a
// full disk, or a file that cannot be written after all (a read-only
// directory).
func (s *Store) asideErr(err error) error {
	if err == nil {
		return nil
	}
	if isBusy(err) {
		return s.sqlErr(err)
	}
	m := err.Error()
	if strings.Contains(m, "readonly") || strings.Contains(m, "read-only") || strings.Contains(m, "unable to open") {
		return &NotRecordedError{"it cannot be written here (" + m + ")"}
	}
	return s.sqlErr(err)
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
	FirstBad *int64 `json:"first_bad"`           // the first entry altered, removed or out of place; null when unbroken
	BadChain string `json:"bad_chain,omitempty"` // the chain it is in (a ClickHouse case's trail)
	Reason   string `json:"reason,omitempty"`
	Head     string `json:"head_sha256,omitempty"`
	Chains   int    `json:"chains,omitempty"` // a ClickHouse case's trail: its writers' chains
}

// AuditTrail is the case's trail, in its stored order, with the verdict
// on it.
func (s *Store) AuditTrail(ctx context.Context) (AuditCheck, []AuditEntry, error) {
	es, err := s.AuditEntries(ctx)
	if err != nil {
		return AuditCheck{}, nil, err
	}
	seq, head, err := s.AuditHead(ctx)
	if err != nil {
		return AuditCheck{}, nil, err
	}
	return VerifyAudit(es, seq, head), es, nil
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
