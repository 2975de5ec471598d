package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/store"
)

// Issabel's CDR Report export gives talk time only: its three calls
// (125 s, 0 s, 3725 s of talk) are stored with duration NULL and billsec
// as written, beside a cdr_csv call whose real duration (125 s, 120 s of
// talk) is kept. asterisk --json gives the talk time, 3970 s, and
// "calls_without_duration": 3; the text says so in words.
func TestAsteriskCallsWithoutDuration(t *testing.T) {
	dir := t.TempDir()
	master := filepath.Join(dir, "Master.csv")
	if err := os.WriteFile(master, []byte(`"","63050","008005551234","from-internal","""Ana"" <63050>","SIP/63050-00000001","SIP/skynet-00000002","Dial","SIP/skynet/08005551234,300,Tt","2025-01-02 10:00:00","2025-01-02 10:00:05","2025-01-02 10:02:05",125,120,"ANSWERED","DOCUMENTATION","1735812000.1",""`+"\n"), 0o444); err != nil {
		t.Fatal(err)
	}
	casePath := filepath.Join(dir, "case.db")
	runOK(t, "import", casePath, filepath.Join("..", "..", "internal", "store", "testdata", "operators", "issabel_cdr_report.csv"), master)

	var r struct {
		Calls      int64  `json:"calls"`
		BillSec    int64  `json:"billsec"`
		NoDuration *int64 `json:"calls_without_duration"`
	}
	if err := json.Unmarshal([]byte(runOK(t, "asterisk", casePath, "--json")), &r); err != nil {
		t.Fatal(err)
	}
	if r.Calls != 4 || r.BillSec != 3970 || r.NoDuration == nil || *r.NoDuration != 3 {
		t.Errorf("asterisk --json: %d calls, %d s, without duration %v; want 4, 3970, 3", r.Calls, r.BillSec, r.NoDuration)
	}
	if text := runOK(t, "asterisk", casePath); !strings.Contains(text, "talk time 1h6m10s;") ||
		!strings.Contains(text, "3 calls have talk time only: the records give no whole duration (with ringing), shown as —") {
		t.Errorf("asterisk text:\n%s", text)
	}
	// only the Master.csv call
	if err := json.Unmarshal([]byte(runOK(t, "asterisk", casePath, "--json", "--number", "63050")), &r); err != nil {
		t.Fatal(err)
	}
	if r.Calls != 1 || r.BillSec != 120 || r.NoDuration == nil || *r.NoDuration != 0 {
		t.Errorf("asterisk --json --number 63050: %d calls, %d s, without duration %v; want 1, 120, 0", r.Calls, r.BillSec, r.NoDuration)
	}

	st, err := store.OpenReadOnly(casePath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rows, err := st.DB().Query("SELECT src, coalesce(duration, 'NULL'), billsec FROM ast_calls ORDER BY start")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var src, dur, bill string
		rows.Scan(&src, &dur, &bill)
		got = append(got, src+" "+dur+" "+bill)
	}
	if strings.Join(got, ", ") != "63050 125 120, 0441234567 NULL 125, 202 NULL 0, 203 NULL 3725" {
		t.Errorf("stored durations and billsec: %q", got)
	}
}
