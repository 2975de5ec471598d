package casework

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
)

// The planted meeting pair meets four times (both in one cell, two records
// each within ten minutes, in cells neither lives or works in; they travel
// there and back, so more of their records may fall in the meeting): Colocate
// finds four meetings, each holding a planted time and cell with the
// planted records of both sides, and chance gives far fewer; ColocateTop
// ranks B first for A and A first for B.
func TestColocateMeetingPairOnGeneratedCase(t *testing.T) {
	st, truth := geoCase(t)
	checkMeetingPair(t, st, truth)
}

// The same on a busier case (60 data and 40 voice subscribers, as `cdrtui
// gen --geo --subscribers 60 --records 30000 --voice 40 --days 10`), where
// co-residents meet A dozens of times: ranked by meetings beyond chance
// they came first; ranked by how unlikely by chance, B does.
func TestColocateMeetingPairOnBusierCase(t *testing.T) {
	cfg := gen.DefaultConfig()
	cfg.Subscribers, cfg.Days, cfg.Records, cfg.VoiceSubscribers = 60, 10, 30000, 40
	cfg.Geography = true
	st, dir, truth := casekit.GeneratedCase(t, cfg)
	if _, err := st.ImportCells(context.Background(), []string{filepath.Join(dir, gen.FileOperatorSites)}, store.CellImportOptions{}); err != nil {
		t.Fatal(err)
	}
	checkMeetingPair(t, st, truth)
}

func checkMeetingPair(t *testing.T, st *store.Store, truth *gen.Truth) {
	t.Helper()
	ctx := context.Background()
	mt := truth.Geography.Meeting
	rep, err := Colocate(ctx, st, mt.A, mt.B, DefaultColocParams())
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, want := range mt.Meetings {
		at := want.At.UTC().Format("2006-01-02T15:04:05")
		end := want.At.UTC().Add(10 * time.Minute).Format("2006-01-02T15:04:05")
		for _, m := range rep.Meetings {
			if m.At > at || m.End < at {
				continue
			}
			found++
			sides := map[string]int{} // the planted records: two of each within ten minutes
			for _, r := range m.Records {
				if r.Cell != want.Cell || r.File == "" || r.Line < 2 {
					t.Errorf("meeting at %s: record %+v, want cell %s", at, r, want.Cell)
				}
				if r.At >= at && r.At <= end {
					sides[r.Side]++
				}
			}
			if m.CellA != want.Cell || m.CellB != want.Cell || m.DistanceM != 0 || sides["a"] < 2 || sides["b"] < 2 {
				t.Errorf("meeting at %s: %+v", at, m)
			}
		}
	}
	if found != 4 || len(mt.Meetings) != 4 || len(rep.Meetings) != 4 {
		t.Fatalf("found %d of the planted meetings %+v in %+v", found, mt.Meetings, rep.Meetings)
	}
	if rep.Expected >= 1 || len(rep.Shifts) < 9 { // ten days: shifts of 1..9 days (or more, when the span passes midnight of an eleventh)
		t.Errorf("expected %v by shifts %v", rep.Expected, rep.Shifts)
	}
	top, err := ColocateTop(ctx, st, mt.A, DefaultColocParams())
	if err != nil {
		t.Fatal(err)
	}
	if len(top.Companions) == 0 || top.Companions[0].MSISDN != mt.B || top.Companions[0].Meetings != len(rep.Meetings) {
		t.Errorf("companions of %s: %+v, want %s first", mt.A, top.Companions, mt.B)
	}
	back, err := ColocateTop(ctx, st, mt.B, DefaultColocParams())
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Companions) == 0 || back.Companions[0].MSISDN != mt.A {
		t.Errorf("companions of %s: %+v, want %s first", mt.B, back.Companions, mt.A)
	}
}
