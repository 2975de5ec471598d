package evidence

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/cdrtui/cdrtui/internal/ident"
)

// weakSiteAliases are header names taken for a field only when no column
// names it more plainly: a "Sector ID" beside a "Cell ID" is the antenna's
// sector, not the cell; alone (or beside an eNodeB id) it is the cell.
var weakSiteAliases = map[string]siteField{
	"sectorid": sfCI, "sector": sfCI, "sectorno": sfCI, "sectornumber": sfCI,
}

// sectorAlone says a weak name is taken for the cell even without an
// eNodeB column: "Sector ID" where no LAC or TAC column is beside it (with
// one, it numbers the antennas of each site, 1, 2, 3, not its cells: keyed
// as CIs, every site's first sector in a LAC was one cell).
func sectorAlone(h string, header []string) bool {
	if normalizeHeader(h) != "sectorid" {
		return false
	}
	for _, x := range header {
		if f, _, _ := headerField(strings.Trim(strings.TrimSpace(x), `"'`)); f == sfLAC {
			return false
		}
	}
	return true
}

// hasENB says a header names an eNodeB id.
func hasENB(header []string) bool {
	for _, h := range header {
		if siteFieldOf(h) == sfENB {
			return true
		}
	}
	return false
}

// strongSiteAliases are the 3GPP names of a cell identity, taken before a
// "Cell ID" column: an operator's 2G table with both "CellID" (the cell's
// number at its site) and "CI" keys the cell by its CI.
// An "Address" is likewise taken before a "Site Name".
var strongSiteAliases = map[string]bool{"ci": true, "eci": true, "nci": true, "cellidentity": true, "ecellid": true, "eutrancellid": true,
	"address": true, "siteaddress": true, "celladdress": true}

// headerField reads a header cell of a cell-site table: its field, the
// rank of the name (0 weak, see weakSiteAliases; 2 strong, see
// strongSiteAliases; 1 otherwise) and whether it says its values are
// hexadecimal ("LAC (hex)", "CID_HEX"). A name that says decimal
// ("CID_DEC") is read as its field; one naming a vertical beam width is
// no field.
func headerField(h string) (f siteField, rank int, hex bool) {
	n := normalizeHeader(h)
	if f, ok := weakSiteAliases[n]; ok {
		return f, 0, false
	}
	if strings.Contains(n, "vertical") || strings.HasPrefix(n, "vbw") {
		return sfNone, 0, false
	}
	if f := siteFieldOf(h); f != sfNone {
		if strongSiteAliases[n] {
			return f, 2, false
		}
		return f, 1, false
	}
	for _, tag := range []string{"hex", "dec"} {
		for _, m := range []string{strings.TrimSuffix(n, tag), strings.TrimPrefix(n, tag), strings.TrimSuffix(n, "in"+tag)} {
			if m == n || m == "" {
				continue
			}
			if f, ok := siteAliases[m]; ok && (f == sfLAC || f == sfCI || f == sfENB) {
				return f, 1, tag == "hex"
			}
		}
	}
	return sfNone, 0, false
}

// parseID reads a LAC, CI or eNodeB id: decimal, or hexadecimal where the
// column's name says so.
func parseID(s string, hex bool) (int64, error) {
	if hex {
		s = strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
		return strconv.ParseInt(s, 16, 64)
	}
	return strconv.ParseInt(s, 10, 64)
}

// maxENB is the largest eNodeB id (20 bits: an ECI is eNB×256 + cell).
const maxENB = 1<<20 - 1

// eciOf is the 28-bit E-UTRAN cell identity of an eNodeB id and the
// row's cell column: a local cell id (0-255) is added to eNB×256; a value
// that is already that eNodeB's ECI is taken as it is; anything else is
// refused (reason non-empty), for it names another eNodeB's cell.
func eciOf(enb, cell int64) (int64, string) {
	switch {
	case enb < 0 || enb > maxENB:
		return 0, fmt.Sprintf("eNodeB id %d is out of range (0 to %d)", enb, maxENB)
	case cell >= 0 && cell <= 255:
		return enb<<8 | cell, ""
	case cell>>8 == enb:
		return cell, ""
	}
	return 0, fmt.Sprintf("cell id %d is neither a local cell id (0 to 255) nor an ECI of eNodeB %d", cell, enb)
}

