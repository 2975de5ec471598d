package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/testkit"
)

// UK retained data read with --tz Europe/London across both changes of
// 2024: London's clocks went back from 02:00 BST to 01:00 GMT on 27
// October (01:30 occurred twice) and forward from 01:00 GMT to 02:00 BST
// on 31 March (01:30 never occurred). Before, time.Date put both rows an
// hour off or on without a word; now each is rejected saying why, and an
// end the clocks showed twice is not read when both instants follow the
// start. Instants by GNU date (date -u -d '2024-10-26 23:40:00 UTC' +%s).
func TestOperatorRowsAcrossClockChanges(t *testing.T) {
	body := "Calling Telephone Number,Telephone Number Dialled,Forwarded To Number,Start Date/Time,End Date/Time,Telephone Service,Calling IMSI,Calling IMEI,Cell ID At Start\n" +
		"447700900123,447700900555,,27/10/2024 00:40:00,27/10/2024 00:45:00,Voice,,,\n" + // BST: 23:40 UTC the day before
		"447700900123,447700900556,,27/10/2024 01:30:00,27/10/2024 01:35:00,Voice,,,\n" + // twice
		"447700900123,447700900557,,31/03/2024 01:30:00,31/03/2024 01:35:00,Voice,,,\n" + // never
		"447700900123,447700900558,,27/10/2024 02:30:00,27/10/2024 02:31:00,Voice,,,\n" + // GMT
		"447700900123,447700900559,,27/10/2024 00:50:00,27/10/2024 01:10:00,Voice,,,\n" // end: 20 or 80 minutes later
	st := openTemp(t)
	res := importOne(t, st, writeEvidence(t, "uk.csv", body), ImportOptions{Country: "GB", Zone: mustZone(t, "Europe/London")})
	if res.Error != "" || res.Rows != 3 || res.Rejected != 2 {
		t.Fatalf("%+v", res)
	}
	if got := strings.Join(readRows(t, st, "SELECT line, start, wall_offset, coalesce(duration, 'none') FROM voice ORDER BY line"), " "); got != "2|1729986000|3600|300 5|1729996200|0|60 6|1729986600|3600|none" {
		t.Errorf("records %s", got)
	}
	rej := strings.Join(readRows(t, st, rejectsQuery), "\n")
	for _, want := range []string{
		"3|row|start time: 2024-10-27 01:30:00 occurred twice in Europe/London (its clocks went back that day): at 01:30:00 (BST, 00:30:00 UTC) or at 01:30:00 (GMT, 01:30:00 UTC), and the value gives no offset",
		"4|row|start time: 2024-03-31 01:30:00 never occurred in Europe/London",
		"6|field|",
	} {
		if !strings.Contains(rej, want) {
			t.Errorf("rejects\n%s\nsay nothing of %q", rej, want)
		}
	}
}

// A PBX's Master.csv with local wall clocks (cdr.conf's default) across
// the night London's clocks went back: a call inside the repeated hour
// whose duration fits both readings is rejected; one that began before
// the change and ended after it is placed by its own arithmetic
// (duration = end − start, billsec = end − answer): start 01:59:30 BST
// (00:59:30 UTC), answer and end 01:00:00 and 01:00:30 GMT.
func TestMasterCSVAcrossClockChange(t *testing.T) {
	dir := t.TempDir()
	testkit.WriteTree(t, dir, map[string]string{"Master.csv": `"","201","202","from-internal","""Ravi"" <201>","SIP/201-00000001","SIP/202-00000002","Dial","SIP/202,20","2024-10-27 01:30:00","2024-10-27 01:30:05","2024-10-27 01:31:05",65,60,"ANSWERED","DOCUMENTATION","1729992600.1",""` + "\n" +
		`"","203","201","from-internal","""Mala"" <203>","SIP/203-00000003","SIP/201-00000004","Dial","SIP/201,20","2024-10-27 01:59:30","2024-10-27 01:00:00","2024-10-27 01:00:30",60,30,"ANSWERED","DOCUMENTATION","1729990770.2",""` + "\n"})
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{filepath.Join(dir, "Master.csv")}, ImportOptions{Zone: mustZone(t, "Europe/London")})
	if err != nil || len(res) != 1 || res[0].Rows != 1 || res[0].Rejected != 1 {
		t.Fatalf("%v %+v", err, res)
	}
	if got := strings.Join(readRows(t, st, `SELECT line, start, answer, "end", wall_offset FROM ast_calls ORDER BY line`), " "); got != "2|1729990770|1729990800|1729990830|3600" {
		t.Errorf("calls %s, want line 2 at 1729990770, answered 1729990800, ended 1729990830, wall offset 3600 (BST)", got)
	}
	if rej := strings.Join(readRows(t, st, rejectsQuery), "\n"); !strings.Contains(rej, "1|row|start: 2024-10-27 01:30:00 occurred twice in Europe/London") {
		t.Errorf("rejects %q", rej)
	}
}

// A PBX log of an image whose etc/timezone is Europe/London, across the
// night its clocks went back: the entry at 01:30 (BST or GMT) is kept as
// written and not placed in time (before, placed at 00:30 UTC without a
// word), the source's notes say so; the entries around it are placed.
// 00:30 BST = 2024-10-26 23:30 UTC = 1729985400, 02:30 GMT = 1729996200
// (GNU date).
func TestLogEntriesAcrossClockChange(t *testing.T) {
	st, byName := importImageByName(t, map[string]string{
		"etc/timezone": "Europe/London\n",
		"var/log/asterisk/full": "[2024-10-27 00:30:00] NOTICE[100] pbx.c: before\n" +
			"[2024-10-27 01:30:00] NOTICE[100] pbx.c: twice\n" +
			"[2024-10-27 02:30:00] NOTICE[100] pbx.c: after\n",
	})
	log := byName["full"]
	if log.Rows != 3 {
		t.Fatalf("%+v", log)
	}
	if got := strings.Join(readRows(t, st, "SELECT line, coalesce(time, 'unplaced'), stamp FROM ast_log ORDER BY line"), " "); got != "1|1729985400|2024-10-27 00:30:00 2|unplaced|2024-10-27 01:30:00 3|1729996200|2024-10-27 02:30:00" {
		t.Errorf("entries %s", got)
	}
	if notes := strings.Join(readRows(t, st, "SELECT notes FROM sources"), " "); !strings.Contains(notes, "1 entry at wall clocks Europe/London showed twice") {
		t.Errorf("notes %q", notes)
	}
}
