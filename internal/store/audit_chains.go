package store

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
)

// ChainHead is a chain's newest entry as the case remembers it.
type ChainHead struct {
	Seq    int64
	SHA256 string
}

// VerifyChains checks a trail kept as several chains, the way a case on
// ClickHouse keeps it. ClickHouse has no transaction that would order the
// appends of several analysts into one chain, so each writer (one process
// at a time: a command, or one workbench) appends to a chain of its own,
// which only it writes, and the case remembers each chain's head. A
// chain's first entry follows the newest entry the trail held when the
// chain began (or the genesis hash when it held none), so removing a
// whole chain that a later one followed is seen too.
//
// Each chain must number its entries 1, 2, … with no gap, each entry
// carrying the hash of the one before it and the hash of its own content;
// a first entry must follow the genesis or an entry of another chain;
// and each chain must end at the head the case remembers for it (a head
// whose chain holds no entry means its entries were removed). The first
// fault found, chains taken in name order, is named. Head is the SHA-256
// of the heads, one "chain seq sha256" line each in name order: the one
// figure that pins the whole trail.
func VerifyChains(entries []AuditEntry, heads map[string]ChainHead) AuditCheck {
	c := AuditCheck{Entries: len(entries), OK: true}
	byChain := map[string][]AuditEntry{}
	known := map[string]string{} // entry hash → its chain
	for _, e := range entries {
		byChain[e.Chain] = append(byChain[e.Chain], e)
		known[e.EntrySHA256] = e.Chain
	}
	names := make([]string, 0, len(byChain)+len(heads))
	for name := range byChain {
		names = append(names, name)
	}
	for name := range heads {
		if _, ok := byChain[name]; !ok {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	c.Chains = len(names)
	bad := func(chain string, seq int64, why string) AuditCheck {
		c.OK, c.FirstBad, c.BadChain, c.Reason = false, &seq, chain, "chain "+chain+": "+why
		return c
	}
	var pins strings.Builder
	for _, name := range names {
		es := byChain[name]
		sort.SliceStable(es, func(i, j int) bool { return es[i].Seq < es[j].Seq })
		prev := ""
		for i, e := range es {
			want := int64(i + 1)
			switch {
			case e.Seq != want:
				return bad(name, want, fmt.Sprintf("entry %d is missing or out of place (found %d there)", want, e.Seq))
			case i == 0 && e.PrevSHA256 != GenesisSHA256 && (known[e.PrevSHA256] == "" || known[e.PrevSHA256] == name):
				return bad(name, 1, "its first entry follows an entry the trail no longer holds (a chain before it was removed or altered)")
			case i > 0 && e.PrevSHA256 != prev:
				return bad(name, e.Seq, fmt.Sprintf("entry %d does not follow the entry before it (an entry was removed, inserted or reordered)", e.Seq))
			case e.ContentHash() != e.EntrySHA256:
				return bad(name, e.Seq, fmt.Sprintf("entry %d was altered: its content no longer has the hash it carries", e.Seq))
			}
			prev = e.EntrySHA256
		}
		n := int64(len(es))
		h, ok := heads[name]
		switch {
		case !ok:
			return bad(name, max(n, 1), "the case remembers no head for this chain (entries were added outside cdrtui)")
		case h.Seq > n:
			return bad(name, n+1, fmt.Sprintf("the chain ends at entry %d but the case's head for it is entry %d: entries were removed from the end", n, h.Seq))
		case h.Seq != n || h.SHA256 != prev:
			return bad(name, max(n, 1), fmt.Sprintf("the case's head for this chain (entry %d) is not its last entry (%d)", h.Seq, n))
		}
		fmt.Fprintf(&pins, "%s %d %s\n", name, n, prev)
	}
	if len(names) > 0 {
		sum := sha256.Sum256([]byte(pins.String()))
		c.Head = hex.EncodeToString(sum[:])
	}
	return c
}