// parseCoord reads a latitude (lat true) or longitude: decimal degrees
// ("22.5726", "22,5726", "-88.36"), with a hemisphere letter before or
// after ("22.5726N", "W 88.36"), or degrees, minutes and seconds
// ("22°34'21.4\"N", "22 34 21.4 N", "22:34:21.4", "22° 34.357' N").
// reason says why a value is refused: not a number, a hemisphere letter
// of the other axis (a latitude column holding "88.36E" has its columns
// swapped), minutes or seconds of 60 or more.
func parseCoord(s string, lat bool) (float64, string) {
	s = strings.TrimSpace(latin1Marks(s))
	if s == "" {
		return 0, "empty"
	}
	if v, ok := parseDegrees(s); ok {
		return v, ""
	}
	hemi := byte(0)
	up := strings.ToUpper(s)
	if c := up[len(up)-1]; strings.IndexByte("NSEW", c) >= 0 {
		hemi, up = c, up[:len(up)-1]
	} else if c := up[0]; strings.IndexByte("NSEW", c) >= 0 {
		hemi, up = c, up[1:]
	}
	if hemi != 0 {
		isLat := hemi == 'N' || hemi == 'S'
		if isLat != lat {
			axis := "longitude"
			if lat {
				axis = "latitude"
			}
			return 0, fmt.Sprintf("%q in the %s column is on the other axis (%c): latitude and longitude swapped?", s, axis, hemi)
		}
	}
	// degrees, minutes, seconds, separated by their marks or spaces;
	// any other character makes the value no coordinate
	if strings.IndexFunc(up, func(r rune) bool { return !(r >= '0' && r <= '9' || strings.ContainsRune(".,- °º'\"′″:", r)) }) >= 0 {
		return 0, "not a number of degrees"
	}
	parts := strings.FieldsFunc(up, func(r rune) bool { return strings.ContainsRune(" °º'\"′″:", r) })
	if len(parts) == 0 || len(parts) > 3 {
		return 0, "not a number of degrees"
	}
	var v [3]float64
	for i, p := range parts {
		x, ok := parseDegrees(p)
		if !ok || i > 0 && (x < 0 || x >= 60) || i < len(parts)-1 && x != math.Trunc(x) {
			if ok && i > 0 && x >= 60 {
				return 0, fmt.Sprintf("%q has minutes or seconds of 60 or more", s)
			}
			return 0, "not a number of degrees"
		}
		v[i] = x
	}
	neg := v[0] < 0 || strings.HasPrefix(parts[0], "-")
	deg := math.Abs(v[0]) + v[1]/60 + v[2]/3600
	if neg && hemi != 0 {
		return 0, fmt.Sprintf("%q has both a minus sign and a hemisphere", s)
	}
	if neg || hemi == 'S' || hemi == 'W' {
		deg = -deg
	}
	return deg, ""
}

// countryBox is where a network's cells can be: the extent of its
// country (a little wider), as boxes of latitude and longitude.
type countryBox struct {
	name  string
	boxes [][4]float64 // min lat, max lat, min lon, max lon
}

