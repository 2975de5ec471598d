package spreadsheet

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sort"
)

// An Excel 97-2003 workbook (.xls) is an OLE compound file whose
// "Workbook" stream holds BIFF8 records: the workbook globals (the date
// system, the number formats, the cell formats, the sheets, the shared
// strings) and then each sheet's records, its cells typed. This file reads
// those records (layouts from [MS-XLS]); xls.go hands the cells to the
// same reading as an .xlsx's.

// BIFF8 record types read.
const (
	recFormula     = 0x0006
	recEOF         = 0x000A
	recFilePass    = 0x002F
	recDateMode    = 0x0022
	recContinue    = 0x003C
	recBoundSheet  = 0x0085
	recMulRK       = 0x00BD
	recRString     = 0x00D6
	recXF          = 0x00E0
	recMergedCells = 0x00E5
	recSST         = 0x00FC
	recLabelSST    = 0x00FD
	recNumber      = 0x0203
	recLabel       = 0x0204
	recBoolErr     = 0x0205
	recString      = 0x0207
	recRow         = 0x0208
	recRK          = 0x027E
	recFormat      = 0x041E
	recShrFmla     = 0x04BC
	recArray       = 0x0221
	recBOF         = 0x0809
)

// biffBook is what a Workbook stream's globals say.
type biffBook struct {
	stream   []byte
	date1904 bool
	formats  map[uint16]string // the FORMAT records' codes, by format index
	xfFormat []uint16          // by XF index, its format index
	sheets   []biffSheetRef
	sst      []string
}

// biffSheetRef is a BOUNDSHEET record: a worksheet's name, whether it is
// hidden, and where its records start in the stream.
type biffSheetRef struct {
	name   string
	hidden bool
	offset int
}

// biffCell is one cell's value: a number (its XF gives its format), a
// text, a Boolean or an error value.
type biffCell struct {
	row, col int // 0-based
	xf       uint16
	kind     byte // 'n' number, 's' text, 'b' Boolean, 'e' error
	num      float64
	text     string
}

// biffSheet is a worksheet's cells in sheet order, its merged ranges and
// its hidden rows (1-based).
type biffSheet struct {
	cells      []biffCell
	merges     [][4]int // first row, last row, first column, last column, 0-based
	hiddenRows []int
}

var errTruncated = errors.New("the workbook stream ends inside a record (truncated or damaged file)")

// record is one BIFF record: its type and data, and the data of the
// CONTINUE records after it.
type record struct {
	typ   uint16
	data  []byte
	conts [][]byte
	next  int // the offset of the record after it (and its CONTINUEs)
}

// readRecord reads the record at off.
func readRecord(s []byte, off int) (record, error) {
	if off+4 > len(s) {
		return record{}, errTruncated
	}
	typ, n := binary.LittleEndian.Uint16(s[off:]), int(binary.LittleEndian.Uint16(s[off+2:]))
	if off+4+n > len(s) {
		return record{}, errTruncated
	}
	r := record{typ: typ, data: s[off+4 : off+4+n], next: off + 4 + n}
	for r.next+4 <= len(s) && binary.LittleEndian.Uint16(s[r.next:]) == recContinue {
		n := int(binary.LittleEndian.Uint16(s[r.next+2:]))
		if r.next+4+n > len(s) {
			return record{}, errTruncated
		}
		r.conts = append(r.conts, s[r.next+4:r.next+4+n])
		r.next += 4 + n
	}
	return r, nil
}

