package spreadsheet

import (
	"archive/zip"
	"bytes"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// A merged cell holds its value in its top-left cell only; the other cells
// of the range are empty in the worksheet, and a reader of the rows found
// the value in the first row alone: a date merged down a block of calls
// left the rows after the first without a date (rejected), a B party or a
// cell merged down left them without it, without a word. A sheet shows
// the value across the whole range, and a range one column wide is read
// so: its value in each row it spans (filled down). A range wider than a
// column (a title across the header, a group heading over two columns) is
// left as the sheet stores it.

// merge is a range of merged cells, 1-based and inclusive.
type merge struct{ col, first, last int }

// sheetScan is what the end and the row tags of a worksheet part say: its
// merged ranges one column wide and more than one row high, and the rows
// hidden in the sheet (their rows are evidence like any other's, and the
// analyst who opens the workbook does not see them).
type sheetScan struct {
	merges []merge
	hidden []int // the hidden rows, 1-based, in order
}

// scanSheet reads a sheet's worksheet part, streamed (the part is not held
// in memory). Nothing when the part cannot be read.
func scanSheet(file, sheet string) sheetScan {
	z, err := zip.OpenReader(file)
	if err != nil {
		return sheetScan{}
	}
	defer z.Close()
	part := sheetPart(&z.Reader, sheet)
	if part == nil {
		return sheetScan{}
	}
	r, err := part.Open()
	if err != nil {
		return sheetScan{}
	}
	defer r.Close()
	refs, hidden := scanPart(r)
	sc := sheetScan{hidden: hidden}
	for _, ref := range refs {
		from, to, ok := bytes.Cut(ref, []byte(":"))
		if !ok {
			continue
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(string(from))
		c2, r2, err2 := excelize.CellNameToCoordinates(string(to))
		if err1 != nil || err2 != nil || c1 != c2 || r2 <= r1 {
			continue
		}
		sc.merges = append(sc.merges, merge{col: c1, first: r1, last: r2})
	}
	return sc
}

// scanPart finds, in a worksheet part's bytes read in chunks, the ref
// attributes of the <mergeCell> elements after its <mergeCells> opening
// tag and the r attributes of its <row> tags marked hidden (with or
// without a namespace prefix).
func scanPart(r io.Reader) (refs [][]byte, hidden []int) {
	const keep = 1024 // bytes carried to the next chunk: a tag cut in two
	chunk := make([]byte, 1<<16)
	var buf []byte
	inMerges := false
	for {
		n, err := r.Read(chunk)
		buf = append(buf, chunk[:n]...)
		done := 0 // buf up to done is read
		mAt := -2 // the next merge tag at or after done; -2 not looked for, -1 none in buf
		for {
			if mAt == -2 || mAt >= 0 && mAt < done {
				name := "mergeCells"
				if inMerges {
					name = "mergeCell "
				}
				mAt = tagAt(buf, done, name)
			}
			at, isRow := mAt, false
			if !inMerges { // rows come before the merges
				if i := tagAt(buf, done, "row "); i >= 0 && (mAt < 0 || i < mAt) {
					at, isRow = i, true
				}
			}
			if at < 0 {
				break
			}
			end := bytes.IndexByte(buf[at:], '>')
			if end < 0 {
				break // the tag ends in the next chunk
			}
			tag := buf[at : at+end]
			done = at + end
			switch {
			case isRow:
				if h := attrOf(tag, "hidden"); string(h) == "1" || string(h) == "true" {
					if row, err := strconv.Atoi(string(attrOf(tag, "r"))); err == nil {
						hidden = append(hidden, row)
					}
				}
			case !inMerges:
				inMerges, mAt = true, -2
			default:
				if ref := attrOf(tag, "ref"); ref != nil {
					refs = append(refs, bytes.Clone(ref))
				}
			}
		}
		if err != nil {
			return refs, hidden
		}
		buf = append(buf[:0], buf[max(done, len(buf)-keep):]...)
	}
}

// tagAt is the index in b, from from on, of the element name's opening
// tag (name right after "<", or after a namespace prefix's ":"), -1 if
// none.
func tagAt(b []byte, from int, name string) int {
	for {
		i := bytes.Index(b[from:], []byte(name))
		if i < 0 {
			return -1
		}
		i += from
		switch {
		case i > 0 && b[i-1] == '<':
			return i
		case i > 1 && b[i-1] == ':':
			if j := bytes.LastIndexByte(b[max(0, i-18):i-1], '<'); j >= 0 && isName(b[max(0, i-18)+j+1:i-1]) {
				return i
			}
		}
		from = i + 1
	}
}

func isName(b []byte) bool {
	for _, c := range b {
		if !isLetter(c) && !isDigit(c) {
			return false
		}
	}
	return len(b) > 0
}

// attrOf is the value of a tag's attribute, nil if it has none.
func attrOf(tag []byte, name string) []byte {
	for at := 0; ; {
		i := bytes.Index(tag[at:], []byte(name+`="`))
		if i < 0 {
			return nil
		}
		i += at
		if i > 0 && tag[i-1] == ' ' {
			v := tag[i+len(name)+2:]
			if k := bytes.IndexByte(v, '"'); k >= 0 {
				return v[:k]
			}
			return nil
		}
		at = i + 1
	}
}

// filler fills the rows of a sheet's down merges with their values, as
// the rows are read in order.
type filler struct {
	starts map[int][]merge   // merges by first row
	active map[int]mergeFill // by column, the merges the present row is in
	filled int               // cells filled
}

type mergeFill struct {
	last  int
	value string
}

func newFiller(ms []merge) *filler {
	if len(ms) == 0 {
		return nil
	}
	f := &filler{starts: map[int][]merge{}, active: map[int]mergeFill{}}
	for _, m := range ms {
		f.starts[m.first] = append(f.starts[m.first], m)
	}
	return f
}

// fill sets, in cells (row row of the sheet), the merged cells' values;
// it returns cells, longer when a merge's column is past its end. A row
// holding nothing else is left empty.
func (f *filler) fill(row int, cells []string, empty bool) []string {
	if f == nil {
		return cells
	}
	for col, a := range f.active {
		if row > a.last {
			delete(f.active, col)
			continue
		}
		if empty {
			continue
		}
		for len(cells) < col {
			cells = append(cells, "")
		}
		if cells[col-1] == "" {
			cells[col-1] = a.value
			f.filled++
		}
	}
	for _, m := range f.starts[row] {
		if m.col <= len(cells) && cells[m.col-1] != "" {
			f.active[m.col] = mergeFill{last: m.last, value: cells[m.col-1]}
		}
	}
	delete(f.starts, row)
	return cells
}

// Scan says how many merged ranges one column wide a sheet has (each read
// in every row it spans, see above) and which of its rows are hidden.
func (wb *Workbook) Scan(name string) (merged int, hidden []int) {
	sc := wb.scan(name)
	return len(sc.merges), sc.hidden
}

// scan is the sheet's scan, made once: a sheet is opened several times
// (its head, the whole-file checks, the import).
func (wb *Workbook) scan(name string) sheetScan {
	wb.mu.Lock()
	defer wb.mu.Unlock()
	if sc, ok := wb.scans[name]; ok {
		return sc
	}
	if wb.scans == nil {
		wb.scans = map[string]sheetScan{}
	}
	sc := scanSheet(wb.path, name)
	wb.scans[name] = sc
	return sc
}
