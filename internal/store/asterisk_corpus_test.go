package store

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/testkit"
)

// Every Asterisk-side file of the corpus is imported with the counts read
// off the files independently (Python's csv module and grep; see each
// case).
func TestImportAsteriskCorpus(t *testing.T) {
	cases := []struct {
		file         string
		kind         string
		formatPart   string
		rows, copies int64
		dispositions map[string]int64
	}{
		// 105 rows of 18 columns: 94 ANSWERED, 7 NO ANSWER, 2 FAILED, 2 BUSY.
		{"bugadm-telephonyswitching/Master.csv", KindAsteriskCDR, "asterisk-cdr-csv with 18 columns", 105, 0,
			map[string]int64{"ANSWERED": 94, "NO ANSWER": 7, "FAILED": 2, "BUSY": 2}},
		// 84 rows of 21 columns; the legs of parallel Dials share uniqueid
		// but are separate records: 84 calls, no copies.
		{"mineevburyat-dj-asterisk-cdr/Master.csv", KindAsteriskCDR, "asterisk-cdr-csv with 21 columns", 84, 0,
			map[string]int64{"NO ANSWER": 46, "ANSWERED": 37, "BUSY": 1}},
		// cdr_custom, 19 columns: 11 ANSWERED, 3 NO ANSWER.
		{"kelysaina-cdr/Master.csv", KindAsteriskCDR, "asterisk-cdr-custom with 19 columns", 14, 0,
			map[string]int64{"ANSWERED": 11, "NO ANSWER": 3}},
		// FreeSWITCH: 10 rows, 9 distinct (lines 8 and 9 are the same).
		{"kxingyunliushui-freeswitch-tools/Master.csv", KindFreeSWITCHCDR, "freeswitch-cdr-csv with 15 columns", 9, 1,
			map[string]int64{"NORMAL_CLEARING": 6, "NO_USER_RESPONSE": 1, "RECOVERY_ON_TIMER_EXPIRE": 1, "USER_BUSY": 1}},
		// Logs: entries = non-blank lines minus continuation lines (grep:
		// 93, 121-3, 88, 11 lines starting with a stamp or '#').
		{"fail2ban/asterisk", KindAsteriskLog, "37 of the first 37 lines are Asterisk entries", 93, 0, nil},
		{"bugadm-telephonyswitching/messages.head", KindAsteriskLog, "3 continuation lines", 118, 0, nil},
		{"simularent-asterisk-for-speech-to-text/messages.head", KindAsteriskLog, "88 of the first 88", 88, 0, nil},
		{"simularent-asterisk-for-speech-to-text/messages.2", KindAsteriskLog, "11 of the first 11", 11, 0, nil},
		// Configuration: keys counted by hand.
		{"bg111-asterisk-chan-dongle/dongle.conf", KindAsteriskConf, "dongle.conf", 26, 0, nil},
		{"swa2050-dongle-conf/dongle.conf", KindAsteriskConf, "dongle.conf", 31, 0, nil},
		{"ahmed-emad02-issabel-analytics/dongle.conf", KindAsteriskConf, "dongle.conf", 36, 0, nil},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			st := openTemp(t)
			res := importOne(t, st, testkit.Corpus(t, c.file), ImportOptions{})
			if res.Error != "" || res.Kind != c.kind || !strings.Contains(res.Format, c.formatPart) ||
				res.Rows != c.rows || res.Duplicates != c.copies || res.Rejected != 0 {
				t.Fatalf("got %+v; want kind %s, format with %q, %d rows, %d copies", res, c.kind, c.formatPart, c.rows, c.copies)
			}
			for disp, want := range c.dispositions {
				if got := count(t, st, "SELECT count(*) FROM ast_calls WHERE disposition = ?", disp); got != want {
					t.Errorf("%s: %d calls, want %d", disp, got, want)
				}
			}
		})
	}
}

// The caller ID with the bytes 0xA5 0xA5 (line 41 of mineevburyat's
// Master.csv) is kept byte for byte.
func TestImportKeepsNonUTF8CallerID(t *testing.T) {
	st := openTemp(t)
	importOne(t, st, testkit.Corpus(t, "mineevburyat-dj-asterisk-cdr/Master.csv"), ImportOptions{})
	var clid []byte
	if err := st.DB().QueryRow("SELECT CAST(clid AS BLOB) FROM ast_calls WHERE line = 41").Scan(&clid); err != nil {
		t.Fatal(err)
	}
	if want := []byte("\"8107924651\xa5\xa5b\" <81079246516548>"); !bytes.Equal(clid, want) {
		t.Fatalf("clid % x, want % x", clid, want)
	}
}

