package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb/geojson"
)

// A subscriber's nine calls in four cells: C1 (Kolkata, home), C2 0.1
// degree east of it (work, 10.279 km by the haversine formula on a sphere of
// 6,378,137 m, worked by hand), C3 in Delhi (1,313.894 km from C2, reached
// in 15 minutes: impossible), C4 with no position. Nights of the 18th and
// 19th at C1, Tuesday and Wednesday daytime at C2.
const locationCDR = `MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION,CELL_ID
919714499703,VOICE_OUT,919812345678,18/03/2024,23:00:00,60,404-10-7301-12345
919714499703,VOICE_IN,919812345678,19/03/2024,02:00:00,30,404100730112345
919714499703,VOICE_OUT,919812345678,19/03/2024,10:00:00,10,404-10-7301-22222
919714499703,VOICE_OUT,919812345678,19/03/2024,12:00:00,10,404-10-7301-22222
919714499703,VOICE_OUT,919812345678,19/03/2024,23:30:00,10,404101C853039
919714499703,VOICE_OUT,919812345678,20/03/2024,10:00:00,5,404-10-7301-22222
919714499703,VOICE_OUT,919812345678,20/03/2024,10:15:00,5,404-10-7301-22222
919714499703,VOICE_OUT,919812345678,20/03/2024,10:30:00,7,404-10-9999-1
919714499703,VOICE_OUT,919812345678,20/03/2024,11:00:00,7,404-10-5555-5
`

// An operator's list giving LAC and CI only (the network by --plmn).
const locationSites = `LAC;CI;Latitude;Longitude;Azimuth;Beam Width;Address
7301;12345;22.5726;88.3639;90;65;Home mast
7301;22222;22.5726;88.4639;270;65;Office mast
9999;1;28.6139;77.2090;;;Delhi
`

const locationLayer = `{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[88.3,22.5],[88.5,22.5],[88.5,22.6],[88.3,22.5]]]}}`

