package casework

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// fileLine reads line n (1-based) of a file.
func fileLine(t *testing.T, path string, n int64) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for i := int64(1); sc.Scan(); i++ {
		if i == n {
			return sc.Text()
		}
	}
	t.Fatalf("%s has no line %d", path, n)
	return ""
}

// The planted tower-dump case: four scenes (a cell and an hour each), three
// subscribers each at three of them (present_at_three[k] misses scene k)
// with 1-3 records at each, two decoys at one scene each. Scenes ranks the
// three first at three scenes, their records at each scene at least those
// planted, every record's file and line holding the subscriber and the
// scene's cell; the decoys are left out at --min 2 and in at --min 1. The
// whole ranking equals a brute-force count over every subscriber's records.
func TestScenesPresentAtThreeOnGeneratedCase(t *testing.T) {
	st, _, truth := geoCaseDir(t)
	ctx := context.Background()
	gt := truth.Geography.Scenes
	var scenes []Scene
	for _, w := range gt.Scenes {
		sc, err := ParseScene(fmt.Sprintf("%s@%s..%s", w.Cell, w.From.UTC().Format("2006-01-02T15:04:05"), w.To.UTC().Format("2006-01-02T15:04:05")))
		if err != nil {
			t.Fatal(err)
		}
		scenes = append(scenes, sc)
	}
	rep, err := Scenes(ctx, st, scenes, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Subscribers) < 3 {
		t.Fatalf("%+v", rep.Subscribers)
	}
	top := map[string]SceneSubscriber{}
	for _, s := range rep.Subscribers[:3] {
		top[s.MSISDN] = s
	}
	for _, want := range gt.PresentAtThree {
		got, ok := top[want.MSISDN]
		numbers := make([]int, len(want.Scenes)) // truth.json indexes scenes from 0; the report numbers them from 1
		for k, x := range want.Scenes {
			numbers[k] = x + 1
		}
		if !ok || got.Scenes != 3 || !reflect.DeepEqual(got.SceneList, numbers) {
			t.Errorf("%s: %+v, want scenes %v among the first three", want.MSISDN, got, want.Scenes)
			continue
		}
		for k, sceneIdx := range want.Scenes {
			n := 0
			for _, e := range got.Evidence {
				if e.Scene != sceneIdx+1 {
					continue
				}
				n++
				w := gt.Scenes[sceneIdx]
				line := fileLine(t, e.File, e.Line)
				if e.Cell != w.Cell || !strings.Contains(line, want.MSISDN[2:]) || !strings.Contains(line, w.Cell) ||
					e.At < w.From.UTC().Format("2006-01-02T15:04:05") || e.At >= w.To.UTC().Format("2006-01-02T15:04:05") {
					t.Errorf("%s at scene %d: %+v, line %q", want.MSISDN, sceneIdx, e, line)
				}
			}
			if n < want.Records[k] {
				t.Errorf("%s at scene %d: %d records, planted %d", want.MSISDN, sceneIdx, n, want.Records[k])
			}
		}
	}
	for _, d := range gt.AtOne {
		if slices.ContainsFunc(rep.Subscribers, func(s SceneSubscriber) bool { return s.MSISDN == d.MSISDN }) {
			t.Errorf("decoy %s listed at --min 2", d.MSISDN)
		}
	}
	one, err := Scenes(ctx, st, scenes, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range gt.AtOne {
		if !slices.ContainsFunc(one.Subscribers, func(s SceneSubscriber) bool { return s.MSISDN == d.MSISDN && s.Scenes == 1 }) {
			t.Errorf("decoy %s not listed at --min 1", d.MSISDN)
		}
	}
	// brute force: every subscriber's records, one by one, against every scene
	type count struct{ scenes, records int }
	brute := map[string]count{}
	for _, p := range truth.Geography.Places {
		id, msisdn, err := FindSubscriber(ctx, st, p.MSISDN)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := st.LocationRecords(ctx, id, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		ids := []int64{}
		for _, r := range recs {
			ids = append(ids, r.CellID)
		}
		refs, err := st.CellRefs(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		name := map[int64]string{}
		for _, c := range refs {
			name[c.ID] = c.Cell
		}
		var c count
		for i, w := range gt.Scenes {
			n := 0
			for _, r := range recs {
				if name[r.CellID] == w.Cell && r.Wall() >= scenes[i].From && r.Wall() < scenes[i].To {
					n++
				}
			}
			if n > 0 {
				c.scenes++
				c.records += n
			}
		}
		if c.scenes > 0 {
			brute[msisdn] = c
		}
	}
	if len(one.Subscribers) != len(brute) {
		t.Errorf("%d subscribers at a scene, brute force %d", len(one.Subscribers), len(brute))
	}
	for i, s := range one.Subscribers {
		if b := brute[s.MSISDN]; b.scenes != s.Scenes || b.records != s.Records {
			t.Errorf("%s: %d scenes %d records, brute force %+v", s.MSISDN, s.Scenes, s.Records, b)
		}
		if i > 0 {
			p := one.Subscribers[i-1]
			if p.Scenes < s.Scenes || p.Scenes == s.Scenes && p.Records < s.Records {
				t.Errorf("not ranked: %+v before %+v", p, s)
			}
		}
	}
	// the same scenes as a point (the mast) and a radius of 150 m (masts
	// are at least 300 m apart): the same result
	var near []Scene
	for _, w := range gt.Scenes {
		sc, err := ParseScene(fmt.Sprintf("point=%.6f,%.6f;radius=150m;from=%s;to=%s", w.Lat, w.Lon,
			w.From.UTC().Format("2006-01-02T15:04:05"), w.To.UTC().Format("2006-01-02T15:04:05")))
		if err != nil {
			t.Fatal(err)
		}
		near = append(near, sc)
	}
	byPoint, err := Scenes(ctx, st, near, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(byPoint.Subscribers, one.Subscribers) {
		t.Errorf("by point and radius: %d subscribers, by cell %d", len(byPoint.Subscribers), len(one.Subscribers))
	}
	for i, info := range byPoint.Scenes {
		if len(info.Cells) != 1 || info.Cells[0] != gt.Scenes[i].Cell {
			t.Errorf("scene %d by point: cells %v, want %s", i, info.Cells, gt.Scenes[i].Cell)
		}
	}
}
