package evidence

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/cdrtui/cdrtui/internal/ident"
)

// CellSite is one row of cell-site reference data: where a cell's antenna
// is, read from an OpenCellID / Mozilla Location Service export or an
// operator's cell-site list.
type CellSite struct {
	Line    int64  // physical line, 1-based
	Cell    string // as written, or composed from the row's columns (MCC-MNC-LAC-CI)
	Key     string // canonical key (ident.Cell.Key)
	AltKey  string // the other key the cell is written under, "" when none (see AltCellKey)
	Radio   string // GSM, UMTS, LTE, NR ... as written, upper case
	Lat     float64
	Lon     float64
	Azimuth float64 // degrees from true north; NaN when not given
	Beam    float64 // horizontal beam width, degrees; NaN when not given
	Range   float64 // metres; NaN when not given
	Samples int64   // OpenCellID's measurements behind the position; -1 when not given
	Address string
}

// AltCellKey is the second key a cell is found under: MCC-MNC-?-CI for a
// cell identity wider than 16 bits other than UMTS (an ECI or NCI is unique
// in its network, so an ECGI written without its TAC finds it), and the
// 16-bit CI under its LAC for a UMTS cell given with its RNC (OpenCellID
// writes the 28-bit UTRAN cell id; CDRs the CI). "" when none.
func AltCellKey(c ident.Cell, radio string) string {
	if c.CI <= 0xFFFF {
		return ""
	}
	if strings.EqualFold(radio, "UMTS") && c.LAC >= 0 {
		c.CI &= 0xFFFF
		return c.Key()
	}
	if c.LAC < 0 {
		return ""
	}
	return c.AnyLACKey()
}

// SiteOptions are the analyst's instructions for a cell-site table.
type SiteOptions struct {
	// PLMN is the MCC-MNC ("404-10") of a list that gives only LAC and CI.
	PLMN string
}

// SiteReader reads a cell-site table row by row, streamed: memory stays
// that of one row, whatever the file's size.
type SiteReader struct {
	cr     *csv.Reader
	cols   [sfCount]int // column of each field, -1 when none
	hex    [sfCount]bool
	lacAlt int // a second LAC/TAC column, -1 when none (lacText)
	// hemi is the hemisphere the latitude and longitude columns' headers
	// name (hemisphere.go), 0 when none
	hemiLat, hemiLon byte
	// signs holds how the first plain value of each column whose header
	// names the south or the west was written (signStyle)
	signs signStyles
	rec   []string // the row being read
	names []string // the header's column names
	// latParts, lonParts are the columns of a coordinate split into
	// degrees, minutes, seconds and hemisphere (splitCoordColumns)
	latParts, lonParts []int
	ref                *cellref // a cellref file's state; nil for a table
	offset             int64    // lines before the csv reader's first
	opts               SiteOptions
	plmn               ident.Cell
	// Format says what the table was read as.
	Format string
}

// ocidColumns is OpenCellID's column order, for its headerless files.
var ocidColumns = []string{"radio", "mcc", "net", "area", "cell", "unit", "lon", "lat", "range", "samples", "changeable", "created", "updated", "averageSignal"}

var ocidRadios = map[string]bool{"GSM": true, "UMTS": true, "LTE": true, "NR": true, "CDMA": true}

// ErrNoSiteTable says a file holds no cell-site table.
var ErrNoSiteTable = errors.New("no cell-site table: need a header naming a position (latitude and longitude) and a cell (a CGI, or MCC, MNC, LAC and CI)")

// errNoCellColumn refuses a table of positions that names no cell (a
// register of masts such as Ofcom's Sitefinder): no record can be placed
// on it.
func errNoCellColumn(cols string) error {
	return fmt.Errorf("%w: its columns %s name a position but none names a cell (a CGI, a cell id, or an eNodeB and its cell); a register of masts places no record", ErrNoSiteTable, cols)
}

