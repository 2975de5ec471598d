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

// TestClickHouseCallsAndNetworkPanes opens the workbench at 80x24 on a
// case on a two-shard ClickHouse cluster and on a local case of the same
// evidence (the generated case with its planted call network): the Calls
// pane's contacts, devices and chains views, the records behind a contact
// (with their file and line) and the Network pane around A show the same
// lines on both, each with its planted fact.
func TestClickHouseCallsAndNetworkPanes(t *testing.T) {
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Subscribers, cfg.Days, cfg.Records, cfg.VoiceSubscribers, cfg.SimBoxes = 5, 30, 14, 6000, 30, 2
	tw := newTwins(t, "panes", cfg, false)
	truth, local, ch := tw.truth, tw.local, tw.ch
	pc := truth.Calls
	ctx := context.Background()
	// a number no subscriber holds but calls name, typed as written, as
	// its digits and by its last seven digits: the same party hits
	var party string
	if err := local.DB().QueryRowContext(ctx, `SELECT v.other FROM voice v WHERE v.other IS NOT NULL AND length(v.other) >= 9
		AND coalesce(v.other_key, v.other) NOT IN (SELECT msisdn FROM subscribers)
		GROUP BY coalesce(v.other_key, v.other) ORDER BY count(*) DESC, v.other LIMIT 1`).Scan(&party); err != nil {
		t.Fatal(err)
	}
	parties := func(hits []store.PaletteHit) (out []store.PaletteHit) {
		for _, h := range hits {
			if h.Kind == "party" {
				out = append(out, h)
			}
		}
		return out
	}
	for _, typed := range []string{party, "+" + party, party[len(party)-7:]} {
		lh, err := local.PaletteSearch(ctx, typed, 8)
		if err != nil {
			t.Fatal(err)
		}
		cl, err := casework.PaletteSubscribers(ctx, ch, typed, 8)
		if err != nil {
			t.Fatal(err)
		}
		want, got := parties(lh), parties(cl)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("palette %q (a party of calls) on the cluster:\n%+v\nwant (the local case):\n%+v", typed, got, want)
		}
		if typed == party && len(want) == 0 {
			t.Errorf("palette %q finds no party locally: the comparison proves nothing", typed)
		}
	}

	const callsPane, networkPane = 8, 9

	// look focuses A (and B), opens the Calls pane, presses keys and waits
	// for want there; with network, opens the Network pane too. It
	// returns the Calls pane and the Network pane as on screen.
	look := func(opts ShellOptions, a string, keys []string, want []string, network bool) (calls, graph string) {
		tm := shellOn(t, opts, 80, 24)
		uitest.WaitFor(t, tm, "[1 Overview]")
		tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleB, MSISDN: pc.Group1[1]})
		tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: a, Open: "calls"})
		if len(keys) == 0 {
			uitest.WaitFor(t, tm, append([]string{"[contacts]", "contacts by calls of " + a}, want...)...)
		} else {
			uitest.WaitFor(t, tm, "[contacts]", "contacts by calls of "+a, "row 1 of ")
			uitest.Press(tm, keys...)
			uitest.WaitFor(t, tm, want...)
		}
		if network {
			uitest.Press(tm, "0")
			uitest.WaitFor(t, tm, "Network of "+a+" · 2 hops")
		}
		s := quitShell(t, tm)
		s.wb.active = callsPane
		calls = body(s.View())
		s.wb.active = networkPane
		return calls, body(s.View())
	}
	for _, tc := range []struct {
		name    string
		a       string
		keys    []string
		want    []string
		network bool
	}{
		{"contacts", pc.Group1[0], nil, []string{pc.Group1Shared[0], "row 1 of "}, true},
		{"records behind a contact", pc.Group1[0], []string{"enter"}, []string{"records of " + pc.Group1[0] + " with ", "voice_cdr.tsv"}, false},
		{"devices", pc.HandsetSwap.MSISDN, []string{"v", "v"}, []string{"[devices]", "handsets and SIMs of", pc.HandsetSwap.New}, false},
		{"chains", pc.Chain.A, []string{"v", "v", "v", "v"}, []string{"[chains]", "relay chains", pc.Chain.C}, false},
	} {
		wantCalls, wantGraph := look(ShellOptions{Store: local}, tc.a, tc.keys, tc.want, tc.network)
		gotCalls, gotGraph := look(ShellOptions{Case: ch}, tc.a, tc.keys, tc.want, tc.network)
		if gotCalls != wantCalls {
			t.Errorf("%s: the Calls pane on the cluster:\n%s\nwant (the local case):\n%s", tc.name, gotCalls, wantCalls)
		}
		if !tc.network {
			continue
		}
		if !strings.Contains(wantGraph, "Network of "+tc.a) || !strings.Contains(wantGraph, " links") {
			t.Fatalf("%s: the local Network pane shows no graph:\n%s", tc.name, wantGraph)
		}
		if gotGraph != wantGraph {
			t.Errorf("%s: the Network pane on the cluster:\n%s\nwant (the local case):\n%s", tc.name, gotGraph, wantGraph)
		}
	}
}
