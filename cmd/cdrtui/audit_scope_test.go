package main

import (
	"context"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/store"
)

// An entry made before time scopes were recorded in RFC 3339 (the bounds
// as Unix seconds: 1710720000 is 2024-03-18 00:00:00 UTC) is shown by
// cdrtui audit in RFC 3339 with its zone, while --json prints it as
// recorded and the trail still verifies.
func TestAuditShowsAnOldTimeScopeInRFC3339(t *testing.T) {
	casePath, _ := flagsCase(t)
	st, err := store.Open(casePath)
	if err != nil {
		t.Fatal(err)
	}
	old := `{"msisdn":"919800000001","time_scope":{"from":1710720000,"to":1711324800}}`
	if _, err := st.AppendAudit(context.Background(), store.AuditEntry{Analyst: "a", Action: "pane persona", Params: old, ResultSHA256: strings.Repeat("0", 64)}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	out := runOK(t, "audit", casePath)
	if want := `pane persona       {"msisdn":"919800000001","time_scope":{"clock":"wall clock as written in the evidence; to excluded","from":"2024-03-18T00:00:00Z","to":"2024-03-25T00:00:00Z"}}`; !strings.Contains(out, want) {
		t.Errorf("audit:\n%s\nwant a line with:\n%s", out, want)
	}
	if js := runOK(t, "audit", casePath, "--json"); !strings.Contains(js, `"params": "{\"msisdn\":\"919800000001\",\"time_scope\":{\"from\":1710720000,\"to\":1711324800}}"`) {
		t.Errorf("--json does not print the parameters as recorded:\n%s", js)
	}
	if out := runOK(t, "audit", casePath, "--verify"); !strings.HasPrefix(out, "audit trail unbroken") {
		t.Errorf("--verify: %s", out)
	}
}
