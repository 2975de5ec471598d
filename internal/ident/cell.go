package ident

import (
	"fmt"
	"strconv"
	"strings"
)

// Cell is a cell's identity as decimal components. LAC is the location or
// tracking area code, -1 when the encoding carries none (an ECGI has only
// the E-UTRAN cell identity); CI is the cell identity (CI of 2G/3G, ECI of
// 4G, NCI of 5G).
type Cell struct {
	MCC, MNC string
	LAC      int64
	CI       int64
	// NR is true when the encoding itself says the cell is 5G NR (an NCGI
	// of nine hex digits, a P-Access-Network-Info of 3GPP-NR): a gNB with
	// a small identity has an NCI below 2^28, as narrow as an ECI.
	NR bool
}

// Key is MCC-MNC-LAC-CI in decimal ("404-10-7301-12345"), with "?" for a
// LAC the encoding did not carry.
func (c Cell) Key() string {
	lac := "?"
	if c.LAC >= 0 {
		lac = strconv.FormatInt(c.LAC, 10)
	}
	return c.MCC + "-" + c.MNC + "-" + lac + "-" + strconv.FormatInt(c.CI, 10)
}

// Generation is the radio generation the cell identity's size implies:
// 2G/3G for a 16-bit CI, 4G for a 28-bit ECI, 5G for a 36-bit NCI. A
// 28-bit identity beside a LAC is 3G/4G: a UMTS cell id (RNC id × 65536 +
// CI, as OpenCellID and some switches write it) is as wide as an ECI, and
// its size does not say which.
func (c Cell) Generation() string {
	switch {
	case c.NR:
		return "5G"
	case c.CI <= 0xFFFF && c.LAC >= 0:
		return "2G/3G"
	case c.CI < 1<<28 && c.LAC >= 0:
		return "3G/4G"
	case c.CI < 1<<28:
		return "4G"
	default:
		return "5G"
	}
}

// CellKey is the canonical key of a cell as written, ok false when the
// value is none of the encodings ParseCell reads nor a cell written with
// its switch (SwitchCellKey).
func CellKey(written string) (string, bool) {
	k, _, ok := CellKeyGeneration(written)
	return k, ok
}

// CellKeyGeneration is CellKey with the generation stored beside the key.
func CellKeyGeneration(written string) (key, generation string, ok bool) {
	if c, ok := ParseCell(written); ok {
		return c.Key(), c.Generation(), true
	}
	if k, ok := SwitchCellKey(written); ok {
		return k, SwitchCellGeneration, true
	}
	return "", "", false
}

// ParseCell reads a cell identity written as:
//
//   - MCC-MNC-LAC-CI in decimal, separated by '-', ':', '/', '.', '_' or
//     spaces (404-10-7301-12345; hex LAC and CI when either has a letter:
//     404-10-1C85-3039; a LAC or CI after 0x is hex, each in its own base:
//     404-10-0x7301-0x3039), or MCC-MNC-ECI (no LAC);
//   - a decimal CGI of 15 digits, MCC(3) MNC(2) LAC(5) CI(5)
//     (404100730112345), or 16 with a three-digit MNC, LAC and CI each
//     65535 at most (five digits above it split the value otherwise);
//   - a hex CGI of 13 characters, MCC(3) MNC(2) LAC(4 hex) CI(4 hex)
//     (404101C853039, either case), or 14 with a three-digit MNC;
//   - a hex ECGI of 12 characters, MCC(3) MNC(2) ECI(7 hex), or 13 with a
//     three-digit MNC;
//   - a hex NCGI (5G NR) of 14 characters, MCC(3) MNC(2) NCI(9 hex), or 15
//     with a three-digit MNC, a letter among them (a run of digits is the
//     decimal CGI or nothing);
//   - never an IP address (CellIsAddress);
//   - a packet-core record's User Location Information in hex (uli.go),
//     when it is none of the above.
//
// A 13- or 14-character hex value is a CGI or an ECGI depending on whether
// the MCC's MNCs have two digits or three; where a country uses both (MCC
// 405 in India) and the MNC does not settle it, the value is not keyed.
func ParseCell(written string) (Cell, bool) {
	s := unwrap(written)
	if s == "" || CellIsAddress(s) {
		return Cell{}, false
	}
	if c, ok, isPANI := accessNetworkCell(s); isPANI {
		return c, ok
	}
	if parts := strings.FieldsFunc(s, isCellSep); len(parts) > 1 {
		return dashedCell(parts)
	}
	s = uliValue(s)
	if c, ok := packedCell(s); ok {
		return c, true
	}
	return uliCell(s)
}

