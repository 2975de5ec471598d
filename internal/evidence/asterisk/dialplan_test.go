package asterisk

import (
	"fmt"
	"reflect"
	"testing"
)

func TestParseDialPlan(t *testing.T) {
	c := mustConf(t, `[general]
static=yes
[globals]
TRUNK=SIP/provider
[huawei]
exten => _.,1,Dial(SIP/4001)
[from-internal]
exten => 100,1,Dial(SIP/100,20)
 same => n,VoiceMail(100@default)
 same => n(done),Hangup()
exten => 100,hint,SIP/100&SIP/101
exten => _8XXXXXXXXXX,1,Set(CALLERID(num)=79001234567)
same => n,Dial(Dongle/dongle0/${EXTEN},60)
exten => 200/_0123,1,Answer
exten => s,1,Dial,SIP/300|20
exten => s,n,Set(CALLERID(all)="Office" <+74951234567>)
exten => 7000,1,Dial(Dongle/dongle1/0123456789&SIP/trunk/+442071234567@gw,30)
exten => s,n,Set(CALLERID(name)=Sales 4444)
exten => _[1-3,5]XX,1,NoOp(x)
[from-dongle]
exten => +79001234567,1,Dial(SIP/100)
include => from-internal
`)
	dp := ParseDialPlan(c)
	if want := []string{"huawei", "from-internal", "from-dongle"}; !reflect.DeepEqual(dp.Contexts, want) {
		t.Errorf("contexts %v", dp.Contexts)
	}
	want := []Extension{
		{"huawei", "_.", "1", "Dial", "SIP/4001", 6},
		{"from-internal", "100", "1", "Dial", "SIP/100,20", 8},
		{"from-internal", "100", "n", "VoiceMail", "100@default", 9},
		{"from-internal", "100", "n(done)", "Hangup", "", 10},
		{"from-internal", "100", "hint", "", "SIP/100&SIP/101", 11},
		{"from-internal", "_8XXXXXXXXXX", "1", "Set", "CALLERID(num)=79001234567", 12},
		{"from-internal", "_8XXXXXXXXXX", "n", "Dial", "Dongle/dongle0/${EXTEN},60", 13},
		{"from-internal", "200/_0123", "1", "Answer", "", 14},
		{"from-internal", "s", "1", "Dial", "SIP/300|20", 15},
		{"from-internal", "s", "n", "Set", `CALLERID(all)="Office" <+74951234567>`, 16},
		{"from-internal", "7000", "1", "Dial", "Dongle/dongle1/0123456789&SIP/trunk/+442071234567@gw,30", 17},
		{"from-internal", "s", "n", "Set", "CALLERID(name)=Sales 4444", 18},
		{"from-internal", "_[1-3,5]XX", "1", "NoOp", "x", 19},
		{"from-dongle", "+79001234567", "1", "Dial", "SIP/100", 21},
	}
	if len(dp.Extensions) != len(want) {
		t.Fatalf("%d extensions, want %d: %+v", len(dp.Extensions), len(want), dp.Extensions)
	}
	for i := range want {
		if dp.Extensions[i] != want[i] {
			t.Errorf("#%d\n got  %+v\n want %+v", i, dp.Extensions[i], want[i])
		}
	}
	wantNums := []string{"4001", "100", "79001234567", "200", "300", "+74951234567", "7000", "0123456789", "+442071234567", "+79001234567"}
	if !reflect.DeepEqual(dp.Numbers, wantNums) {
		t.Errorf("numbers\n got  %v\n want %v", dp.Numbers, wantNums)
	}
}

func TestDialTargetNumbers(t *testing.T) {
	tests := map[string][]string{
		"Dongle/dongle0/0123456789,30":            {"0123456789"},
		"SIP/301&SIP/200@stadionpbx,60,t":         {"301", "200"},
		"Local/13137572470@LocalSets/n":           {"13137572470"},
		"IAX2/user:secret@host/5551234":           {"5551234"},
		"SIP/,10,m":                               nil,
		"PJSIP/${EXTEN}@trunk":                    nil,
		"DAHDI/g0/84951234567|30":                 {"84951234567"},
		"Local/ch1@TimeDelay&Local/ch2@TimeDelay": nil,
	}
	for data, want := range tests {
		if got := DialTargetNumbers(data); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: got %v, want %v", data, got, want)
		}
	}
}

