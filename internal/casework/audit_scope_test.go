package casework

import "testing"

// A time scope in the audit trail is RFC 3339 with its zone; an entry
// made before, with the bounds as Unix seconds, is shown so (1710720000
// is 2024-03-18 00:00:00 UTC, 1711324800 a week later); anything else is
// shown as recorded.
func TestAuditScopeIsRFC3339(t *testing.T) {
	got := TimeScope{From: 1710720000, To: 1711324800}.AuditValue()
	if got["from"] != "2024-03-18T00:00:00Z" || got["to"] != "2024-03-25T00:00:00Z" || got["clock"] != "wall clock as written in the evidence; to excluded" || len(got) != 3 {
		t.Errorf("AuditValue %v", got)
	}
	if got := (TimeScope{To: 1711324800}).AuditValue(); got["from"] != "" || got["to"] != "2024-03-25T00:00:00Z" || len(got) != 2 {
		t.Errorf("open start: %v", got)
	}
	for _, c := range []struct{ in, want string }{
		{`{"msisdn":"447700900123","time_scope":{"from":1710720000,"to":1711324800}}`,
			`{"msisdn":"447700900123","time_scope":{"clock":"wall clock as written in the evidence; to excluded","from":"2024-03-18T00:00:00Z","to":"2024-03-25T00:00:00Z"}}`},
		{`{"n":12345678901234567,"time_scope":{"from":1710720000}}`,
			`{"n":12345678901234567,"time_scope":{"clock":"wall clock as written in the evidence; to excluded","from":"2024-03-18T00:00:00Z"}}`},
		{`{"time_scope":{"clock":"wall clock as written in the evidence; to excluded","from":"2024-03-18T00:00:00Z"}}`,
			`{"time_scope":{"clock":"wall clock as written in the evidence; to excluded","from":"2024-03-18T00:00:00Z"}}`},
		{`{"args":["case.db","--from","2024-03-18"]}`, `{"args":["case.db","--from","2024-03-18"]}`},
		{`{"time_scope":{"from":1.5}}`, `{"time_scope":{"from":1.5}}`},
		{`{"time_scope":{"from":1710720000,"label":"x"}}`, `{"time_scope":{"from":1710720000,"label":"x"}}`},
		{`not json`, `not json`},
	} {
		if got := AuditParamsShown(c.in); got != c.want {
			t.Errorf("AuditParamsShown(%s)\n= %s\nwant %s", c.in, got, c.want)
		}
	}
}
