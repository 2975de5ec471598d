package clickhouse

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// smallCase is the generated case the ClickHouse tests import: small, so
// that the whole suite stays within a minute or two.
func smallCase(t testing.TB) string {
	t.Helper()
	cfg := gen.DefaultConfig()
	cfg.Seed = 42
	cfg.Subscribers = 40
	cfg.Days = 7
	cfg.Records = 20_000
	cfg.VoiceSubscribers = 60
	cfg.SimBoxes = 6
	dir := filepath.Join(t.TempDir(), "evidence")
	if _, err := gen.Generate(dir, cfg); err != nil {
		t.Fatal(err)
	}
	return dir
}

// localCase imports dir into a new SQLite case: the reference.
func localCase(t *testing.T, dir string) *store.Store {
	t.Helper()
	st, err := store.Create(filepath.Join(t.TempDir(), "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Import(context.Background(), []string{dir}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	return st
}

// newLocalCase is a new local case in the test's directory, closed at
// the test's end: the twin a cluster case is compared with.
func newLocalCase(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Create(filepath.Join(t.TempDir(), "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func openCluster(t *testing.T, c *chkit.Cluster, db string, create bool) *Store {
	t.Helper()
	s, err := Open(context.Background(), c.URL(db), c.Name, create)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
