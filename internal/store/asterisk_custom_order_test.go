package store

import (
	"strings"
	"testing"
)

// A cdr-custom/Master.csv written by an administrator's mapping in
// cdr_csv's order but with ${CDR(billsec)} before ${CDR(duration)}, and no
// cdr_custom.conf in the image to say so. Read in the stock order, its talk
// times would be the whole calls' (65 + 5 + 30 = 100 s instead of
// 60 + 4 + 30 = 94): a row whose "billsec" is more than its "duration" is
// refused (the talk time, end - answer, is never longer than the whole
// call, end - start). By hand: line 1 (65 > 60) and line 2 (5 > 4) are
// rejects; line 3, answered at once (30 and 30), reads the same in either
// order and is kept: 1 call, 30 s of talk.
func TestCDRCustomSwappedDurationsRefused(t *testing.T) {
	master := `"","201","0600123456","phones","""Ann"" <201>","SIP/201-00000001","SIP/provider-00000002","Dial","SIP/600123456@provider,60","2024-03-01 10:00:00","2024-03-01 10:00:05","2024-03-01 10:01:05",60,65,"ANSWERED","DOCUMENTATION","1709287200.1",""` + "\n" +
		`"","201","0600999888","phones","""Ann"" <201>","SIP/201-00000003","SIP/provider-00000004","Dial","SIP/600999888@provider,60","2024-03-01 11:00:00","2024-03-01 11:00:01","2024-03-01 11:00:05",4,5,"ANSWERED","DOCUMENTATION","1709290800.3",""` + "\n" +
		`"","202","203","phones","""Bob"" <202>","SIP/202-00000005","SIP/203-00000006","Dial","SIP/203,30","2024-03-01 12:00:00","2024-03-01 12:00:00","2024-03-01 12:00:30",30,30,"ANSWERED","DOCUMENTATION","1709294400.5",""` + "\n"
	st, byName := importImageByName(t, map[string]string{
		"etc/timezone":                           "UTC\n",
		"var/log/asterisk/cdr-custom/Master.csv": master,
	})
	r := byName["Master.csv"]
	if r.Rows != 1 || r.Rejected != 2 {
		t.Fatalf("Master.csv: rows %d rejected %d, want 1 and 2 (%+v)", r.Rows, r.Rejected, r)
	}
	var billsec int
	st.DB().QueryRow("SELECT sum(billsec) FROM ast_calls").Scan(&billsec)
	if billsec != 30 {
		t.Errorf("talk time %d s, want 30", billsec)
	}
	var reason string
	st.DB().QueryRow("SELECT reason FROM rejects WHERE source_id = ? AND line = 1", r.SourceID).Scan(&reason)
	if !strings.Contains(reason, "billsec (column 14) 65 is more than duration (column 13) 60") {
		t.Errorf("line 1 reject %q", reason)
	}
}