// packedCell reads a CGI or ECGI written as one run of digits (decimal or
// hex), the forms ParseCell lists.
func packedCell(s string) (Cell, bool) {
	if !isHex(s) || len(s) < 12 || !allDigits(s[:5]) {
		return Cell{}, false
	}
	mcc := s[:3]
	if allDigits(s) && (len(s) == 15 && mncDigits(s[:6]) != 3 || len(s) == 16 && mncDigits(s[:6]) != 2) {
		mnc := s[3 : len(s)-10]
		c, ok := decimalCell(mcc, mnc, s[len(s)-10:len(s)-5], s[len(s)-5:])
		if ok && (c.LAC > 0xFFFF || c.CI > 0xFFFF) {
			// a CGI's LAC and CI have 16 bits: five digits above 65535 are
			// no LAC or CI, the digits are split otherwise (a LAC of four
			// digits, a CI of six: 404-45-2345-123456), and no split is sure
			return Cell{}, false
		}
		return c, ok
	}
	switch len(s) {
	case 12: // ECGI, two-digit MNC
		return hexCell(mcc, s[3:5], "", s[5:])
	case 13:
		switch mncDigits(s[:6]) {
		case 2:
			return hexCell(mcc, s[3:5], s[5:9], s[9:])
		case 3:
			return hexCell(mcc, s[3:6], "", s[6:])
		}
	case 14:
		switch {
		case mncDigits(s[:6]) == 3 && allDigits(s[:6]):
			return hexCell(mcc, s[3:6], s[6:10], s[10:])
		case mncDigits(s[:6]) == 2 && !allDigits(s):
			return nrCell(hexCell(mcc, s[3:5], "", s[5:])) // NCGI: a 5G NR cell's 36-bit NCI in 9 hex
		}
	case 15:
		// NCGI with a three-digit MNC (Jio's 4058560C0098001: 405-856, NCI
		// 0x0C0098001); fifteen decimal digits are the CGI read above
		if mncDigits(s[:6]) == 3 && allDigits(s[:6]) && !allDigits(s) {
			return nrCell(hexCell(mcc, s[3:6], "", s[6:]))
		}
	}
	return Cell{}, false
}

// accessNetworkCell reads the cell of a P-Access-Network-Info value, as
// IMS (VoLTE) records keep it ("3GPP-E-UTRAN-FDD;
// utran-cell-id-3gpp=262014711A2B3C01", 3GPP TS 24.229): MCC, MNC, then a
// TAC or LAC and a cell identity in hex — 4 and 7 hex digits for E-UTRAN
// and UTRAN, 4 and 4 for GERAN (cgi-3gpp=), 6 and 9 for NR. The MNC's
// length follows from the value's. isPANI is false when s is no such
// value.
func accessNetworkCell(s string) (c Cell, ok, isPANI bool) {
	lower := strings.ToLower(s)
	i := -1
	for _, p := range []string{"utran-cell-id-3gpp=", "cgi-3gpp="} {
		if j := strings.Index(lower, p); j >= 0 {
			i = j + len(p)
			break
		}
	}
	if i < 0 {
		return Cell{}, false, false
	}
	v := s[i:]
	if end := strings.IndexAny(v, "; ,\"\t"); end >= 0 {
		v = v[:end]
	}
	lacLen, ciLen := 4, 7
	switch {
	case strings.Contains(lower[:i], "3gpp-nr"):
		lacLen, ciLen = 6, 9
	case len(v) == 13 || len(v) == 14:
		ciLen = 4
	}
	mncLen := len(v) - 3 - lacLen - ciLen
	if (mncLen != 2 && mncLen != 3) || !allDigits(v[:3+mncLen]) || !isHex(v[3+mncLen:]) {
		return Cell{}, false, true
	}
	rest := v[3+mncLen:]
	c, ok = hexCell(v[:3], v[3:3+mncLen], rest[:lacLen], rest[lacLen:])
	c.NR = ok && lacLen == 6
	return c, ok, true
}