// NewSiteReader finds the header (within the first 50 lines, after any
// banner) and its delimiter, and returns a reader positioned below it.
func NewSiteReader(r io.Reader, opts SiteOptions) (*SiteReader, error) {
	br := bufio.NewReaderSize(r, 256<<10)
	head, _ := br.Peek(256 << 10)
	lines := bytes.Split(head, []byte{'\n'})
	if len(lines) > 1 {
		lines = lines[:len(lines)-1] // the last may be cut
	}
	sr := &SiteReader{opts: opts}
	plmn, err := ParsePLMN(opts.PLMN) // the same strict form as import's
	if err != nil {
		return nil, err
	}
	sr.plmn = plmn
	skip, delim := -1, byte(',')
	posOnly := ""
	for i, l := range lines {
		if i >= 50 {
			break
		}
		l = bytes.TrimPrefix(bytes.TrimRight(l, "\r"), []byte("\ufeff"))
		if isCellrefHeader(l) {
			sr.ref = &cellref{cells: map[string]map[string]int{}, sites: map[string]cellrefSite{}}
			sr.Format = "cellref (sites and cells in tables of their own, joined by site id)"
			skip, delim = 0, '\t'
			break
		}
		if i == 0 && headerlessOCID(l) {
			sr.setColumns(ocidColumns)
			sr.Format = "OpenCellID / MLS export (no header line)"
			skip = 0
			break
		}
		for _, d := range []byte{',', ';', '\t', '|'} {
			cells := strings.Split(string(l), string(d))
			if len(cells) < 3 {
				continue
			}
			if sr.setColumns(cells) {
				if subs := subscriberColumns(cells); subs != "" {
					return nil, errSubscriberPositions(subs)
				}
				skip, delim = i+1, d
				break
			}
			if posOnly == "" {
				posOnly = positionColumns(cells)
			}
		}
		if skip >= 0 {
			break
		}
	}
	if skip < 0 {
		if posOnly != "" {
			return nil, errNoCellColumn(posOnly)
		}
		return nil, ErrNoSiteTable
	}
	for i := 0; i < skip; i++ {
		if _, err := br.ReadSlice('\n'); err != nil && err != bufio.ErrBufferFull {
			break
		}
	}
	sr.offset = int64(skip)
	cr := csv.NewReader(br)
	cr.Comma = rune(delim)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	sr.cr = cr
	return sr, nil
}

func headerlessOCID(l []byte) bool {
	f := bytes.Split(l, []byte{','})
	return len(f) >= 10 && ocidRadios[string(f[0])] && allDigitsB(f[1]) && allDigitsB(f[2])
}

func allDigitsB(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}

// setColumns reads a header; ok when it names a position and a cell.
func (sr *SiteReader) setColumns(header []string) bool {
	var cols [sfCount]int
	var hex [sfCount]bool
	for i := range cols {
		cols[i] = -1
	}
	var rank [sfCount]int
	lacAlt := -1
	for i, h := range header {
		f, r, isHex := headerField(strings.Trim(strings.TrimSpace(h), `"'`))
		switch {
		case f == sfNone:
		case r == 0 && !sectorAlone(h, header) && !hasENB(header):
			// a "Sector" is the cell only under an eNodeB
		case cols[f] < 0 || r > rank[f]:
			cols[f], hex[f], rank[f] = i, isHex, r
		case f == sfLAC && lacAlt < 0:
			lacAlt = i
		}
	}
	pos := cols[sfLatLon] >= 0 || cols[sfLat] >= 0 && cols[sfLon] >= 0
	cell := cols[sfCGI] >= 0 || cols[sfCI] >= 0
	if !pos || !cell {
		return false
	}
	sr.cols, sr.hex, sr.lacAlt = cols, hex, lacAlt
	sr.hemiLat, sr.hemiLon = 0, 0
	if cols[sfLatLon] >= 0 {
		sr.hemiLat, sr.hemiLon = pairHemispheres(strings.Trim(strings.TrimSpace(header[cols[sfLatLon]]), `"'`))
	} else if cols[sfLat] >= 0 && cols[sfLon] >= 0 {
		sr.hemiLat = headerHemisphere(strings.Trim(strings.TrimSpace(header[cols[sfLat]]), `"'`), true)
		sr.hemiLon = headerHemisphere(strings.Trim(strings.TrimSpace(header[cols[sfLon]]), `"'`), false)
	}
	sr.names = nil
	sr.latParts, sr.lonParts = splitCoordColumns(header, sfLat), splitCoordColumns(header, sfLon)
	if sr.latParts != nil {
		cols[sfLat] = sr.latParts[0]
	}
	if sr.lonParts != nil {
		cols[sfLon] = sr.lonParts[0]
	}
	sr.cols = cols
	for _, h := range header {
		sr.names = append(sr.names, strings.Trim(strings.TrimSpace(h), `"'`))
	}
	if sr.Format == "" {
		if cols[sfRadio] == 0 && cols[sfMNC] == 2 && strings.EqualFold(strings.TrimSpace(header[2]), "net") && cols[sfSamples] >= 0 {
			sr.Format = "OpenCellID / MLS export"
		} else {
			var names []string
			for f := sfRadio; f < sfCount; f++ {
				if cols[f] >= 0 {
					names = append(names, siteFieldNames[f]+"="+sr.columnNames(f, header))
				}
			}
			for _, h := range []byte{sr.hemiLat, sr.hemiLon} {
				if h == 'S' || h == 'W' {
					names = append(names, "read as "+hemisphereName(h)+" (its header says so)")
				}
			}
			sr.Format = "cell-site list (" + strings.Join(names, ", ") + ")"
		}
	}
	return true
}

