package clickhouse

import (
	"database/sql"
	"os"
	"path/filepath"
	"testing"
)

// Seized systems of other kinds, as the store's own tests write them
// (internal/store: asterisk_issabel_test.go, asterisk_sqlite_test.go,
// asterisk_switches_test.go): an IssabelPBX tree whose peers decide the
// calls' directions, an image with cdr_sqlite3's master.db read in the
// image's zone, a Cisco Unified CM CDR file, a Kamailio acc export and an
// Issabel CDR Report export (asterisk_issabel_report_test.go), whose
// calls have no whole duration.
// pbxFixtures writes them under a new directory and returns the paths to
// import: the Issabel tree and the image as directories, the others as
// files.
func pbxFixtures(t *testing.T) []string {
	t.Helper()
	root := t.TempDir()
	write := func(rel, text string) string {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o444); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("issabel/etc/timezone", "UTC\n")
	write("issabel/etc/asterisk/sip.conf", "[general]\n#include sip_additional.conf\n")
	write("issabel/etc/asterisk/sip_additional.conf", "[63050]\ndeny=0.0.0.0/0.0.0.0\nsecret=x\ncontext=from-internal\nhost=dynamic\ntype=friend\ndial=SIP/63050\ncallerid=Ana <63050>\n\n"+
		"[63051]\nsecret=x\ncontext=from-internal\nhost=dynamic\ntype=friend\ncallerid=Beto <63051>\n\n"+
		"[63052]\nsecret=x\ncontext=from-internal\nhost=dynamic\ntype=friend\ncallerid=Caio <63052>\n\n"+
		"[from-trunk]\ndisallow=all\nusername=70001\ntype=friend\nsecret=y\ninsecure=port,invite\nhost=sip.provider.example\nfromuser=70001\ncontext=from-trunk\n\n"+
		"[skynet]\ndisallow=all\nusername=70001\ntype=friend\nsecret=y\ninsecure=port,invite\nhost=sip.provider.example\ncontext=from-trunk\n")
	write("issabel/var/log/asterisk/cdr-csv/Master.csv", `"","63050","008005551234","from-internal","""Ana"" <63050>","SIP/63050-00000001","SIP/skynet-00000002","Dial","SIP/skynet/08005551234,300,Tt","2025-01-02 10:00:00","2025-01-02 10:00:05","2025-01-02 10:02:05",125,120,"ANSWERED","DOCUMENTATION","1735812000.1",""`+"\n"+
		`"","5133334444","63050","from-trunk","""5133334444"" <5133334444>","SIP/skynet-00000003","SIP/63050-00000004","Dial","SIP/63050,20","2025-01-02 10:10:00","2025-01-02 10:10:04","2025-01-02 10:11:04",64,60,"ANSWERED","DOCUMENTATION","1735812600.3",""`+"\n"+
		`"","63051","63052","from-internal","""Beto"" <63051>","SIP/63051-00000005","SIP/63052-00000006","Dial","SIP/63052,20","2025-01-02 10:20:00","","2025-01-02 10:20:20",20,0,"NO ANSWER","DOCUMENTATION","1735813200.5",""`+"\n"+
		`"","63052","5133330000","from-internal","""Caio"" <63052>","SIP/63052-00000007","SIP/from-trunk-00000008","Dial","SIP/from-trunk/5133330000,300","2025-01-02 10:30:00","2025-01-02 10:30:03","2025-01-02 10:31:03",63,60,"ANSWERED","DOCUMENTATION","1735813800.7",""`+"\n")

	write("image/etc/timezone", "Europe/Berlin\n")
	db := filepath.Join(root, "image/var/log/asterisk/master.db")
	if err := os.MkdirAll(filepath.Dir(db), 0o755); err != nil {
		t.Fatal(err)
	}
	conn, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`CREATE TABLE cdr (calldate, clid, dcontext, channel, dstchannel, lastapp, lastdata, duration, billsec, disposition, amaflags, accountcode, uniqueid, userfield, test)`,
		`INSERT INTO cdr VALUES ('2025-01-02 11:00:00', '"Anna" <301>', 'from-internal', 'SIP/301-00000001', 'SIP/trunk-00000002', 'Dial', 'SIP/trunk/4930123456,60', 65, 60, 'ANSWERED', 'DOCUMENTATION', '', '1735812000.7', '', '')`,
	} {
		if _, err := conn.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	conn.Close()
	os.Chmod(db, 0o444)

	cucm := write("cdr_StandAloneCluster_01_202405061400_1", `"cdrRecordType","globalCallID_callManagerId","globalCallID_callId","origLegCallIdentifier","dateTimeOrigination","origNodeId","origSpan","origIpAddr","callingPartyNumber","callingPartyUnicodeLoginUserID","origCause_location","origCause_value","destLegIdentifier","destNodeId","destSpan","destIpAddr","originalCalledPartyNumber","finalCalledPartyNumber","destCause_location","destCause_value","dateTimeConnect","dateTimeDisconnect","lastRedirectDn","pkid","duration","origDeviceName","destDeviceName"`+"\n"+
		`INTEGER,INTEGER,INTEGER,INTEGER,INTEGER,INTEGER,INTEGER,INTEGER,VARCHAR(50),VARCHAR(128),INTEGER,INTEGER,INTEGER,INTEGER,INTEGER,INTEGER,VARCHAR(50),VARCHAR(50),INTEGER,INTEGER,INTEGER,INTEGER,VARCHAR(50),UNIQUEIDENTIFIER,INTEGER,VARCHAR(129),VARCHAR(129)`+"\n"+
		`1,1,5001,16777301,1715004000,1,0,-1062731519,"4001","",0,16,16777302,1,0,-1062731518,"4002","4002",0,0,1715004005,1715004125,"","a1b2c3d4-0000-4000-8000-000000000001",120,"SEP001122334455","SEP00AABBCCDDEE"`+"\n"+
		`1,1,5002,16777303,1715007600,1,0,-1062731519,"4001","",0,0,16777304,1,0,0,"914085550123","914085550123",0,17,0,1715007610,"","a1b2c3d4-0000-4000-8000-000000000002",0,"SEP001122334455","SJC-GW-1"`+"\n")
	acc := write("acc.csv", "id,method,from_tag,to_tag,callid,sip_code,sip_reason,time,src_user,src_domain,src_ip,dst_ouser,dst_user,dst_domain\n"+
		"1,INVITE,a1,b1,c1@10.0.0.5,200,OK,2024-05-06 14:00:00,1001,pbx.example,10.0.0.5,0441234567,0441234567,gw.example\n"+
		"2,BYE,a1,b1,c1@10.0.0.5,200,OK,2024-05-06 14:02:30,1001,pbx.example,10.0.0.5,0441234567,0441234567,gw.example\n"+
		"3,INVITE,a2,b2,c2@10.0.0.5,486,Busy Here,2024-05-06 15:00:00,1002,pbx.example,10.0.0.6,0449876543,0449876543,gw.example\n"+
		// answered, no BYE in the export: no whole duration, no talk time (NULL)
		"4,INVITE,a4,b4,c4@10.0.0.5,200,OK,2024-05-06 16:00:00,1003,pbx.example,10.0.0.7,0445550000,0445550000,gw.example\n")
	// Issabel's CDR Report export: talk time only, no whole duration (NULL)
	report := write("issabel_cdr_report.csv", `"Date","Source","Ring Group","Destination","Src. Channel","Account Code","Dst. Channel","Call Direction","Status","Duration"`+"\n"+
		`"2026-03-10 09:15:00","0441234567","Sales","201","SIP/trunk1-00000001","","SIP/201-00000002","incoming","ANSWERED","125s (2m 5s)"`+"\n"+
		`"2026-03-10 10:00:00","202","","0449876543","SIP/202-00000003","","SIP/trunk1-00000004","outgoing","NO ANSWER","0s"`+"\n")
	return []string{filepath.Join(root, "issabel"), filepath.Join(root, "image"), cucm, acc, report}
}