func isCellSep(r rune) bool {
	return r == '-' || r == ':' || r == '/' || r == '.' || r == '_' || r == ' '
}

// nrCell marks a cell read from an encoding only 5G NR writes.
func nrCell(c Cell, ok bool) (Cell, bool) {
	c.NR = ok
	return c, ok
}

func dashedCell(p []string) (Cell, bool) {
	if len(p) == 3 && (len(p[0]) == 5 || len(p[0]) == 6) && allDigits(p[0]) && p[0][0] >= '2' && p[0][0] <= '7' {
		// the PLMN written as one run, MCC and MNC fused, then LAC and
		// CI (Vi's 40570-5123-15746: 405-70-5123-15746); the run's
		// length says the MNC's
		p = []string{p[0][:3], p[0][3:], p[1], p[2]}
	}
	if len(p) != 3 && len(p) != 4 {
		return Cell{}, false
	}
	mcc, mnc := p[0], p[1]
	if len(mcc) != 3 || !allDigits(mcc) || len(mnc) < 1 || len(mnc) > 3 || !allDigits(mnc) {
		return Cell{}, false
	}
	if len(mnc) == 1 {
		mnc = "0" + mnc
	}
	mnc = twoDigitMNC(mcc, mnc)
	if len(p) == 3 {
		ci, ok := prefixedNumber(p[2])
		if !ok {
			return Cell{}, false
		}
		return decimalCell(mcc, mnc, "", ci)
	}
	if hexPrefixed(p[2]) || hexPrefixed(p[3]) {
		return prefixedCell(mcc, mnc, p[2], p[3])
	}
	if hasHexLetter(p[2]) || hasHexLetter(p[3]) {
		return hexCell(mcc, mnc, p[2], p[3])
	}
	return decimalCell(mcc, mnc, p[2], p[3])
}

// prefixedCell reads a LAC and CI each in the base it is written in: hex
// after 0x ("0x7301", as a record reader writes the values of a column it
// found hexadecimal, all-digit ones included), decimal otherwise.
func prefixedCell(mcc, mnc, lac, ci string) (Cell, bool) {
	l, okL := prefixedNumber(lac)
	c, okC := prefixedNumber(ci)
	if !okL || !okC {
		return Cell{}, false
	}
	return cellOf(mcc, mnc, l, c, 10)
}

func hexPrefixed(s string) bool { return len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') }

// prefixedNumber is s in decimal digits: s itself, or the value of the
// hex digits after its 0x.
func prefixedNumber(s string) (string, bool) {
	if !hexPrefixed(s) {
		return s, allDigits(s)
	}
	if !isHex(s[2:]) || len(s) > 11 {
		return "", false
	}
	v, err := strconv.ParseInt(s[2:], 16, 64)
	if err != nil {
		return "", false
	}
	return strconv.FormatInt(v, 10), true
}

// maxLAC is the largest LAC/TAC (5G's TAC has 24 bits); maxCI the largest
// cell identity (5G's NCI has 36 bits).
const (
	maxLAC = 1<<24 - 1
	maxCI  = 1<<36 - 1
)

func decimalCell(mcc, mnc, lac, ci string) (Cell, bool) {
	return cellOf(mcc, mnc, lac, ci, 10)
}

func hexCell(mcc, mnc, lac, ci string) (Cell, bool) {
	return cellOf(mcc, mnc, lac, ci, 16)
}

func cellOf(mcc, mnc, lac, ci string, base int) (Cell, bool) {
	c := Cell{MCC: mcc, MNC: mnc, LAC: -1}
	if lac != "" {
		v, err := strconv.ParseInt(lac, base, 64)
		if err != nil || v < 0 || v > maxLAC {
			return Cell{}, false
		}
		c.LAC = v
	}
	v, err := strconv.ParseInt(ci, base, 64)
	if err != nil || v < 0 || v > maxCI || len(ci) > 12 {
		return Cell{}, false
	}
	c.CI = v
	return c, true
}

// mncDigits is the length of the MNC of an MCC followed by at least three
// digits: 3 where the country's MNCs have three digits, 2 where they have
// two, 0 where both occur and the digits do not settle it.
// twoDigitMNC writes a three-digit MNC with a leading zero in a country
// of two-digit MNCs as its two digits: 404-010 is how some exports (and
// some packed PLMNs) write MNC 10 of India's 404, and a cell has one key
// however its MNC was written.
func twoDigitMNC(mcc, mnc string) string {
	if len(mnc) == 3 && mnc[0] == '0' && mncDigits(mcc+mnc) == 2 {
		return mnc[1:]
	}
	return mnc
}

func mncDigits(s string) int {
	mcc := s[:3]
	if threeDigitMNC[mcc] {
		return 3
	}
	if mcc == "405" { // India: 405-01..405-56 and 405-66, 405-67 have two digits; 405-025.. and Jio's 405-840..874 three
		switch s[3] {
		case '8':
			return 3
		default:
			return 0
		}
	}
	return 2
}

// threeDigitMNC are the MCCs whose MNCs are written with three digits.
var threeDigitMNC = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range strings.Fields("302 310 311 312 313 314 315 316 334 338 342 344 346 348 354 356 358 360 365 366 376 708 722 732") {
		m[c] = true
	}
	return m
}()

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return s != ""
}

