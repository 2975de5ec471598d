package clickhouse

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cdrtui/cdrtui/internal/store"
)

// The audit trail of a case on ClickHouse. ClickHouse has no transaction
// that would let several analysts' appends read the last entry and add the
// next one in turn, as SQLite's write lock does for a local case. So the
// trail is kept as chains with one writer each: an open Store (one command,
// or one workbench) appends to a chain of its own, named when it first
// records, serialised by a mutex; the case remembers each chain's head in
// case_info ("audit_head/CHAIN"). A chain's first entry follows the newest
// entry the trail held when the chain began. store.VerifyChains proves
// the whole unbroken. The table lives on the server named in the URL, as
// the case's other small tables do, and is made by the first append (a
// case imported before the trail existed gets it then).

const auditTable = `CREATE TABLE IF NOT EXISTS {db}.audit (chain String, seq Int64, at String, analyst String,
 action String, params String, result_sha256 String, prev_sha256 String, entry_sha256 String)
 ENGINE = MergeTree ORDER BY (chain, seq)`

const headPrefix = "audit_head/"

// atLayout is RFC 3339 with nanoseconds always written, so that the
// text's order is the time's (the trail is listed by it).
const atLayout = "2006-01-02T15:04:05.000000000Z"

// trailWriter is a Store's own chain: its name, and its last entry.
type trailWriter struct {
	mu    sync.Mutex
	chain string
	seq   int64
	prev  string
}

// newChainName is a chain's name: when it began, then random hex (two
// writers beginning in the same second still differ).
func newChainName(now time.Time) (string, error) {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return now.UTC().Format("20060102T150405Z") + "-" + hex.EncodeToString(b[:]), nil
}