// parseGlobals reads the workbook globals, from the stream's first BOF to
// its EOF.
func parseGlobals(s []byte) (*biffBook, error) {
	b := &biffBook{stream: s, formats: map[uint16]string{}}
	r, err := readRecord(s, 0)
	if err != nil {
		return nil, err
	}
	if r.typ != recBOF || len(r.data) < 4 {
		return nil, errors.New("the workbook stream does not start with a BIFF BOF record")
	}
	if v := binary.LittleEndian.Uint16(r.data); v != 0x0600 {
		return nil, fmt.Errorf("an Excel workbook older than Excel 97 (BIFF version %#04x), not read: save it as .xlsx in Excel or LibreOffice", v)
	}
	for off := r.next; ; {
		r, err := readRecord(s, off)
		if err != nil {
			return nil, err
		}
		off = r.next
		d := r.data
		switch r.typ {
		case recEOF:
			return b, nil
		case recFilePass:
			return nil, errors.New("the workbook is password-protected (encrypted), not read: save an unprotected copy")
		case recDateMode:
			b.date1904 = len(d) >= 2 && binary.LittleEndian.Uint16(d) == 1
		case recFormat:
			if len(d) >= 2 {
				c := cursor{chunks: [][]byte{d[2:]}}
				if code, ok := c.unicodeString(2); ok {
					b.formats[binary.LittleEndian.Uint16(d)] = code
				}
			}
		case recXF:
			var f uint16
			if len(d) >= 4 {
				f = binary.LittleEndian.Uint16(d[2:])
			}
			b.xfFormat = append(b.xfFormat, f)
		case recBoundSheet:
			if len(d) < 8 {
				return nil, errTruncated
			}
			if d[5] != 0 {
				continue // a chart, macro or module sheet: no cells
			}
			c := cursor{chunks: [][]byte{d[6:]}}
			name, ok := c.unicodeString(1)
			if !ok {
				return nil, errTruncated
			}
			b.sheets = append(b.sheets, biffSheetRef{name: name, hidden: d[4]&3 != 0, offset: int(binary.LittleEndian.Uint32(d))})
		case recSST:
			if b.sst, err = readSST(r); err != nil {
				return nil, err
			}
		}
	}
}

// readSST reads the shared strings, the record's CONTINUEs too.
func readSST(r record) ([]string, error) {
	if len(r.data) < 8 {
		return nil, errTruncated
	}
	n := int(binary.LittleEndian.Uint32(r.data[4:]))
	c := cursor{chunks: append([][]byte{r.data[8:]}, r.conts...)}
	sst := make([]string, 0, min(n, 1<<16))
	for range n {
		s, ok := c.richString()
		if !ok {
			return nil, errors.New("the shared strings table ends early (truncated or damaged file)")
		}
		sst = append(sst, s)
	}
	return sst, nil
}

