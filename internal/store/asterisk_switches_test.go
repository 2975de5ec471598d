package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A Cisco Unified CM CDR file: the header names and order of CUCM's CDR
// (a subset of its 100+ columns, in their order), the line of column types
// CUCM writes under it, values of our own. Times are Unix seconds (UTC).
const cucmCDR = `"cdrRecordType","globalCallID_callManagerId","globalCallID_callId","origLegCallIdentifier","dateTimeOrigination","origNodeId","origSpan","origIpAddr","callingPartyNumber","callingPartyUnicodeLoginUserID","origCause_location","origCause_value","destLegIdentifier","destNodeId","destSpan","destIpAddr","originalCalledPartyNumber","finalCalledPartyNumber","destCause_location","destCause_value","dateTimeConnect","dateTimeDisconnect","lastRedirectDn","pkid","duration","origDeviceName","destDeviceName"` + "\n" +
	`INTEGER,INTEGER,INTEGER,INTEGER,INTEGER,INTEGER,INTEGER,INTEGER,VARCHAR(50),VARCHAR(128),INTEGER,INTEGER,INTEGER,INTEGER,INTEGER,INTEGER,VARCHAR(50),VARCHAR(50),INTEGER,INTEGER,INTEGER,INTEGER,VARCHAR(50),UNIQUEIDENTIFIER,INTEGER,VARCHAR(129),VARCHAR(129)` + "\n" +
	`1,1,5001,16777301,1715004000,1,0,-1062731519,"4001","",0,16,16777302,1,0,-1062731518,"4002","4002",0,0,1715004005,1715004125,"","a1b2c3d4-0000-4000-8000-000000000001",120,"SEP001122334455","SEP00AABBCCDDEE"` + "\n" +
	`1,1,5002,16777303,1715007600,1,0,-1062731519,"4001","",0,0,16777304,1,0,0,"914085550123","914085550123",0,17,0,1715007610,"","a1b2c3d4-0000-4000-8000-000000000002",0,"SEP001122334455","SJC-GW-1"` + "\n"

func TestImportCUCMCDR(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cdr_StandAloneCluster_01_202405061400_1")
	os.WriteFile(p, []byte(cucmCDR), 0o444)
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{p}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r := res[0]; r.Kind != KindCUCMCDR || r.Rows != 2 || r.Rejected != 0 || r.Zone != "UTC" {
		t.Fatalf("%+v", r)
	}
	type call struct {
		src, recipient, disposition string
		start, duration, billsec    int64
	}
	want := []call{
		{"4001", "4002", "NORMAL_CLEARING", 1715004000, 125, 120}, // destCause 0, so origCause 16; answered at +5 s, 120 s of talk
		{"4001", "914085550123", "USER_BUSY", 1715007600, 10, 0},  // destCause 17: busy
	}
	rows, _ := st.DB().Query("SELECT src, recipient, disposition, start, duration, billsec FROM ast_calls ORDER BY line")
	defer rows.Close()
	for i := 0; rows.Next(); i++ {
		var g call
		rows.Scan(&g.src, &g.recipient, &g.disposition, &g.start, &g.duration, &g.billsec)
		if i >= len(want) || g != want[i] {
			t.Errorf("call %d: %+v", i, g)
		}
	}
}

// A Kamailio acc table export with its extra columns: the INVITE is the
// call, its BYE (same callid) the end; a 486 has no BYE.
const kamailioAcc = "id,method,from_tag,to_tag,callid,sip_code,sip_reason,time,src_user,src_domain,src_ip,dst_ouser,dst_user,dst_domain\n" +
	"1,INVITE,a1,b1,c1@10.0.0.5,200,OK,2024-05-06 14:00:00,1001,pbx.example,10.0.0.5,0441234567,0441234567,gw.example\n" +
	"2,BYE,a1,b1,c1@10.0.0.5,200,OK,2024-05-06 14:02:30,1001,pbx.example,10.0.0.5,0441234567,0441234567,gw.example\n" +
	"3,INVITE,a2,b2,c2@10.0.0.5,486,Busy Here,2024-05-06 15:00:00,1002,pbx.example,10.0.0.6,0449876543,0449876543,gw.example\n"

func TestImportKamailioAcc(t *testing.T) {
	p := filepath.Join(t.TempDir(), "acc.csv")
	os.WriteFile(p, []byte(kamailioAcc), 0o444)
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{p}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r := res[0]; r.Kind != KindKamailioAcc || r.Rows != 2 {
		t.Fatalf("%+v", r)
	}
	var d1, b1, d2 int64
	var disp2, rec1 string
	st.DB().QueryRow("SELECT duration, billsec, recipient FROM ast_calls WHERE uniqueid = 'c1@10.0.0.5'").Scan(&d1, &b1, &rec1)
	st.DB().QueryRow("SELECT coalesce(duration, -1), disposition FROM ast_calls WHERE uniqueid = 'c2@10.0.0.5'").Scan(&d2, &disp2)
	// c2 has no BYE: its whole duration is unknown (NULL), not 0
	if d1 != 150 || b1 != 150 || rec1 != "0441234567" || d2 != -1 || disp2 != "486 Busy Here" {
		t.Errorf("c1 %d/%d to %s; c2 %d %q", d1, b1, rec1, d2, disp2)
	}
	var ipdr int64
	st.DB().QueryRow("SELECT count(*) FROM ipdr").Scan(&ipdr)
	if ipdr != 0 {
		t.Errorf("%d data sessions from an accounting export", ipdr)
	}
}

// An acc export without the party columns is refused by name, saying what
// to export instead.
func TestKamailioAccWithoutPartiesRefused(t *testing.T) {
	p := filepath.Join(t.TempDir(), "acc.csv")
	os.WriteFile(p, []byte("id,method,from_tag,to_tag,callid,sip_code,sip_reason,time\n1,INVITE,a,b,c,200,OK,2024-05-06 14:00:00\n"), 0o444)
	st := openTemp(t)
	res, _ := st.Import(context.Background(), []string{p}, ImportOptions{})
	if e := res[0].Error; !strings.Contains(e, "Kamailio/OpenSIPS acc export") || !strings.Contains(e, "src_user") {
		t.Errorf("error %q", e)
	}
}
