package evidence

import (
	"fmt"
	"slices"
	"strings"
)

// Call and data records that write a position under a bare name:
// an Indian tower dump's "First Cell ID A, …, First Cell ID A Address,
// Roaming A, Latitude, Longitude" (the first cell's tower, beside its
// address), Telenor Pakistan's "Lac_Id, Site_Id, CELL_SITE_ID, LAT,
// LONGITUDE", Zong's "LAC_ID, CELL_ID, …, SITE_ADDRESS, LNG, LAT", Tigo
// Colombia's "CELDA_ORIGEN_TRUNCADA, …, AZIMUTH, …, LONGITUDE, LATITUDE".
// There the pair is the record's cell's position and is read as "Cell
// Site Lat"/"Cell Site Long" are. A bare pair is the cell's only beside a
// cell column and with no sign in the header that it is the handset's:
// a column naming the handset's position ("User Latitude", "UE Lat",
// "Device Longitude", "GPS Lat") or the accuracy of an estimate
// ("Accuracy", "Uncertainty", "Confidence": a network's estimate of
// where the phone was, as AT&T's NELOS records give it). Coordinate
// columns not read are named in the format, each with why.

// handsetWords in a coordinate column's header name the phone's own
// position, never its cell's.
var handsetWords = []string{"user", "ue", "device", "handset", "mobile", "ms", "subscriber", "gps", "estimated",
	"phone", "caller", "callee", "target", "client", "terminal"}

// estimateWords in any header say the file's positions are estimates of
// the phone's place, with their error.
var estimateWords = []string{"accuracy", "uncertainty", "confidence", "hepe", "cep"}

// coordAxis is 'a' when a header names a latitude, 'o' a longitude, 0
// neither; bare says the name is the axis alone ("Latitude", "LAT",
// "LNG", "Longitude (W)").
func coordAxis(h string) (axis byte, bare bool) {
	isLat := func(w string) bool { return w == "lat" || w == "latitude" || w == "latitud" }
	isLon := func(w string) bool {
		return w == "lon" || w == "long" || w == "lng" || w == "longitude" || w == "longitud"
	}
	n := normalizeHeader(h)
	if w := withoutHemisphere(h); w != "" {
		n = w
	}
	switch {
	case isLat(n):
		return 'a', true
	case isLon(n):
		return 'o', true
	}
	// a name ending in the axis ("1st Tower LAT", "userLatitude"), never
	// one that only holds the word ("Long Distance Flag")
	for _, w := range headerWords(h) {
		switch {
		case !strings.HasSuffix(n, w):
		case isLat(w):
			return 'a', false
		case isLon(w):
			return 'o', false
		}
	}
	return 0, false
}

// handsetCoord says a coordinate column's header names the phone's own
// position.
func handsetCoord(h string) bool {
	for _, w := range headerWords(h) {
		if slices.Contains(handsetWords, w) {
			return true
		}
	}
	return false
}

