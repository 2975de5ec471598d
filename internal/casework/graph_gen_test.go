package casework

import (
	"context"
	"testing"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
)

// On a generated case with the planted call network, the planted broker
// (the only number in contact with both groups) has the highest
// betweenness of the graph around it at two hops and of the graphs around
// a member of either group at four hops (each reaching the other group
// and its contacts only through the broker), above every member (each the
// hub of its own ordinary contacts) and every noise number.
func TestGraphPlantedBrokerHasHighestBetweenness(t *testing.T) {
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Subscribers, cfg.Records, cfg.VoiceSubscribers, cfg.SimBoxes, cfg.Days = 16, 30, 3000, 120, 4, 14
	st, _, truth := casekit.GeneratedCase(t, cfg)
	c := truth.Calls
	if c == nil || c.Broker == "" {
		t.Fatal("the generator planted no broker")
	}
	for _, tt := range []struct {
		center string
		hops   int
	}{{c.Broker, 2}, {c.Group1[0], 4}, {c.Group2[0], 4}} {
		opt := DefaultGraphOptions()
		opt.Hops = tt.hops
		g, err := BuildGraph(context.Background(), st, analysis.DefaultDictionary(), tt.center, opt)
		if err != nil {
			t.Fatal(err)
		}
		top := g.Nodes[0]
		if top.ID != c.Broker {
			t.Errorf("around %s at %d hops: highest betweenness %s (%.1f), want the broker %s (%.1f)",
				tt.center, tt.hops, top.ID, top.Betweenness, c.Broker, g.Node(c.Broker).Betweenness)
		}
		if len(g.Nodes) > 1 && g.Nodes[1].Betweenness >= top.Betweenness {
			t.Errorf("around %s: a tie at the top: %+v %+v", tt.center, g.Nodes[0], g.Nodes[1])
		}
		for _, m := range append(append([]string{}, c.Group1...), c.Group2...) {
			if g.Node(m) == nil {
				t.Errorf("around %s at %d hops: member %s missing", tt.center, tt.hops, m)
			}
		}
	}
}
