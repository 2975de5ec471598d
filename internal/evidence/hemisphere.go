package evidence

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// A coordinate column may name its hemisphere in its header and write
// only the number: Movistar Colombia's returns give `latitud_n` and
// `longitud_w` with the longitude unsigned (74.0966 for Bogotá, which is
// 74.0966 W). Read as a signed longitude that is 74 E, in Asia. So a
// column whose header names the west (or the south) is read as west (or
// south): an unsigned number is the distance west of Greenwich, a minus
// sign says the same, and a hemisphere letter on the value that says
// east is refused. A header naming the north or the east changes
// nothing: a positive number is already there, and a minus sign is read
// as written (a Colombian cell south of the equator under `latitud_n`).
// A header naming both (`Longitude E/W`) names neither.

// hemisphereWords are the words of a header that name a hemisphere, by
// the letter a value would carry. Words of two meanings are left out:
// "o" is the west in Spanish (oeste) and the east in German (Ost).
var hemisphereWords = map[string]byte{
	"n": 'N', "north": 'N', "norte": 'N', "nord": 'N',
	"s": 'S', "south": 'S', "sur": 'S', "sul": 'S', "sud": 'S', "süd": 'S',
	"e": 'E', "east": 'E', "este": 'E', "est": 'E', "ost": 'E', "leste": 'E',
	"w": 'W', "west": 'W', "oeste": 'W', "ouest": 'W',
}

// headerHemisphere is the hemisphere a latitude (lat) or longitude
// column's header names: 'N' or 'S' for a latitude, 'E' or 'W' for a
// longitude, 0 when it names none, both, or one of the other axis.
func headerHemisphere(header string, lat bool) byte {
	var found byte
	for _, w := range headerWords(header) {
		h, ok := hemisphereWords[w]
		if !ok {
			continue
		}
		if (h == 'N' || h == 'S') != lat {
			return 0
		}
		if found != 0 && found != h {
			return 0
		}
		found = h
	}
	return found
}

// pairHemispheres are the hemispheres the header of a column holding both
// coordinates names ("Lat N / Long W"): N or S for the latitude, E or W
// for the longitude, 0 for an axis it names none or both of.
func pairHemispheres(header string) (lat, lon byte) {
	seen := map[byte]bool{}
	for _, w := range headerWords(header) {
		if h, ok := hemisphereWords[w]; ok {
			seen[h] = true
		}
	}
	pick := func(a, b byte) byte {
		switch {
		case seen[a] && !seen[b]:
			return a
		case seen[b] && !seen[a]:
			return b
		}
		return 0
	}
	return pick('N', 'S'), pick('E', 'W')
}

// ownHemisphere says a value carries a hemisphere letter of its own
// ("74.1W", "W 74.1").
func ownHemisphere(raw string) bool {
	s := strings.ToUpper(strings.TrimSpace(unwrapValue(raw)))
	if s == "" {
		return false
	}
	return strings.IndexByte("NSEW", s[len(s)-1]) >= 0 || strings.IndexByte("NSEW", s[0]) >= 0 ||
		strings.ContainsAny(s, "/;") && strings.ContainsAny(s, "NSEW") // a pair: "4.63N/74.09E"
}

// withHemisphere applies the hemisphere hemi a column's header names to
// v, the value raw as parseCoord read it. Under 'W' or 'S' an unsigned
// number is west or south; a value whose own letter says east or north
// is refused with the reason. Any other hemi leaves v as it is.
func withHemisphere(raw string, v float64, hemi byte) (float64, string) {
	if hemi != 'W' && hemi != 'S' {
		return v, ""
	}
	if ownHemisphere(raw) && v > 0 {
		other := "east"
		if hemi == 'S' {
			other = "north"
		}
		return 0, fmt.Sprintf("%q is %s under a header that names the %s", raw, other, hemisphereName(hemi))
	}
	return -math.Abs(v), ""
}

func hemisphereName(h byte) string {
	switch h {
	case 'N':
		return "north"
	case 'S':
		return "south"
	case 'E':
		return "east"
	}
	return "west"
}