// countryBoxes are the MCCs whose cell-site lists are checked for a
// position outside the country (a list for Indian networks placing a cell
// at 88 N, 22 E has its columns swapped; a Pakistani one placing Karachi
// at 67 N, 24.86 E, or a Brazilian one writing São Paulo's longitude
// without its sign, names a real place far away). The boxes take in the islands
// the country's networks serve under the same MCC (Alaska's Aleutians
// past 180°, Guam, Puerto Rico, the Channel Islands, Andaman and Nicobar,
// Lord Howe, Norfolk, Christmas and Cocos Islands).
var countryBoxes = func() map[string]countryBox {
	m := map[string]countryBox{}
	add := func(mccs string, c countryBox) {
		for _, mcc := range strings.Fields(mccs) {
			m[mcc] = c
		}
	}
	add("404 405 406", countryBox{"India", [][4]float64{{6, 37.5, 68, 97.5}}})
	add("310 311 312 313 314 315 316", countryBox{"the United States", [][4]float64{{18, 50, -125.5, -66}, {51, 72, -180, -129}, {18.5, 22.5, -161, -154.5}, {51, 56, 172, 180}, {13, 21, 144, 146.5}, {17.5, 18.6, -68, -64.5}}})
	add("302", countryBox{"Canada", [][4]float64{{41.5, 84, -141.5, -52}}})
	add("234 235", countryBox{"the United Kingdom", [][4]float64{{49.8, 61, -8.7, 2}, {49.1, 49.8, -2.8, -2}}})
	add("262", countryBox{"Germany", [][4]float64{{47.2, 55.1, 5.8, 15.1}}})
	add("204", countryBox{"the Netherlands", [][4]float64{{50.7, 53.6, 3.3, 7.3}}})
	add("208", countryBox{"France", [][4]float64{{41.3, 51.2, -5.2, 9.6}}})
	// Latin America, where a longitude read without its west (an unsigned
	// longitud_w) lands in Asia: Colombia with San Andrés, Providencia,
	// Malpelo and the Serranilla bank; Mexico with Guadalupe and the
	// Revillagigedo islands; Brazil with Fernando de Noronha, Trindade and
	// Saint Peter and Saint Paul; Argentina with Tierra del Fuego and its
	// Antarctic bases; Chile with Juan Fernández, Easter Island and Villa
	// Las Estrellas; Peru; Ecuador with the Galápagos
	add("732", countryBox{"Colombia", [][4]float64{{-4.3, 16.2, -82, -66.8}}})
	add("334", countryBox{"Mexico", [][4]float64{{14, 33, -119, -86.3}}})
	add("724", countryBox{"Brazil", [][4]float64{{-34.2, 5.6, -74.2, -28.5}}})
	add("722", countryBox{"Argentina", [][4]float64{{-65, -21.5, -73.8, -53.4}}})
	add("730", countryBox{"Chile", [][4]float64{{-56.2, -17.3, -81.2, -66.2}, {-27.4, -26.8, -109.7, -109}, {-63.5, -62, -61, -57}}})
	add("716", countryBox{"Peru", [][4]float64{{-18.6, 0.2, -81.6, -68.5}}})
	add("740", countryBox{"Ecuador", [][4]float64{{-5.2, 1.8, -81.2, -75}, {-1.6, 1.8, -92.2, -89}}})
	add("618", countryBox{"Liberia", [][4]float64{{4.3, 8.6, -11.6, -7.3}}})
	add("410", countryBox{"Pakistan", [][4]float64{{23.3, 37.5, 60.5, 78}}})
	add("470", countryBox{"Bangladesh", [][4]float64{{20.3, 26.8, 87.9, 92.8}}})
	add("413", countryBox{"Sri Lanka", [][4]float64{{5.7, 10, 79.4, 82}}})
	add("429", countryBox{"Nepal", [][4]float64{{26.2, 30.6, 79.9, 88.3}}})
	add("206", countryBox{"Belgium", [][4]float64{{49.4, 51.6, 2.4, 6.5}}})
	add("214", countryBox{"Spain", [][4]float64{{35.1, 43.9, -9.5, 4.5}, {27.5, 29.5, -18.3, -13.3}}})
	add("222", countryBox{"Italy", [][4]float64{{35.4, 47.1, 6.6, 18.6}}})
	add("621", countryBox{"Nigeria", [][4]float64{{4, 14, 2.6, 14.8}}})
	add("655", countryBox{"South Africa", [][4]float64{{-35, -22, 16.3, 33}, {-47, -46.5, 37.5, 38}}})
	add("646", countryBox{"Madagascar", [][4]float64{{-25.7, -11.8, 43, 50.6}}})
	add("505", countryBox{"Australia", [][4]float64{{-44, -9, 112, 154}, {-31.7, -31.4, 158.9, 159.2}, {-29.2, -28.9, 167.8, 168.1}, {-10.6, -10.3, 105.5, 105.8}, {-12.3, -11.8, 96.7, 97}}})
	return m
}()

