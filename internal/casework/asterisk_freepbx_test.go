package casework

import (
	"context"
	"testing"

	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
)

// The generated FreePBX variant, imported whole, gives back every call's
// recipient (the number dialled on the trunk, not the prefixed dst) and
// direction as truth.json plants them, the calls' instants (the CDR is in
// UTC by cdr.conf, the host in America/Regina), the top recipients and the
// queue.
func TestAsteriskFreePBXVariant(t *testing.T) {
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Days, cfg.Records, cfg.VoiceSubscribers, cfg.SimBoxes = 7, 10, 0, 0, 0
	cfg.AsteriskImage, cfg.PBX = true, gen.PBXFreePBX
	st, _, truth := casekit.GeneratedCaseWith(t, cfg, casekit.CaseOptions{NoRejects: true})
	at := truth.Asterisk
	if at == nil || at.Variant != gen.PBXFreePBX || len(at.CallsTruth) != at.Calls || at.Calls < 50 {
		t.Fatalf("truth %+v", at)
	}
	type got struct {
		recipient, direction, dst string
		start                     int64
	}
	calls := map[string]got{}
	rows, err := st.DB().Query("SELECT uniqueid, recipient, direction, dst, start FROM ast_calls")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		var g got
		rows.Scan(&id, &g.recipient, &g.direction, &g.dst, &g.start)
		calls[id] = g
	}
	rows.Close()
	kinds := map[string]int{}
	for _, w := range at.CallsTruth {
		g, ok := calls[w.UniqueID]
		if !ok {
			t.Errorf("call %s (line %d) not imported", w.UniqueID, w.Line)
			continue
		}
		if g.recipient != w.Recipient || g.direction != w.Direction || g.dst != w.Dst || g.start != w.Start {
			t.Errorf("line %d (%s): got %+v, truth %+v", w.Line, w.Kind, g, w)
		}
		kinds[w.Kind]++
	}
	for _, k := range []string{"out-sip", "out-pjsip", "internal", "inbound", "queue"} {
		if kinds[k] == 0 {
			t.Errorf("no %s call planted: the test would not cover it", k)
		}
	}
	r, err := Asterisk(context.Background(), st, AsteriskOptions{Top: 10})
	if err != nil {
		t.Fatal(err)
	}
	dirs := map[string]int64{}
	for _, w := range at.CallsTruth {
		dirs[w.Direction]++
	}
	for d, n := range dirs {
		if r.Directions[d] != n {
			t.Errorf("directions %v, truth %v", r.Directions, dirs)
			break
		}
	}
	// Two checks, both agreeing: the uniqueids, and the JSON log's local
	// times (America/Regina) for the same channels.
	if r.Timezone != "UTC" || len(r.ClockChecks) != 2 || r.ClockChecks[0].Verdict != "agrees" || r.ClockChecks[1].Verdict != "agrees" {
		t.Errorf("zone %q, clock checks %+v", r.Timezone, r.ClockChecks)
	}
	for i, want := range at.Top {
		if i >= len(r.TopRecipients) {
			t.Fatalf("top %d recipients, truth %d", len(r.TopRecipients), len(at.Top))
		}
		g := r.TopRecipients[i]
		if g.Number != want.Number || g.BillSec != want.BillSec || g.Calls != int64(want.Calls) {
			t.Errorf("top %d = %+v, truth %+v", i, g, want)
		}
	}
	q := at.Queue
	if len(r.Queues) != 1 || r.Queues[0].Entered != int64(q.Entered) || r.Queues[0].Answered != int64(q.Answered) || r.Queues[0].Abandoned != int64(q.Abandoned) {
		t.Errorf("queues %+v, truth %+v", r.Queues, q)
	}
	for _, a := range r.Queues[0].Agents {
		if int(a.Answered) != q.ByAgent[a.Agent] {
			t.Errorf("agent %s answered %d, truth %d", a.Agent, a.Answered, q.ByAgent[a.Agent])
		}
	}
}
