package store

import (
	"context"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/testkit"
)

// Asterisk numbers channels afresh after every restart, so one name
// (SIP/1500-00000000) is the channel of a September call and of a November
// one (simularent/asterisk-for-speech-to-text's image: CDR in UTC by
// cdr.conf, messages in America/New_York). The log's entry naming it at
// 15:40 EST is the November call at 20:40 UTC: the clocks agree. It was
// set against the name's earliest call, 65 days before, and the log and
// CDR said to disagree by 1564h1m5s, "not written in the zones they were
// read in". A name whose every call is more than 26 hours (the most two
// zones differ) from the log's entry says nothing of the zones.
func TestLogClockChannelNamesReused(t *testing.T) {
	master := `"","1500","13137572470","local","""device"" <1500>","SIP/1500-00000000","SIP/sipus1-00000001","Dial","SIP/sipus1/13137572470","2016-09-06 16:38:55","2016-09-06 16:39:00","2016-09-06 16:40:00",65,60,"ANSWERED","DOCUMENTATION","1473179935.0",""` + "\n" +
		`"","1500","13137572470","local","""device"" <1500>","SIP/1500-00000000","SIP/sipus1-00000001","Dial","SIP/sipus1/13137572470","2016-11-10 20:40:00","2016-11-10 20:40:05","2016-11-10 20:41:00",60,55,"ANSWERED","DOCUMENTATION","1478810400.0",""` + "\n" +
		`"","1500","12482420798","local","""device"" <1500>","SIP/1500-00000007","SIP/sipus1-00000008","Dial","SIP/sipus1/12482420798","2016-09-07 10:00:00","2016-09-07 10:00:05","2016-09-07 10:01:00",60,55,"ANSWERED","DOCUMENTATION","1473242400.7",""` + "\n"
	for _, tt := range []struct {
		log, verdict, text string
	}{
		{"[2016-11-10 15:40:00] VERBOSE[1860][C-00000001] app_dial.c: -- SIP/sipus1-00000001 answered SIP/1500-00000000\n",
			"agrees", "names the channels of 1 calls; its times for them agree with the call records' starts (median difference 0s)"},
		// SIP/1500-00000007's only call is of September
		{"[2016-11-11 09:00:00] VERBOSE[1872][C-00000003] app_dial.c: -- Called SIP/1500-00000007\n", "", ""},
	} {
		root := t.TempDir()
		testkit.WriteTree(t, root, map[string]string{
			"etc/timezone":                        "America/New_York\n",
			"etc/asterisk/cdr.conf":               "[general]\nenable=yes\n[csv]\nusegmtime=yes\n",
			"var/log/asterisk/cdr-csv/Master.csv": master,
			"var/log/asterisk/messages":           tt.log,
		})
		st := openTemp(t)
		_, err := st.Import(context.Background(), []string{root}, ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var verdict, text string
		st.DB().QueryRow(`SELECT k.verdict, k.text FROM ast_checks k JOIN sources s ON s.id = k.source_id WHERE s.kind = ?`, KindAsteriskLog).Scan(&verdict, &text)
		if verdict != tt.verdict || !strings.Contains(text, tt.text) {
			t.Errorf("log %q: check %q: %s", tt.log, verdict, text)
		}
		if tt.verdict == "" {
			var notes string
			st.DB().QueryRow(`SELECT notes FROM sources WHERE kind = ?`, KindAsteriskLog).Scan(&notes)
			if !strings.Contains(notes, "Clock check: none; the 1 channel names this log shares with the call records are of calls more than 26 hours from its entries") {
				t.Errorf("notes %q", notes)
			}
		}
	}
}