// hemisphereColumns settles the record's latitude and longitude columns
// whose header names the south or the west: one whose sampled values mix
// a minus sign with unsigned numbers is refused (a signed export of
// places on both sides would be misread as all in the named hemisphere,
// an unsigned one has no minus), the others are read in the hemisphere
// named (Layout.Hemisphere, said in the format).
func hemisphereColumns(l *Layout, byCol map[int][]string) {
	for _, f := range []Field{FCellLat, FCellLon} {
		c, ok := l.Columns[f]
		if !ok || c >= len(l.Header) {
			continue
		}
		h := headerHemisphere(l.Header[c], f == FCellLat)
		if h != 'W' && h != 'S' {
			continue
		}
		signed := func(v string) bool { return strings.HasPrefix(strings.TrimSpace(unwrapValue(v)), "-") }
		unsigned := func(v string) bool { return !signed(v) && !ownHemisphere(v) }
		if vs := byCol[c]; slices.ContainsFunc(vs, signed) && slices.ContainsFunc(vs, unsigned) {
			delete(l.Columns, f)
			l.Refused = append(l.Refused, fmt.Sprintf("%q not %s (its header names the %s, yet its values are written both with a minus sign and without: which are %s?)",
				l.Header[c], f, hemisphereName(h), oppositeName(h)))
			continue
		}
		if l.Hemisphere == nil {
			l.Hemisphere = map[Field]byte{}
		}
		l.Hemisphere[f] = h
	}
}

func oppositeName(h byte) string {
	if h == 'S' {
		return "north"
	}
	return "east"
}

// hemisphereFormat says which coordinate columns are read in the
// hemisphere their header names.
func (l *Layout) hemisphereFormat() string {
	var parts []string
	for _, f := range []Field{FCellLat, FCellLon} {
		if h := l.Hemisphere[f]; h != 0 {
			parts = append(parts, fmt.Sprintf("%q read as %s (its header says so)", l.Header[l.Columns[f]], hemisphereName(h)))
		}
	}
	return strings.Join(parts, ", ")
}

// withoutHemisphere is a header's normalised name with a hemisphere word
// it begins or ends with left out ("longitud_w": "longitud", "W
// Longitude": "longitude"), "" when it has none.
func withoutHemisphere(h string) string {
	n := normalizeHeader(h)
	for _, w := range headerWords(h) {
		if _, ok := hemisphereWords[w]; !ok || len(w) >= len(n) {
			continue
		}
		if strings.HasSuffix(n, w) {
			return n[:len(n)-len(w)]
		}
		if strings.HasPrefix(n, w) {
			return n[len(w):]
		}
	}
	return ""
}

// signStyles remembers, for a cell-site list's latitude and longitude
// columns whose header names the south or the west, whether their first
// plain value was written with a minus sign: a later one written the
// other way is refused. A list read row by row cannot refuse the column
// (its first rows are stored), yet an unsigned list read as west and a
// signed one are each right only when all of their values are written one
// way: 58.38 and -58.38 under "Longitude (W)" are not both west.
type signStyles struct{ lat, lon byte } // 0 none yet, '+' unsigned, '-' signed

// check records or checks the values la and lo under headers naming hemiLat
// and hemiLon; the reason a value is refused, "" when it is not.
func (s *signStyles) check(la string, hemiLat byte, lo string, hemiLon byte) string {
	for _, c := range []struct {
		v     string
		hemi  byte
		style *byte
	}{{la, hemiLat, &s.lat}, {lo, hemiLon, &s.lon}} {
		if (c.hemi != 'S' && c.hemi != 'W') || ownHemisphere(c.v) {
			continue
		}
		style := byte('+')
		if strings.HasPrefix(strings.TrimSpace(unwrapValue(c.v)), "-") {
			style = '-'
		}
		switch {
		case *c.style == 0:
			*c.style = style
		case *c.style != style:
			first := "without"
			if *c.style == '-' {
				first = "with"
			}
			return fmt.Sprintf("%q under a header that names the %s, where the list's first value is written %s a minus sign: which are %s is not known",
				c.v, hemisphereName(c.hemi), first, oppositeName(c.hemi))
		}
	}
	return ""
}

// pairInHemispheres applies the hemispheres a one-column position's header
// names to lat and lon, read from v: the pair's own letters, where it has
// some, must agree with them.
func (sr *SiteReader) pairInHemispheres(v string, lat, lon float64) (float64, float64, string) {
	if !strings.ContainsAny(strings.ToUpper(v), "NSEW") {
		v = ""
	}
	lat, r := withHemisphere(v, lat, sr.hemiLat)
	if r != "" {
		return 0, 0, r
	}
	lon, r = withHemisphere(v, lon, sr.hemiLon)
	return lat, lon, r
}
