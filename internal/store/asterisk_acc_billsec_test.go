package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/analysis"
)

// pbxTalk is the case's talk-time total and the calls whose talk time is
// unknown, as the Asterisk report counts them.
func pbxTalk(t *testing.T, st *Store) (talk, unknown int64) {
	t.Helper()
	calls, err := st.PBXCalls(context.Background(), PBXFilter{})
	if err != nil {
		t.Fatal(err)
	}
	s := analysis.SummarisePBX(calls)
	return s.BillSec, s.NoBillSec
}

// importText writes text as a file named name and imports it.
func importText(t *testing.T, st *Store, name, text string) FileResult {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o444); err != nil {
		t.Fatal(err)
	}
	return importOne(t, st, p, ImportOptions{})
}

// A Kamailio acc table export (the columns of kamailioAcc): c1 answered
// and ended by its BYE 150 s later talks 150 s, c2 busy (486) 0 s, c4
// answered (200) with no BYE in the export has a talk time nobody knows:
// NULL, not 0. The case's talk time is 150 s, one call unknown.
func TestAccInviteWithoutByeHasNoTalkTime(t *testing.T) {
	st := openTemp(t)
	res := importText(t, st, "acc.csv", kamailioAcc+
		"4,INVITE,a4,b4,c4@10.0.0.5,200,OK,2024-05-06 16:00:00,1003,pbx.example,10.0.0.7,0445550000,0445550000,gw.example\n")
	if res.Error != "" || res.Kind != KindKamailioAcc || res.Rows != 3 {
		t.Fatalf("%+v", res)
	}
	got := queryRows(t, st.DB(), "SELECT uniqueid, duration, billsec FROM ast_calls ORDER BY uniqueid", "NULL")
	if want := "c1@10.0.0.5|150|150 c2@10.0.0.5|NULL|0 c4@10.0.0.5|NULL|NULL"; strings.Join(got, " ") != want {
		t.Errorf("calls %q, want %s", got, want)
	}
	if talk, unknown := pbxTalk(t, st); talk != 150 || unknown != 1 {
		t.Errorf("talk %d s, %d unknown; want 150, 1", talk, unknown)
	}
}

// A Kamailio acc_cdrs export (testdata/operators/kamailio_acc_cdrs.csv)
// gives each call's duration (150, 42, 0) but no answer time: no call's
// talk time is known, the case's talk time is 0 s with 3 calls unknown,
// never the 192 s of their durations.
func TestAccCDRsHaveNoTalkTime(t *testing.T) {
	st := openTemp(t)
	if res := importOne(t, st, operatorFile("kamailio_acc_cdrs.csv"), ImportOptions{}); res.Rows != 3 {
		t.Fatalf("%+v", res)
	}
	if talk, unknown := pbxTalk(t, st); talk != 0 || unknown != 3 {
		t.Errorf("talk %d s, %d unknown; want 0, 3", talk, unknown)
	}
}

// Kamailio/OpenSIPS acc lines in a proxy's log: an INVITE answered (200)
// no BYE ended (c1) and Kamailio's cdr line (c5: start_time, end_time,
// duration 30, its start the INVITE's unless cdr_start_on_confirmed) have
// no known talk time; a missed INVITE (408, c2) talked 0 s; OpenSIPS's
// call ended line (c3: call_start_time, duration 30 from the answer,
// setuptime 6) talked 30 s. Talk time 30 s, 2 calls unknown.
func TestAccLogTalkTime(t *testing.T) {
	const pre = "2025-01-02T11:00:01.000000+00:00 sip kamailio[812]: NOTICE: acc [acc.c:285]: acc_log_request(): ACC: "
	st := openTemp(t)
	res := importText(t, st, "kamailio.log",
		pre+"transaction answered: timestamp=1735812001;method=INVITE;from_tag=a1;to_tag=b1;call_id=c1;code=200;reason=OK;src_user=201;dst_user=919812345678\n"+
			pre+"call missed: timestamp=1735812300;method=INVITE;from_tag=a2;to_tag=;call_id=c2;code=408;reason=Request Timeout;src_user=202;dst_user=203\n"+
			pre+"call ended: created=1735812600;call_start_time=1735812606;duration=30;setuptime=6;method=INVITE;call_id=c3;code=200;reason=OK;src_user=204;dst_user=205\n"+
			pre+"call ended: timestamp=1735812700;start_time=1735812700;end_time=1735812730;duration=30;method=INVITE;call_id=c5;code=200;reason=OK;src_user=206;dst_user=207\n")
	if res.Error != "" || res.Kind != KindKamailioAcc || res.Rows != 4 {
		t.Fatalf("%+v", res)
	}
	got := queryRows(t, st.DB(), "SELECT uniqueid, duration, billsec FROM ast_calls ORDER BY uniqueid", "NULL")
	if want := "c1|NULL|NULL c2|NULL|0 c3|36|30 c5|30|NULL"; strings.Join(got, " ") != want {
		t.Errorf("calls %q, want %s", got, want)
	}
	if talk, unknown := pbxTalk(t, st); talk != 30 || unknown != 2 {
		t.Errorf("talk %d s, %d unknown; want 30, 2", talk, unknown)
	}
}
