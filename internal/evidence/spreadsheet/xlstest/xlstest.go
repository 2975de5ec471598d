// Package xlstest writes small Excel 97-2003 workbooks (.xls: BIFF8
// records in an OLE compound file) for tests, with the values a test
// chooses: the reading of .xls files is tested on files whose every byte
// is known, never on third-party files copied into the project.
//
// The compound file is the simplest a reader must accept: 512-byte
// sectors, the FAT sectors, one directory sector, and the Workbook stream
// padded to at least 4,096 bytes so that no mini stream is needed.
package xlstest

import (
	"bytes"
	"encoding/binary"
	"math"
	"unicode/utf16"
)

// Book is a workbook to write.
type Book struct {
	Date1904 bool
	// Formats are FORMAT records: a number format's index (164 and up
	// for a workbook's own) and code.
	Formats []Format
	// XFs are the cell formats, by index: each its number format's index.
	// Cells name them by index; 0 is General.
	XFs []uint16
	// SST is the shared strings table.
	SST []string
	// SplitSST, when Split is true, ends the SST record inside string
	// SplitSST.String after SplitSST.Chars characters (written one byte
	// each); the rest of it follows in a CONTINUE record, which starts
	// with the byte saying how it is stored (UTF-16 when High).
	SplitSST Split
	// RichSST marks shared strings written as rich text (two formatting
	// runs) with phonetic data, which a reader must pass over.
	RichSST map[int]bool
	Sheets  []Sheet
}

// Format is a FORMAT record.
type Format struct {
	Index uint16
	Code  string
}

// Split says where the SST record is continued.
type Split struct {
	Split         bool
	String, Chars int
	High          bool
}

// Sheet is a worksheet: its name, whether hidden, and its cell records in
// order (see the record helpers).
type Sheet struct {
	Name    string
	Hidden  bool
	Records [][]byte
}

// Record is a BIFF record: its type, its length, its data.
func Record(typ uint16, data ...[]byte) []byte {
	d := bytes.Join(data, nil)
	out := binary.LittleEndian.AppendUint16(nil, typ)
	out = binary.LittleEndian.AppendUint16(out, uint16(len(d)))
	return append(out, d...)
}

func u16(v int) []byte     { return binary.LittleEndian.AppendUint16(nil, uint16(v)) }
func u32(v int) []byte     { return binary.LittleEndian.AppendUint32(nil, uint32(v)) }
func f64(v float64) []byte { return binary.LittleEndian.AppendUint64(nil, math.Float64bits(v)) }

func cellHead(row, col, xf int) []byte { return bytes.Join([][]byte{u16(row), u16(col), u16(xf)}, nil) }

// chars is a string's characters, one byte each when they all fit (the
// flags byte 0), else UTF-16 (flags 1).
func chars(s string) (flags byte, b []byte) {
	u := utf16.Encode([]rune(s))
	for _, c := range u {
		if c > 0xFF {
			for _, c := range u {
				b = binary.LittleEndian.AppendUint16(b, c)
			}
			return 1, b
		}
	}
	for _, c := range u {
		b = append(b, byte(c))
	}
	return 0, b
}

// xlString is an XLUnicodeString (2-byte length) or, short, a
// ShortXLUnicodeString (1-byte length).
func xlString(s string, short bool) []byte {
	flags, b := chars(s)
	n := len(utf16.Encode([]rune(s)))
	var out []byte
	if short {
		out = []byte{byte(n)}
	} else {
		out = u16(n)
	}
	return append(append(out, flags), b...)
}

// Number is a NUMBER record.
func Number(row, col, xf int, v float64) []byte {
	return Record(0x0203, cellHead(row, col, xf), f64(v))
}

// RK is an RK record holding the whole number v (v/100 when x100).
func RK(row, col, xf int, v int32, x100 bool) []byte {
	return Record(0x027E, cellHead(row, col, xf), u32(rk(v, x100)))
}

func rk(v int32, x100 bool) int {
	r := int(uint32(v)<<2) | 2
	if x100 {
		r |= 1
	}
	return r
}

// MulRK is a MULRK record: numbers from column col on, each with its XF,
// given in hundredths (each RK divided by 100: 25 is 0.25).
func MulRK(row, col int, xfs []int, hundredths []int32) []byte {
	d := [][]byte{u16(row), u16(col)}
	for i, v := range hundredths {
		d = append(d, u16(xfs[i]), u32(rk(v, true)))
	}
	d = append(d, u16(col+len(hundredths)-1))
	return Record(0x00BD, d...)
}