func hasHexLetter(s string) bool {
	return strings.ContainsAny(s, "abcdefABCDEF")
}

// HandsetKey is the canonical key of a handset: the first 14 digits of its
// IMEI (TAC and serial number), the same for a 14-digit IMEI, a 15-digit
// IMEI with its check digit and a 16-digit IMEISV. "" when imei is not 14
// to 16 digits.
func HandsetKey(imei string) string {
	if len(imei) < 14 || len(imei) > 16 || !allDigits(imei) {
		return ""
	}
	return imei[:14]
}

// String describes a cell for messages.
func (c Cell) String() string { return fmt.Sprintf("%s (%s)", c.Key(), c.Generation()) }

// CellOfParts is the cell of a table that gives its parts in columns of
// their own, as OpenCellID's export does (mcc, net, area, cell): decimal
// values, the MNC written with three digits where the country's MNCs have
// three (310-026) and as given otherwise (404-10), LAC -1 when none. ok is
// false for a value out of range.
func CellOfParts(mcc, mnc int, lac, ci int64) (Cell, bool) {
	if mcc < 100 || mcc > 999 || mnc < 0 || mnc > 999 || lac > maxLAC || ci < 0 || ci > maxCI {
		return Cell{}, false
	}
	m := strconv.Itoa(mcc)
	n := strconv.Itoa(mnc)
	switch {
	case threeDigitMNC[m] || mnc >= 100:
		n = fmt.Sprintf("%03d", mnc)
	case mnc < 10:
		n = "0" + n
	}
	if lac < 0 {
		lac = -1
	}
	return Cell{MCC: m, MNC: n, LAC: lac, CI: ci}, true
}

// AnyLACKey is the key of the cell with its LAC left out
// (MCC-MNC-?-CI): the key an ECGI, which carries no TAC, is written
// under.
func (c Cell) AnyLACKey() string {
	c.LAC = -1
	return c.Key()
}

// MNCAmbiguous says the MCC's country has MNCs of two digits and of three
// (India's 405: 405-25 and 405-025 are different networks), so that an
// MNC's leading zero is part of it and must be kept as written.
func MNCAmbiguous(mcc string) bool {
	return len(mcc) == 3 && !threeDigitMNC[mcc] && mncDigits(mcc+"000") == 0
}

// PLMNOfIMSI is the home network of an IMSI: its MCC and MNC, the MNC's
// length as the country writes it. ok is false for a value that is not 14
// or 15 digits, or whose country has MNCs of two and three digits that
// the IMSI does not settle (India's 405).
func PLMNOfIMSI(imsi string) (mcc, mnc string, ok bool) {
	if (len(imsi) != 14 && len(imsi) != 15) || !allDigits(imsi) {
		return "", "", false
	}
	switch mncDigits(imsi[:6]) {
	case 2:
		return imsi[:3], imsi[3:5], true
	case 3:
		return imsi[:3], imsi[3:6], true
	}
	return "", "", false
}
