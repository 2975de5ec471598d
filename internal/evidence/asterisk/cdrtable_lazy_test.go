package asterisk

import (
	"strings"
	"testing"
)

// FreePBX's CDR report download (cdr__<time><server>.csv, published in
// apspoliveira/Asterisk) and a cdr table dumped by a SQL client (the
// published srinimonster/voipreports1 cdr.csv) write the caller ID as it is
// stored, quotes and all: `"Ann Lee" <201>` and `""Bo Ray" <202>"`. Both
// files were refused as an unknown layout: the caller ID broke the CSV
// split. Values here are made up, in the files' layouts.
func TestCDRTableCallerIDWrittenAsStored(t *testing.T) {
	freepbx := strings.Join([]string{
		"calldate,clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,duration,billsec,disposition,amaflags,accountcode,uniqueid,userfield",
		`2021-03-04 10:20:30,"Ann Lee" <201>,201,202,from-internal,SIP/201-0000000a,SIP/202-0000000b,Dial,"SIP/202,60,rI",47,41,ANSWERED,3,,1614853230.12,`,
		`2021-03-04 10:25:00,"Lee, Ann" <201>,201,0,from-internal,Local/0@from-internal-00000001;2,,,,0,0,NO ANSWER,3,,1614853500.14,`,
		`2021-03-04 11:00:05,,203,201,from-internal,SIP/203-0000000c,,Hangup,,9,0,NO ANSWER,3,,1614855605.15,`,
	}, "\n") + "\n"
	dump := strings.Join([]string{
		"AcctId,tenant,clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,calldate,duration,billsec,disposition,uniqueid",
		`7,NULL,""Bo Ray" <202>",202,5550100,default,PJSIP/202-00000003,PJSIP/trunk-00000004,Dial,"PJSIP/15550100@trunk,,XL(60000)","2019-06-07 08:09:10",75,62,ANSWERED,1559894950.3`,
	}, "\n") + "\n"
	if ok, reason := DetectCDRTable([]byte(freepbx)); !ok {
		t.Fatalf("FreePBX download not detected: %s", reason)
	}
	if ok, reason := DetectCDRTable([]byte(dump)); !ok {
		t.Fatalf("SQL dump not detected: %s", reason)
	}
	calls, rejects := readAllCalls(t, []byte(freepbx), FormatCDRTable)
	if len(rejects) != 0 || len(calls) != 3 {
		t.Fatalf("FreePBX download: %d calls, rejects %v; want 3, none", len(calls), rejects)
	}
	type want struct{ clid, src, dst, start, disp, lastdata string }
	for i, w := range []want{
		{`"Ann Lee" <201>`, "201", "202", "2021-03-04 10:20:30", "ANSWERED", "SIP/202,60,rI"},
		{`"Lee, Ann" <201>`, "201", "0", "2021-03-04 10:25:00", "NO ANSWER", ""},
		{"", "203", "201", "2021-03-04 11:00:05", "NO ANSWER", ""},
	} {
		c := calls[i]
		if c.CLID != w.clid || c.Src != w.src || c.Dst != w.dst || c.Start != w.start || c.Disposition != w.disp || c.LastData != w.lastdata {
			t.Errorf("row %d: clid %q src %q dst %q start %q disposition %q lastdata %q; want %+v",
				i+1, c.CLID, c.Src, c.Dst, c.Start, c.Disposition, c.LastData, w)
		}
	}
	if c := calls[0]; c.Duration != 47 || c.BillSec != 41 || c.UniqueID != "1614853230.12" {
		t.Errorf("row 1: duration %d billsec %d uniqueid %q; want 47, 41, 1614853230.12", c.Duration, c.BillSec, c.UniqueID)
	}
	calls, rejects = readAllCalls(t, []byte(dump), FormatCDRTable)
	if len(rejects) != 0 || len(calls) != 1 {
		t.Fatalf("SQL dump: %d calls, rejects %v; want 1, none", len(calls), rejects)
	}
	if c := calls[0]; c.CLID != `""Bo Ray" <202>"` || c.Src != "202" || c.Dst != "5550100" || c.Start != "2019-06-07 08:09:10" ||
		c.Duration != 75 || c.BillSec != 62 || c.Disposition != "ANSWERED" {
		t.Errorf("SQL dump: %+v", c)
	}
}

// A value read past its closing quote that leaves the row wider than the
// header is refused: where it ends is not known, and the columns after it
// would be shifted (a wrong duration, a wrong disposition) without a word.
func TestCDRTableCallerIDPastQuoteWrongWidthRefused(t *testing.T) {
	data := strings.Join([]string{
		"calldate,clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,duration,billsec,disposition,amaflags,accountcode,uniqueid,userfield",
		`2021-03-04 10:20:30,"Ann Lee" <201>,201,202,from-internal,SIP/201-0000000a,SIP/202-0000000b,Dial,"SIP/202,60,rI",47,41,ANSWERED,3,,1614853230.12,`,
		`2021-03-04 10:21:30,"Ann" Lee, jr <201>,201,202,from-internal,SIP/201-0000000d,SIP/202-0000000e,Dial,"SIP/202,60,rI",30,20,ANSWERED,3,,1614853290.13,`,
	}, "\n") + "\n"
	calls, rejects := readAllCalls(t, []byte(data), FormatCDRTable)
	if len(calls) != 1 || len(rejects) != 1 {
		t.Fatalf("%d calls, %d rejects; want 1 and 1", len(calls), len(rejects))
	}
	if !strings.Contains(rejects[0].Reason, "17 columns where the header names 16") {
		t.Errorf("reason %q does not name the widths", rejects[0].Reason)
	}
}
