package evidence

import (
	"fmt"
	"slices"
)

// A return that gives an LTE cell as its eNodeB and a cell id beside it
// (Verizon's VoLTE returns: "Mkt Enodeb Id", "ANI Cell Id") writes in the
// cell column the cell's number under that eNodeB, 0 to 255 (or its whole
// ECI): read alone, cell 2 of every site would be one cell, and records
// at sites miles apart would share a place. enodebCellColumns reads such
// a cell column as the sector of the eNodeB column, so that the cell is
// the ECI, eNodeB×256 + cell, as T-Mobile's LTE Site and Sector ID are
// read (lteCell: in the network the MCC and MNC columns or --plmn name,
// none guessed).
func enodebCellColumns(l *Layout, byCol map[int][]string, forced map[Field]string) {
	site, ok := l.Columns[FLTESite]
	if !ok || l.Has(FLTESector) {
		return
	}
	c, ok := l.Columns[FCell]
	if !ok || c == site || c >= len(l.Header) || site >= len(l.Header) {
		return
	}
	// the site named as an eNodeB (not T-Mobile's "1st LTE Site ID",
	// beside which "1st Cell ID" is a 2G or 3G cell under "1st LAC"), and
	// no location area beside the cell: a TAC is LTE's, a LAC is not
	has := func(header string, set ...string) bool {
		return slices.ContainsFunc(headerWords(header), func(w string) bool { return slices.Contains(set, w) })
	}
	if !has(l.Header[site], "enodeb", "enb") {
		return
	}
	if lac, ok := l.Columns[FLAC]; ok && (lac >= len(l.Header) || !has(l.Header[lac], "tac", "tracking")) {
		return
	}
	if _, named := forced[FCell]; named {
		return
	}
	if !has(l.Header[c], cellIdentityWords...) ||
		!mostly(byCol[c], func(v string) bool { return allDigits(unwrapValue(v)) }) {
		return
	}
	delete(l.Columns, FCell)
	l.Columns[FLTESector] = c
	l.Refused = append(l.Refused, fmt.Sprintf("%q not the cell alone (a cell under the eNodeB of %q)", l.Header[c], l.Header[site]))
}
