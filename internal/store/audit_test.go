package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"testing"
)

// auditCase is a case with n entries in its trail.
func auditCase(t *testing.T, n int) *Store {
	t.Helper()
	st, err := Create(filepath.Join(t.TempDir(), "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for i := 1; i <= n; i++ {
		if _, err := st.AppendAudit(context.Background(), AuditEntry{Analyst: "ana", Action: fmt.Sprintf("act%d", i),
			Params: fmt.Sprintf(`{"i":%d}`, i), ResultSHA256: fmt.Sprintf("%064d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func verify(t *testing.T, st *Store) AuditCheck {
	t.Helper()
	es, err := st.AuditEntries(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	seq, head, err := st.AuditHead(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return VerifyAudit(es, seq, head)
}

func rawSQL(t *testing.T, st *Store, q string, args ...any) {
	t.Helper()
	if _, err := st.DB().Exec(q, args...); err != nil {
		t.Fatal(err)
	}
}

// Each entry's hash is the SHA-256 of the JSON array of its fields, and
// the chain links each to the one before (computed here by hand).
func TestAuditChainHashes(t *testing.T) {
	st := auditCase(t, 2)
	es, err := st.AuditEntries(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	prev := GenesisSHA256
	for i, e := range es {
		content := fmt.Sprintf(`[%d,%q,"ana","act%d","{\"i\":%d}","%064d",%q]`, i+1, e.At, i+1, i+1, i+1, prev)
		sum := sha256.Sum256([]byte(content))
		if want := hex.EncodeToString(sum[:]); e.EntrySHA256 != want || e.PrevSHA256 != prev {
			t.Fatalf("entry %d: hash %s prev %s, want %s prev %s (content %s)", e.Seq, e.EntrySHA256, e.PrevSHA256, want, prev, content)
		}
		prev = e.EntrySHA256
	}
	if c := verify(t, st); !c.OK || c.FirstBad != nil || c.Entries != 2 || c.Head != prev {
		t.Fatalf("unbroken chain: %+v", c)
	}
}

func TestAuditEmptyTrailIsUnbroken(t *testing.T) {
	st := auditCase(t, 0)
	if c := verify(t, st); !c.OK || c.Entries != 0 {
		t.Fatalf("%+v", c)
	}
}

func TestAuditDetectsTampering(t *testing.T) {
	for _, tt := range []struct {
		name    string
		tamper  func(t *testing.T, st *Store)
		firstBd int64
	}{
		{"changed params", func(t *testing.T, st *Store) {
			rawSQL(t, st, `UPDATE audit SET params = '{"i":99}' WHERE seq = 3`)
		}, 3},
		{"changed analyst", func(t *testing.T, st *Store) { rawSQL(t, st, `UPDATE audit SET analyst = 'mallory' WHERE seq = 2`) }, 2},
		{"changed and rehashed", func(t *testing.T, st *Store) {
			// the forger recomputes the entry's own hash: the next entry's link breaks
			es, _ := st.AuditEntries(context.Background())
			e := es[1]
			e.Action = "forged"
			rawSQL(t, st, `UPDATE audit SET action = ?, entry_sha256 = ? WHERE seq = 2`, e.Action, e.ContentHash())
		}, 3},
		{"removed middle", func(t *testing.T, st *Store) { rawSQL(t, st, `DELETE FROM audit WHERE seq = 3`) }, 3},
		{"removed middle and renumbered", func(t *testing.T, st *Store) {
			rawSQL(t, st, `DELETE FROM audit WHERE seq = 3`)
			rawSQL(t, st, `UPDATE audit SET seq = seq - 1 WHERE seq > 3`)
		}, 3},
		{"removed last", func(t *testing.T, st *Store) { rawSQL(t, st, `DELETE FROM audit WHERE seq = 5`) }, 5},
		{"reordered", func(t *testing.T, st *Store) {
			rawSQL(t, st, `UPDATE audit SET seq = 100 WHERE seq = 2`)
			rawSQL(t, st, `UPDATE audit SET seq = 2 WHERE seq = 4`)
			rawSQL(t, st, `UPDATE audit SET seq = 4 WHERE seq = 100`)
		}, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			st := auditCase(t, 5)
			if c := verify(t, st); !c.OK {
				t.Fatalf("before: %+v", c)
			}
			tt.tamper(t, st)
			c := verify(t, st)
			if c.OK || c.FirstBad == nil || *c.FirstBad != tt.firstBd || c.Reason == "" {
				got := "nil"
				if c.FirstBad != nil {
					got = fmt.Sprint(*c.FirstBad)
				}
				t.Fatalf("after %s: ok %v first_bad %s (%s), want %d", tt.name, c.OK, got, c.Reason, tt.firstBd)
			}
		})
	}
}

func TestNotesTagsAndRemove(t *testing.T) {
	st := auditCase(t, 0)
	ctx := context.Background()
	a, err := st.AddNote(ctx, Note{CreatedAt: 1, Analyst: "ana", Kind: "subscriber", Target: "9191", Tags: []string{"Suspect", "phone"}, Body: "main"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddNote(ctx, Note{CreatedAt: 2, Analyst: "bob", Kind: "pair", Target: "9191 9292", Tags: []string{"suspects"}}); err != nil {
		t.Fatal(err)
	}
	all, _ := st.Notes(ctx, "")
	sus, _ := st.Notes(ctx, "suspect")
	if len(all) != 2 || len(sus) != 1 || sus[0].ID != a || len(sus[0].Tags) != 2 || sus[0].Tags[1] != "phone" {
		t.Fatalf("all %+v, tagged suspect %+v", all, sus)
	}
	if err := st.RemoveNote(ctx, a); err != nil {
		t.Fatal(err)
	}
	if err := st.RemoveNote(ctx, a); err != ErrNoNote {
		t.Fatalf("second remove: %v", err)
	}
	if all, _ := st.Notes(ctx, ""); len(all) != 1 || all[0].Target != "9191 9292" {
		t.Fatalf("after remove: %+v", all)
	}
}