func (c countryBox) holds(lat, lon float64) bool {
	for _, b := range c.boxes {
		if lat >= b[0] && lat <= b[1] && lon >= b[2] && lon <= b[3] {
			return true
		}
	}
	return false
}

// countryReason says why a position cannot be a cell of the MCC's
// network: outside its country, and either swapped (the swapped pair is
// inside) or simply elsewhere. "" when it can be, or the MCC is not one
// countryBoxes knows.
func countryReason(mcc string, lat, lon float64) string {
	c, ok := countryBoxes[mcc]
	if !ok || c.holds(lat, lon) {
		return ""
	}
	if c.holds(lon, lat) {
		return fmt.Sprintf("latitude and longitude swapped: %g, %g is outside %s (MCC %s), %g, %g inside", lat, lon, c.name, mcc, lon, lat)
	}
	return fmt.Sprintf("position %g, %g is outside %s, the country of MCC %s", lat, lon, c.name, mcc)
}

// enbCell reads a row whose cell is given as an eNodeB id and the cell's
// number under it (a local cell id or sector), with the TAC when a
// column gives it.
func (sr *SiteReader) enbCell(get func(siteField) string) (ident.Cell, string, string) {
	enbText, ciText := get(sfENB), get(sfCI)
	enb, err1 := parseID(enbText, sr.hex[sfENB])
	ci, err2 := parseID(ciText, sr.hex[sfCI])
	if err1 != nil || err2 != nil {
		return ident.Cell{}, "", fmt.Sprintf("eNodeB %q and cell %q are not numbers", enbText, ciText)
	}
	eci, reason := eciOf(enb, ci)
	if reason != "" {
		return ident.Cell{}, "", reason
	}
	lac := int64(-1)
	if t := sr.lacText(get); t != "" {
		v, err := parseID(t, sr.hex[sfLAC])
		if err != nil {
			return ident.Cell{}, "", fmt.Sprintf("TAC %q is not a number", t)
		}
		lac = v
	}
	return sr.partsCell(get, lac, eci, fmt.Sprintf("%s-%s", enbText, ciText))
}

// lacText is the row's LAC or TAC: the first column naming it, or the
// second when the first is empty in this row (OpenCellID's API export
// gives a GSM cell's LAC in "lac" and an LTE cell's TAC in "tac").
func (sr *SiteReader) lacText(get func(siteField) string) string {
	if t := get(sfLAC); t != "" || sr.lacAlt < 0 {
		return t
	}
	return sr.getCol(sr.lacAlt)
}

// partsCell composes the cell of the row's MCC and MNC (or --plmn) and the
// LAC and CI read; what names the cell in messages.
func (sr *SiteReader) partsCell(get func(siteField) string, lac, ci int64, what string) (ident.Cell, string, string) {
	mcc, mnc := sr.plmn.MCC, sr.plmn.MNC
	if sr.cols[sfMCC] >= 0 {
		mcc, mnc = get(sfMCC), get(sfMNC)
	}
	if mcc == "" || mnc == "" {
		return ident.Cell{}, "", "no MCC and MNC for cell " + what + " (name the network with --plmn MCC-MNC)"
	}
	m, err1 := strconv.Atoi(mcc)
	n, err2 := strconv.Atoi(mnc)
	if err1 != nil || err2 != nil {
		return ident.Cell{}, "", fmt.Sprintf("MCC %q and MNC %q are not numbers", mcc, mnc)
	}
	c, ok := ident.CellOfParts(m, n, lac, ci)
	if !ok {
		return ident.Cell{}, "", fmt.Sprintf("cell %s-%s-%s out of range", mcc, mnc, what)
	}
	if len(mnc) == 3 && mnc[0] == '0' && ident.MNCAmbiguous(c.MCC) {
		c.MNC = mnc // 405-025 is not 405-25: keep the digits as written where a country has both
	}
	return c, c.Key(), ""
}
