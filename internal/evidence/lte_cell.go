package evidence

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/cdrtui/cdrtui/internal/ident"
)

// lteCell is the cell of a record that gives its LTE location as an
// eNodeB id and the cell's number under it (T-Mobile's "1st LTE Site ID"
// and "1st LTE Sector ID"), composed as the cell-site reader composes it:
// ECI = eNodeB×256 + sector (eciOf), written MCC-MNC-ECI, or
// MCC-MNC-TAC-ECI when a LAC/TAC column gives one. The network is the
// MCC and MNC columns' or, where the file has none, the home network of
// the record's IMSI (the layout's format says so). "" when the record
// gives no LTE location; a location that cannot be composed is reported
// as a field issue, never guessed.
func (rd *Reader) lteCell(row *Row) string {
	if !rd.l.Has(FLTESite) || !rd.l.Has(FLTESector) {
		return ""
	}
	siteText, secText := unwrapValue(rd.cell(FLTESite)), unwrapValue(rd.cell(FLTESector))
	if siteText == "" && secText == "" || placeholder(siteText) && placeholder(secText) {
		return ""
	}
	bad := func(reason string) string {
		row.issue(FCell, siteText+"/"+secText, errors.New(reason))
		return ""
	}
	enb, err1 := strconv.ParseInt(siteText, 10, 64)
	sec, err2 := strconv.ParseInt(secText, 10, 64)
	if err1 != nil || err2 != nil {
		return bad(fmt.Sprintf("LTE site %q and sector %q are not both numbers", siteText, secText))
	}
	eci, reason := eciOf(enb, sec)
	if reason != "" {
		return bad(reason)
	}
	mcc, mnc := unwrapValue(rd.cell(FMCC)), unwrapValue(rd.cell(FMNC))
	if !rd.l.Has(FMCC) || !rd.l.Has(FMNC) {
		var ok bool
		if mcc, mnc, ok = ident.PLMNOfIMSI(unwrapValue(rd.cell(FIMSI))); !ok {
			return bad("LTE cell with no network: no MCC and MNC columns, and no IMSI that names its network")
		}
	}
	if !allDigits(mcc) || !allDigits(mnc) {
		return bad(fmt.Sprintf("LTE cell with no network: MCC %q and MNC %q are not numbers", mcc, mnc))
	}
	parts := []string{mcc, mnc}
	if lac := unwrapValue(rd.cell(FLAC)); allDigits(lac) {
		parts = append(parts, lac)
	}
	return strings.Join(append(parts, strconv.FormatInt(eci, 10)), "-")
}

// lteCellFormat says how the layout's LTE cells are composed, "" when it
// names no eNodeB and sector.
func (l *Layout) lteCellFormat() string {
	if !l.Has(FLTESite) || !l.Has(FLTESector) {
		return ""
	}
	s := "LTE cell = site×256 + sector"
	if !l.Has(FMCC) || !l.Has(FMNC) {
		s += " (network from the IMSI)"
	}
	return s
}