// AppendAudit adds an entry at the end of this Store's chain and returns
// it as stored. Only Analyst, Action, Params and ResultSHA256 are taken
// from e; the time is now.
func (s *Store) AppendAudit(ctx context.Context, e store.AuditEntry) (store.AuditEntry, error) {
	w := &s.trail
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := s.ensure(ctx, "audit", auditTable); err != nil {
		return store.AuditEntry{}, fmt.Errorf("the audit trail: %w", err)
	}
	now := time.Now()
	chain, seq, prev := w.chain, w.seq, w.prev
	if chain == "" {
		var err error
		if chain, err = newChainName(now); err != nil {
			return store.AuditEntry{}, err
		}
		prev = store.GenesisSHA256
		rows, err := s.home.Query(ctx, s.sql(`SELECT entry_sha256 FROM {db}.audit ORDER BY at DESC, chain DESC, seq DESC LIMIT 1`))
		if err != nil {
			return store.AuditEntry{}, fmt.Errorf("the audit trail: %w", clean(err, s.target))
		}
		for rows.Next() {
			if err := rows.Scan(&prev); err != nil {
				rows.Close()
				return store.AuditEntry{}, err
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return store.AuditEntry{}, fmt.Errorf("the audit trail: %w", clean(err, s.target))
		}
	}
	e.Chain, e.Seq, e.PrevSHA256 = chain, seq+1, prev
	e.At = now.UTC().Format(atLayout)
	if e.Params == "" {
		e.Params = "{}"
	}
	e.EntrySHA256 = e.ContentHash()
	b, err := s.home.PrepareBatch(ctx, s.sql(`INSERT INTO {db}.audit (chain, seq, at, analyst, action, params, result_sha256, prev_sha256, entry_sha256)`))
	if err != nil {
		return store.AuditEntry{}, clean(err, s.target)
	}
	if err := b.Append(e.Chain, e.Seq, e.At, e.Analyst, e.Action, e.Params, e.ResultSHA256, e.PrevSHA256, e.EntrySHA256); err != nil {
		return store.AuditEntry{}, err
	}
	if err := b.Send(); err != nil {
		return store.AuditEntry{}, fmt.Errorf("the audit trail: %w", clean(err, s.target))
	}
	w.chain, w.seq, w.prev = chain, e.Seq, e.EntrySHA256
	if err := s.setInfo(ctx, headPrefix+chain, strconv.FormatInt(e.Seq, 10)+" "+e.EntrySHA256); err != nil {
		return e, fmt.Errorf("the audit trail: entry %s/%d is written but its head is not: %w", chain, e.Seq, clean(err, s.target))
	}
	return e, nil
}

// AuditTrail is the case's trail, oldest first (by time, then chain and
// seq), with the verdict on it (store.VerifyChains). A case that never
// recorded has an empty trail.
func (s *Store) AuditTrail(ctx context.Context) (store.AuditCheck, []store.AuditEntry, error) {
	// Another analyst's workbench may be appending meanwhile: an entry is
	// written, then its chain's head. The heads are read before the
	// entries, so every entry a head names is among those read; an entry
	// read without its head yet (written between the two reads) is the
	// only state a live writer shows, and the trail is read again a moment
	// later before it is called broken.
	for attempt := 1; ; attempt++ {
		heads, es, err := s.readTrail(ctx)
		if err != nil {
			return store.AuditCheck{}, nil, err
		}
		check := store.VerifyChains(es, heads)
		if check.OK || attempt == auditRereads || !aheadOfHead(es, heads, check.BadChain) {
			return check, es, nil
		}
		select {
		case <-ctx.Done():
			return store.AuditCheck{}, nil, ctx.Err()
		case <-time.After(time.Duration(attempt) * 100 * time.Millisecond):
		}
	}
}

// auditRereads bounds how often AuditTrail reads a trail that shows an
// entry ahead of its chain's head.
const auditRereads = 6

// aheadOfHead says whether chain holds more entries than the head the
// case keeps for it (or has no head yet): what a writer shows between
// writing an entry and its head.
func aheadOfHead(es []store.AuditEntry, heads map[string]store.ChainHead, chain string) bool {
	var n int64
	for _, e := range es {
		if e.Chain == chain {
			n++
		}
	}
	h, ok := heads[chain]
	return !ok || n > h.Seq
}

// readTrail reads the chains' heads, then the entries.
func (s *Store) readTrail(ctx context.Context) (map[string]store.ChainHead, []store.AuditEntry, error) {
	heads := map[string]store.ChainHead{}
	rows, err := s.home.Query(ctx, s.sql(`SELECT key, argMax(value, version) FROM {db}.case_info WHERE startsWith(key, ?) GROUP BY key`), headPrefix)
	if err != nil {
		return nil, nil, clean(err, s.target)
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, nil, err
		}
		n, h, _ := strings.Cut(v, " ")
		seq, err := strconv.ParseInt(n, 10, 64)
		if err != nil {
			return nil, nil, fmt.Errorf("the audit head kept for chain %s is unreadable: %q", strings.TrimPrefix(k, headPrefix), v)
		}
		heads[strings.TrimPrefix(k, headPrefix)] = store.ChainHead{Seq: seq, SHA256: h}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, clean(err, s.target)
	}
	var exists uint64
	if err := s.home.QueryRow(ctx, `SELECT count() FROM system.tables WHERE database = ? AND name = 'audit'`, s.target.Database).Scan(&exists); err != nil {
		return nil, nil, clean(err, s.target)
	}
	var es []store.AuditEntry
	if exists > 0 {
		rows, err := s.home.Query(ctx, s.sql(`SELECT chain, seq, at, analyst, action, params, result_sha256, prev_sha256, entry_sha256
			FROM {db}.audit ORDER BY at, chain, seq`))
		if err != nil {
			return nil, nil, clean(err, s.target)
		}
		defer rows.Close()
		for rows.Next() {
			var e store.AuditEntry
			if err := rows.Scan(&e.Chain, &e.Seq, &e.At, &e.Analyst, &e.Action, &e.Params, &e.ResultSHA256, &e.PrevSHA256, &e.EntrySHA256); err != nil {
				return nil, nil, err
			}
			es = append(es, e)
		}
		if err := rows.Err(); err != nil {
			return nil, nil, clean(err, s.target)
		}
	}
	return heads, es, nil
}
