package evidence

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/cdrtui/cdrtui/internal/ident"
)

// ParsePLMN reads --plmn MCC-MNC ("310-260") into the MCC and MNC of a
// Cell, normalised as ident.ParseCell writes them; "" is the zero Cell.
// Strict: ParseCell alone reads "-260" as network 260-01.
func ParsePLMN(s string) (ident.Cell, error) {
	if s == "" {
		return ident.Cell{}, nil
	}
	mcc, mnc, _ := strings.Cut(s, "-")
	c, ok := ident.ParseCell(s + "-1-1")
	if !ok || len(mcc) != 3 || len(mnc) < 2 || len(mnc) > 3 || !allDigits(mcc) || !allDigits(mnc) {
		return ident.Cell{}, fmt.Errorf("--plmn %q is not MCC-MNC (310-260): a 3-digit MCC, a 2- or 3-digit MNC", s)
	}
	return ident.Cell{MCC: c.MCC, MNC: c.MNC}, nil
}

// lteCell is the cell of a record that gives its LTE location as an
// eNodeB id and the cell's number under it (T-Mobile's "1st LTE Site ID"
// and "1st LTE Sector ID"), composed as the cell-site reader composes it:
// ECI = eNodeB×256 + sector (eciOf), written MCC-MNC-ECI, or
// MCC-MNC-TAC-ECI when a LAC/TAC column gives one. The network is the
// MCC and MNC columns' or, where the file has none, the serving network
// the analyst named (--plmn). Never the home network of the record's
// IMSI: a subscriber roaming in (or one whose IMSI carries another of
// the operator's MNCs) would be keyed under a network whose cell of the
// same number lies elsewhere, and a wrong cell is worse than none. ""
// when the record gives no LTE location; a location that cannot be
// composed is reported as a field issue, never guessed.
func (rd *Reader) lteCell(row *Row) string {
	if !rd.has(FLTESite) || !rd.has(FLTESector) {
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
	if !rd.l.namesNetwork() {
		if rd.l.PLMN.MCC == "" {
			return bad("LTE cell with no network: the file has no MCC and MNC columns (name the serving network with --plmn MCC-MNC; the IMSI's is the subscriber's home network, not the one serving them)")
		}
		mcc, mnc = rd.l.PLMN.MCC, rd.l.PLMN.MNC
	}
	if !allDigits(mcc) || !allDigits(mnc) {
		return bad(fmt.Sprintf("LTE cell with no network: MCC %q and MNC %q are not numbers", mcc, mnc))
	}
	parts := []string{mcc, mnc}
	if lac := unwrapValue(rd.cell(FLAC)); rd.hexColumn(FLAC) {
		if h, ok := hexNumber(lac); ok {
			parts = append(parts, h) // a TAC column found hexadecimal (cell_base.go)
		}
	} else if allDigits(lac) {
		parts = append(parts, lac)
	}
	return strings.Join(append(parts, strconv.FormatInt(eci, 10)), "-")
}

// namesNetwork says the layout has MCC and MNC columns.
func (l *Layout) namesNetwork() bool { return l.Has(FMCC) && l.Has(FMNC) }

// lteCellFormat says how the layout's LTE cells are composed, "" when it
// names no eNodeB and sector.
func (l *Layout) lteCellFormat() string {
	if !l.Has(FLTESite) || !l.Has(FLTESector) {
		return ""
	}
	s := "LTE cell = site×256 + sector"
	switch {
	case l.namesNetwork():
	case l.PLMN.MCC != "":
		s += " (network " + l.PLMN.MCC + "-" + l.PLMN.MNC + " from --plmn)"
	default:
		s += " (no network: no cell without --plmn)"
	}
	return s
}

// plmnFormat says that LAC-CI cells of a file with no MCC and MNC columns
// are keyed under the network --plmn named, "" when it names none or the
// file has its own.
func (l *Layout) plmnFormat() string {
	if l.PLMN.MCC == "" || l.namesNetwork() || !l.Has(FLAC) || !l.Has(FCell) {
		return ""
	}
	return "LAC-CI cells in network " + l.PLMN.MCC + "-" + l.PLMN.MNC + " (--plmn)"
}
