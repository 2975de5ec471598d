package asterisk

import (
	"fmt"
	"strings"
	"testing"
)

// OutboundRoutes by hand: a route through a modem (Dongle/dongle0, a GSM
// line whatever the configuration says), one through a DAHDI group, one
// through ${OUT_3} that [globals] names SIP/carrier (a trunk: its host),
// and FreePBX's dialout-enum; not a Dial through a peer the configuration
// does not define as a trunk (SIP/unknown), a literal extension (100) or
// a step passing no ${EXTEN}.
func TestOutboundRoutesByHand(t *testing.T) {
	topo := &Topology{}
	if p, ok := PeerParty(Peer{Name: "carrier", Type: "peer", Host: "sip.carrier.example", Source: "sip", Line: 1}, "sip.conf", nil, nil); ok {
		topo.Add(p)
	}
	steps := []Extension{
		{Context: "gsm-out", Exten: "_07XXXXXXXX", App: "Dial", AppData: "Dongle/dongle0/${EXTEN},60"},
		{Context: "pri-out", Exten: "_0.", App: "Dial", AppData: "DAHDI/g1/${EXTEN:1}"},
		{Context: "out", Exten: "_9X.", App: "Dial", AppData: "${OUT_3}/${EXTEN:1},300"},
		{Context: "outrt-2", Exten: "_00.", App: "Macro", AppData: "dialout-enum,2,${EXTEN:2},"},
		{Context: "other", Exten: "_8X.", App: "Dial", AppData: "SIP/unknown/${EXTEN:1}"},
		{Context: "local", Exten: "100", App: "Dial", AppData: "SIP/carrier/${EXTEN}"},
		{Context: "cid", Exten: "_X.", App: "Dial", AppData: "SIP/carrier/5550100"},
	}
	routes := topo.OutboundRoutes(steps, func(i int) string { return fmt.Sprintf("x.conf:%d", i+1) }, map[string]Global{"OUT_3": {Value: "SIP/carrier", Where: "g.conf:1"}})
	var got []string
	for _, r := range routes {
		got = append(got, fmt.Sprintf("%s %s %d %s %s", r.Context, r.Pattern, r.Strip, r.Trunk, r.Where))
	}
	want := []string{
		"gsm-out _07XXXXXXXX 0 Dongle/dongle0 x.conf:1",
		"pri-out _0. 1 DAHDI/g1 x.conf:2",
		"out _9X. 1 SIP/carrier x.conf:3",
		"outrt-2 _00. 2 trunk 2 x.conf:4",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("routes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A Dial through a peer no configuration defines, in a context whose name
// says it sends calls out, is a route whose trunk is marked NotDefined,
// not dropped; by hand: outbound-legacy's _0X. through SIP/unknownpeer
// strips 1 (line 1), outrt-4's _00. through PJSIP ghost (${EXTEN}@ghost)
// strips 0 (line 2). Not routes: the same undefined peer in "other" (no
// outbound name), a phone the configuration defines (SIP/201, host
// dynamic: known and no trunk) in outbound-legacy, and a peer still a
// ${VAR} no [globals] names.
func TestOutboundRoutesUndefinedTrunk(t *testing.T) {
	topo := &Topology{}
	if p, ok := PeerParty(Peer{Name: "201", Type: "friend", Host: "dynamic", Source: "sip", Line: 1}, "sip.conf", nil, nil); ok {
		topo.Add(p)
	}
	steps := []Extension{
		{Context: "outbound-legacy", Exten: "_0X.", App: "Dial", AppData: "SIP/unknownpeer/${EXTEN:1},60"},
		{Context: "outrt-4", Exten: "_00.", App: "Dial", AppData: "PJSIP/${EXTEN}@ghost"},
		{Context: "other", Exten: "_8X.", App: "Dial", AppData: "SIP/unknownpeer/${EXTEN:1}"},
		{Context: "outbound-legacy", Exten: "_2XX", App: "Dial", AppData: "SIP/201/${EXTEN}"},
		{Context: "outbound-legacy", Exten: "_7X.", App: "Dial", AppData: "SIP/${NOPE}/${EXTEN}"},
	}
	routes := topo.OutboundRoutes(steps, func(i int) string { return fmt.Sprintf("x.conf:%d", i+1) }, nil)
	var got []string
	for _, r := range routes {
		got = append(got, fmt.Sprintf("%s %s %d %s %s", r.Context, r.Pattern, r.Strip, r.Trunk, r.Where))
	}
	want := []string{
		"outbound-legacy _0X. 1 SIP/unknownpeer (not defined in the configuration) x.conf:1",
		"outrt-4 _00. 0 PJSIP/ghost (not defined in the configuration) x.conf:2",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("routes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
