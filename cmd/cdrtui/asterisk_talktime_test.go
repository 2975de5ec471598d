package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/testkit"
)

// A Kamailio acc export: c1 to 0441234567 answered and ended by its BYE
// 150 s later, c2 busy (486), c4 to 0441234567 answered with no BYE in
// the export. asterisk --json gives the talk time of the calls that have
// one, 150 s, and "calls_without_talk_time": 1 (c4), never c4 as 0 s
// silently; c2 and c4 have no whole duration (2), c4 neither (1), so one
// call (c2) has talk time only; 0441234567's 150 s over 2 calls with 1
// unknown; the text says so in words and beside the recipient.
func TestAsteriskCallsWithoutTalkTime(t *testing.T) {
	dir := t.TempDir()
	acc := testkit.AccWithoutBye(t, dir, "0441234567")
	casePath := filepath.Join(dir, "case.db")
	runOK(t, "import", casePath, acc)

	var r struct {
		Calls      int64  `json:"calls"`
		BillSec    int64  `json:"billsec"`
		NoBillSec  *int64 `json:"calls_without_talk_time"`
		NoDuration int64  `json:"calls_without_duration"`
		NoTimes    int64  `json:"calls_without_duration_or_talk_time"`
		Top        []struct {
			Number    string `json:"number"`
			BillSec   int64  `json:"billsec"`
			Calls     int64  `json:"calls"`
			NoBillSec int64  `json:"calls_without_talk_time"`
		} `json:"top_recipients"`
	}
	out := runOK(t, "asterisk", casePath, "--json")
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Calls != 3 || r.BillSec != 150 || r.NoBillSec == nil || *r.NoBillSec != 1 || r.NoDuration != 2 || r.NoTimes != 1 {
		t.Errorf("asterisk --json: %d calls, %d s, without talk time %v, without duration %d, without either %d; want 3, 150, 1, 2, 1",
			r.Calls, r.BillSec, r.NoBillSec, r.NoDuration, r.NoTimes)
	}
	if len(r.Top) != 2 || r.Top[0].Number != "0441234567" || r.Top[0].BillSec != 150 || r.Top[0].Calls != 2 || r.Top[0].NoBillSec != 1 ||
		r.Top[1].Number != "0449876543" || r.Top[1].BillSec != 0 || r.Top[1].Calls != 1 || r.Top[1].NoBillSec != 0 {
		t.Errorf("top recipients %+v", r.Top)
	}
	text := runOK(t, "asterisk", casePath)
	for _, want := range []string{"PBX calls: 3, ", "talk time 2m30s;", "\n1 call has talk time only: ",
		"1 call has no talk time in the records (a Kamailio acc_cdrs row, an answered call without its end): left out of every talk-time total, shown as —",
		"2m30s (+1 unknown)"} {
		if !strings.Contains(text, want) {
			t.Errorf("asterisk text lacks %q:\n%s", want, text)
		}
	}
}
