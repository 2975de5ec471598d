package asterisk

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// include => lines, plain and time-restricted ("include =>
// ctx,09:00-17:00,mon-fri,*,*"; an include also ends at '|', the older
// separator), and AEL's includes { } as the Asterisk 1.6.2 AEL manual
// (docs.huihoo.com/asterisk/1.6.2.1/node124.html) writes them:
// "includes { local; longdistance|16:00-23:59|mon-fri|*|*; }". Asterisk
// looks an extension up in the context, then in each include in order,
// depth first (main/pbx.c pbx_find_extension): a number dialled in
// from-internal is routed by outbound-allroutes's _9. (strips 1 digit),
// not by the unrelated other-tenant's _9. earlier in the file (strips 2).
// By hand: 90612345678 less 1 digit is 0612345678.
const includeConf = "[other-tenant]\n" + // 1
	"exten => _9.,1,Dial(SIP/trunkB/${EXTEN:2})\n" + // 2
	"\n" +
	"[from-internal]\n" + // 4
	"include => from-internal-custom\n" + // 5
	"include => outbound-allroutes,09:00-17:00,mon-fri,*,*\n" + // 6
	"\n" +
	"[from-internal-custom]\n" + // 8
	"exten => 100,1,Dial(SIP/100)\n" + // 9
	"include => from-internal\n" + // 10: a loop, searched once
	"\n" +
	"[outbound-allroutes]\n" + // 12
	"exten => _9.,1,Dial(SIP/trunkA/${EXTEN:1})\n" // 13

func TestIncludesRouteStrips(t *testing.T) {
	c, err := ParseConf(strings.NewReader(includeConf))
	if err != nil {
		t.Fatal(err)
	}
	dp := ParseDialPlan(c)
	if got := fmt.Sprint(dp.Includes); got != "[{from-internal from-internal-custom  5} {from-internal outbound-allroutes 09:00-17:00,mon-fri,*,* 6} {from-internal-custom from-internal  10}]" {
		t.Errorf("includes %s", got)
	}
	topo := &Topology{Strips: StripRules(dp.Extensions, func(i int) string { return fmt.Sprintf("extensions.conf line %d", dp.Extensions[i].Line) })}
	if r, ok := topo.strip("90612345678", "from-internal", Moment{}); !ok || r.Skip != 2 {
		t.Fatalf("without the includes the first rule in the file is taken (the old reading): %+v", r)
	}
	for _, in := range dp.Includes {
		topo.Include(in.Context, in.Target)
	}
	r, ok := topo.strip("90612345678", "from-internal", Moment{})
	if !ok || r.Skip != 1 || r.Where != "extensions.conf line 13" || "90612345678"[r.Skip:] != "0612345678" {
		t.Errorf("from-internal: %+v", r)
	}
	if r, ok := topo.strip("90612345678", "other-tenant", Moment{}); !ok || r.Skip != 2 {
		t.Errorf("other-tenant keeps its own rule: %+v", r)
	}
	if got := strings.Join(topo.searchOrder("FROM-INTERNAL", Moment{}).order, ","); got != "from-internal,from-internal-custom,outbound-allroutes" {
		t.Errorf("search order %s", got)
	}
}

func TestAELIncludes(t *testing.T) {
	src := "context from-internal {\n" +
		"  includes {\n" +
		"    from-internal-custom;\n" +
		"    outbound-allroutes|9:00-17:00|mon-fri|*|*;\n" +
		"  };\n" +
		"  _9. => Dial(SIP/trunkA/${EXTEN:1});\n" +
		"};\n"
	dp, problems, err := ParseAEL(strings.NewReader(src))
	if err != nil || len(problems) != 0 {
		t.Fatalf("%v %+v", err, problems)
	}
	if got := fmt.Sprint(dp.Includes); got != "[{from-internal from-internal-custom  3} {from-internal outbound-allroutes 9:00-17:00,mon-fri,*,* 4}]" {
		t.Errorf("includes %s", got)
	}
	if len(dp.Extensions) != 1 || dp.Extensions[0].Exten != "_9." {
		t.Errorf("steps %+v", dp.Extensions)
	}
}

