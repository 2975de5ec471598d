package evidence

import (
	"fmt"
	"strings"

	"github.com/cdrtui/cdrtui/internal/ident"
)

// ErrHexInDecimalColumn refuses a cell-site table whose LAC, CI, eNodeB
// or CGI column holds a hexadecimal value (one with a letter A-F) though
// its name does not say hex: a list writing "1C85" writes LAC 0x7301 as
// "7301" too, and that value, read as decimal, keys another cell. Every
// all-digit value of such a column is in doubt, so the whole file is
// refused rather than its lettered rows alone.
var ErrHexInDecimalColumn = fmt.Errorf("hexadecimal values in a column not named hex")

// hexLettered says v is written in hexadecimal digits, at least one of
// them a letter, and is no decimal number: "1C85", "ab12".
func hexLettered(v string) bool {
	v = strings.TrimPrefix(strings.TrimPrefix(v, "0x"), "0X")
	if v == "" || !strings.ContainsAny(v, "abcdefABCDEF") {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i] | 0x20
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// dashedHex says a CGI written in parts ("404-10-1C85-3039") has a
// hexadecimal letter in its LAC or CI.
func dashedHex(v string) bool {
	p := strings.FieldsFunc(v, func(r rune) bool { return r == '-' || r == ':' || r == '/' || r == '.' || r == '_' || r == ' ' })
	if len(p) < 3 {
		return false
	}
	for _, s := range p[2:] {
		if hexLettered(s) {
			return true
		}
	}
	return false
}

// checkHexColumns refuses the file (ErrHexInDecimalColumn, wrapped with
// the column, the value and its line) when the row's LAC, CI or eNodeB
// column, read as decimal, holds a hexadecimal value, or its CGI column
// a CGI in parts with a hexadecimal LAC or CI. A CI column holding whole
// CGIs (no LAC or eNodeB column beside it) is read by ParseCell, whose
// packed hex forms tell themselves apart by their length.
func (sr *SiteReader) checkHexColumns(line int64) error {
	check := func(f siteField, col int) error {
		if col < 0 || sr.hex[f] {
			return nil
		}
		v := sr.getCol(col)
		bad := hexLettered(v)
		switch {
		case f == sfCGI:
			bad = dashedHex(v)
		case f == sfCI && bad && sr.cols[sfLAC] < 0 && sr.cols[sfENB] < 0:
			_, whole := ident.ParseCell(v)
			bad = !whole
		}
		if !bad {
			return nil
		}
		name := fmt.Sprint("column ", col+1)
		if col < len(sr.names) {
			name = fmt.Sprintf("column %q", sr.names[col])
		}
		return fmt.Errorf("%w: %s holds %q on line %d; its all-digit values cannot be told decimal from hexadecimal, so no row of this file is read (a column named \"LAC (hex)\" or \"CID_HEX\" is read as hexadecimal)", ErrHexInDecimalColumn, name, v, line)
	}
	for _, fc := range []struct {
		f   siteField
		col int
	}{{sfLAC, sr.cols[sfLAC]}, {sfLAC, sr.lacAlt}, {sfCI, sr.cols[sfCI]}, {sfENB, sr.cols[sfENB]}, {sfCGI, sr.cols[sfCGI]}} {
		if err := check(fc.f, fc.col); err != nil {
			return err
		}
	}
	return nil
}

// errCDMASite refuses a CDMA base station: OpenCellID and MLS write its
// SID, NID and BID in the columns of a GSM cell's MNC, LAC and CI (net,
// area, cell), so keyed as one it would be MCC-SID-NID-BID, a GSM or
// UMTS cell of another network (SID 4 under MCC 310 is Verizon's MNC
// 004).
const errCDMASite = "a CDMA base station (its SID, NID and BID written as MNC, LAC and CI) is no GSM, UMTS or LTE cell: not keyed"

// widerThanHeader says why a row with more values than the header has
// columns is refused ("" when it has not, or its extra values are empty,
// a trailing delimiter): a decimal comma left unquoted in a
// comma-separated list ("24,71,46,67") shifts every column after it, the
// latitude's decimals read as the longitude.
func (sr *SiteReader) widerThanHeader(rec []string) string {
	if len(sr.names) == 0 || len(rec) <= len(sr.names) {
		return ""
	}
	for _, v := range rec[len(sr.names):] {
		if strings.TrimSpace(v) != "" {
			return fmt.Sprintf("the row has %d values, the header %d columns: its columns are shifted (a decimal comma not quoted?)", len(rec), len(sr.names))
		}
	}
	return ""
}