// LabelSST is a LABELSST record: shared string i.
func LabelSST(row, col, xf, i int) []byte { return Record(0x00FD, cellHead(row, col, xf), u32(i)) }

// Label is a LABEL record: a text held in the cell itself.
func Label(row, col, xf int, s string) []byte {
	return Record(0x0204, cellHead(row, col, xf), xlString(s, false))
}

// Bool is a BOOLERR record holding a Boolean.
func Bool(row, col int, v bool) []byte {
	b := byte(0)
	if v {
		b = 1
	}
	return Record(0x0205, cellHead(row, col, 0), []byte{b, 0})
}

// Error is a BOOLERR record holding an error value (0x2A: #N/A).
func Error(row, col int, code byte) []byte {
	return Record(0x0205, cellHead(row, col, 0), []byte{code, 1})
}

// FormulaNumber is a FORMULA record whose cached value is v (the parsed
// expression is left empty: a reader takes the value).
func FormulaNumber(row, col, xf int, v float64) []byte {
	return Record(0x0006, cellHead(row, col, xf), f64(v), u16(0), u32(0), u16(0))
}

// FormulaString is a FORMULA record whose cached value is the text s,
// with the STRING record that holds it.
func FormulaString(row, col, xf int, s string) []byte {
	num := []byte{0, 0, 0, 0, 0, 0, 0xFF, 0xFF}
	return append(Record(0x0006, cellHead(row, col, xf), num, u16(0), u32(0), u16(0)), Record(0x0207, xlString(s, false))...)
}

// HiddenRow is a ROW record marking row (0-based) hidden.
func HiddenRow(row int) []byte {
	return Record(0x0208, u16(row), u16(0), u16(8), u16(255), u16(0), u16(0), u16(0x20|0x100), u16(15))
}

// Merged is a MERGEDCELLS record of one range, 0-based and inclusive.
func Merged(firstRow, lastRow, firstCol, lastCol int) []byte {
	return Record(0x00E5, u16(1), u16(firstRow), u16(lastRow), u16(firstCol), u16(lastCol))
}

// Stream is the workbook's Workbook stream: the globals, then each
// sheet's records.
func (b Book) Stream() []byte {
	bof := func(dt int) []byte {
		return Record(0x0809, u16(0x0600), u16(dt), u16(0x0DBB), u16(1996), u32(0), u32(0x0006))
	}
	eof := Record(0x000A)
	sheets := make([][]byte, len(b.Sheets))
	for i, s := range b.Sheets {
		body := [][]byte{bof(0x0010), Record(0x0200, u32(0), u32(100), u16(0), u16(10), u16(0))}
		body = append(body, s.Records...)
		sheets[i] = bytes.Join(append(body, eof), nil)
	}
	globals := func(offsets []int) []byte {
		g := [][]byte{bof(0x0005), Record(0x0042, u16(1200))}
		if b.Date1904 {
			g = append(g, Record(0x0022, u16(1)))
		}
		for _, f := range b.Formats {
			g = append(g, Record(0x041E, u16(int(f.Index)), xlString(f.Code, false)))
		}
		for _, f := range b.XFs {
			g = append(g, Record(0x00E0, u16(0), u16(int(f)), u16(1), make([]byte, 14)))
		}
		for i, s := range b.Sheets {
			state := 0
			if s.Hidden {
				state = 1
			}
			g = append(g, Record(0x0085, u32(offsets[i]), []byte{byte(state), 0}, xlString(s.Name, true)))
		}
		g = append(g, b.sst(), eof)
		return bytes.Join(g, nil)
	}
	offsets := make([]int, len(b.Sheets))
	at := len(globals(offsets))
	for i := range b.Sheets {
		offsets[i] = at
		at += len(sheets[i])
	}
	return bytes.Join(append([][]byte{globals(offsets)}, sheets...), nil)
}