// include => with a time restriction, judged at the call's moment as
// main/pbx_timing.c does (both ends of the minute range included, ranges
// of days wrapping). 2024-03-01 is a Friday: at 10:00 the 09:00-17:00
// mon-fri include of outbound-allroutes applies and its _9. strips one
// digit; at 18:30 (and on Saturday 2024-03-02 at 10:00) it does not, the
// call then reaching night-routes (18:00-08:59) and its _9. stripping two;
// with no known moment the include is followed and that is said.
func TestIncludeWindows(t *testing.T) {
	conf := "[from-internal]\n" + // 1
		"include => outbound-allroutes,09:00-17:00,mon-fri,*,*\n" + // 2
		"include => night-routes|18:00-08:59|*|*|*\n" + // 3
		"[outbound-allroutes]\n" + // 4
		"exten => _9.,1,Dial(SIP/trunkA/${EXTEN:1})\n" + // 5
		"[night-routes]\n" + // 6
		"exten => _9.,1,Dial(SIP/trunkB/${EXTEN:2})\n" // 7
	c, err := ParseConf(strings.NewReader(conf))
	if err != nil {
		t.Fatal(err)
	}
	dp := ParseDialPlan(c)
	topo := &Topology{Strips: StripRules(dp.Extensions, func(i int) string { return fmt.Sprintf("extensions.conf line %d", dp.Extensions[i].Line) })}
	for _, in := range dp.Includes {
		topo.IncludeWindowed(in.Context, in.Target, in.Window, fmt.Sprintf("extensions.conf line %d", in.Line))
	}
	at := func(s string) Moment {
		tm, _ := time.Parse("2006-01-02 15:04", s)
		return Moment{Known: true, Wall: tm.Unix(), UTC: tm.Unix()}
	}
	tests := []struct {
		at    Moment
		skip  int
		where string
	}{
		{at("2024-03-01 10:00"), 1, "extensions.conf line 5 (reached through include => outbound-allroutes,09:00-17:00,mon-fri,*,* (extensions.conf line 2) applied at Fri 2024-03-01 10:00 (the call's wall clock)"},
		{at("2024-03-01 17:00"), 1, "applied at Fri 2024-03-01 17:00"}, // the end minute is inside
		{at("2024-03-01 18:30"), 2, "extensions.conf line 7 (reached through include => night-routes,18:00-08:59,*,*,* (extensions.conf line 3) applied at Fri 2024-03-01 18:30"},
		{at("2024-03-02 10:00"), 0, ""}, // Saturday daytime: neither applies
		{Moment{}, 1, "the call's time is unknown, so whether it applied is not known"},
	}
	for _, tt := range tests {
		r, ok := topo.strip("90612345678", "from-internal", tt.at)
		if tt.skip == 0 {
			if ok {
				t.Errorf("%+v: a rule though no include applied: %+v", tt.at, r)
			}
			continue
		}
		if !ok || r.Skip != tt.skip || !strings.Contains(r.Where, tt.where) {
			t.Errorf("%+v: %v %+v", tt.at, ok, r)
		}
	}
	w, err := ParseIncludeWindow("22:00-02:00,fri-mon,25-5,dec-feb")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		s    string
		want bool
	}{{"2023-12-31 23:00", true}, {"2024-01-01 01:59", true}, {"2024-01-01 02:01", false}, {"2024-01-02 23:00", false},
		{"2024-01-06 23:00", false}, {"2024-02-26 22:00", true}, {"2024-03-01 23:00", false}} {
		m := at(tt.s)
		if got := w.Covers(m.Wall, m.UTC); got != tt.want {
			t.Errorf("%s: %v", tt.s, got)
		}
	}
	if _, err := ParseIncludeWindow("9-17,mon-fri,*,*"); err == nil || !strings.Contains(err.Error(), `"9" is not hh:mm`) {
		t.Errorf("bad time: %v", err)
	}
}
