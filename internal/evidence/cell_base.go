package evidence

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/cdrtui/cdrtui/internal/ident"
)

// The base of a record file's LAC and cell columns is decided once for
// the column, over every value of the file, never value by value: an
// export writing its LACs in hex writes LAC 0x7301 as "7301", all digits,
// beside "1A2B" on the next line, and reading each value by its own look
// took the first as decimal 7301 (another cell) while the second was read
// as hex. A column holding a value with a letter a-f is hexadecimal for
// every row (its values are composed as "0x7301", which ident.ParseCell
// reads as hex whatever its digits); one also holding an all-digit value
// wider than any of its lettered ones (and than four digits, a 16-bit
// value's in hex) is refused, named in the format: a hex LAC or CI is
// written in no more digits than its lettered values take, so the wider
// one is decimal and the column is written in both bases, which no value
// tells apart. A column with no letter is decimal.
// A whole CGI written in parts ("404-45-1A2B-3039") is decided the same
// way over its LAC and CI parts; packed CGIs tell their base by their
// length and are not concerned.

// cellColumn is what the file's values of one LAC or cell column say of
// its base.
type cellColumn struct {
	col                int
	lettered, digits   string // the first value with a letter a-f, the widest all-digit one
	letterAt, digitsAt int64  // their lines
	letterWidth        int    // the widest lettered value
	parts              bool   // values are CGIs in parts, not bare numbers
	named              int    // the base the column's name says: 16 ("LAC (hex)", "CID_HEX"), 10 ("CI_DEC"), 0 none
	// packed is the first decimal CGI of 15 or 16 digits read as MCC, MNC,
	// then a LAC and a CI of five digits each; odd the first run of 14 to
	// 17 digits that reads as no CGI (packedEvidence)
	packed, odd     string
	packedAt, oddAt int64
	// hexDigits is the first run of 12 to 14 digits read, by its length,
	// as a hex ECGI or CGI; hexLetter says such a value had a letter a-f
	hexDigits   string
	hexDigitsAt int64
	hexLetter   bool
	// seen are the values already taken, as written: a value says the
	// same again (the evidence keeps each kind's first or widest value),
	// and a column holds few cells over many rows, so the whole-file read
	// looks at each once (up to maxSeenCells of them)
	seen map[string]struct{}
}

// maxSeenCells bounds the values a column remembers having taken.
const maxSeenCells = 1 << 16

// cellBase gathers the evidence of a layout's LAC and cell columns.
type cellBase struct {
	cols    map[int]*cellColumn
	pending bool // the head was not the whole file: ResolveCellBase must read it
}

// newCellBase is the evidence holder of l's LAC and cell columns (calling
// and called party's), nil when l has none.
func newCellBase(l *Layout) *cellBase {
	b := &cellBase{cols: map[int]*cellColumn{}}
	for _, cols := range []map[Field]int{l.Columns, l.CalledColumns} {
		for _, f := range []Field{FLAC, FCell} {
			if c, ok := cols[f]; ok && c < len(l.Header) {
				b.cols[c] = &cellColumn{col: c, named: namedBase(l.Header[c])}
			}
		}
	}
	if len(b.cols) == 0 {
		return nil
	}
	return b
}

// add takes the values of one data line.
func (b *cellBase) add(cells []string, line int64) {
	for c, e := range b.cols {
		if c < len(cells) {
			e.value(cells[c], line)
		}
	}
}

// addFields is add for a line split in place.
func (b *cellBase) addFields(fields [][]byte, line int64) {
	for c, e := range b.cols {
		if c < len(fields) {
			if _, ok := e.seen[string(fields[c])]; !ok { // no copy to look up
				e.value(string(fields[c]), line)
			}
		}
	}
}

// value takes one value of the column as written.
func (e *cellColumn) value(raw string, line int64) {
	if _, ok := e.seen[raw]; ok {
		return
	}
	if e.seen == nil {
		e.seen = map[string]struct{}{}
	}
	if len(e.seen) < maxSeenCells {
		e.seen[raw] = struct{}{}
	}
	v := unwrapValue(CleanText(raw))
	if ident.CellIsAddress(v) {
		return // a call over Wi-Fi: its access point's address says nothing of the column's base
	}
	e.packedEvidence(v, line)
	tokens := cellTokens(v)
	e.parts = e.parts || len(tokens) == 2
	for _, v := range tokens {
		e.add(v, line)
	}
}