// Importing BugaDM's folder: Master.csv first, then 100.csv, whose five
// rows are Master.csv's lines 59, 60, 64, 65 and 68 (found by comparing
// the files' lines): counted once, each copy recorded with its line.
func TestImportPerAccountCopiesOnce(t *testing.T) {
	st := openTemp(t)
	dir := filepath.Dir(testkit.Corpus(t, "bugadm-telephonyswitching/Master.csv"))
	res, err := st.Import(context.Background(), []string{dir}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]FileResult{}
	for _, r := range res {
		byName[filepath.Base(r.Path)] = r
	}
	if m, h := byName["Master.csv"], byName["100.csv"]; m.Rows != 105 || h.Rows != 0 || h.Duplicates != 5 {
		t.Fatalf("Master.csv %+v; 100.csv %+v", m, h)
	}
	if got := count(t, st, "SELECT count(*) FROM ast_calls"); got != 105 {
		t.Errorf("calls %d, want 105", got)
	}
	rows, err := st.DB().Query(`SELECT k.line, c.line FROM ast_call_copies k JOIN ast_calls c ON c.id = k.call_id ORDER BY k.line`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var pairs [][2]int64
	for rows.Next() {
		var a, b int64
		rows.Scan(&a, &b)
		pairs = append(pairs, [2]int64{a, b})
	}
	want := [][2]int64{{1, 59}, {2, 60}, {3, 64}, {4, 65}, {5, 68}}
	if len(pairs) != len(want) {
		t.Fatalf("copies %v, want %v", pairs, want)
	}
	for i := range want {
		if pairs[i] != want[i] {
			t.Errorf("copy %d = %v, want %v", i, pairs[i], want[i])
		}
	}
	// The log beside them is dated from their calls (2015-03-24 to
	// 2015-04-16): its first entry, [Mar 24 15:52:44], is in 2015.
	var stamp string
	var year int
	if err := st.DB().QueryRow("SELECT stamp, year FROM ast_log WHERE line = 1").Scan(&stamp, &year); err != nil {
		t.Fatal(err)
	}
	if stamp != "Mar 24 15:52:44" || year != 2015 {
		t.Errorf("first log entry %q in %d, want Mar 24 15:52:44 in 2015", stamp, year)
	}
}

// What the configuration files say: modems with their identities and
// notes, and the SIP peer.
func TestImportConfDerived(t *testing.T) {
	st := openTemp(t)
	for _, f := range []string{"swa2050-dongle-conf/dongle.conf", "ahmed-emad02-issabel-analytics/dongle.conf",
		"bg111-asterisk-chan-dongle/dongle.conf", "kaitocross-phonewave-asterisk-conf/sip.conf"} {
		if r := importOne(t, st, testkit.Corpus(t, f), ImportOptions{}); r.Error != "" {
			t.Fatal(r.Error)
		}
	}
	type dongle struct{ name, imei, imsi string }
	rows, err := st.DB().Query("SELECT name, imei, imsi FROM ast_dongles ORDER BY source_id, line")
	if err != nil {
		t.Fatal(err)
	}
	var got []dongle
	for rows.Next() {
		var d dongle
		rows.Scan(&d.name, &d.imei, &d.imsi)
		got = append(got, d)
	}
	rows.Close()
	want := []dongle{
		{"dongle0", "356408037586752", "8942702111507910702"}, {"dongle1", "356408037588725", "8997401002135155604"},
		{"dongle0", "", ""}, {"dongle1", "", ""}, {"dongle2", "", ""}, {"dongle3", "", ""},
		{"dongle0", "123456789012345", "123456789012345"},
	}
	if len(got) != len(want) {
		t.Fatalf("dongles %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("dongle %d = %v, want %v", i, got[i], want[i])
		}
	}
	var notes string
	st.DB().QueryRow("SELECT notes FROM ast_dongles WHERE imei = '356408037588725'").Scan(&notes)
	if !strings.Contains(notes, "appears again at line 100") {
		t.Errorf("swa2050 dongle1 notes %q lack the repeated imei", notes)
	}
	var name, typ, host string
	if err := st.DB().QueryRow("SELECT name, type, host FROM ast_peers").Scan(&name, &typ, &host); err != nil || name != "4001" || typ != "friend" || host != "dynamic" {
		t.Errorf("peer %q %q %q (%v), want 4001 friend dynamic", name, typ, host, err)
	}
}

// A file at a standard Asterisk place that fits no format is reported with
// the reason when a tree is walked, not skipped in silence; a walk that
// found no evidence is an error.
func TestImportReportsUnreadableAsteriskFiles(t *testing.T) {
	root := t.TempDir()
	p := filepath.Join(root, "var", "log", "asterisk", "messages")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("hello\nworld\n"), 0o444); err != nil {
		t.Fatal(err)
	}
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{root}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 || !strings.Contains(res[0].Skipped, "not an Asterisk log") {
		t.Fatalf("results %+v, want the messages file reported with a reason", res)
	}
	// and the walk, which found no evidence, is an error
	if res[1].Path != root || !strings.Contains(res[1].Error, "nothing imported") {
		t.Errorf("the directory's result %+v; want it said that nothing was imported", res[1])
	}
}

// Real cdr files checked against their own uniqueids: KelySaina's
// cdr_custom file (a PBX in Madagascar) was written at UTC+03:00, and
// mineevburyat's Master.csv in UTC; imported with no zone, the check says
// so. Read in Indian/Antananarivo the first agrees.
func TestCorpusClockFromUniqueIDs(t *testing.T) {
	for _, tt := range []struct {
		file, zone, verdict, text string
	}{
		{"kelysaina-cdr/Master.csv", "", "no zone", "written at UTC+03:00"},
		{"mineevburyat-dj-asterisk-cdr/Master.csv", "", "no zone", "written at UTC+00:00"},
		{"kelysaina-cdr/Master.csv", "Indian/Antananarivo", "agrees", "agree with the zone used, Indian/Antananarivo (UTC+03:00)"},
		{"kelysaina-cdr/Master.csv", "Asia/Kolkata", "disagrees", "written at UTC+03:00, but they were read in Asia/Kolkata (UTC+05:30)"},
	} {
		st := openTemp(t)
		opts := ImportOptions{}
		if tt.zone != "" {
			loc, err := time.LoadLocation(tt.zone)
			if err != nil {
				t.Fatal(err)
			}
			opts.Zone = loc
		}
		importOne(t, st, testkit.Corpus(t, tt.file), opts)
		var verdict, text string
		st.DB().QueryRow("SELECT verdict, text FROM ast_checks").Scan(&verdict, &text)
		if verdict != tt.verdict || !strings.Contains(text, tt.text) {
			t.Errorf("%s in %q: %s: %s", tt.file, tt.zone, verdict, text)
		}
	}
}