var siteFieldNames = [sfCount]string{"", "radio", "mcc", "mnc", "lac", "ci", "cgi", "lat", "lon", "lat/long", "azimuth", "beam", "range", "samples", "address", "enodeb"}

// positionColumns names a header's latitude and longitude columns when it
// names both ("" when not).
func positionColumns(header []string) string {
	lat, lon, both := "", "", ""
	for _, h := range header {
		h = strings.Trim(strings.TrimSpace(h), `"'`)
		switch siteFieldOf(h) {
		case sfLat:
			if lat == "" {
				lat = h
			}
		case sfLon:
			if lon == "" {
				lon = h
			}
		case sfLatLon:
			if both == "" {
				both = h
			}
		}
	}
	switch {
	case lat != "" && lon != "":
		return fmt.Sprintf("%q and %q", lat, lon)
	case both != "":
		return fmt.Sprintf("%q", both)
	}
	return ""
}

// getCol is the row's value in column i, trimmed ("" when the row is
// shorter).
func (sr *SiteReader) getCol(i int) string {
	if i >= 0 && i < len(sr.rec) {
		return strings.Trim(strings.TrimSpace(sr.rec[i]), `"'`)
	}
	return ""
}

// Next returns the next row; io.EOF at the end, a *RowError for a row
// that gives no usable cell or position (the reader goes on after it).
func (sr *SiteReader) Next() (CellSite, error) {
	if sr.ref != nil {
		return sr.nextCellref()
	}
	rec, err := sr.cr.Read()
	if err != nil {
		if err == io.EOF {
			return CellSite{}, io.EOF
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return CellSite{}, &RowError{Line: sr.offset + int64(pe.StartLine), Reason: pe.Err.Error()}
		}
		return CellSite{}, err
	}
	line, _ := sr.cr.FieldPos(0)
	site := CellSite{Line: sr.offset + int64(line), Azimuth: math.NaN(), Beam: math.NaN(), Range: math.NaN(), Samples: -1}
	sr.rec = rec
	get := func(f siteField) string { return sr.getCol(sr.cols[f]) }
	fail := func(reason string) (CellSite, error) {
		return CellSite{}, &RowError{Line: site.Line, Reason: reason, Raw: cutRaw([]byte(strings.Join(rec, string(sr.cr.Comma))))}
	}
	if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
		return fail("blank line")
	}
	if r := sr.widerThanHeader(rec); r != "" {
		return fail(r)
	}
	if err := sr.checkHexColumns(site.Line); err != nil {
		return CellSite{}, err
	}
	site.Radio = strings.ToUpper(get(sfRadio))
	if site.Radio == "CDMA" {
		return fail(errCDMASite)
	}
	c, written, reason := sr.cellOf(get)
	if reason != "" {
		return fail(reason)
	}
	site.Cell, site.Key, site.AltKey = written, c.Key(), AltCellKey(c, site.Radio)
	var ok bool
	if sr.cols[sfLatLon] >= 0 {
		var r string
		if site.Lat, site.Lon, r = parsePosition(get(sfLatLon)); strings.Contains(r, "swapped") || strings.Contains(r, "60 or more") || strings.Contains(r, "minus sign") {
			return fail(r)
		}
		if r == "" {
			if site.Lat, site.Lon, r = sr.pairInHemispheres(get(sfLatLon), site.Lat, site.Lon); r != "" {
				return fail(r)
			}
		}
		ok = r == ""
	} else {
		la, lo := sr.coordText(sfLat, sr.latParts), sr.coordText(sfLon, sr.lonParts)
		var r1, r2 string
		site.Lat, r1 = parseCoord(la, true)
		site.Lon, r2 = parseCoord(lo, false)
		if r1 == "" && r2 == "" {
			if site.Lat, r1 = withHemisphere(la, site.Lat, sr.hemiLat); r1 != "" {
				return fail(r1)
			}
			if site.Lon, r2 = withHemisphere(lo, site.Lon, sr.hemiLon); r2 != "" {
				return fail(r2)
			}
			if r := sr.signs.check(la, sr.hemiLat, lo, sr.hemiLon); r != "" {
				return fail(r)
			}
		}
		for _, r := range []string{r1, r2} {
			if strings.Contains(r, "swapped") || strings.Contains(r, "60 or more") || strings.Contains(r, "minus sign") {
				return fail(r)
			}
		}
		ok = r1 == "" && r2 == ""
	}
	switch {
	case !ok:
		return fail("no position: latitude and longitude are not numbers")
	case site.Lat < -90 || site.Lat > 90 || site.Lon < -180 || site.Lon > 180:
		return fail(fmt.Sprintf("position out of range: %g, %g", site.Lat, site.Lon))
	case site.Lat == 0 && site.Lon == 0:
		return fail("no position: 0, 0 (the export's placeholder)")
	}
	if r := countryReason(c.MCC, site.Lat, site.Lon); r != "" {
		return fail(r)
	}
	if v, ok := parseDegrees(get(sfAzimuth)); ok && v >= 0 && v <= 360 {
		site.Azimuth = math.Mod(v, 360)
	}
	if v, ok := parseDegrees(get(sfBeam)); ok && v > 0 && v <= 360 {
		site.Beam = v
	}
	if v, ok := parseDegrees(get(sfRange)); ok && v >= 0 {
		site.Range = v
	}
	if v, err := strconv.ParseInt(get(sfSamples), 10, 64); err == nil && v >= 0 {
		site.Samples = v
	}
	site.Address = CleanText(get(sfAddress))
	return site, nil
}

