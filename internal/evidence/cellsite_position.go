package evidence

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/cdrtui/cdrtui/internal/ident"
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
// position (or azimuth) is malformed, off the globe or, for a cell whose
// MCC countryBoxes knows, outside its country (swapped) keeps its other
// fields and has the value reported as a field-level reject with its
// reason. Coordinates are read as the cell-site reader reads them
// (parsePosition, parseCoord): decimal degrees, degrees-minutes-seconds,
// degrees and decimal minutes, hemisphere letters.
func (rd *Reader) cellPosition(row *Row, cell string) CellPosition {
	var p CellPosition
	bad := func(f Field, v, reason string) {
		row.issue(f, v, errors.New(reason))
	}
	posField, posValue := FCellPos, ""
	if v := rd.cell(FCellPos); v != "" && !placeholder(v) {
		posValue = v
		lat, lon, reason := parsePosition(v)
		switch {
		case reason != "" && rd.l.siteNameOnly(v):
			// a site's name with no position: nothing to read, nothing wrong
		case reason != "":
			bad(FCellPos, v, reason)
		case !validPosition(lat, lon):
			bad(FCellPos, v, positionReason(lat, lon))
		default:
			p.Lat, p.Lon, p.Set, p.Name = lat, lon, true, siteName(v)
		}
	} else if la, lo := rd.cell(FCellLat), rd.cell(FCellLon); (la != "" && !placeholder(la)) || (lo != "" && !placeholder(lo)) {
		posField, posValue = FCellLat, la+", "+lo
		lat, r1 := parseCoord(la, true)
		lon, r2 := parseCoord(lo, false)
		if r1 == "" {
			lat, r1 = withHemisphere(la, lat, rd.l.Hemisphere[FCellLat])
		}
		if r2 == "" {
			lon, r2 = withHemisphere(lo, lon, rd.l.Hemisphere[FCellLon])
		}
		switch {
		case r1 != "" && (la == "" || placeholder(la)):
			bad(FCellLon, lo, "is a longitude without a latitude")
		case r2 != "" && (lo == "" || placeholder(lo)):
			bad(FCellLat, la, "is a latitude without a longitude")
		case r1 != "":
			bad(FCellLat, la, coordReason(r1, "is not a latitude in degrees"))
		case r2 != "":
			bad(FCellLon, lo, coordReason(r2, "is not a longitude in degrees"))
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
	if p.Set {
		if c, ok := ident.ParseCell(cell); ok {
			if r := countryReason(c.MCC, p.Lat, p.Lon); r != "" {
				p = CellPosition{}
				bad(posField, posValue, r)
			}
		}
	}
	az := rd.cell(FAzimuth)
	if posField == FCellPos && !rd.has(FAzimuth) {
		parts, ok := numberParts(unwrapValue(posValue))
		if !ok {
			parts = strings.Split(unwrapValue(posValue), "/")
		}
		if len(parts) == 3 {
			az = strings.TrimSpace(parts[2]) // "Lat-Long-Azimuth": 18.5286/73.8470/120, 18.5286 73.8470 120
		}
	}
	if v := az; v != "" && !placeholder(v) {
		if a, ok := parseDegrees(v); ok && a >= 0 && a <= 360 {
			p.Azimuth, p.HasAzimuth = math.Mod(a, 360), true
		} else {
			bad(FAzimuth, v, "is not an azimuth of 0 to 360 degrees")
		}
	}
	return p
}

// coordReason is parseCoord's reason for a record's field issue: a value
// that is no number of degrees in the words dflt gives, a swapped axis or
// impossible minutes as parseCoord says.
func coordReason(r, dflt string) string {
	if r == "not a number of degrees" || r == "empty" {
		return dflt
	}
	return r
}

// coordinateFits says a value is a coordinate of the axis (lat true) or
// one on the other axis (swapped: read, then refused with its reason).
func coordinateFits(v string, lat bool) bool {
	_, r := parseCoord(v, lat)
	return r == "" || strings.Contains(r, "swapped")
}

// parsePosition reads a position written in one column: bare numbers as
// numberParts cuts them ("18.5286-73.8470-120"), decimal degrees
// as parseLatLon reads them ("22.39711/88.43938", "Lat-22.39711;
// Long-88.43938"), or two coordinates in the forms parseCoord reads,
// latitude first, separated by '/', ';' or ',' or told apart by their
// hemisphere letters (`22°34'21.4"N 88°21'37.8"E`, "N 22 34 21.4 E 88 21
// 37.8"). reason says why a value is refused: no position, a latitude
// that is on the other axis (swapped), minutes of 60 or more.
func parsePosition(s string) (lat, lon float64, reason string) {
	const notOne = "is not a latitude and longitude"
	s = unwrapValue(latin1Marks(s))
	if _, lat, lon, ok := pipedSite(s); ok {
		return lat, lon, "" // Jazz's SiteLocation, "name|lat|long" (site_location.go)
	}
	if parts, ok := numberParts(s); ok {
		return numberPosition(parts)
	}
	if !hasCoordMarks(s) {
		if lat, lon, ok := parseLatLon(s); ok {
			return lat, lon, ""
		}
		if lat, lon, ok := labelledPosition(s); ok {
			return lat, lon, ""
		}
		return 0, 0, notOne
	}
	a, b, ok := splitPosition(strings.TrimSpace(s))
	if !ok {
		return 0, 0, notOne
	}
	lat, r1 := parseCoord(stripCoordLabel(a), true)
	lon, r2 := parseCoord(stripCoordLabel(b), false)
	for _, r := range []string{r1, r2} {
		if r != "" {
			return 0, 0, coordReason(r, notOne)
		}
	}
	return lat, lon, ""
}

// hasCoordMarks says a position is written with degree, minute or second
// marks, or with hemisphere letters (its only letters N, S, E and W).
func hasCoordMarks(s string) bool {
	if strings.ContainsAny(s, "°º'\"′″") {
		return true
	}
	hemi := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i] | 0x20; {
		case c == 'n' || c == 's' || c == 'e' || c == 'w':
			hemi++
		case c >= 'a' && c <= 'z':
			return false
		}
	}
	return hemi > 0
}