func TestCallerIDNumbers(t *testing.T) {
	tests := map[string][]string{
		"CALLERID(num)=79001234567":             {"79001234567"},
		`CALLERID(all)="Office" <+74951234567>`: {"+74951234567"},
		"CALLERID(name)=Sales 4444":             nil,
		"callerid(NUM)=0123,CALLERID(ani)=0456": {"0123", "0456"},
		"CALLERID(\xe1)=123":                    nil,         // found by FuzzParseConf: must not panic
		"\u0131CALLERID(num)=5551234":           {"5551234"}, // ToUpper changes this letter's byte length
	}
	for data, want := range tests {
		if got := callerIDNumbers(data); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: got %v, want %v", data, got, want)
		}
	}
}

// Templates in extensions.conf are Asterisk's config loader's
// (main/config.c: "(!)" marks the category ignored, "[ctx](tmpl)" copies
// the template's lines first): the template is no context, its steps are
// the context's, ahead of its own, each with the line it is written on;
// "same" after them continues the template's last extension; a (+) section
// continues its context. By hand: phones holds _0X.,1 (line 3), _0X.,n
// (line 4), then its own _2XX,1 (line 6) and, appended, 500,1 (line 9)
// and its same (line 10); the template's include is phones'.
func TestDialPlanTemplates(t *testing.T) {
	c := mustConf(t, `[outbound](!)
include => local-tmpl
exten => _0X.,1,Dial(SIP/${EXTEN:1}@provider,60)
 same => n,Hangup()
[phones](outbound)
exten => _2XX,1,Dial(SIP/${EXTEN},30)
[fax]
[phones](+)
exten => 500,1,Answer()
 same => n,ReceiveFax(/tmp/f.tif)
`)
	dp := ParseDialPlan(c)
	if want := []string{"phones", "fax"}; !reflect.DeepEqual(dp.Contexts, want) {
		t.Errorf("contexts %v, want %v", dp.Contexts, want)
	}
	want := []Extension{
		{"phones", "_0X.", "1", "Dial", "SIP/${EXTEN:1}@provider,60", 3},
		{"phones", "_0X.", "n", "Hangup", "", 4},
		{"phones", "_2XX", "1", "Dial", "SIP/${EXTEN},30", 6},
		{"phones", "500", "1", "Answer", "", 9},
		{"phones", "500", "n", "ReceiveFax", "/tmp/f.tif", 10},
	}
	if !reflect.DeepEqual(dp.Extensions, want) {
		t.Errorf("extensions\n got  %+v\n want %+v", dp.Extensions, want)
	}
	if len(dp.Templates) != 2 || dp.Templates[0].Context != "outbound" || dp.Templates[1].Line != 4 {
		t.Errorf("template steps %+v", dp.Templates)
	}
	if want := []Include{{Context: "phones", Target: "local-tmpl", Line: 2}}; !reflect.DeepEqual(dp.Includes, want) {
		t.Errorf("includes %+v, want %+v", dp.Includes, want)
	}
}

// Only ${EXTEN:n} strips a prefix: ${EXTEN:1:9} passes on nine digits
// after the first (a dst of 0600123456789 reaches the trunk as 600123456,
// not 600123456789), ${EXTEN:-9} the last nine; neither is read as a
// strip, so no recipient is made from them.
func TestStripRulesOnlyWholeRest(t *testing.T) {
	dp := ParseDialPlan(mustConf(t, "[out]\nexten => _0X.,1,Dial(SIP/${EXTEN:1}@a)\nexten => _00X.,1,Dial(SIP/${EXTEN:1:9}@b)\nexten => _1X.,1,Dial(SIP/${EXTEN:-9}@c)\nexten => _2X.,1,Dial(SIP/${EXTEN:2})\n"))
	rules := StripRules(dp.Extensions, func(i int) string { return "" })
	var got []string
	for _, r := range rules {
		got = append(got, fmt.Sprintf("%s/%d", r.Pattern, r.Skip))
	}
	if want := []string{"_0X./1", "_2X./2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("rules %v, want %v", got, want)
	}
}
