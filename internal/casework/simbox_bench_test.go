package casework

import (
	"context"
	"testing"

	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
)

// simboxBenchConfig is a voice-only case of about 4.4 million voice
// records: 10,000 honest subscribers and 100 SIM-box SIMs over 30 days.
func simboxBenchConfig() gen.Config {
	c := gen.DefaultConfig()
	c.Seed, c.Days, c.Records, c.Pairs = 11, 30, 0, 0
	c.VoiceSubscribers, c.SimBoxes, c.Mimicry = 10_000, 100, 0.3
	return c
}

// BenchmarkSimBox scores every SIM of the case: one GROUP BY over the voice
// table in SQLite, the cells from the subscriber_cells summary, then the
// rule book in Go.
func BenchmarkSimBox(b *testing.B) {
	casePath, _ := casekit.BenchCase(b, simboxBenchConfig())
	st, err := store.Create(casePath)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	rules := defaults()
	b.ResetTimer()
	for b.Loop() {
		rep, err := SimBox(ctx, st, rules)
		if err != nil {
			b.Fatal(err)
		}
		if len(rep.Subscribers) != 10_100 {
			b.Fatalf("%d SIMs", len(rep.Subscribers))
		}
	}
}