// splitPosition cuts a one-column position into its latitude and
// longitude: at its one '/', ';' or ',', else between its two hemisphere
// letters (after the first when they follow the numbers, before the
// second when they lead them). "lat/long/azimuth" gives lat and long.
func splitPosition(s string) (string, string, bool) {
	for _, sep := range []string{"/", ";", ","} {
		if parts := strings.Split(s, sep); len(parts) == 2 || len(parts) == 3 && sep == "/" {
			return parts[0], parts[1], true // a third part is an azimuth ("lat/long/azimuth")
		}
	}
	var at []int
	for i := 0; i < len(s); i++ {
		if strings.IndexByte("NSEWnsew", s[i]) >= 0 {
			at = append(at, i)
		}
	}
	if len(at) != 2 {
		return "", "", false
	}
	if at[0] == 0 {
		return s[:at[1]], s[at[1]:], true
	}
	return s[:at[0]+1], s[at[0]+1:], true
}

// stripCoordLabel drops a "Lat", "Latitude", "Long", "Lon" or "Lng"
// label and the one separator after it (':', '=', or a '-' against the
// label, as BSNL writes "Lat-22.39711"), keeping the number's own sign:
// "Lat: -33.86", "Lat--33.86" and "Lat -33.86" are south.
func stripCoordLabel(s string) string {
	s = strings.TrimSpace(s)
	low := strings.ToLower(s)
	for _, l := range []string{"latitude", "longitude", "lat", "long", "lon", "lng"} {
		if !strings.HasPrefix(low, l) {
			continue
		}
		rest := s[len(l):]
		if rest != "" && rest[0] == '-' {
			return strings.TrimSpace(rest[1:])
		}
		rest = strings.TrimLeft(rest, " ")
		if rest != "" && (rest[0] == ':' || rest[0] == '=') {
			rest = rest[1:]
		} else if strings.HasPrefix(rest, "- ") {
			rest = rest[1:] // "Lat - 22.4": a separator between spaces
		}
		return strings.TrimSpace(rest)
	}
	return s
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
