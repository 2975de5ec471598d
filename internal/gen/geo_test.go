package gen

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// distanceM is the haversine distance in metres on a sphere of 6,371 km,
// written out here so that the generator's spacing is checked by a formula
// of its own.
func distanceM(lat1, lon1, lat2, lon2 float64) float64 {
	r := math.Pi / 180
	a := math.Pow(math.Sin((lat2-lat1)*r/2), 2) + math.Cos(lat1*r)*math.Cos(lat2*r)*math.Pow(math.Sin((lon2-lon1)*r/2), 2)
	return 2 * 6371000 * math.Asin(math.Sqrt(a))
}

func geoCSV(t *testing.T, p string, skip int) [][]string {
	t.Helper()
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows[skip:]
}

// Geography: every cell in both cell-site files, masts at least 300 m
// apart, OpenCellID's positions within a few hundred metres of the
// operator's except the one planted 5 km off; the truth's places are
// cells of the case; the meeting and scene roles are distinct people.
func TestGeography(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Seed, cfg.Subscribers, cfg.Days, cfg.Records, cfg.VoiceSubscribers, cfg.SimBoxes = 3, 40, 7, 8000, 0, 0
	cfg.Geography = true
	dir := t.TempDir()
	truth, err := Generate(dir, cfg)
	if err != nil {
		t.Fatal(err)
	}
	g := truth.Geography
	if g == nil || len(g.Cells) == 0 || len(g.Places) != cfg.Subscribers {
		t.Fatalf("geography %+v", g)
	}
	pos := map[string][2]float64{}
	for i, c := range g.Cells {
		pos[c.Cell] = [2]float64{c.Lat, c.Lon}
		for _, o := range g.Cells[:i] {
			if d := distanceM(c.Lat, c.Lon, o.Lat, o.Lon); d < 295 {
				t.Errorf("%s and %s %0.f m apart", c.Cell, o.Cell, d)
			}
		}
	}
	op := geoCSV(t, filepath.Join(dir, FileOperatorSites), 2)
	oc := geoCSV(t, filepath.Join(dir, FileCellTowers), 1)
	if len(op) != len(g.Cells) || len(oc) != len(g.Cells) {
		t.Fatalf("%d and %d rows for %d cells", len(op), len(oc), len(g.Cells))
	}
	for i, row := range oc {
		lon, _ := strconv.ParseFloat(row[6], 64)
		lat, _ := strconv.ParseFloat(row[7], 64)
		want := pos[op[i][1]]
		d := distanceM(lat, lon, want[0], want[1])
		if op[i][1] == g.DisagreeCell {
			if math.Abs(d-5000) > 50 {
				t.Errorf("the disagreeing cell is %.0f m off", d)
			}
		} else if d > 1500 {
			t.Errorf("%s: OpenCellID %.0f m off", op[i][1], d)
		}
	}
	for _, p := range g.Places {
		if _, ok := pos[p.HomeCell]; !ok {
			t.Errorf("home %s is no cell", p.HomeCell)
		}
	}
	people := map[string]bool{g.Meeting.A: true, g.Meeting.B: true}
	for _, p := range append(append(g.Scenes.PresentAtThree, g.Scenes.AtOne...), ScenePerson{MSISDN: g.Clone.MSISDN}) {
		if people[p.MSISDN] {
			t.Errorf("%s has two roles", p.MSISDN)
		}
		people[p.MSISDN] = true
	}
	if len(people) != geoRoles || len(g.Meeting.Meetings) != geoMeetings || len(g.Scenes.Scenes) != geoScenes {
		t.Errorf("roles %d, meetings %d, scenes %d", len(people), len(g.Meeting.Meetings), len(g.Scenes.Scenes))
	}
	// the clone: home, then the farthest cell a minute later (at least 12
	// km in a city of 15 km radius), then home again
	if g.Clone.KM < 12 || g.Clone.To.Sub(g.Clone.From.Time) != 2*time.Minute || g.Clone.HomeCell == g.Clone.FarCell {
		t.Errorf("clone %+v", g.Clone)
	}
	if h, f := pos[g.Clone.HomeCell], pos[g.Clone.FarCell]; math.Abs(distanceM(h[0], h[1], f[0], f[1])/1000-g.Clone.KM) > 0.05 {
		t.Errorf("clone's cells are %.3f km apart, truth says %.3f", distanceM(h[0], h[1], f[0], f[1])/1000, g.Clone.KM)
	}
}