func locationCase(t *testing.T) (casePath, dir string) {
	t.Helper()
	dir = t.TempDir()
	cdr := filepath.Join(dir, "cdr.csv")
	sites := filepath.Join(dir, "sites.csv")
	layer := filepath.Join(dir, "wards.geojson")
	os.WriteFile(cdr, []byte(locationCDR), 0o444)
	os.WriteFile(sites, []byte(locationSites), 0o444)
	os.WriteFile(layer, []byte(locationLayer), 0o444)
	casePath = filepath.Join(dir, "case.db")
	runOK(t, "import", casePath, cdr)
	out := runOK(t, "cells", casePath, sites, "--plmn", "404-10", "--layer", layer, "--json")
	var res struct {
		Files []struct {
			Path, Kind, SHA256, Error string
			Rows                      int64
		} `json:"files"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 2 || res.Files[0].Rows != 3 || res.Files[0].Kind != "cells" || res.Files[0].SHA256 == "" ||
		res.Files[1].Kind != "layer" || res.Files[1].Rows != 1 {
		t.Fatalf("cells --json: %s", out)
	}
	return casePath, dir
}

func TestCellsCommandRefusesWithoutPLMN(t *testing.T) {
	casePath, dir := locationCase(t)
	other := filepath.Join(dir, "more.csv")
	os.WriteFile(other, []byte("LAC;CI;Latitude;Longitude\n1;2;22.5;88.3\n"), 0o444)
	var out, errOut bytes.Buffer
	if code := run([]string{"cells", casePath, other}, &out, &errOut); code != 1 || !strings.Contains(out.String(), "--plmn") {
		t.Errorf("exit %d: %s %s", code, out.String(), errOut.String())
	}
	if code := run([]string{"cells", casePath}, &out, &errOut); code != 2 {
		t.Errorf("no file: exit %d", code)
	}
	out.Reset()
	if code := run([]string{"cells", casePath, other, "--plmn", "404-10"}, &out, &errOut); code != 0 || !strings.Contains(out.String(), ": 1 cell site, 0 rejected") {
		t.Errorf("with --plmn: exit %d: %s", code, out.String())
	}
}

type locJSON struct {
	MSISDN      string  `json:"msisdn"`
	PlacedShare float64 `json:"placed_share"`
	Sites       []struct {
		Cell        string
		Lat, Lon    float64
		Records     int
		First, Last string
	} `json:"sites"`
	Stays []struct {
		Cell     string
		From, To string
		Records  int
	} `json:"stays"`
	Moves []struct {
		FromCell   string `json:"from_cell"`
		ToCell     string `json:"to_cell"`
		At         string
		KM, KMH    float64
		Impossible bool
	} `json:"moves"`
	Places struct {
		Home *struct {
			Cell     string
			Lat, Lon float64
			Nights   int
		}
		Work *struct {
			Cell     string
			Lat, Lon float64
			Days     int
		}
	} `json:"places"`
}

func location(t *testing.T, args ...string) locJSON {
	t.Helper()
	var v locJSON
	out := runOK(t, append([]string{"location"}, append(args, "--json")...)...)
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return v
}

func TestLocationJSON(t *testing.T) {
	casePath, _ := locationCase(t)
	v := location(t, casePath, "+91 97144 99703")
	if v.MSISDN != "919714499703" || v.PlacedShare != 0.8889 {
		t.Errorf("msisdn %s placed %v, want 8 of 9 = 0.8889", v.MSISDN, v.PlacedShare)
	}
	// three written forms of C1 are three cells of the case at one site
	if len(v.Sites) != 5 || v.Sites[0].Cell != "404-10-7301-22222" || v.Sites[0].Records != 4 || v.Sites[0].First != "2024-03-19T10:00:00" || v.Sites[0].Last != "2024-03-20T10:15:00" {
		t.Errorf("sites %+v", v.Sites)
	}
	if len(v.Stays) != 5 || v.Stays[0].Records != 2 || v.Stays[0].From != "2024-03-18T23:00:00" || v.Stays[0].To != "2024-03-19T02:00:00" {
		t.Errorf("stays %+v", v.Stays)
	}
	want := []struct {
		km, kmh    float64
		impossible bool
	}{{10.279, 1.285, false}, {10.279, 0.894, false}, {10.279, 0.979, false}, {1313.894, 5255.577, true}}
	if len(v.Moves) != len(want) {
		t.Fatalf("moves %+v", v.Moves)
	}
	for i, w := range want {
		m := v.Moves[i]
		if math.Abs(m.KM-w.km) > 0.0015 || math.Abs(m.KMH-w.kmh) > 0.0015 || m.Impossible != w.impossible {
			t.Errorf("move %d: %+v, want %+v", i, m, w)
		}
	}
	if m := v.Moves[3]; m.FromCell != "404-10-7301-22222" || m.ToCell != "404-10-9999-1" || m.At != "2024-03-20T10:30:00" {
		t.Errorf("the impossible move: %+v", m)
	}
	if h := v.Places.Home; h == nil || h.Lat != 22.5726 || h.Lon != 88.3639 || h.Nights != 2 {
		t.Errorf("home %+v", h)
	}
	if w := v.Places.Work; w == nil || w.Cell != "404-10-7301-22222" || w.Days != 2 {
		t.Errorf("work %+v", w)
	}
}

func TestLocationFlags(t *testing.T) {
	casePath, dir := locationCase(t)
	if v := location(t, casePath, "919714499703", "--from", "2024-03-20", "--to", "2024-03-20"); v.PlacedShare != 0.75 || len(v.Moves) != 1 || v.Places.Home != nil {
		t.Errorf("--from/--to the 20th: %+v", v)
	}
	if v := location(t, casePath, "919714499703", "--night", "01-03"); v.Places.Home == nil || v.Places.Home.Nights != 1 {
		t.Errorf("--night 01-03: %+v", v.Places.Home)
	}
	if v := location(t, casePath, "919714499703", "--day", "12-13"); v.Places.Work == nil || v.Places.Work.Days != 1 {
		t.Errorf("--day 12-13: %+v", v.Places.Work)
	}
	if v := location(t, casePath, "919714499703", "--max-kmh", "6000"); v.Moves[3].Impossible {
		t.Errorf("--max-kmh 6000: %+v", v.Moves[3])
	}
	text := runOK(t, "location", casePath, "919714499703")
	for _, w := range []string{"8 of 9 records placed (88.9%)", "home (22-06): 404-10-7301-12345", "IMPOSSIBLE 404-10-7301-22222 -> 404-10-9999-1", "404-10-5555-5", "no position known"} {
		if !strings.Contains(text, w) {
			t.Errorf("text output lacks %q:\n%s", w, text)
		}
	}
	exports := t.TempDir() // not the evidence folder, which is refused
	for _, ext := range []string{".csv", ".json", ".kml", ".geojson"} {
		p := filepath.Join(exports, "out"+ext)
		runOK(t, "location", casePath, "919714499703", "--export", p)
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		switch ext {
		case ".csv":
			s := string(raw)
			if !strings.HasPrefix(s, "# cdrtui export of: location of 919714499703") || strings.Count(s, "\nstay,") != 5 || strings.Count(s, "\nmove,") != 4 ||
				!strings.Contains(s, "move,404-10-7301-22222,404-10-9999-1,2024-03-20T10:15:00,2024-03-20T10:30:00,,22.5726,88.4639,28.6139,77.209,1313.894,5255.577,true") {
				t.Errorf("csv:\n%s", s)
			}
		case ".json":
			var v struct {
				Meta     map[string]any `json:"meta"`
				Location locJSON        `json:"location"`
			}
			if err := json.Unmarshal(raw, &v); err != nil || v.Meta["of"] != "location of 919714499703" || len(v.Location.Moves) != 4 {
				t.Errorf("json: %v %s", err, raw)
			}
		case ".kml":
			var k struct {
				Placemarks []struct {
					Name string `xml:"name"`
				} `xml:"Document>Placemark"`
			}
			if err := xml.Unmarshal(raw, &k); err != nil || len(k.Placemarks) != 5+4+2 || k.Placemarks[len(k.Placemarks)-2].Name != "home" {
				t.Errorf("kml: %v %s", err, raw)
			}
		case ".geojson":
			fc, err := geojson.UnmarshalFeatureCollection(raw)
			if err != nil || len(fc.Features) != 5+4+2 {
				t.Errorf("geojson: %v %s", err, raw)
			}
		}
	}
	var out, errOut bytes.Buffer
	for _, bad := range [][]string{{"--night", "5"}, {"--day", "09-09"}, {"--export", filepath.Join(dir, "x.txt")}, {"--max-kmh", "0"}} {
		if code := run(append([]string{"location", casePath, "919714499703"}, bad...), &out, &errOut); code != 2 {
			t.Errorf("%v: exit %d", bad, code)
		}
	}
}
