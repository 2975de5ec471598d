package store

import (
	"strings"
	"testing"
)

// Bangladeshi returns with the column names a public analyzer for
// Bangladeshi police lists (values chosen here, numbers written as those
// operators write them: 8801911000001, 01711000001, 1811000003):
// Banglalink's (APARTY, BPARTY, USAGETYPE with MOC, MTC, SMSMO, SMSMT,
// NETWORKTYPE, LACSTARTA and CISTARTA the A party's cell at the start,
// IMSIA its IMSI), the common "Party A, Party B, Start Time, Call
// Duration, Usage Type, LAC Id, Cell Id" one, and Teletalk's, whose Cell ID
// is the whole CGI in 15 digits (470040122737532: 470-04, LAC 01227, CI
// 37532). Before, Banglalink's LACSTARTA, CISTARTA and IMSIA were not read:
// its records had no cell and no IMSI.
var bangladeshiReturns = map[string]string{
	"banglalink.csv": "APARTY,BPARTY,STARTTIME,CALLDURATION,USAGETYPE,NETWORKTYPE,LACSTARTA,CISTARTA,IMEI,IMSIA\n" +
		"8801911000001,8801711000002,14/03/2024 09:15:00,65,MOC,4G,1201,30001,356938035643809,470031234567890\n" +
		"8801911000001,01811000003,14/03/2024 10:00:00,0,SMSMT,2G,1201,30002,356938035643809,470031234567890\n",
	"partya.csv": "Party A,Party B,Start Time,Call Duration,Usage Type,Network Type,LAC Id,Cell Id,IMEI,IMSI,Address\n" +
		"01711000001,01911000002,14/03/2024 09:15:00,65,MOC,2G,1201,30001,356938035643809,470011234567890,Mirpur Dhaka\n" +
		"01711000001,1811000003,14/03/2024 10:00:00,0,SMSMO,2G,1201,30002,356938035643809,470011234567890,Mirpur Dhaka\n" +
		"01711000001,8801611000004,14/03/2024 11:00:00,30,MTC,2G,1201,30002,356938035643809,470011234567890,Mirpur Dhaka\n",
	"teletalk.csv": "Party A,Party B,Start Time,Call Duration,Usage Type,Cell ID,IMEI,IMSI\n" +
		"01511000001,01711000002,14/03/2024 09:15:00,65,MOC,470040122737532,356938035643809,470041234567890\n" +
		"01511000001,01711000003,14/03/2024 10:00:00,20,MTC,470040122737533,356938035643809,470041234567890\n",
}

func TestBangladeshReturnsByLayout(t *testing.T) {
	// line subscriber other other_key type start duration cell imei imsi
	want := map[string][]string{
		"banglalink.csv": { // no MCC column: LAC-CI kept with no key
			"2 8801911000001 8801711000002 8801711000002 VOICE_OUT 2024-03-14T09:15:00 65 1201-30001 356938035643809 470031234567890",
			"3 8801911000001 01811000003 8801811000003 SMS_IN 2024-03-14T10:00:00 0 1201-30002 356938035643809 470031234567890",
		},
		"partya.csv": { // 1811000003 has lost its trunk 0: still Bangladesh's 01811000003
			"2 8801711000001 01911000002 8801911000002 VOICE_OUT 2024-03-14T09:15:00 65 1201-30001 356938035643809 470011234567890",
			"3 8801711000001 1811000003 8801811000003 SMS_OUT 2024-03-14T10:00:00 0 1201-30002 356938035643809 470011234567890",
			"4 8801711000001 8801611000004 8801611000004 VOICE_IN 2024-03-14T11:00:00 30 1201-30002 356938035643809 470011234567890",
		},
		"teletalk.csv": { // national numbers settled by the cells' MCC 470
			"2 8801511000001 01711000002 8801711000002 VOICE_OUT 2024-03-14T09:15:00 65 470-04-1227-37532 356938035643809 470041234567890",
			"3 8801511000001 01711000003 8801711000003 VOICE_IN 2024-03-14T10:00:00 20 470-04-1227-37533 356938035643809 470041234567890",
		},
	}
	for name, text := range bangladeshiReturns {
		st := openTemp(t)
		res := importText(t, st, name, text)
		if res.Error != "" || res.Rejected != 0 || !strings.Contains(res.Keys, "numbering plan BD (inferred from") {
			t.Fatalf("%s: %+v", name, res)
		}
		got := voiceLines(t, st, true)
		if strings.Join(got, "\n") != strings.Join(want[name], "\n") {
			t.Errorf("%s:\n%s\nwant:\n%s", name, strings.Join(got, "\n"), strings.Join(want[name], "\n"))
		}
	}
}
