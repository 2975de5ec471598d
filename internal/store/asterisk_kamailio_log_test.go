package store

import (
	"context"
	"github.com/cdrtui/cdrtui/internal/testkit"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Kamailio's acc module logging to syslog (log_flag, log_missed_flag,
// log_extra = src_user ... dst_domain), between other programs' lines.
const kamailioSyslog = "Jan  2 11:00:00 sip systemd[1]: Started Kamailio SIP server.\n" +
	"Jan  2 11:00:01 sip kamailio[812]: NOTICE: acc [acc.c:285]: acc_log_request(): ACC: transaction answered: timestamp=1735812001;method=INVITE;from_tag=a1;to_tag=b1;call_id=c1@10.0.0.5;code=200;reason=OK;src_user=201;src_domain=pbx.lan;src_ip=10.0.0.21;dst_ouser=919812345678;dst_user=919812345678;dst_domain=gw.example\n" +
	"Jan  2 11:00:02 sip kamailio[812]: NOTICE: acc [acc.c:285]: acc_log_request(): ACC: request acknowledged: timestamp=1735812002;method=ACK;from_tag=a1;to_tag=b1;call_id=c1@10.0.0.5;code=200;reason=OK;src_user=201;dst_user=919812345678\n" +
	"Jan  2 11:01:31 sip kamailio[813]: NOTICE: acc [acc.c:285]: acc_log_request(): ACC: transaction answered: timestamp=1735812091;method=BYE;from_tag=a1;to_tag=b1;call_id=c1@10.0.0.5;code=200;reason=OK;src_user=201;dst_user=919812345678\n" +
	"Jan  2 11:05:00 sip kamailio[812]: NOTICE: acc [acc.c:285]: acc_log_request(): ACC: call missed: timestamp=1735812300;method=INVITE;from_tag=a2;to_tag=;call_id=c2@10.0.0.5;code=408;reason=Request Timeout;src_user=202;src_ip=10.0.0.22;dst_ouser=203;dst_user=203;dst_domain=pbx.lan\n" +
	"Jan  2 11:06:00 sip CRON[900]: (root) CMD (run-parts /etc/cron.hourly)\n" +
	// OpenSIPS's CDR mode: created (INVITE), call_start_time (answer), setuptime and duration
	"Jan  2 11:10:36 sip opensips[700]: ACC: call ended: created=1735812600;call_start_time=1735812606;duration=30;ms_duration=30250;setuptime=6;method=INVITE;from_tag=a3;to_tag=b3;call_id=c3@10.0.0.5;code=200;reason=OK;src_user=204;dst_user=205\n"

// An older OpenSER writes comma-separated pairs and no timestamp: the line's
// time is the rsyslog high-precision prefix (year and offset included); a
// classic stamp without a year cannot date the call, so it is refused.
const openserLog = `2025-01-02T11:10:00.123456+01:00 sip openser[1668]: ACC: transaction answered: method=INVITE, i-uri=sip:004930123456@sip1.example, o-uri=sip:4930123456@gw.example, call_id=77@84.1.1.1, from="Smith, Jones & Partner" <sip:4989111222@sip.example>;tag=14481, code=486, cseq=21` + "\n" +
	`May 29 08:34:42 sip1 openser[1668]: ACC: transaction answered: method=INVITE, i-uri=sip:1@x, o-uri=sip:1@y, call_id=78@84.1.1.1, from=<sip:2@x>;tag=1, code=200` + "\n"

type accCall struct {
	src, dst, recipient, disposition, lastdata string
	start, end, duration, billsec, off         int64
}

func TestKamailioAccInSyslog(t *testing.T) {
	st, byName := importImageByName(t, map[string]string{
		"etc/timezone":         "Europe/Berlin\n",
		"var/log/syslog":       kamailioSyslog,
		"var/log/kamailio.log": openserLog,
	})
	sys, old := byName["syslog"], byName["kamailio.log"]
	if sys.Kind != KindKamailioAcc || sys.Rows != 3 || sys.Rejected != 0 {
		t.Fatalf("syslog: %+v", sys)
	}
	if old.Kind != KindKamailioAcc || old.Rows != 1 || old.Rejected != 1 {
		t.Fatalf("kamailio.log: %+v", old)
	}
	query := `SELECT line, src, dst, recipient, disposition, lastdata, start, coalesce("end", 0), coalesce(duration, -1), billsec, wall_offset FROM ast_calls WHERE source_id = ? ORDER BY line`
	got := map[string]accCall{}
	for name, id := range map[string]int64{"syslog": sys.SourceID, "kamailio.log": old.SourceID} {
		rows, err := st.DB().Query(query, id)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var line int64
			var c accCall
			rows.Scan(&line, &c.src, &c.dst, &c.recipient, &c.disposition, &c.lastdata, &c.start, &c.end, &c.duration, &c.billsec, &c.off)
			got[name+":"+strconv.FormatInt(line, 10)] = c
		}
		rows.Close()
	}
	want := map[string]accCall{
		// answered at 11:00:01 Berlin, ended by the BYE of its call_id 90 s later
		"syslog:2": {"201", "919812345678", "919812345678", "200 OK", "ACC: transaction answered", 1735812001, 1735812091, 90, 90, 3600},
		"syslog:5": {"202", "203", "203", "408 Request Timeout", "ACC: call missed", 1735812300, 0, -1, 0, 3600}, // no BYE: no whole duration (NULL)
		"syslog:7": {"204", "205", "205", "200 OK", "ACC: call ended", 1735812600, 0, 36, 30, 3600},
		// 11:10:00+01:00 = 10:10:00 UTC; the caller is the From user despite the comma in its display name
		"kamailio.log:1": {"4989111222", "4930123456", "4930123456", "486", "ACC: transaction answered", 1735812600, 0, -1, 0, 3600},
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %+v, want %+v", k, got[k], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d calls: %+v", len(got), got)
	}
	var notes, reject string
	st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", sys.SourceID).Scan(&notes)
	if !strings.Contains(notes, "3 lines of other programs or other SIP methods passed over") || !strings.Contains(notes, "1 BYE records ended 1 calls") {
		t.Errorf("syslog notes %q", notes)
	}
	st.DB().QueryRow("SELECT reason FROM rejects WHERE source_id = ? AND line = 2", old.SourceID).Scan(&reject)
	if !strings.Contains(reject, "without timestamp=") {
		t.Errorf("kamailio.log line 2: reject %q", reject)
	}
}

// importImageByName writes an image of files, imports it into a new case
// and gives each file's result by its base name.
func importImageByName(t *testing.T, files map[string]string) (*Store, map[string]FileResult) {
	t.Helper()
	root := t.TempDir()
	testkit.WriteTree(t, root, files)
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{root}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]FileResult{}
	for _, r := range res {
		byName[filepath.Base(r.Path)] = r
	}
	return st, byName
}