// cellOf reads the row's cell: a whole CGI, or its parts in columns.
func (sr *SiteReader) cellOf(get func(siteField) string) (ident.Cell, string, string) {
	if sr.cols[sfENB] >= 0 && sr.cols[sfCI] >= 0 && get(sfCGI) == "" {
		return sr.enbCell(get)
	}
	whole := get(sfCGI)
	if whole == "" && sr.cols[sfLAC] < 0 {
		whole = get(sfCI) // a "Cell ID" column holding the CGI
	}
	if whole != "" {
		if c, ok := ident.ParseCell(whole); ok {
			if r := packedLTEReason(whole, get(sfRadio)); r != "" {
				return ident.Cell{}, "", r
			}
			if r := sr.wideRadioReason(c.CI, get(sfRadio)); r != "" && c.LAC < 0 && c.CI > 0xFFFF && get(sfRadio) != "" {
				return ident.Cell{}, "", r // an ECGI's form on a UMTS or GSM row
			}
			return c, whole, ""
		}
		if sr.plmn.MCC != "" {
			if v, err := strconv.ParseInt(whole, 10, 64); err == nil && v <= 0xFFFF && sr.cols[sfLAC] < 0 {
				return ident.Cell{}, "", fmt.Sprintf("cell %q has no LAC or TAC beside it: a 2G/3G CI (0 to 65535) is not unique without its LAC, and is not read as an ECI", whole)
			}
			if c, ok := ident.ParseCell(sr.plmn.MCC + "-" + sr.plmn.MNC + "-" + whole); ok {
				if r := sr.wideRadioReason(c.CI, get(sfRadio)); r != "" && c.LAC < 0 {
					return ident.Cell{}, "", r
				}
				return c, whole, ""
			}
		}
		if sr.cols[sfLAC] < 0 {
			if sr.cols[sfMCC] >= 0 && whole == get(sfCI) {
				if ci, err := parseID(whole, sr.hex[sfCI]); err == nil && ci > 0xFFFF {
					if r := sr.wideRadioReason(ci, get(sfRadio)); r != "" {
						return ident.Cell{}, "", r
					}
					return sr.partsCell(get, -1, ci, whole) // an ECI beside MCC and MNC columns
				}
			}
			if _, err := strconv.ParseInt(whole, 10, 64); err == nil && sr.plmn.MCC == "" {
				return ident.Cell{}, "", fmt.Sprintf("cell %q is a cell identity with no MCC and MNC (name the network with --plmn MCC-MNC)", whole)
			}
			return ident.Cell{}, "", fmt.Sprintf("cell %q is no CGI encoding cdrtui reads", whole)
		}
	}
	lacText, ciText := sr.lacText(get), get(sfCI)
	lac, err1 := parseID(lacText, sr.hex[sfLAC])
	ci, err2 := parseID(ciText, sr.hex[sfCI])
	if err1 != nil || err2 != nil {
		base := "decimal"
		if sr.hex[sfLAC] || sr.hex[sfCI] {
			base = "hexadecimal"
		}
		return ident.Cell{}, "", fmt.Sprintf("LAC %q and CI %q are not %s numbers", lacText, ciText, base)
	}
	return sr.partsCell(get, lac, ci, lacText+"-"+ciText)
}
