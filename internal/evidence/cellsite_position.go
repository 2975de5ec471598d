package evidence

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// parseDegrees reads a decimal number, a comma as the decimal mark
// accepted ("22,3971").
func parseDegrees(s string) (float64, bool) {
	if s == "" {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		v, err = strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	}
	return v, err == nil && !math.IsNaN(v) && !math.IsInf(v, 0)
}

// parseLatLon reads a position written in one column: "22.39711/88.43938",
// "22.39711, 88.43938", "Lat-22.39711; Long-88.43938": the first two
// decimal numbers, latitude first.
func parseLatLon(s string) (lat, lon float64, ok bool) {
	var nums []float64
	for i := 0; i < len(s) && len(nums) < 2; {
		c := s[i]
		neg := false
		if c == '-' && i+1 < len(s) && isDigitByte(s[i+1]) && (i == 0 || !isLetterByte(s[i-1])) {
			neg = true
			i++
		}
		if !isDigitByte(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && (isDigitByte(s[j]) || s[j] == '.') {
			j++
		}
		v, err := strconv.ParseFloat(s[i:j], 64)
		if err != nil {
			return 0, 0, false
		}
		if neg {
			v = -v
		}
		nums = append(nums, v)
		i = j
	}
	if len(nums) < 2 {
		return 0, 0, false
	}
	return nums[0], nums[1], true
}

// validPosition says a position is on the globe and not the 0,0 an
// export writes for none.
func validPosition(lat, lon float64) bool {
	return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180 && !(lat == 0 && lon == 0)
}

// cellPosition reads the row's position of its cell, when its columns
// give one that is valid; a row with none has no site, and one whose
// position (or azimuth) is malformed or off the globe keeps its other
// fields and has the value reported as a field-level reject with its
// reason.
func (rd *Reader) cellPosition(row *Row) CellPosition {
	var p CellPosition
	bad := func(f Field, v, reason string) {
		row.issue(f, v, errors.New(reason))
	}
	if v := rd.cell(FCellPos); v != "" && !placeholder(v) {
		if p.Lat, p.Lon, p.Set = parseLatLon(v); !p.Set {
			bad(FCellPos, v, "is not a latitude and longitude")
		} else if !validPosition(p.Lat, p.Lon) {
			p.Set = false
			bad(FCellPos, v, positionReason(p.Lat, p.Lon))
		}
	} else if la, lo := rd.cell(FCellLat), rd.cell(FCellLon); (la != "" && !placeholder(la)) || (lo != "" && !placeholder(lo)) {
		lat, ok1 := parseDegrees(la)
		lon, ok2 := parseDegrees(lo)
		switch {
		case !ok1 && (la == "" || placeholder(la)):
			bad(FCellLon, lo, "is a longitude without a latitude")
		case !ok2 && (lo == "" || placeholder(lo)):
			bad(FCellLat, la, "is a latitude without a longitude")
		case !ok1:
			bad(FCellLat, la, "is not a latitude in degrees")
		case !ok2:
			bad(FCellLon, lo, "is not a longitude in degrees")
		case !validPosition(lat, lon):
			f, v := FCellLat, la
			if lat >= -90 && lat <= 90 {
				f, v = FCellLon, lo
			}
			bad(f, v, positionReason(lat, lon))
		default:
			p.Lat, p.Lon, p.Set = lat, lon, true
		}
	}
	if v := rd.cell(FAzimuth); v != "" && !placeholder(v) {
		if a, ok := parseDegrees(v); ok && a >= 0 && a <= 360 {
			p.Azimuth, p.HasAzimuth = math.Mod(a, 360), true
		} else {
			bad(FAzimuth, v, "is not an azimuth of 0 to 360 degrees")
		}
	}
	return p
}

// positionReason says why a parsed position is not one.
func positionReason(lat, lon float64) string {
	switch {
	case lat < -90 || lat > 90:
		return fmt.Sprintf("latitude %g is out of range (-90 to 90)", lat)
	case lon < -180 || lon > 180:
		return fmt.Sprintf("longitude %g is out of range (-180 to 180)", lon)
	}
	return "0,0 is the placeholder of no position"
}