// packedEvidence notes v when it is a CGI written as one run of decimal
// digits. Indian operators write MCC, MNC, LAC and CI end to end
// ("404452345012345"); ident.ParseCell reads 15 digits (16 with a
// three-digit MNC) as a LAC and a CI of five digits each, zero-padded.
// A column also holding a run of 14 to 17 digits that reads as no CGI
// ("40445234512345", "4044523456012345") does not pad them, and its
// 15-digit values may be a LAC of four digits and a CI of six: the
// column is refused (decide), never split by guess.
func (e *cellColumn) packedEvidence(v string, line int64) {
	if len(v) >= 12 && len(v) <= 14 && v[0] >= '2' && v[0] <= '7' && isHexText(v) {
		if _, ok := ident.ParseCell(v); ok {
			if !allDigits(v) {
				e.hexLetter = true
			} else if e.hexDigits == "" {
				e.hexDigits, e.hexDigitsAt = v, line
			}
		}
	}
	if len(v) < 14 || len(v) > 17 || v[0] < '2' || v[0] > '7' || !allDigits(v) {
		return
	}
	_, ok := ident.ParseCell(v)
	switch {
	case ok && (len(v) == 15 || len(v) == 16):
		if e.packed == "" {
			e.packed, e.packedAt = v, line
		}
	case !ok && e.odd == "":
		e.odd, e.oddAt = v, line
	}
}

// cellTokens are the parts of a cell value whose base is in question: the
// value itself when it is a bare number of up to 9 digits (a LAC, a CI,
// an ECI), the LAC and CI of a CGI written in parts; none for anything
// else (a packed CGI, a ULI, a name).
func cellTokens(v string) []string {
	if p := strings.FieldsFunc(v, isCellSeparator); len(p) == 4 && allDigits(p[0]) && allDigits(p[1]) {
		return []string{p[2], p[3]}
	}
	if len(v) <= 9 || hasHexPrefix(v) && len(v) <= 11 {
		return []string{v}
	}
	return nil
}

func (e *cellColumn) add(v string, line int64) {
	explicit := hasHexPrefix(v)
	if explicit {
		v = v[2:]
	}
	if !isHexText(v) {
		return
	}
	if explicit || strings.ContainsAny(v, "abcdefABCDEF") {
		if e.lettered == "" {
			e.lettered, e.letterAt = v, line
		}
		e.letterWidth = max(e.letterWidth, len(v))
		return
	}
	if len(v) > len(e.digits) {
		e.digits, e.digitsAt = v, line
	}
}

// decide sets l.HexColumns from the evidence and refuses (unmaps, naming
// why in l.Refused) the columns written in both bases.
func (b *cellBase) decide(l *Layout) {
	for _, c := range slices.Sorted(maps.Keys(b.cols)) {
		e := b.cols[c]
		if e.packed != "" && e.odd != "" {
			l.Refused = append(l.Refused, fmt.Sprintf("%q not cell (its CGIs written as one run of digits are not all MCC, MNC, then a LAC and a CI of five digits each: %q on line %d is not, so where %q on line %d splits cannot be told)",
				l.Header[c], e.odd, e.oddAt, e.packed, e.packedAt))
			unmapColumn(l, c)
			continue
		}
		if e.hexDigits != "" && !e.hexLetter && e.odd != "" {
			l.Refused = append(l.Refused, fmt.Sprintf("%q not cell (its runs of digits have several lengths, and %q on line %d reads as no CGI: they are decimal (an ECGI's ECI written in as many digits as it takes), and %q on line %d, which its length makes a hexadecimal CGI or ECGI, cannot be told)",
				l.Header[c], e.odd, e.oddAt, e.hexDigits, e.hexDigitsAt))
			unmapColumn(l, c)
			continue
		}
		switch {
		case e.named == 10 && e.lettered != "":
			l.Refused = append(l.Refused, fmt.Sprintf("%q not cell (its name says decimal, yet it holds the hexadecimal %q on line %d)", l.Header[c], e.lettered, e.letterAt))
			unmapColumn(l, c)
			continue
		case e.named == 10:
			continue
		case e.named == 16:
		case e.lettered == "":
			continue
		case len(e.digits) > max(e.letterWidth, 4): // 4: a 16-bit value's hex digits
			l.Refused = append(l.Refused, fmt.Sprintf("%q not cell (it holds hexadecimal values such as %q on line %d and %q on line %d, wider than any of them and so decimal: a column written in both bases, whose all-digit values cannot be told decimal from hexadecimal)",
				l.Header[c], e.lettered, e.letterAt, e.digits, e.digitsAt))
			unmapColumn(l, c)
			continue
		}
		if l.HexColumns == nil {
			l.HexColumns = map[int]bool{}
		}
		l.HexColumns[c] = true
	}
	b.siblings(l)
	b.pending = false
}

