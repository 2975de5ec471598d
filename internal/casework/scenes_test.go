package casework

import (
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/analysis/location"
)

func TestParseScene(t *testing.T) {
	sc, err := ParseScene("404-10-7301-12345,404100730122222@2024-03-18T10:00..2024-03-18T11:30")
	if err != nil || len(sc.Cells) != 2 || sc.Cells[1].Text != "404100730122222" || sc.To-sc.From != 5400 || sc.Point != nil {
		t.Errorf("%+v %v", sc, err)
	}
	sc, err = ParseScene("22.5726,88.3639~1.5km@2024-03-18 10:00..2024-03-18 10:15")
	if err != nil || sc.Point == nil || sc.Point.Lat != 22.5726 || sc.Point.Lon != 88.3639 || sc.RadiusM != 1500 || sc.To-sc.From != 900 {
		t.Errorf("%+v %v", sc, err)
	}
	sc, err = ParseScene("cells=404-10-7301-*;from=2024-03-18;to=2024-03-18")
	if err != nil || len(sc.Cells) != 1 || !sc.Cells[0].Prefix || sc.To-sc.From != 86400 {
		t.Errorf("a prefix over a whole day: %+v %v", sc, err)
	}
	sc, err = ParseScene("point=22.5,88.3;radius=500;from=2024-03-18T10:00;to=2024-03-18T11:00")
	if err != nil || sc.RadiusM != 500 || sc.Point == nil {
		t.Errorf("%+v %v", sc, err)
	}
	for _, bad := range []string{
		"404-10-7301-12345",                              // no window
		"404-10-7301-12345@2024-03-18T10:00",             // no ..
		"@2024-03-18T10:00..2024-03-18T11:00",            // no cell
		"91,200~500m@2024-03-18T10:00..2024-03-18T11:00", // latitude out of range
		"22.5,88.3~0m@2024-03-18T10:00..2024-03-18T11:00",
		"404-10-7301-12345@2024-03-18T11:00..2024-03-18T10:00", // backwards
		"cells=1;when=today",
	} {
		if _, err := ParseScene(bad); err == nil || !strings.Contains(err.Error(), "scene") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func TestParseDistance(t *testing.T) {
	for in, want := range map[string]float64{"500m": 500, "2km": 2000, "1.5 km": 1500, "0": 0, "750": 750} {
		if got, err := ParseDistance(in); err != nil || got != want {
			t.Errorf("%q: %v %v", in, got, err)
		}
	}
	for _, bad := range []string{"-1m", "far", "101km", "NaN"} {
		if _, err := ParseDistance(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// A point scene that finds no cell says why, not just "0 cells": one site
// at 28.6139,77.2090 (New Delhi). 28.62,77.209 is 0.0061° of latitude
// north of it, 0.0061 × π/180 × 6378137 m (orb's haversine radius) = 679
// m, outside 500 m; 77.209,28.6139, the same point with latitude and
// longitude swapped, finds it once swapped back; a case with no
// positions says so.
func TestScenePointNote(t *testing.T) {
	sites := map[int64]LocSite{1: {Cell: "404-10-7301-12345", Lat: 28.6139, Lon: 77.2090}}
	if got, want := pointNote(location.Point{Lat: 28.62, Lon: 77.209}, 500, sites),
		"no cell site within 500 m of 28.62,77.209 (the nearest 679 m away)"; got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	got := pointNote(location.Point{Lat: 77.209, Lon: 28.6139}, 500, sites)
	if !strings.HasPrefix(got, "latitude and longitude swapped? 28.6139,77.209 has 1 cell site within 500 m, 77.209,28.6139 none") {
		t.Errorf("swapped: %q", got)
	}
	if got := pointNote(location.Point{Lat: 28.62, Lon: 77.209}, 500, nil); !strings.HasPrefix(got, "no cell of the case has a position") {
		t.Errorf("no positions: %q", got)
	}
}
