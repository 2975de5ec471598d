package clickhouse

import (
	"context"
	"encoding/json"
	"os"
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

// An event already on the cluster, brought again by a later import (a
// cel table export holding the fixture's BRIDGE_ENTER, line 6 of its
// Master.csv, at its line 2 under the header): the staging case holds the cluster's events, so the event
// is counted once and the copy listed with its file and line, as in the
// local case imported the same way.
func TestClickHousePBXCELCopies(t *testing.T) {
	c := chkit.Start(t)
	ctx := context.Background()
	local := newLocalCase(t)
	s := openCluster(t, c, "pbxcelcopies", true)
	root, _ := filepath.Abs("../../../testdata/asterisk-cel")
	export := filepath.Join(t.TempDir(), "cel_export.csv")
	if err := os.WriteFile(export, []byte("eventtime,eventtype,channame,uniqueid,linkedid,cid_num,cid_name,exten,context,appname,appdata,peer\n"+
		`1709283605.270000,BRIDGE_ENTER,SIP/201-00000001,1709283600.1,1709283600.1,201,Alice,300,internal,Dial,"SIP/300,30",SIP/300-00000002`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, paths := range [][]string{{root}, {export}} {
		if _, err := local.Import(ctx, paths, store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Import(ctx, paths, store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
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
	if rep.Events != 16 || rep.Copies != 1 || rep.Call == nil || len(rep.Call.Events) != 12 {
		t.Fatalf("16 events, 1 copy, 12 in the call: %s", got)
	}
	found := false
	for _, e := range rep.Call.Events {
		if e.Event == "BRIDGE_ENTER" {
			found = e.Line == 6 && len(e.AlsoIn) == 1 && e.AlsoIn[0].Source == export && e.AlsoIn[0].Line == 2 // line 1 is the header
		}
	}
	if !found {
		t.Errorf("BRIDGE_ENTER's copy: %s", got)
	}
}
