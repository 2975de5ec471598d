package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// TestClickHouseLocationPane opens the Location pane (8) on a case on a
// two-shard ClickHouse cluster and on a local case of the same generated
// evidence and cell sites, with the planted meeting pair as A and B: the
// Map, Timeline, Places and Co-location views are the same screens at
// 80x24 on both; the Hunt pane's tower-dump scenes (t) open on the
// cluster. The palette finds the same devices (IMSI, IMEI with and
// without its check digit, an IMEISV), destination addresses, cells and
// files on both.
func TestClickHouseLocationPane(t *testing.T) {
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Subscribers, cfg.Days, cfg.Records, cfg.VoiceSubscribers, cfg.SimBoxes = 5, 40, 10, 16000, 0, 0
	cfg.Geography = true
	tw := newTwins(t, "wbloc", cfg, true)
	truth, local, ch := tw.truth, tw.local, tw.ch
	ctx := context.Background()
	a, b := truth.Geography.Meeting.A, truth.Geography.Meeting.B

	names := []string{"Map", "Timeline", "Places", "Co-location"}
	waits := [][]string{nil, {" stay"}, {"home (night 22-06): "}, {a + " and " + b + ": ", " meeting"}}
	view := func(opts ShellOptions, n int) string {
		tm := shellOn(t, opts, 80, 24)
		uitest.WaitFor(t, tm, "[1 Overview]")
		tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleB, MSISDN: b})
		tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: a, Open: "location"})
		uitest.WaitFor(t, tm, "[Map]", "● A "+a+" (", "■ B "+b+" (", "% placed)")
		for range n {
			uitest.Press(tm, "v")
		}
		if n > 0 { // the map is the view the pane opens on
			uitest.WaitFor(t, tm, append([]string{"[" + names[n] + "]"}, waits[n]...)...)
		}
		return body(quitShell(t, tm).View())
	}
	for i, name := range names {
		want, got := view(ShellOptions{Store: local}, i), view(ShellOptions{Case: ch}, i)
		if !strings.Contains(want, "["+name+"]") {
			t.Fatalf("the local %s view:\n%s", name, want)
		}
		if got != want {
			t.Errorf("the %s view on the cluster:\n%s\nwant (the local case):\n%s", name, got, want)
		}
	}

	// the palette: what the local case finds beside subscribers, the
	// cluster finds the same
	var ip, imsi, imei, cell string
	db := local.DB()
	if err := db.QueryRowContext(ctx, `SELECT dest_ip FROM ipdr WHERE dest_ip IS NOT NULL GROUP BY dest_ip ORDER BY count(*) DESC, dest_ip LIMIT 1`).Scan(&ip); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRowContext(ctx, `SELECT imsi, imei FROM devices WHERE length(imsi) >= 14 AND length(imei) = 15 ORDER BY id LIMIT 1`).Scan(&imsi, &imei); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRowContext(ctx, `SELECT cell FROM cells ORDER BY id LIMIT 1`).Scan(&cell); err != nil {
		t.Fatal(err)
	}
	others := func(hits []store.PaletteHit) []store.PaletteHit {
		var out []store.PaletteHit
		for _, h := range hits {
			if h.Kind != "subscriber" && h.Kind != "party" && h.Kind != "pbx" {
				out = append(out, h)
			}
		}
		return out
	}
	for _, typed := range []string{ip, imsi, imei, imei[:14], imei[:14] + "07", cell, cell[:len(cell)-2], "404-10-", "OPERATOR_A", "ipdr.csv", "nothing-like-this"} {
		lh, err := local.PaletteSearch(ctx, typed, 8)
		if err != nil {
			t.Fatal(err)
		}
		cl, err := casework.PaletteSubscribers(ctx, ch, typed, 8)
		if err != nil {
			t.Fatal(err)
		}
		want, got := others(lh), others(cl)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("palette %q on the cluster:\n%+v\nwant (the local case):\n%+v", typed, got, want)
		}
		if typed != "nothing-like-this" && len(want) == 0 {
			t.Errorf("palette %q finds nothing locally: the comparison proves nothing", typed)
		}
	}

	// the Hunt pane's scenes on the cluster
	tm := shellOn(t, ShellOptions{Case: ch}, 80, 24)
	uitest.WaitFor(t, tm, "[1 Overview]")
	uitest.Press(tm, "5")
	uitest.WaitFor(t, tm, "Server hunt")
	uitest.Press(tm, "t")
	uitest.WaitFor(t, tm, "Tower-dump scenes", "Scene 1", "At least  2")
	quitShell(t, tm)
}
