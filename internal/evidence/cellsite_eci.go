package evidence

import (
	"fmt"
	"strings"
)

// A cell identity above 65535 with no LAC or TAC beside it is not a 2G or
// 3G CI (16 bits): it is an LTE ECI (eNodeB × 256 + cell, 28 bits), a 5G
// NCI, or a UMTS cell id as planning tools and OpenCellID write it (RNC id
// × 65536 + CI, 28 bits as well). Keyed MCC-MNC-?-ECI it meets the
// records of the LTE cell of that number, so a UMTS cell's position
// would place them: a wrong place is worse than none. It is keyed so only
// when the row's radio says LTE or NR, or the column's name says an
// E-UTRAN or NR cell (ECI, ECGI, E-UTRAN Cell ID, NCI); a UMTS one, with no
// LAC, gives no key records use (they key a UMTS cell by its LAC and 16-bit
// CI), and one of unknown radio is refused, named.

// wideRadioReason is why the whole cell identity v (above 65535, no LAC)
// of a row whose radio column says radio is not keyed as an ECI or NCI,
// "" when it is one.
func (sr *SiteReader) wideRadioReason(v int64, radio string) string {
	switch strings.ToUpper(strings.ReplaceAll(strings.ReplaceAll(radio, "-", ""), " ", "")) {
	case "LTE", "4G", "EUTRAN", "LTEA", "LTEFDD", "LTETDD", "NR", "5G", "5GNR", "NRSA", "NRNSA":
		return ""
	case "UMTS", "3G", "WCDMA", "UTRAN", "HSPA":
		return fmt.Sprintf("UMTS cell %d (RNC id %d, CI %d) has no LAC beside it: records key a UMTS cell by its LAC and CI, not keyed", v, v>>16, v&0xFFFF)
	case "GSM", "2G", "GERAN":
		return fmt.Sprintf("GSM cell %d is above 65535, the largest CI", v)
	}
	if radio == "" && sr.namesWideCell() {
		return ""
	}
	return fmt.Sprintf("cell %d has no LAC or TAC beside it and no radio type: above 65535 it is an LTE ECI or a UMTS cell id (RNC id × 65536 + CI), two different cells, and nothing says which (a radio column saying LTE or UMTS, or a LAC column, would)", v)
}

// namesWideCell says the column a whole cell identity is read from is
// named an E-UTRAN or NR cell ("ECI", "ECGI", "E-UTRAN Cell ID").
func (sr *SiteReader) namesWideCell() bool {
	c := sr.cols[sfCGI]
	if c < 0 || sr.getCol(c) == "" {
		c = sr.cols[sfCI]
	}
	if c < 0 || c >= len(sr.names) {
		return false
	}
	switch normalizeHeader(sr.names[c]) {
	case "eci", "ecgi", "ncgi", "nci", "ecellid", "ecellidentity", "eutrancellid", "eutrancellidentity", "ltecellid", "nrcellid":
		return true
	}
	return false
}
