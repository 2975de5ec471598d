package casework

import (
	"context"
	"math"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/cdrtui/cdrtui/internal/analysis/location"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
)

// geoCase is a generated case with geography, its cell-site files imported.
func geoCase(t *testing.T) (*store.Store, *gen.Truth) {
	t.Helper()
	st, _, truth := geoCaseDir(t)
	return st, truth
}

// geoCaseDir is geoCase with the folder of its evidence.
func geoCaseDir(t *testing.T) (*store.Store, string, *gen.Truth) {
	t.Helper()
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Subscribers, cfg.Days, cfg.Records, cfg.VoiceSubscribers, cfg.SimBoxes = 5, 40, 10, 16000, 0, 0
	cfg.Geography = true
	st, dir, truth := casekit.GeneratedCase(t, cfg)
	res, err := st.ImportCells(context.Background(), []string{filepath.Join(dir, gen.FileOperatorSites), filepath.Join(dir, gen.FileCellTowers)}, store.CellImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Error != "" || r.Rows != int64(len(truth.Geography.Cells)) {
			t.Fatalf("%+v", r)
		}
	}
	return st, dir, truth
}

// Home and work found on the generated case are those planted: a
// subscriber spends 90% of 20:00-07:00 at home and, when working, 85% of
// weekday 09:00-18:00 at work; every subscriber's home and every worker's
// work must be found (the plants of other roles are a few records).
func TestLocationPlacesOnGeneratedCase(t *testing.T) {
	st, truth := geoCase(t)
	ctx := context.Background()
	positions := map[string][2]float64{}
	for _, c := range truth.Geography.Cells {
		positions[c.Cell] = [2]float64{c.Lat, c.Lon}
	}
	homes, works := 0, 0
	for _, want := range truth.Geography.Places {
		rep, err := Location(ctx, st, want.MSISDN, DefaultLocationParams())
		if err != nil {
			t.Fatal(err)
		}
		if rep.PlacedShare != 1 {
			t.Errorf("%s: placed share %v, want 1 (every cell has a site)", want.MSISDN, rep.PlacedShare)
		}
		if h := rep.Places.Home; h == nil || h.Cell != want.HomeCell || h.Lat != want.HomeLat || h.Lon != want.HomeLon {
			t.Errorf("%s: home %+v, want %s", want.MSISDN, h, want.HomeCell)
		} else {
			homes++
		}
		if want.Works {
			if w := rep.Places.Work; w == nil || w.Cell != want.WorkCell {
				t.Errorf("%s: work %+v, want %s", want.MSISDN, w, want.WorkCell)
			} else {
				works++
			}
		}
		for _, s := range rep.Sites {
			if p := positions[s.Cell]; p[0] != s.Lat || p[1] != s.Lon {
				t.Errorf("%s: drawn at %v,%v; the operator's list says %v", s.Cell, s.Lat, s.Lon, p)
			}
			if s.Disagree != (s.Cell == truth.Geography.DisagreeCell) {
				t.Errorf("%s: sources disagree %v (spread %v m)", s.Cell, s.Disagree, s.SpreadM)
			}
		}
		for _, m := range rep.Moves {
			a, b := positions[m.FromCell], positions[m.ToCell]
			want := location.DistanceM(location.Point{Lat: a[0], Lon: a[1]}, location.Point{Lat: b[0], Lon: b[1]}) / 1000
			if math.Abs(m.KM-want) > 0.001 {
				t.Fatalf("move %+v: %v km, want %v", m, m.KM, want)
			}
		}
	}
	t.Logf("homes %d of %d, works %d", homes, len(truth.Geography.Places), works)
}

// The planted meeting pair is at the same cell within ten minutes at each
// planted meeting, and the scene set at three of four scenes: the
// location timelines hold them (the co-location and scene analyses build
// on this).
func TestLocationHoldsPlantedMeetingsAndScenes(t *testing.T) {
	st, truth := geoCase(t)
	ctx := context.Background()
	g := truth.Geography
	stayAt := func(msisdn, cell string, from, to string) bool {
		rep, err := Location(ctx, st, msisdn, DefaultLocationParams())
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range rep.Stays {
			if s.Cell == cell && s.To >= from && s.From < to {
				return true
			}
		}
		return false
	}
	for _, m := range g.Meeting.Meetings {
		from := m.At.Format(gen.WallLayout)
		to := m.At.Add(600e9).Format(gen.WallLayout)
		if !stayAt(g.Meeting.A, m.Cell, from, to) || !stayAt(g.Meeting.B, m.Cell, from, to) {
			t.Errorf("meeting %+v not in both timelines", m)
		}
	}
	for _, p := range g.Scenes.PresentAtThree {
		if len(p.Scenes) != 3 {
			t.Fatalf("%+v", p)
		}
		for _, i := range p.Scenes {
			sc := g.Scenes.Scenes[i]
			if !stayAt(p.MSISDN, sc.Cell, sc.From.Format(gen.WallLayout), sc.To.Format(gen.WallLayout)) {
				t.Errorf("%s not at scene %d", p.MSISDN, i)
			}
		}
	}
}

// On a generated case with geography, every subscriber (data and voice)
// moves at city speeds: the only impossible moves are the planted clone's,
// home → the farthest cell and back, arriving within its two minutes.
func TestImpossibleMovesOnlyPlanted(t *testing.T) {
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Subscribers, cfg.Days, cfg.Records, cfg.VoiceSubscribers, cfg.SimBoxes = 6, 40, 10, 16000, 60, 4
	cfg.Geography = true
	st, dir, truth := casekit.GeneratedCase(t, cfg)
	ctx := context.Background()
	if _, err := st.ImportCells(ctx, []string{filepath.Join(dir, gen.FileOperatorSites)}, store.CellImportOptions{}); err != nil {
		t.Fatal(err)
	}
	clone := truth.Geography.Clone
	if clone == nil || clone.KM < 12 {
		t.Fatalf("clone %+v", clone)
	}
	subs, err := st.BusiestSubscribers(ctx, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) < 100 {
		t.Fatalf("%d subscribers", len(subs))
	}
	from, to := clone.From.UTC().Format("2006-01-02T15:04:05"), clone.To.UTC().Format("2006-01-02T15:04:05")
	var flagged []string
	moves := 0
	for _, m := range subs {
		rep, err := Location(ctx, st, m, DefaultLocationParams())
		if err != nil {
			t.Fatal(err)
		}
		moves += len(rep.Moves)
		for _, mv := range rep.Moves {
			if !mv.Impossible {
				continue
			}
			flagged = append(flagged, rep.MSISDN+" "+mv.FromCell+" "+mv.ToCell)
			if rep.MSISDN != clone.MSISDN || mv.At < from || mv.At > to {
				t.Errorf("%s: %+v flagged, not planted", rep.MSISDN, mv)
			}
		}
	}
	t.Logf("%d moves of %d subscribers", moves, len(subs))
	want := []string{clone.MSISDN + " " + clone.HomeCell + " " + clone.FarCell, clone.MSISDN + " " + clone.FarCell + " " + clone.HomeCell}
	if !reflect.DeepEqual(flagged, want) {
		t.Errorf("flagged %v, want %v (of %d moves)", flagged, want, moves)
	}
}
