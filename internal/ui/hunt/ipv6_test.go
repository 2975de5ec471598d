package hunt_test

import (
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
)

// The hunt form takes IPv6 addresses, address and port, and prefixes, and
// finds a session whose destination an IPDR gave only in its IPv6 column.
func TestHuntFormIPv6(t *testing.T) {
	st, res := uitest.TextCase(t, "export.csv",
		"MSISDN,START,DESTIP,DEST_IPV6,DESTPORT,UPLINK_VOLUME,DOWNLINK_VOLUME\n"+
			"447700900123,2017-05-02 10:02:11,104.198.99.79,,443,100,1000\n"+
			"447700900124,2017-05-02 10:30:00,,2a03:2880:f10c:83:face:b00c:0:25de,443,200,2000\n")
	if res[0].Rows != 2 {
		t.Fatalf("import %+v", res)
	}
	env := uitest.Env(t, st)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.WaitFor(t, tm, "447700900123")
	uitest.Type(tm, "5")
	uitest.WaitFor(t, tm, "Server hunt", "press f to write a hunt")
	uitest.Type(tm, "f[2a03:2880::/29]:443")
	uitest.WaitFor(t, tm, "✓ 1 network")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "1 subscriber", "447700900124", "[2a03:2880:f10c:83:face:b00c:0:25de]:443")
	if fm := uitest.Quit(t, tm); fm == nil {
		t.Fatal("no final model")
	}
}