// sst is the SST record, and its CONTINUE when split.
func (b Book) sst() []byte {
	head := bytes.Join([][]byte{u32(len(b.SST)), u32(len(b.SST))}, nil)
	var first, cont []byte
	first = head
	for i, s := range b.SST {
		rich := b.RichSST[i]
		flags, cs := chars(s)
		n := len(utf16.Encode([]rune(s)))
		if rich {
			flags |= 0x08 | 0x04
		}
		h := append(u16(n), flags)
		if rich {
			h = append(h, append(u16(2), u32(6)...)...)
		}
		tail := []byte{}
		if rich {
			tail = append(bytes.Repeat([]byte{0, 0, 1, 0}, 2), 1, 0, 0, 0, 0, 0) // two runs, 6 bytes of phonetic data
		}
		switch {
		case b.SplitSST.Split && i == b.SplitSST.String:
			k := b.SplitSST.Chars
			first = append(append(first, h...), []byte(s[:k])...)
			rest := s[k:]
			if b.SplitSST.High {
				cont = append(cont, 1)
				for _, c := range utf16.Encode([]rune(rest)) {
					cont = binary.LittleEndian.AppendUint16(cont, c)
				}
			} else {
				cont = append(append(cont, 0), rest...)
			}
			cont = append(cont, tail...)
		case b.SplitSST.Split && i > b.SplitSST.String:
			cont = append(append(append(cont, h...), cs...), tail...)
		default:
			first = append(append(append(first, h...), cs...), tail...)
		}
	}
	out := Record(0x00FC, first)
	if cont != nil {
		out = append(out, Record(0x003C, cont)...)
	}
	return out
}

// File is the workbook as an .xls file: the compound file holding its
// Workbook stream.
func (b Book) File() []byte { return Compound(b.Stream()) }

// Compound wraps a Workbook stream in an OLE compound file (version 3,
// 512-byte sectors): the FAT sectors first (as many as the stream needs,
// up to the header's 109), then the directory, then the stream, padded
// to at least 4,096 bytes.
func Compound(stream []byte) []byte {
	const sector = 512
	const free, end, fatSect, noStream = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
	size := max(len(stream), 4096)
	size = (size + sector - 1) / sector * sector
	data := append(append([]byte{}, stream...), make([]byte, size-len(stream))...)
	n := size / sector
	fats := 1
	for fats*sector/4 < fats+1+n {
		fats++
	}
	if fats > 109 {
		panic("xlstest: the stream is too long for the header's FAT sectors")
	}
	dirAt, dataAt := fats, fats+1
	h := make([]byte, sector)
	copy(h, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
	le := binary.LittleEndian
	le.PutUint16(h[24:], 0x003E)
	le.PutUint16(h[26:], 3)
	le.PutUint16(h[28:], 0xFFFE)
	le.PutUint16(h[30:], 9)
	le.PutUint16(h[32:], 6)
	le.PutUint32(h[44:], uint32(fats))  // FAT sectors
	le.PutUint32(h[48:], uint32(dirAt)) // the first directory sector
	le.PutUint32(h[56:], 4096)          // the mini stream cutoff
	le.PutUint32(h[60:], end)           // no mini FAT
	le.PutUint32(h[68:], end)           // no DIFAT sectors
	for i := range 109 {
		v := uint32(free)
		if i < fats {
			v = uint32(i) // the FAT in sectors 0 to fats-1
		}
		le.PutUint32(h[76+4*i:], v)
	}
	fat := make([]byte, fats*sector)
	for i := range fats * sector / 4 {
		le.PutUint32(fat[4*i:], free)
	}
	for i := range fats {
		le.PutUint32(fat[4*i:], fatSect)
	}
	le.PutUint32(fat[4*dirAt:], end)
	for i := range n {
		next := uint32(dataAt + i + 1)
		if i == n-1 {
			next = end
		}
		le.PutUint32(fat[4*(dataAt+i):], next)
	}
	dir := make([]byte, sector)
	entry := func(i int, name string, typ byte, child, start uint32, size int) {
		e := dir[128*i : 128*(i+1)]
		u := utf16.Encode([]rune(name))
		for k, c := range u {
			le.PutUint16(e[2*k:], c)
		}
		if name != "" {
			le.PutUint16(e[64:], uint16(2*len(u)+2))
		}
		e[66], e[67] = typ, 1
		le.PutUint32(e[68:], noStream)
		le.PutUint32(e[72:], noStream)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], start)
		le.PutUint32(e[120:], uint32(size))
	}
	entry(0, "Root Entry", 5, 1, end, 0)
	entry(1, "Workbook", 2, noStream, uint32(dataAt), size)
	entry(2, "", 0, noStream, 0, 0)
	entry(3, "", 0, noStream, 0, 0)
	return bytes.Join([][]byte{h, fat, dir, data}, nil)
}
