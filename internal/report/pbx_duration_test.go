package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The PBX section of a case holding Issabel's CDR Report export (three
// calls, talk time 125 + 0 + 3725 = 3850 s, no whole duration) and a
// cdr_csv call (125 s, 120 s of talk) gives the talk time, 3970 billed
// seconds, and says that 3 calls have it only.
func TestPBXSectionSaysWhichCallsHaveTalkTimeOnly(t *testing.T) {
	dir := t.TempDir()
	master := filepath.Join(dir, "Master.csv")
	if err := os.WriteFile(master, []byte(`"","63050","008005551234","from-internal","""Ana"" <63050>","SIP/63050-00000001","SIP/skynet-00000002","Dial","SIP/skynet/08005551234,300,Tt","2025-01-02 10:00:00","2025-01-02 10:00:05","2025-01-02 10:02:05",125,120,"ANSWERED","DOCUMENTATION","1735812000.1",""`+"\n"), 0o444); err != nil {
		t.Fatal(err)
	}
	text := pbxSectionText(t, filepath.Join("..", "store", "testdata", "operators", "issabel_cdr_report.csv"), master)
	for _, want := range []string{
		"4 calls (0 repeated rows kept once), 2025-01-02 10:00:00 to 2026-03-10 11:00:00, 3970 billed seconds",
		"3 calls have talk time only: the records give no whole duration (with ringing), shown as —.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PBX section lacks %q:\n%s", want, text)
		}
	}
}
