package report

import (
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/testkit"
)

// The PBX section of a case holding a Kamailio acc export (c1 to
// 0441234567 ended by its BYE after 150 s, c2 busy, c4 to 0441234567
// answered with no BYE) gives 150 billed seconds, says that one call (c4)
// has no talk time in the records and one (c2: 0 s, no whole duration)
// talk time only, and its top recipients table counts the unknown beside
// 0441234567's 150 s over 2 calls.
func TestPBXSectionSaysWhichCallsHaveNoTalkTime(t *testing.T) {
	sec := pbxSection(t, testkit.AccWithoutBye(t, t.TempDir(), "0441234567"))
	text := strings.Join(sec.Text, "\n")
	for _, want := range []string{
		"3 calls (0 repeated rows kept once), 2024-05-06 14:00:00 to 2024-05-06 16:00:00, 150 billed seconds",
		"1 call has talk time only: ",
		"1 call has no talk time in the records (a Kamailio acc_cdrs row, an answered call without its end): left out of every talk-time total, shown as —.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PBX section lacks %q:\n%s", want, text)
		}
	}
	var top []string
	for _, tb := range sec.Tables {
		if tb.Name != "Top recipients by talk time" {
			continue
		}
		for _, c := range tb.Columns {
			top = append(top, c.Title)
		}
		for _, row := range tb.Rows {
			var cells []string
			for _, c := range row {
				cells = append(cells, c.S)
			}
			top = append(top, strings.Join(cells, " "))
		}
	}
	if got := strings.Join(top, "|"); got != "number|calls|billed seconds|calls without talk time|0441234567 2 150 1|0449876543 1 0 0" {
		t.Errorf("top recipients table %q", got)
	}
}
