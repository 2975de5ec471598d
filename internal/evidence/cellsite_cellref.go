package evidence

import (
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

// cellref reads a "cellref" file as drive-test and planning tools write
// them ("; #NetworkData - datafile"): tab-separated, its header lines
// commented (";ElementTypeName\tSiteID\tSite_Name\tLatitude\tLongitude…",
// ";ElementTypeName\tGSM_SiteIDForCell\tSector_ID\tAzimuth\tBeamwidth…MCC
// MNC LAC CI…"), each row's kind in its first column (GSM_Site,
// WCDMA_Site, GSM_Cell, WCDMA_Cell), a cell joined to its site, which
// gives the position, by the site id. Sites are kept in memory (a
// country's are a few hundred thousand); cells are streamed.
type cellref struct {
	site  map[string]int            // the site header's columns, by folded name
	cells map[string]map[string]int // the cell headers' columns, by technology ("gsm")
	sites map[string]cellrefSite
}

type cellrefSite struct {
	lat, lon float64
	name     string
	reason   string // why the site has no position ("" when it has)
}

// isCellrefHeader says a line is a cellref header line.
func isCellrefHeader(l []byte) bool {
	return bytes.HasPrefix(l, []byte(";ElementTypeName\t"))
}

func (r *cellref) header(rec []string) {
	cols := map[string]int{}
	tech := ""
	for i, h := range rec {
		n := normalizeHeader(h)
		cols[n] = i
		if strings.HasSuffix(n, "siteidforcell") {
			tech = strings.TrimSuffix(n, "siteidforcell")
		}
	}
	if tech != "" {
		r.cells[tech] = cols
	} else if _, ok := cols["siteid"]; ok {
		r.site = cols
	}
}

func col(rec []string, cols map[string]int, name string) string {
	if i, ok := cols[name]; ok && i < len(rec) {
		return strings.TrimSpace(rec[i])
	}
	return ""
}

func (r *cellref) addSite(rec []string) {
	id := col(rec, r.site, "siteid")
	s := cellrefSite{name: CleanText(col(rec, r.site, "sitename"))}
	lat, r1 := parseCoord(col(rec, r.site, "latitude"), true)
	lon, r2 := parseCoord(col(rec, r.site, "longitude"), false)
	switch {
	case r1 != "" || r2 != "":
		s.reason = "its position is not a latitude and longitude"
	case !validPosition(lat, lon):
		s.reason = positionReason(lat, lon)
	default:
		s.lat, s.lon = lat, lon
	}
	r.sites[id] = s
}

// nextCellref returns the next cell of a cellref file, placed at its site.
func (sr *SiteReader) nextCellref() (CellSite, error) {
	r := sr.ref
	for {
		rec, err := sr.cr.Read()
		if err == io.EOF {
			return CellSite{}, io.EOF
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return CellSite{}, &RowError{Line: int64(pe.StartLine), Reason: pe.Err.Error()}
		}
		if err != nil {
			return CellSite{}, err
		}
		line, _ := sr.cr.FieldPos(0)
		kind := strings.TrimSpace(rec[0])
		switch {
		case len(rec) == 1 && kind == "" || strings.HasPrefix(kind, ";") && !isCellrefHeader([]byte(strings.Join(rec, "\t"))):
			continue // blank, or a comment
		case strings.HasPrefix(kind, ";"):
			r.header(rec)
			continue
		case strings.HasSuffix(kind, "_Site") && r.site != nil:
			r.addSite(rec)
			continue
		case strings.HasSuffix(kind, "_Cell"):
			site, reason := r.cell(rec, kind, sr.plmn)
			if reason != "" {
				return CellSite{}, &RowError{Line: int64(line), Reason: reason, Raw: cutRaw([]byte(strings.Join(rec, "\t")))}
			}
			site.Line = int64(line)
			return site, nil
		}
		return CellSite{}, &RowError{Line: int64(line), Reason: fmt.Sprintf("%q is no element type of a cellref file (a *_Site or *_Cell)", kind), Raw: cutRaw([]byte(strings.Join(rec, "\t")))}
	}
}

// cell reads a cell row: its key from MCC, MNC (or --plmn), LAC and CI, its
// position from its site.
func (r *cellref) cell(rec []string, kind string, plmn ident.Cell) (CellSite, string) {
	tech := strings.ToLower(strings.TrimSuffix(kind, "_Cell"))
	cols, ok := r.cells[tech]
	if !ok {
		return CellSite{}, fmt.Sprintf("no header line gives the columns of %s rows", kind)
	}
	mcc, mnc := col(rec, cols, "mcc"), col(rec, cols, "mnc")
	if mcc == "" && mnc == "" {
		mcc, mnc = plmn.MCC, plmn.MNC
	}
	lacText, ciText := col(rec, cols, "lac"), col(rec, cols, "ci")
	if _, ok := cols["lac"]; !ok {
		return CellSite{}, fmt.Sprintf("a %s row gives no LAC (its header has no LAC column): its cell cannot be keyed", kind)
	}
	if mcc == "" || mnc == "" {
		return CellSite{}, "no MCC and MNC for cell " + lacText + "-" + ciText + " (name the network with --plmn MCC-MNC)"
	}
	m, err1 := strconv.Atoi(mcc)
	n, err2 := strconv.Atoi(mnc)
	lac, err3 := strconv.ParseInt(lacText, 10, 64)
	ci, err4 := strconv.ParseInt(ciText, 10, 64)
	if err1 != nil || err2 != nil || err3 != nil || err4 != nil {
		return CellSite{}, fmt.Sprintf("MCC %q, MNC %q, LAC %q and CI %q are not decimal numbers", mcc, mnc, lacText, ciText)
	}
	c, ok := ident.CellOfParts(m, n, lac, ci)
	if !ok {
		return CellSite{}, fmt.Sprintf("cell %s-%s-%s-%s out of range", mcc, mnc, lacText, ciText)
	}
	if len(mnc) == 3 && mnc[0] == '0' && ident.MNCAmbiguous(c.MCC) {
		c.MNC = mnc
	}
	id := col(rec, cols, tech+"siteidforcell")
	s, ok := r.sites[id]
	switch {
	case !ok:
		return CellSite{}, fmt.Sprintf("site %q of cell %s is in no site row above it", id, c.Key())
	case s.reason != "":
		return CellSite{}, fmt.Sprintf("site %q of cell %s: %s", id, c.Key(), s.reason)
	}
	if reason := countryReason(c.MCC, s.lat, s.lon); reason != "" {
		return CellSite{}, fmt.Sprintf("site %q: %s", id, reason)
	}
	radio := strings.ToUpper(tech)
	if radio == "WCDMA" {
		radio = "UMTS"
	}
	site := CellSite{Cell: c.Key(), Key: c.Key(), AltKey: AltCellKey(c, radio), Radio: radio, Lat: s.lat, Lon: s.lon,
		Azimuth: math.NaN(), Beam: math.NaN(), Range: math.NaN(), Samples: -1, Address: s.name}
	if v, ok := parseDegrees(col(rec, cols, "azimuth")); ok && v >= 0 && v <= 360 {
		site.Azimuth = math.Mod(v, 360)
	}
	if v, ok := parseDegrees(col(rec, cols, "beamwidth")); ok && v > 0 && v <= 360 {
		site.Beam = v
	}
	return site, ""
}
