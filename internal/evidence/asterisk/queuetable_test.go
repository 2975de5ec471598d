package asterisk

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

// A realtime queue_log table as asterisk/asterisk
// contrib/realtime/mysql/mysql_config.sql creates it (time, callid,
// queuename, agent, event, data1..data5; an id column of the database's
// own), exported with its header, times as main/logger.c writes them
// ("%F %T.%6q", the PBX's wall clock), one with its offset as a
// PostgreSQL timestamptz exports it (Wazo), one in Unix seconds; values of
// our own. By hand: 2024-05-06 10:00:00 in Europe/Paris (CEST, +02:00) is
// 08:00:00 UTC = 1714953600 (2024-05-06 00:00 UTC: 1704067200 + 126 days
// x 86400) + 28800 = 1714982400.
const queueTableCSV = "id,time,callid,queuename,agent,event,data1,data2,data3,data4,data5\n" +
	"1,2024-05-06 10:00:00.123456,1714982400.10,9000,NONE,ENTERQUEUE,,0612345678,1,,\n" +
	"2,2024-05-06 10:00:08.000000,1714982400.10,9000,PJSIP/2004,CONNECT,8,1714982408.27,2,,\n" +
	"3,2024-05-06 10:01:30+02,1714982400.10,9000,PJSIP/2004,COMPLETECALLER,8,82,1,,\n" +
	"4,1714982600,1714982599.12,9000,NONE,BOGUS,1,,,,\n" +
	"5,1714982700.5,1714982599.12,9000,NONE,EXITWITHKEY,5,2,1,47,\n"

func TestQueueTable(t *testing.T) {
	if ok, why := DetectQueueTable([]byte(queueTableCSV)); !ok || !strings.Contains(why, "data1..data5") || !strings.Contains(why, "4 of 5 rows") {
		t.Fatalf("detect: %v %q", ok, why)
	}
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	r := NewQueueTableReader(strings.NewReader(queueTableCSV), paris)
	var got []QueueEvent
	var bad []*RowError
	for {
		e, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var re *RowError
		if errors.As(err, &re) {
			bad = append(bad, re)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, e)
	}
	want := []struct {
		line, time int64
		event      string
		data       string
		wait, talk int64
	}{
		{2, 1714982400, "ENTERQUEUE", "|0612345678|1", -1, -1},
		{3, 1714982408, "CONNECT", "8|1714982408.27|2", 8, -1},
		{4, 1714982490, "COMPLETECALLER", "8|82|1", 8, 82},
		{6, 1714982700, "EXITWITHKEY", "5|2|1|47", 47, -1},
	}
	if len(got) != len(want) {
		t.Fatalf("events %+v", got)
	}
	for i, w := range want {
		g := got[i]
		if g.Line != w.line || g.Time != w.time || g.Event != w.event || strings.Join(g.Data, "|") != w.data || g.Wait != w.wait || g.Talk != w.talk ||
			g.Queue != "9000" {
			t.Errorf("event %d: %+v, want %+v", i, g, w)
		}
	}
	if len(bad) != 1 || bad[0].Line != 5 || !strings.Contains(bad[0].Reason, `"BOGUS"`) {
		t.Errorf("rejects %+v", bad)
	}
}

// The older table (queue_adaptive_realtime off): one data column, the
// values joined by '|'. With no zone a wall clock is refused, not read as
// UTC; a time with its offset is still read.
func TestQueueTableJoinedNoZone(t *testing.T) {
	csv := "time,callid,queuename,agent,event,data\n" +
		"2024-05-06 10:01:30,1714982400.10,9000,SIP/2004,COMPLETEAGENT,8|82|1\n" +
		"2024-05-06T10:01:30+02:00,1714982400.10,9000,SIP/2004,COMPLETEAGENT,8|82|1\n"
	r := NewQueueTableReader(strings.NewReader(csv), nil)
	_, err := r.Next()
	var re *RowError
	if !errors.As(err, &re) || re.Line != 2 || !strings.Contains(re.Reason, "no zone is known") {
		t.Errorf("wall clock with no zone: %v", err)
	}
	e, err := r.Next()
	if err != nil || e.Line != 3 || e.Time != 1714982490 || e.Wait != 8 || e.Talk != 82 || e.Agent != "SIP/2004" {
		t.Errorf("with offset: %+v %v", e, err)
	}
	if ok, _ := DetectQueueTable([]byte("time,callid,queuename,agent,event\n1714982400,x,9000,NONE,ENTERQUEUE\n")); ok {
		t.Error("a header without data columns is not the table")
	}
}
