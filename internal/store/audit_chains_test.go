package store

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
)

// chainEntry builds an entry of a chain with its hash computed here, from
// the canonical JSON written out by hand (not by ContentHash).
func chainEntry(chain string, seq int64, at, prev string) AuditEntry {
	e := AuditEntry{Chain: chain, Seq: seq, At: at, Analyst: "asha", Action: "persona", Params: `{"args":["x"]}`,
		ResultSHA256: strings.Repeat("ab", 32), PrevSHA256: prev}
	js := fmt.Sprintf(`[%q,%d,%q,"asha","persona","{\"args\":[\"x\"]}",%q,%q]`, chain, seq, at, e.ResultSHA256, prev)
	sum := sha256.Sum256([]byte(js))
	e.EntrySHA256 = hex.EncodeToString(sum[:])
	return e
}

// twoChains: chain "a" of three entries from the genesis, then chain "b"
// of two following a's last entry.
func twoChains() ([]AuditEntry, map[string]ChainHead) {
	a1 := chainEntry("a", 1, "2026-12-04T10:00:00.000000000Z", GenesisSHA256)
	a2 := chainEntry("a", 2, "2026-12-04T10:00:01.000000000Z", a1.EntrySHA256)
	a3 := chainEntry("a", 3, "2026-12-04T10:00:02.000000000Z", a2.EntrySHA256)
	b1 := chainEntry("b", 1, "2026-12-04T10:00:03.000000000Z", a3.EntrySHA256)
	b2 := chainEntry("b", 2, "2026-12-04T10:00:04.000000000Z", b1.EntrySHA256)
	return []AuditEntry{a1, a2, a3, b1, b2}, map[string]ChainHead{"a": {3, a3.EntrySHA256}, "b": {2, b2.EntrySHA256}}
}

func TestVerifyChains(t *testing.T) {
	es, heads := twoChains()
	c := VerifyChains(es, heads)
	pins := sha256.Sum256([]byte("a 3 " + es[2].EntrySHA256 + "\nb 2 " + es[4].EntrySHA256 + "\n"))
	if !c.OK || c.Entries != 5 || c.Chains != 2 || c.Head != hex.EncodeToString(pins[:]) || c.FirstBad != nil {
		t.Fatalf("an unbroken trail of two chains: %+v", c)
	}
	// the content hash is the hand-written JSON's: the chain comes first
	if es[0].ContentHash() != es[0].EntrySHA256 {
		t.Fatalf("ContentHash of a chain entry %s, want %s", es[0].ContentHash(), es[0].EntrySHA256)
	}

	cases := []struct {
		name  string
		edit  func([]AuditEntry, map[string]ChainHead) ([]AuditEntry, map[string]ChainHead)
		chain string
		seq   int64
		says  string
	}{
		{"altered", func(es []AuditEntry, h map[string]ChainHead) ([]AuditEntry, map[string]ChainHead) {
			es[1].Action = "hunt"
			return es, h
		}, "a", 2, "was altered"},
		{"middle removed", func(es []AuditEntry, h map[string]ChainHead) ([]AuditEntry, map[string]ChainHead) {
			return append(es[:1:1], es[2:]...), h
		}, "a", 2, "missing or out of place"},
		{"last removed", func(es []AuditEntry, h map[string]ChainHead) ([]AuditEntry, map[string]ChainHead) {
			return es[:4], h
		}, "b", 2, "removed from the end"},
		{"earlier chain removed", func(es []AuditEntry, h map[string]ChainHead) ([]AuditEntry, map[string]ChainHead) {
			delete(h, "a")
			return es[3:], h
		}, "b", 1, "no longer holds"},
		{"chain emptied", func(es []AuditEntry, h map[string]ChainHead) ([]AuditEntry, map[string]ChainHead) {
			return es[:3], h
		}, "b", 1, "removed from the end"},
		{"no head", func(es []AuditEntry, h map[string]ChainHead) ([]AuditEntry, map[string]ChainHead) {
			delete(h, "b")
			return es, h
		}, "b", 2, "no head"},
		{"head rewound", func(es []AuditEntry, h map[string]ChainHead) ([]AuditEntry, map[string]ChainHead) {
			h["a"] = ChainHead{2, es[1].EntrySHA256}
			return es, h
		}, "a", 3, "not its last entry"},
		{"swapped in", func(es []AuditEntry, h map[string]ChainHead) ([]AuditEntry, map[string]ChainHead) {
			// b's entry 2 rewritten to follow a's first entry, rehashed
			es[4] = chainEntry("b", 2, es[4].At, es[0].EntrySHA256)
			h["b"] = ChainHead{2, es[4].EntrySHA256}
			return es, h
		}, "b", 2, "does not follow"},
		{"first follows itself", func(es []AuditEntry, h map[string]ChainHead) ([]AuditEntry, map[string]ChainHead) {
			es[0] = chainEntry("a", 1, es[0].At, es[2].EntrySHA256)
			return es, h
		}, "a", 1, "no longer holds"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			es, heads := twoChains()
			es, heads = tc.edit(es, heads)
			c := VerifyChains(es, heads)
			if c.OK || c.FirstBad == nil || *c.FirstBad != tc.seq || c.BadChain != tc.chain || !strings.Contains(c.Reason, tc.says) {
				bad := int64(-1)
				if c.FirstBad != nil {
					bad = *c.FirstBad
				}
				t.Fatalf("got ok=%v chain %q entry %d %q; want chain %q entry %d saying %q", c.OK, c.BadChain, bad, c.Reason, tc.chain, tc.seq, tc.says)
			}
		})
	}
	if c := VerifyChains(nil, nil); !c.OK || c.Entries != 0 || c.Head != "" {
		t.Errorf("an empty trail: %+v", c)
	}
}
