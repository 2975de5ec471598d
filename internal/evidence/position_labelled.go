package evidence

import "strings"

// labelledPosition reads a position written inside a place's text, each
// coordinate after its label, as BSNL's "First BTS Location" ends:
// "Mallickpur II C; Kolkata; Lat-22.39711; Long-88.43938". The text is
// cut at ';' (else ','); exactly one part must begin with a latitude's
// label and one with a longitude's, each label followed by a number and
// nothing else. A place with no such labels ("OPEN PLOT OF MR AMITBHAI")
// has no position: nothing is read from bare numbers in an address.
func labelledPosition(s string) (lat, lon float64, ok bool) {
	sep := ";"
	if !strings.Contains(s, sep) {
		sep = ","
	}
	var la, lo string
	nLat, nLon := 0, 0
	for _, part := range strings.Split(s, sep) {
		part = strings.TrimSpace(part)
		switch coordLabel(part) {
		case 'a':
			la, nLat = part, nLat+1
		case 'o':
			lo, nLon = part, nLon+1
		}
	}
	if nLat != 1 || nLon != 1 {
		return 0, 0, false
	}
	lat, r1 := parseCoord(stripCoordLabel(la), true)
	lon, r2 := parseCoord(stripCoordLabel(lo), false)
	if r1 != "" || r2 != "" {
		return 0, 0, false
	}
	return lat, lon, true
}

// coordLabel is 'a' when part begins with a latitude's label ("Lat",
// "Latitude") and 'o' with a longitude's ("Long", "Lon", "Lng",
// "Longitude"), the label followed by ':', '=', '-' or a space; 0 when
// neither.
func coordLabel(part string) byte {
	low := strings.ToLower(part)
	for _, l := range []struct {
		word string
		axis byte
	}{{"latitude", 'a'}, {"longitude", 'o'}, {"lat", 'a'}, {"long", 'o'}, {"lon", 'o'}, {"lng", 'o'}} {
		if rest, found := strings.CutPrefix(low, l.word); found && rest != "" && strings.ContainsRune(" :=-", rune(rest[0])) {
			return l.axis
		}
	}
	return 0
}

// BSNL's "First BTS Location" is the cell's position only when its values
// hold one (labelledPosition); Vi's, a place's name alone, is not read.
func init() { strictAlias["firstbtslocation"] = true }