// siblings refuses a party's bare CI column with no letter beside a LAC
// column found hexadecimal, or the other way round, when none of its
// values is wider than a hex LAC or CI of 16 bits (four digits): "3039"
// beside "1A2B" is CI 0x3039 = 12345 if the file writes both in hex, CI
// 3039 if it writes the CI in decimal, and nothing in the file says which.
func (b *cellBase) siblings(l *Layout) {
	for _, cols := range []map[Field]int{l.Columns, l.CalledColumns} {
		lac, ok1 := cols[FLAC]
		ci, ok2 := cols[FCell]
		if !ok1 || !ok2 || b.cols[lac] == nil || b.cols[ci] == nil || b.cols[ci].parts || l.HexColumns[lac] == l.HexColumns[ci] {
			continue
		}
		hex, other := lac, ci
		if l.HexColumns[ci] {
			hex, other = ci, lac
		}
		e := b.cols[other]
		if e.named != 0 || e.lettered != "" || len(e.digits) > 4 || e.digits == "" {
			continue
		}
		why := fmt.Sprintf("%q on line %d", b.cols[hex].lettered, b.cols[hex].letterAt)
		if b.cols[hex].named == 16 {
			why = "its name says so"
		}
		l.Refused = append(l.Refused, fmt.Sprintf("%q not cell (no value has a letter a-f, yet %q beside it is hexadecimal (%s): whether %q on line %d is hexadecimal too or decimal cannot be told)",
			l.Header[other], l.Header[hex], why, e.digits, e.digitsAt))
		unmapColumn(l, other)
	}
}

// namedBase is the base a LAC or cell column's name says: 16 for "LAC
// (hex)", "CID_HEX", "Cell ID in hex", 10 for "CI (dec)", "CID_DEC", 0
// when it says none.
func namedBase(h string) int {
	n := normalizeHeader(h)
	switch {
	case strings.HasSuffix(n, "hex") || strings.HasPrefix(n, "hex") || strings.HasSuffix(n, "hexadecimal"):
		return 16
	case strings.HasSuffix(n, "dec") || strings.HasSuffix(n, "decimal"):
		return 10
	}
	return 0
}

// unmapColumn takes column c from every field it fills.
func unmapColumn(l *Layout, c int) {
	for _, cols := range []map[Field]int{l.Columns, l.CalledColumns} {
		for f, col := range cols {
			if col == c {
				delete(cols, f)
			}
		}
	}
}

// NeedsCellBase reports whether the file's LAC and cell columns must be
// read whole (ResolveCellBase) before its rows are: the head was not the
// whole file.
func (l *Layout) NeedsCellBase() bool { return l.cellBase != nil && l.cellBase.pending }

// ResolveCellBase reads a whole file (r from its beginning: only the LAC
// and cell columns of the lines after the header are looked at) and
// decides the base of those columns.
func ResolveCellBase(r io.Reader, l *Layout) error {
	b := l.cellBase
	if b == nil || !b.pending {
		return nil
	}
	if err := addCellValues(r, l, b); err != nil {
		return err
	}
	b.decide(l)
	return nil
}

