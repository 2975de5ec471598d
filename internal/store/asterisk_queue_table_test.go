package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A realtime queue_log table export (asterisk/asterisk
// contrib/realtime/mysql/mysql_config.sql's columns, its header first) in
// an image whose etc/timezone is Europe/Paris: main/logger.c wrote the
// times as the PBX's wall clock ("%F %T.%6q"), so 10:00:00 CEST is
// 1714982400 (08:00 UTC); read into ast_queue like the flat queue_log,
// with its lines. Values of our own.
const queueTableExport = "time,callid,queuename,agent,event,data1,data2,data3,data4,data5\n" +
	"2024-05-06 10:00:00.000000,1714982400.10,9000,NONE,ENTERQUEUE,,0612345678,1,,\n" +
	"2024-05-06 10:00:08.000000,1714982400.10,9000,PJSIP/2004,CONNECT,8,1714982408.27,2,,\n" +
	"2024-05-06 10:01:30.000000,1714982400.10,9000,PJSIP/2004,COMPLETECALLER,8,82,1,,\n" +
	"2024-05-06 10:02:00.000000,1714982520.12,9000,NONE,ENTERQUEUE,,0698765432,1,,\n" +
	"2024-05-06 10:02:40.000000,1714982520.12,9000,NONE,ABANDON,1,1,40,,\n" +
	"2024-05-06 10:03:00.000000,1714982520.12,9000,NONE,MYEVENT,x,,,,\n"

func TestImportQueueLogTable(t *testing.T) {
	st, byName := importImageByName(t, map[string]string{
		"etc/timezone":              "Europe/Paris\n",
		"exports/queue_log_tbl.csv": queueTableExport,
	})
	q := byName["queue_log_tbl.csv"]
	if q.Kind != KindAsteriskQueueLog || q.Rows != 5 || q.Rejected != 1 || !strings.Contains(q.Format, "realtime queue_log table") {
		t.Fatalf("export: %+v", q)
	}
	var line, tm, wait, talk int64
	if err := st.DB().QueryRow("SELECT line, time, wait, talk FROM ast_queue WHERE event = 'COMPLETECALLER'").Scan(&line, &tm, &wait, &talk); err != nil ||
		line != 4 || tm != 1714982490 || wait != 8 || talk != 82 {
		t.Errorf("COMPLETECALLER: line %d time %d wait %d talk %d %v", line, tm, wait, talk, err)
	}
	var rline int64
	var reason string
	st.DB().QueryRow("SELECT line, reason FROM rejects").Scan(&rline, &reason)
	if rline != 7 || !strings.Contains(reason, `"MYEVENT"`) {
		t.Errorf("reject: line %d %q", rline, reason)
	}
	reps, err := st.QueueReports(context.Background())
	if err != nil || len(reps) != 1 {
		t.Fatalf("%v %+v", err, reps)
	}
	g := reps[0]
	// two entered, one answered after 8 s, one abandoned after 40 s.
	if g.Queue != "9000" || g.Entered != 2 || g.Answered != 1 || g.Abandoned != 1 || g.AvgWait != 8 || g.MaxWait != 40 ||
		len(g.Agents) != 1 || g.Agents[0].Agent != "PJSIP/2004" || g.Agents[0].TalkSec != 82 {
		t.Errorf("queue 9000: %+v", g)
	}
}

// logger.conf's queue_log_realtime_use_gmt = yes (main/logger.c then
// formats the time in GMT): the same wall clock is UTC, 10:01:30 is
// 1714989690 (1714982400 + 2 h + 90 s), whatever etc/timezone says.
func TestImportQueueLogTableGMT(t *testing.T) {
	st, byName := importImageByName(t, map[string]string{
		"etc/timezone":              "Europe/Paris\n",
		"etc/asterisk/logger.conf":  "[general]\nqueue_log_realtime_use_gmt = yes\n\n[logfiles]\nmessages => notice,warning,error\n",
		"exports/queue_log_tbl.csv": queueTableExport,
	})
	q := byName["queue_log_tbl.csv"]
	var notes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", q.SourceID).Scan(&notes)
	if q.Kind != KindAsteriskQueueLog || q.Zone != "UTC" || !strings.Contains(notes, "logger.conf line 2") {
		t.Fatalf("export: %+v %q", q, notes)
	}
	var tm int64
	st.DB().QueryRow("SELECT time FROM ast_queue WHERE event = 'COMPLETECALLER'").Scan(&tm)
	if tm != 1714989690 {
		t.Errorf("COMPLETECALLER at %d, want 1714989690", tm)
	}
}

// The same export imported on its own, outside an image: with no zone its
// wall clocks are rejects (not read as UTC), each with its line; with
// --tz Europe/Paris they are placed as in the image.
func TestImportQueueLogTableStandalone(t *testing.T) {
	p := filepath.Join(t.TempDir(), "queue_log.csv")
	os.WriteFile(p, []byte(queueTableExport), 0o444)
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{p}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r := res[0]; r.Kind != KindAsteriskQueueLog || r.Rows != 0 || r.Rejected != 6 {
		t.Errorf("no zone: %+v", r)
	}
	var reason string
	st.DB().QueryRow("SELECT reason FROM rejects WHERE line = 2").Scan(&reason)
	if !strings.Contains(reason, "no zone is known") {
		t.Errorf("line 2: %q", reason)
	}
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	st2 := openTemp(t)
	res, err = st2.Import(context.Background(), []string{p}, ImportOptions{Zone: paris})
	if err != nil {
		t.Fatal(err)
	}
	var tm int64
	st2.DB().QueryRow("SELECT time FROM ast_queue WHERE event = 'COMPLETECALLER'").Scan(&tm)
	if r := res[0]; r.Rows != 5 || r.Rejected != 1 || tm != 1714982490 {
		t.Errorf("--tz: %+v, COMPLETECALLER at %d", r, tm)
	}
}