// recordCoordColumns reads a bare latitude and longitude pair as the
// record's cell's position where it is that (see above), and names every
// coordinate column left unread in l.NotRead, with why.
func recordCoordColumns(l *Layout, records []record, byCol map[int][]string, forced map[Field]string) {
	used := map[int]bool{}
	for _, c := range l.Columns {
		used[c] = true
	}
	var lats, lons, handset, other []int
	estimate := ""
	for i, h := range l.Header {
		if i >= maxWordColumns {
			break
		}
		for _, w := range headerWords(h) {
			if estimate == "" && slices.Contains(estimateWords, w) {
				estimate = h
			}
		}
		if used[i] {
			continue
		}
		axis, bare := coordAxis(h)
		switch {
		case axis == 0:
		case handsetCoord(h):
			handset = append(handset, i)
		case bare && axis == 'a':
			lats = append(lats, i)
		case bare:
			lons = append(lons, i)
		default:
			other = append(other, i)
		}
	}
	if len(handset) > 0 {
		l.NotRead = append(l.NotRead, fmt.Sprintf("%s (the handset's position, never its cell's)", l.columnNames(handset)))
	}
	if len(other) > 0 {
		// T-Mobile's "Last Tower LAT": the call's last cell, not the one
		// its record is placed by
		l.NotRead = append(l.NotRead, fmt.Sprintf("%s (not the position of the record's cell, %s)", l.columnNames(other), l.cellColumnName()))
	}
	if len(lats)+len(lons) == 0 {
		return
	}
	bare := append(slices.Clone(lats), lons...)
	slices.Sort(bare)
	why := ""
	_, mapped := forced[FCellLat]
	if _, ok := forced[FCellLon]; ok {
		mapped = true
	}
	switch {
	case l.Has(FCellLat) || l.Has(FCellLon) || l.Has(FCellPos) || mapped:
		why = "the cell's position is read from " + l.positionColumns()
	case len(lats) != 1 || len(lons) != 1:
		why = "not one latitude and one longitude: which pair is the cell's is not known"
	case !l.Has(FCell) && !l.Has(FLTESite):
		why = "no cell column beside them: a position of no cell"
	case len(handset) > 0:
		why = fmt.Sprintf("beside %s: the file gives the handset's position, and a bare pair may be it too", l.columnNames(handset))
	case estimate != "":
		why = fmt.Sprintf("beside %q: an estimate of the handset's position, never the cell's", estimate)
	default:
		las, los, v := coordColumnValues(records, l, lats[0], lons[0])
		if !valuesFit(FCellLat, las) || !valuesFit(FCellLon, los) {
			why = fmt.Sprintf("their values (%q) are not a latitude and a longitude", v)
			break
		}
		byCol[lats[0]], byCol[lons[0]] = las, los
	}
	if why != "" {
		l.NotRead = append(l.NotRead, fmt.Sprintf("%s (%s)", l.columnNames(bare), why))
		return
	}
	l.Columns[FCellLat], l.Columns[FCellLon] = lats[0], lons[0]
	l.BareCoords = true
}

// coordColumnValues samples the two columns' values; first is the first
// pair that does not read as a latitude and a longitude.
func coordColumnValues(records []record, l *Layout, lat, lon int) (las, los []string, first string) {
	for _, r := range records {
		cells := splitStrings(r.text, l.Delimiter)
		if lat >= len(cells) || lon >= len(cells) || placeholder(cells[lat]) || placeholder(cells[lon]) {
			continue
		}
		las, los = append(las, cells[lat]), append(los, cells[lon])
		if first == "" && (!coordinateFits(cells[lat], true) || !coordinateFits(cells[lon], false)) {
			first = cells[lat] + ", " + cells[lon]
		}
	}
	return las, los, first
}

// columnNames lists columns by their header names.
func (l *Layout) columnNames(cols []int) string {
	names := make([]string, 0, len(cols))
	for _, c := range cols {
		names = append(names, l.Header[c])
	}
	return strings.Join(names, ", ")
}

// positionColumns names the columns the cell's position is read from.
func (l *Layout) positionColumns() string {
	var cols []int
	for _, f := range []Field{FCellPos, FCellLat, FCellLon} {
		if c, ok := l.Columns[f]; ok && c < len(l.Header) {
			cols = append(cols, c)
		}
	}
	if len(cols) == 0 {
		return "the column --map names"
	}
	return l.columnNames(cols)
}

// coordFormat says in the format how a bare pair was read and which
// coordinate columns were not.
func (l *Layout) coordFormat() []string {
	var parts []string
	if l.BareCoords {
		parts = append(parts, fmt.Sprintf("%s and %s read as the position of the record's cell (beside %s)",
			l.Header[l.Columns[FCellLat]], l.Header[l.Columns[FCellLon]], l.cellColumnName()))
	}
	for _, s := range l.NotRead {
		parts = append(parts, "not read: "+s)
	}
	return parts
}

func (l *Layout) cellColumnName() string {
	for _, f := range []Field{FCell, FLTESite} {
		if c, ok := l.Columns[f]; ok && c < len(l.Header) {
			return l.Header[c]
		}
	}
	return "its cell"
}
