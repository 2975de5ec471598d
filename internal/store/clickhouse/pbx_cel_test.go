package clickhouse

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// Channel Event Logging on a cluster case: ast_cel is a PBX table, copied
// whole, so the CEL report (calls, one call's events with file:line and
// its CDR) of the cluster's PBX copy is the local case's, and the plain
// report counts the same events.
func TestClickHousePBXCEL(t *testing.T) {
	c := chkit.Start(t)
	ctx := context.Background()
	local := newLocalCase(t)
	s := openCluster(t, c, "pbxcel", true)
	root, _ := filepath.Abs("../../../testdata/asterisk-cel")
	if _, err := local.Import(ctx, []string{root}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(ctx, []string{root}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	pbx, err := s.PBX(ctx)
	if err != nil {
		t.Fatal(err)
	}
	celJSON := func(st *store.Store) string {
		rep, err := casework.AsteriskCEL(ctx, st, casework.CELOptions{LinkedID: "1709283600.1"})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(rep)
		return string(b)
	}
	want, got := celJSON(local), celJSON(pbx)
	if got != want {
		t.Fatalf("CEL on the cluster:\n%s\nwant (the local case):\n%s", got, want)
	}
	var rep casework.CELReport
	json.Unmarshal([]byte(got), &rep)
	if rep.Events != 16 || rep.Calls != 2 || rep.CallsWithCDR != 1 || rep.Call == nil || len(rep.Call.Events) != 12 {
		t.Fatalf("the fixture's numbers: %s", got)
	}
	if a, b := asteriskJSON(t, local), asteriskJSON(t, pbx); a != b {
		t.Fatalf("the report on the cluster:\n%s\nwant:\n%s", b, a)
	}
}
