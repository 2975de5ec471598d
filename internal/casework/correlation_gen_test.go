package casework

import (
	"context"
	"testing"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
)

// generatedCase generates a small synthetic case (IPDR only) and imports it.
func generatedCase(t *testing.T, seed int64) (*gen.Truth, *store.Store) {
	t.Helper()
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Subscribers, cfg.Records, cfg.VoiceSubscribers, cfg.SimBoxes = seed, 60, 30_000, 0, 0
	st, _, truth := casekit.GeneratedCase(t, cfg)
	return truth, st
}

// Every planted pair's members rank each other first among all subscribers
// of the case; the heavy decoy, who coincides with everyone by sheer
// volume, ranks first for nobody, although for some member it has more raw
// matches than the planted partner (so a ranking by count would fail).
func TestContactsFindPlantedPairs(t *testing.T) {
	ctx := context.Background()
	dict := analysis.DefaultDictionary()
	for _, seed := range []int64{3, 11} {
		truth, st := generatedCase(t, seed)
		if len(truth.Pairs) == 0 || truth.HeavyDecoy == nil {
			t.Fatalf("seed %d: the generator planted no pairs or no decoy", seed)
		}
		decoy := truth.HeavyDecoy.MSISDN
		decoyOutnumbers := false
		for _, pair := range truth.Pairs {
			for _, m := range [][2]string{{pair.A, pair.B}, {pair.B, pair.A}} {
				me, partner := m[0], m[1]
				list, err := Contacts(ctx, st, dict, me, DefaultWindow, 0)
				if err != nil {
					t.Fatal(err)
				}
				if len(list.Contacts) < 3 {
					t.Fatalf("seed %d: %s has %d contacts", seed, me, len(list.Contacts))
				}
				if first := list.Contacts[0]; first.MSISDN != partner {
					t.Errorf("seed %d: first contact of %s is %s (score %.1f, %d pairs), want the planted partner %s",
						seed, me, first.MSISDN, first.Score, first.Pairs, partner)
				}
				var partnerPairs, decoyPairs int
				for _, c := range list.Contacts {
					switch c.MSISDN {
					case partner:
						partnerPairs = c.Pairs
					case decoy:
						decoyPairs = c.Pairs
					}
				}
				if decoyPairs > partnerPairs {
					decoyOutnumbers = true
				}
				// The planted conversations alone are matches (WhatsApp
				// records at most 20 s apart).
				if partnerPairs < pair.Conversations {
					t.Errorf("seed %d: %s-%s: %d pairs, fewer than the %d planted conversations", seed, me, partner, partnerPairs, pair.Conversations)
				}
			}
		}
		if !decoyOutnumbers {
			t.Errorf("seed %d: the decoy never has more raw matches than a planted partner: the case does not test chance correction", seed)
		}
		decoyList, err := Contacts(ctx, st, dict, decoy, DefaultWindow, 1)
		if err != nil {
			t.Fatal(err)
		}
		for _, pair := range truth.Pairs {
			if c := decoyList.Contacts[0].MSISDN; c == pair.A || c == pair.B {
				t.Errorf("seed %d: the decoy's first contact is planted pair member %s", seed, c)
			}
		}
	}
}

// The pair view of a planted pair: the WhatsApp line carries the surprise.
func TestCorrelatePlantedPair(t *testing.T) {
	truth, st := generatedCase(t, 3)
	pair := truth.Pairs[0]
	c, err := Correlate(context.Background(), st, analysis.DefaultDictionary(), pair.A, pair.B, DefaultWindow, MatchApp)
	if err != nil {
		t.Fatal(err)
	}
	if c.PerApp[pair.App] < pair.Conversations {
		t.Errorf("%s matches %d, want at least the %d planted conversations", pair.App, c.PerApp[pair.App], pair.Conversations)
	}
	if len(c.Apps) == 0 || c.Apps[0].App != pair.App || c.Apps[0].Ratio < 2 {
		t.Errorf("first application line = %+v, want %s well above chance", c.Apps, pair.App)
	}
	if c.Score < 5 {
		t.Errorf("score %.1f: a planted pair should be far from chance", c.Score)
	}
}
