package evidence

import (
	"strings"
	"unicode/utf8"
)

// numberParts cuts a position written as bare numbers in one column
// ("18.5286/73.8470/120", "18.5286 73.8470 120", "22.39711, 88.43938",
// "18.5286-73.8470-120") into its latitude, longitude and, when a third
// is written, azimuth, as written ("" for one left empty: "/73.8470/120"
// has no latitude). The separator is the first of '/', ';', ',' the
// value holds, else white space, else a '-' that follows a digit: the
// "Lat-Long-Azimuth" column of Indian CDR analysis tools joins its three
// values with it, and a minus sign never follows a digit (a western
// longitude so joined is written "40.7128--74.006"). ok is false when the
// value holds anything else (letters, degree marks): parseLatLon and
// parseCoord read those.
func numberParts(s string) (parts []string, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.IndexFunc(s, func(r rune) bool { return !strings.ContainsRune("0123456789.-/,; \t", r) }) >= 0 {
		return nil, false
	}
	switch {
	case strings.ContainsAny(s, "/;,"):
		sep := "/"
		for _, c := range []string{"/", ";", ","} {
			if strings.Contains(s, c) {
				sep = c
				break
			}
		}
		parts = strings.Split(s, sep)
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
	case strings.ContainsAny(s, " \t"):
		parts = strings.Fields(s)
	default:
		start := 0
		for i := 1; i < len(s); i++ {
			if s[i] == '-' && isDigitByte(s[i-1]) {
				parts = append(parts, s[start:i])
				start = i + 1
			}
		}
		parts = append(parts, s[start:])
	}
	for _, p := range parts {
		if _, ok := parseDegrees(p); p != "" && !ok {
			return nil, false
		}
	}
	return parts, true
}

// numberPosition reads numberParts' latitude and longitude; reason says
// why the value is none (one of them empty, not two or three numbers).
func numberPosition(parts []string) (lat, lon float64, reason string) {
	if len(parts) < 2 || len(parts) > 3 {
		return 0, 0, "is not a latitude and longitude"
	}
	if parts[0] == "" || parts[1] == "" {
		return 0, 0, "is not a latitude and longitude: one of them is empty"
	}
	lat, _ = parseDegrees(parts[0])
	lon, _ = parseDegrees(parts[1])
	return lat, lon, ""
}

// latin1Marks reads the degree sign of a file written in Latin-1 or
// Windows-1252 (as a spreadsheet saves CSV): byte 0xB0 '°' and 0xBA 'º',
// in a value that is not UTF-8, become their UTF-8 characters, so that
// 28\xb036'50"N reads as 28°36'50"N rather than being refused.
func latin1Marks(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.NewReplacer("\xb0", "°", "\xba", "º").Replace(s)
}