// parseSheet reads a worksheet's records, from its BOF to its EOF; a
// sheet's embedded substreams (a chart on it) are passed over.
func (b *biffBook) parseSheet(ref biffSheetRef) (*biffSheet, error) {
	s := b.stream
	r, err := readRecord(s, ref.offset)
	if err != nil || r.typ != recBOF {
		return nil, fmt.Errorf("sheet %q: its records are not where the workbook says (damaged file)", ref.name)
	}
	sh := &biffSheet{}
	depth := 1
	var pending *biffCell // a formula whose text value is in the STRING record after it
	for off := r.next; depth > 0; {
		r, err := readRecord(s, off)
		if err != nil {
			return nil, fmt.Errorf("sheet %q: %w", ref.name, err)
		}
		off = r.next
		d := r.data
		switch r.typ {
		case recBOF:
			depth++
			continue
		case recEOF:
			depth--
			continue
		}
		if depth > 1 {
			continue
		}
		var row, col int
		var xf uint16
		if len(d) >= 6 {
			row, col, xf = int(binary.LittleEndian.Uint16(d)), int(binary.LittleEndian.Uint16(d[2:])), binary.LittleEndian.Uint16(d[4:])
		}
		add := func(c biffCell) { c.row, c.col, c.xf = row, col, xf; sh.cells = append(sh.cells, c) }
		switch r.typ {
		case recNumber:
			if len(d) >= 14 {
				add(biffCell{kind: 'n', num: math.Float64frombits(binary.LittleEndian.Uint64(d[6:]))})
			}
		case recRK:
			if len(d) >= 10 {
				add(biffCell{kind: 'n', num: rkValue(binary.LittleEndian.Uint32(d[6:]))})
			}
		case recMulRK:
			for i := 4; i+6 <= len(d)-2; i += 6 {
				xf = binary.LittleEndian.Uint16(d[i:])
				add(biffCell{kind: 'n', num: rkValue(binary.LittleEndian.Uint32(d[i+2:]))})
				col++
			}
		case recLabelSST:
			if len(d) >= 10 {
				i := int(binary.LittleEndian.Uint32(d[6:]))
				if i >= len(b.sst) {
					return nil, fmt.Errorf("sheet %q: a cell names shared string %d of %d (damaged file)", ref.name, i, len(b.sst))
				}
				add(biffCell{kind: 's', text: b.sst[i]})
			}
		case recLabel, recRString:
			if len(d) >= 8 {
				c := cursor{chunks: append([][]byte{d[6:]}, r.conts...)}
				if t, ok := c.unicodeString(2); ok {
					add(biffCell{kind: 's', text: t})
				}
			}
		case recBoolErr:
			if len(d) >= 8 {
				if d[7] == 0 {
					add(biffCell{kind: 'b', num: float64(d[6] & 1)})
				} else {
					add(biffCell{kind: 'e', text: errorText(d[6])})
				}
			}
		case recFormula:
			if len(d) >= 14 {
				add(formulaValue(d[6:14]))
				if c := &sh.cells[len(sh.cells)-1]; c.kind == 's' && c.text == "" && d[6] == 0 {
					pending = c
				}
			}
		case recString:
			if pending != nil {
				c := cursor{chunks: append([][]byte{d}, r.conts...)}
				pending.text, _ = c.unicodeString(2)
			}
		case recRow:
			if len(d) >= 14 && binary.LittleEndian.Uint16(d[12:])&0x20 != 0 {
				sh.hiddenRows = append(sh.hiddenRows, row+1)
			}
		case recMergedCells:
			for i := 2; i+8 <= len(d); i += 8 {
				u := func(k int) int { return int(binary.LittleEndian.Uint16(d[i+k:])) }
				sh.merges = append(sh.merges, [4]int{u(0), u(2), u(4), u(6)})
			}
		}
		if r.typ != recFormula && r.typ != recShrFmla && r.typ != recArray {
			pending = nil // the STRING record comes right after its FORMULA (and its SHRFMLA or ARRAY)
		}
	}
	sort.SliceStable(sh.cells, func(i, j int) bool {
		a, b := sh.cells[i], sh.cells[j]
		return a.row < b.row || a.row == b.row && a.col < b.col
	})
	return sh, nil
}

// rkValue decodes an RK number: a 30-bit integer or the high 30 bits of a
// double, divided by 100 when its lowest bit says so.
func rkValue(rk uint32) float64 {
	var v float64
	if rk&2 != 0 {
		v = float64(int32(rk) >> 2)
	} else {
		v = math.Float64frombits(uint64(rk&0xFFFFFFFC) << 32)
	}
	if rk&1 != 0 {
		v /= 100
	}
	return v
}

// formulaValue is a FORMULA record's cached value: a number, or, when its
// last two bytes are FFFF, a text (in the STRING record that follows; an
// empty one when the first byte is 3), a Boolean or an error value.
func formulaValue(v []byte) biffCell {
	if v[6] != 0xFF || v[7] != 0xFF {
		return biffCell{kind: 'n', num: math.Float64frombits(binary.LittleEndian.Uint64(v))}
	}
	switch v[0] {
	case 1:
		return biffCell{kind: 'b', num: float64(v[2] & 1)}
	case 2:
		return biffCell{kind: 'e', text: errorText(v[2])}
	}
	return biffCell{kind: 's'}
}

// errorText is a spreadsheet error value's text.
func errorText(code byte) string {
	switch code {
	case 0x00:
		return "#NULL!"
	case 0x07:
		return "#DIV/0!"
	case 0x0F:
		return "#VALUE!"
	case 0x17:
		return "#REF!"
	case 0x1D:
		return "#NAME?"
	case 0x24:
		return "#NUM!"
	}
	return "#N/A"
}