// addCellValues takes into b the LAC and cell values of the lines of r
// after l's header.
func addCellValues(r io.Reader, l *Layout, b *cellBase) error {
	lr := NewLineReader(r, l.Delimiter)
	var fields [][]byte
	for {
		rec, line, err := lr.Next()
		if err == io.EOF {
			break
		}
		if err == ErrRecordTooLong {
			continue
		}
		if err != nil {
			return err
		}
		if line <= l.HeaderLine {
			continue
		}
		fields = SplitFields(fields, rec, l.Delimiter)
		b.addFields(fields, line)
	}
	return nil
}

// hexColumn says the column the record's field f is read from holds
// hexadecimal values.
func (rd *Reader) hexColumn(f Field) bool {
	if len(rd.l.HexColumns) == 0 {
		return false
	}
	s := rd.slot(f)
	c := s.c
	if s.hasCC && rd.called {
		c = s.cc
	}
	return s.ok && rd.l.HexColumns[c]
}

// hexCellText writes a value of a hexadecimal column so that its base is
// in it: a bare number as 0x…, a CGI in parts with its LAC and CI as 0x…
// ("404-45-0x7301-0x3039"). Anything else is returned as written.
func hexCellText(v string) string {
	v = unwrapValue(v)
	if ident.CellIsAddress(v) {
		return v
	}
	if p := strings.FieldsFunc(v, isCellSeparator); len(p) == 4 && allDigits(p[0]) && allDigits(p[1]) {
		if lac, ok := hexNumber(p[2]); ok {
			if ci, ok := hexNumber(p[3]); ok {
				return p[0] + "-" + p[1] + "-" + lac + "-" + ci
			}
		}
		return v
	}
	if h, ok := hexNumber(v); ok {
		return h
	}
	return v
}

// hexNumber is v, hexadecimal digits with or without 0x, as 0x….
func hexNumber(v string) (string, bool) {
	if hasHexPrefix(v) {
		v = v[2:]
	}
	if !isHexText(v) || len(v) > 9 {
		return "", false
	}
	return "0x" + v, true
}

func hasHexPrefix(v string) bool { return len(v) > 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X') }

func isHexText(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isHexDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

func isCellSeparator(r rune) bool {
	return r == '-' || r == ':' || r == '/' || r == '.' || r == '_' || r == ' '
}

// packedOfLTE says (noting it as a field issue) that the row's radio
// column names LTE or NR while its cell is a run of 15 or 16 digits,
// which ident.ParseCell reads as a 2G/3G CGI, MCC, MNC, then a LAC and a
// CI of five digits each: an eCGI written so ends in an eNodeB of seven
// digits and a cell of three (404-45, eNodeB 0123456, cell 001), which
// the CGI reading takes for LAC 1234 and CI 56001, another cell.
func (rd *Reader) packedOfLTE(row *Row, v string) bool {
	r := packedLTEReason(v, rd.cell(FRAT))
	if r == "" {
		return false
	}
	row.issue(FCell, unwrapValue(v), errors.New(r))
	return true
}

// packedLTEReason is why v, a cell of radio, is not keyed (packedOfLTE),
// "" when it may be.
func packedLTEReason(v, radio string) string {
	v = unwrapValue(v)
	if len(v) != 15 && len(v) != 16 || !allDigits(v) {
		return ""
	}
	switch strings.ToUpper(strings.NewReplacer("-", "", " ", "", "_", "").Replace(radio)) {
	case "LTE", "4G", "EUTRAN", "NR", "5G", "5GNR", "VOLTE", "4GLTE", "LTEFDD", "LTETDD":
	default:
		return ""
	}
	if _, ok := ident.ParseCell(v); !ok {
		return ""
	}
	return fmt.Sprintf("radio %s, yet %d digits read as a 2G/3G CGI (a LAC and a CI of five digits each): an eCGI written in digits ends in an eNodeB of seven and a cell of three, another split; not keyed", radio, len(v))
}

// hexFormat names the LAC and cell columns read as hexadecimal, "" when
// none is.
func (l *Layout) hexFormat() string {
	var names []string
	for _, c := range slices.Sorted(maps.Keys(l.HexColumns)) {
		if c < len(l.Header) {
			names = append(names, fmt.Sprintf("%q", l.Header[c]))
		}
	}
	if len(names) == 0 {
		return ""
	}
	return strings.Join(names, ", ") + " read as hexadecimal in every row"
}
