package evidence

import (
	"strconv"
	"strings"
)

// Jazz (Pakistan) writes a record's site in one "SiteLocation" column, as
// a Pakistani CDR normaliser reads it: "name | lat | long [| extra]"
// (its extract_lat_long, which keeps a value of fewer parts whole as the
// tower's address). A value with a latitude and a longitude there places
// the record's cell, the name going with the position as the site's
// address; a value of other shape carries no position and is the site's
// name only, which the case keeps in the record's line as written.

// pipedSite reads "name|lat|lon[|…]": ok when the second and third parts
// are a latitude and a longitude in degrees, the first a name (not a
// number: "33.71|73.06|…" is no site's name and is not read so).
func pipedSite(s string) (name string, lat, lon float64, ok bool) {
	parts := strings.Split(s, "|")
	if len(parts) < 3 {
		return "", 0, 0, false
	}
	name = strings.TrimSpace(parts[0])
	if _, err := strconv.ParseFloat(name, 64); err == nil {
		return "", 0, 0, false
	}
	lat, r1 := parseCoord(parts[1], true)
	lon, r2 := parseCoord(parts[2], false)
	if r1 != "" || r2 != "" {
		return "", 0, 0, false
	}
	return name, lat, lon, true
}

// siteName is the name part of a piped site value whose position was
// read, "" for any other value.
func siteName(v string) string {
	name, _, _, ok := pipedSite(unwrapValue(v))
	if !ok {
		return ""
	}
	return name
}

// siteNameOnly says v, in the layout's position column, is a Jazz
// SiteLocation holding the site's name alone (no digit, no '|'): no
// position, and no malformed one either.
func (l *Layout) siteNameOnly(v string) bool {
	c, ok := l.Columns[FCellPos]
	return ok && c < len(l.Header) && normalizeHeader(l.Header[c]) == "sitelocation" &&
		!strings.ContainsAny(v, "0123456789|")
}
