package asterisk

import (
	"errors"
	"strings"
	"testing"
)

// The from-type and to-type (final-type when the call was passed on) of a
// 3CX CDR state its direction; rows in the default order with values
// ours, types as 3CX writes them: External/Internal (older versions),
// Line/Queue/Extension (V18/V20), lower case too. An EndCall destination
// or a call from a line passed out to a line states none: left to the
// classifier, which has no channels to go by here (unknown).
func TestThreeCXTypesStateDirection(t *testing.T) {
	head := "00:01:00,2020/05/04 10:00:00,2020/05/04 10:00:05,2020/05/04 10:01:05,TerminatedBySrc,"
	rows := []struct{ tail, want string }{
		{"0611222333,Ext.610,10000,610,610,ReplacedDst,Ext.185,185,,,,,Chain: 0611222333;Ext.610;Ext.185;,External,Internal,Internal,a,b,c,", "inbound"},
		{"Ext.114,0232354095,114,10001,0232354095,,,,,1,5.12,default,Chain: Ext.114;0232354095;,Internal,External,External,a,b,c,", "outbound"},
		{"Ext.318,Ext.102,318,102,102,,,,,,,,Chain: Ext.318;Ext.102;,Internal,Internal,Internal,a,b,c,", "internal"},
		{"070111222,Ext.80002,10020,80002,80002,ReplacedDst,Ext.10013,10013,,,,,Chain: 070111222;Ext.80002;Ext.10013;,Line,Queue,Extension,a,b,c,", "inbound"},
		{"Ext.201,0755123456,201,10020,0755123456,,,,,,,,Chain: Ext.201;0755123456;,extension,line,line,a,b,c,", "outbound"},
		// passed on: final-type decides, not to-type (Queue, internal)
		{"Ext.201,Ext.800,201,800,800,ForwardOutside,0755123456,10020,,,,,Chain: Ext.201;Ext.800;0755123456;,Extension,Queue,Line,a,b,c,", "outbound"},
		{"Ext.318,EndCall,318,EndCall,0800123456,,EndCall,EndCall,,,,,Chain: Ext.318;EndCall;,Internal,External,EndCall,a,b,c,", ""},
		{"0611222333,0755123456,10000,10020,0755123456,,,,,,,,Chain: 0611222333;0755123456;,Line,Line,Line,a,b,c,", ""},
	}
	for i, r := range rows {
		c := callsOf(t, "Call 9001,00000171AAAA0001_11,"+head+r.tail+"\n", FormatThreeCX)
		if len(c) != 1 || c[0].StatedDirection != r.want {
			t.Errorf("row %d: %+v, want direction %q", i+1, c, r.want)
			continue
		}
		if d := c[0].Direction(); r.want != "" && d != r.want || r.want == "" && d != "unknown" {
			t.Errorf("row %d: Direction() %q, want %q", i+1, d, r.want)
		}
	}
}

// A call the PBX ended (to-no and final-number EndCall, as 3CX writes a
// blocked number or an out-of-hours rule): the callee is dial-no, the
// number dialled (0800123456; 009 the DID an outside caller reached),
// never "EndCall", which stays in the channel column as written. Rows in
// the default order, values ours.
func TestThreeCXEndCallKeepsTheNumberDialled(t *testing.T) {
	c := callsOf(t, "Call 9760,00000171AAAA0005_15,00:00:06,2020/05/04 11:19:06,2020/05/04 11:19:07,2020/05/04 11:19:14,TerminatedByDst,"+
		"Ext.318,EndCall,318,EndCall,0800123456,,EndCall,EndCall,,,,,Chain: Ext.318;0800123456;EndCall;,Internal,External,External,a,b,c,\n"+
		"Call 9768,00000171AAAA0006_16,00:00:02,2020/05/04 11:27:09,2020/05/04 11:27:10,2020/05/04 11:27:12,TerminatedBySrc,"+
		"0611000111,EndCall,10001,EndCall,009,,,,,,,,Chain: 0611000111;EndCall;,External,External,External,a,b,c,EndCall\n", FormatThreeCX)
	if len(c) != 2 {
		t.Fatalf("%d calls", len(c))
	}
	for i, want := range []struct{ src, dst string }{{"318", "0800123456"}, {"0611000111", "009"}} {
		if c[i].Src != want.src || c[i].Dst != want.dst || c[i].DstChannel != "EndCall" || c[i].BillSec != [2]int64{6, 2}[i] {
			t.Errorf("call %d: src %q dst %q dstchannel %q billsec %d, want %s -> %s on EndCall", i+1, c[i].Src, c[i].Dst, c[i].DstChannel, c[i].BillSec, want.src, want.dst)
		}
	}
}

// A call never answered: 3CX writes its duration and time-answered empty
// (Failed_Cancelled, Failed). It is a call whose talk time is 0 and whose
// whole duration is end - start (12:10:00 to 12:10:16: 16 s), never a
// rejected row; an empty duration beside an answer time is still
// rejected, the talk time not being known.
func TestThreeCXUnansweredEmptyDuration(t *testing.T) {
	c := callsOf(t, "Call 504,00000171AAAA0004_14,,2020/05/04 12:10:00,,2020/05/04 12:10:16,Failed_Cancelled,"+
		"Ext.315,Ext.184,315,184,184,,,,,,,,,Internal,Internal,Internal,a,b,c,\n", FormatThreeCX)
	if len(c) != 1 || c[0].BillSec != 0 || c[0].Duration != 16 || c[0].Disposition != "Failed_Cancelled" || c[0].Src != "315" || c[0].Dst != "184" {
		t.Fatalf("%+v", c)
	}
	r := NewReader(strings.NewReader("Call 505,00000171AAAA0005_15,,2020/05/04 12:10:00,2020/05/04 12:10:04,2020/05/04 12:10:16,TerminatedBySrc,"+
		"Ext.315,Ext.184,315,184,184,,,,,,,,,Internal,Internal,Internal,a,b,c,\n"), FormatThreeCX)
	var re *RowError
	if _, err := r.Next(); !errors.As(err, &re) || !strings.Contains(re.Reason, "is not H:MM:SS") {
		t.Errorf("answered with no duration: %v", err)
	}
}
