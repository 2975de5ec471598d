package asterisk

import (
	"fmt"
	"strings"
	"testing"
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
	if got := fmt.Sprint(dp.Includes); got != "[{from-internal from-internal-custom 5} {from-internal outbound-allroutes 6} {from-internal-custom from-internal 10}]" {
		t.Errorf("includes %s", got)
	}
	topo := &Topology{Strips: StripRules(dp.Extensions, func(i int) string { return fmt.Sprintf("extensions.conf line %d", dp.Extensions[i].Line) })}
	if r, ok := topo.strip("90612345678", "from-internal"); !ok || r.Skip != 2 {
		t.Fatalf("without the includes the first rule in the file is taken (the old reading): %+v", r)
	}
	for _, in := range dp.Includes {
		topo.Include(in.Context, in.Target)
	}
	r, ok := topo.strip("90612345678", "from-internal")
	if !ok || r.Skip != 1 || r.Where != "extensions.conf line 13" || "90612345678"[r.Skip:] != "0612345678" {
		t.Errorf("from-internal: %+v", r)
	}
	if r, ok := topo.strip("90612345678", "other-tenant"); !ok || r.Skip != 2 {
		t.Errorf("other-tenant keeps its own rule: %+v", r)
	}
	if got := strings.Join(topo.searchOrder("FROM-INTERNAL"), ","); got != "from-internal,from-internal-custom,outbound-allroutes" {
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
	if got := fmt.Sprint(dp.Includes); got != "[{from-internal from-internal-custom 3} {from-internal outbound-allroutes 4}]" {
		t.Errorf("includes %s", got)
	}
	if len(dp.Extensions) != 1 || dp.Extensions[0].Exten != "_9." {
		t.Errorf("steps %+v", dp.Extensions)
	}
}
