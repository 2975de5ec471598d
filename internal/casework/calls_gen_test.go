package casework

import (
	"context"
	"slices"
	"testing"

	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
)

// TestCallNetworkPlanted builds one generated case with the planted call
// network and checks that each analysis finds its planted fact first.
func TestCallNetworkPlanted(t *testing.T) {
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Subscribers, cfg.Records, cfg.VoiceSubscribers, cfg.SimBoxes, cfg.Days = 16, 30, 3000, 120, 4, 14
	st, _, truth := casekit.GeneratedCase(t, cfg)
	for name, check := range map[string]func(*testing.T, *store.Store, *gen.Truth){
		"common numbers": commonNumbersOfThePlantedGroup, "broker": brokerLinksTheTwoGroups,
		"contacts": contactsByCallsOfAGroupMember, "devices": devicesFlagSwapAndMovedSIM,
		"silence": plantedSilenceFirst, "chain": relayChainFirst, "international": internationalAndRoaming,
	} {
		t.Run(name, func(t *testing.T) { check(t, st, truth) })
	}
}

func commonNumbersOfThePlantedGroup(t *testing.T, st *store.Store, truth *gen.Truth) {
	c := truth.Calls
	rep, err := Common(context.Background(), st, c.Group1, 2, TimeScope{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Numbers) < 2 {
		t.Fatalf("%+v", rep)
	}
	// The two shared numbers are in contact with all five; nothing else is.
	top := []string{rep.Numbers[0].Number, rep.Numbers[1].Number}
	slices.Sort(top)
	want := slices.Clone(c.Group1Shared)
	slices.Sort(want)
	if !slices.Equal(top, want) || rep.Numbers[0].Count != 5 || rep.Numbers[1].Count != 5 {
		t.Fatalf("top common numbers %v (counts %d, %d), want %v", top, rep.Numbers[0].Count, rep.Numbers[1].Count, want)
	}
	if len(rep.Numbers) > 2 && rep.Numbers[2].Count >= 5 {
		t.Fatalf("a third number linked to all five: %+v", rep.Numbers[2])
	}
	// Every member is linked to the four others.
	for _, n := range rep.Numbers[2:] {
		if slices.Contains(c.Group1, n.Number) && n.Count != 4 {
			t.Errorf("member %s linked to %d", n.Number, n.Count)
		}
	}
}

func brokerLinksTheTwoGroups(t *testing.T, st *store.Store, truth *gen.Truth) {
	c := truth.Calls
	rep, err := Bridges(context.Background(), st, c.Group1, c.Group2, TimeScope{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Bridges) == 0 || rep.Bridges[0].Number != c.Broker || len(rep.Bridges[0].Group1) != 3 || len(rep.Bridges[0].Group2) != 3 {
		t.Fatalf("bridges %+v, want the broker %s first", rep.Bridges, c.Broker)
	}
	for _, b := range rep.Bridges[1:] {
		if min(len(b.Group1), len(b.Group2)) >= 3 {
			t.Errorf("noise bridge as strong as the broker: %+v", b)
		}
	}
}

func contactsByCallsOfAGroupMember(t *testing.T, st *store.Store, truth *gen.Truth) {
	c := truth.Calls
	rep, err := Calls(context.Background(), st, c.Group1[0], TimeScope{})
	if err != nil {
		t.Fatal(err)
	}
	// The other four members and the broker-free shared numbers are contacts; a member is a subscriber of the case.
	found := 0
	for _, k := range rep.Contacts {
		if slices.Contains(c.Group1[1:], k.Key) {
			found++
			if !rep.InCase[k.Key] || k.CallsOut+k.CallsIn == 0 || k.TalkS == 0 || len(k.Cells) == 0 {
				t.Errorf("member contact %+v", k)
			}
		}
	}
	if found != 4 {
		t.Fatalf("%d of 4 members among the contacts", found)
	}
}

func devicesFlagSwapAndMovedSIM(t *testing.T, st *store.Store, truth *gen.Truth) {
	c := truth.Calls
	ctx := context.Background()
	rep, err := Devices(ctx, st, c.HandsetSwap.MSISDN, TimeScope{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.IMEIs) != 2 || rep.IMEIs[0].IMEI != c.HandsetSwap.Old || rep.IMEIs[1].IMEI != c.HandsetSwap.New ||
		len(rep.Changes) != 1 || rep.Changes[0].Kind != "handset" || rep.Changes[0].To != c.HandsetSwap.New {
		t.Fatalf("swap: %+v", rep)
	}
	rep, err = Devices(ctx, st, c.SIMMove.MSISDN, TimeScope{})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]DeviceEvent{}
	for _, ch := range rep.Changes {
		kinds[ch.Kind] = ch
	}
	if kinds["handset"].To != c.SIMMove.Into || kinds["shared handset"].To != c.SIMMove.Owner || len(rep.Shared) != 1 ||
		rep.Shared[0].MSISDN != c.SIMMove.Owner {
		t.Fatalf("moved SIM: %+v", rep)
	}
}

func plantedSilenceFirst(t *testing.T, st *store.Store, truth *gen.Truth) {
	s := truth.Calls.Silence
	rep, err := Silences(context.Background(), st, s.MSISDN, TimeScope{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Silences) == 0 {
		t.Fatalf("no silence found: %+v", rep.Baseline)
	}
	top := rep.Silences[0]
	if top.From.Wall().After(s.From.Time) || top.To.Wall().Before(s.To.Time) || top.Hours < 50 {
		t.Fatalf("top silence %+v does not cover the planted %v – %v", top, s.From, s.To)
	}
}

func relayChainFirst(t *testing.T, st *store.Store, truth *gen.Truth) {
	ch := truth.Calls.Chain
	rep, err := Chains(context.Background(), st, ch.A, ch.WithinS, 2, TimeScope{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Chains) == 0 || rep.Chains[0].BKey != ch.B || rep.Chains[0].C != ch.C || rep.Chains[0].Count != ch.Count {
		t.Fatalf("chains %+v, want %+v first", rep.Chains, ch)
	}
	if rep.Chains[0].Expected >= float64(ch.Count)/2 {
		t.Errorf("expected %v for a planted relay of %d", rep.Chains[0].Expected, ch.Count)
	}
}

func internationalAndRoaming(t *testing.T, st *store.Store, truth *gen.Truth) {
	it := truth.Calls.International
	rep, err := International(context.Background(), st, it.MSISDN, TimeScope{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, c := range rep.Countries {
		got[c.Code] = c.CallsOut + c.CallsIn + c.SMSOut + c.SMSIn
	}
	for code, n := range it.ByCode {
		if got[code] != n {
			t.Errorf("country %s: %d calls and SMS, planted %d", code, got[code], n)
		}
	}
	if len(got) != len(it.ByCode) || rep.Home != "91" {
		t.Errorf("countries %v (home %s), planted %v", got, rep.Home, it.ByCode)
	}
	if len(rep.Roaming) != 1 || rep.Roaming[0].Network != it.Network || rep.Roaming[0].Records != it.Records {
		t.Fatalf("roaming %+v, planted %+v", rep.Roaming, it)
	}
}
