package casework

import (
	"fmt"

	"github.com/cdrtui/cdrtui/internal/analysis/location"
)

// pointNote says why a point scene found no cell, so that an empty scene
// is not read as "nobody was there": the case has no cell positions, or
// none within the radius, with the nearest site's distance, or, first
// when the point with its latitude and longitude swapped has sites within
// the radius, that it was likely given the wrong way round.
func pointNote(p location.Point, radiusM float64, sites map[int64]LocSite) string {
	if len(sites) == 0 {
		return "no cell of the case has a position: a point finds no cell (import a cell-site list: cdrtui cells)"
	}
	nearest := -1.0
	swapped := 0
	sw := location.Point{Lat: p.Lon, Lon: p.Lat}
	canSwap := sw.Lat >= -90 && sw.Lat <= 90
	for _, s := range sites {
		at := location.Point{Lat: s.Lat, Lon: s.Lon}
		if d := location.DistanceM(p, at); nearest < 0 || d < nearest {
			nearest = d
		}
		if canSwap && location.DistanceM(sw, at) <= radiusM {
			swapped++
		}
	}
	if swapped > 0 {
		sites := "cell sites"
		if swapped == 1 {
			sites = "cell site"
		}
		return fmt.Sprintf("latitude and longitude swapped? %g,%g has %d %s within %s, %g,%g none (the nearest %s away)",
			sw.Lat, sw.Lon, swapped, sites, distText(radiusM), p.Lat, p.Lon, distText(nearest))
	}
	return fmt.Sprintf("no cell site within %s of %g,%g (the nearest %s away)", distText(radiusM), p.Lat, p.Lon, distText(nearest))
}

// distText writes a distance in metres under 10 km, else in kilometres.
func distText(m float64) string {
	if m < 10000 {
		return fmt.Sprintf("%.0f m", m)
	}
	return fmt.Sprintf("%.0f km", m/1000)
}
