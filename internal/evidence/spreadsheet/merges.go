package spreadsheet

import (
	"archive/zip"
	"bytes"
	"io"

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

// downMerges are the sheet's merged ranges one column wide and more than
// one row high, read from the end of its worksheet part (where
// <mergeCells> follows the rows), streamed: the part is not held in
// memory. None when the part cannot be read.
func downMerges(file, sheet string) []merge {
	z, err := zip.OpenReader(file)
	if err != nil {
		return nil
	}
	defer z.Close()
	part := sheetPart(&z.Reader, sheet)
	if part == nil {
		return nil
	}
	r, err := part.Open()
	if err != nil {
		return nil
	}
	defer r.Close()
	refs := mergeRefs(r)
	var out []merge
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
		out = append(out, merge{col: c1, first: r1, last: r2})
	}
	return out
}

// mergeRefs are the ref attributes of the <mergeCell> elements of a
// worksheet part, found in its bytes after its <mergeCells> opening tag
// (with or without a namespace prefix), in chunks.
func mergeRefs(r io.Reader) [][]byte {
	const keep = 64 // bytes carried between chunks: an element cut in two
	buf := make([]byte, 0, 1<<16+keep)
	chunk := make([]byte, 1<<16)
	var refs [][]byte
	inMerges := false
	for {
		n, err := r.Read(chunk)
		buf = append(buf, chunk[:n]...)
		if !inMerges {
			if i := bytes.Index(buf, []byte("mergeCells")); i >= 0 && i > 0 && (buf[i-1] == '<' || buf[i-1] == ':') {
				inMerges, buf = true, buf[i:]
			}
		}
		if inMerges {
			for {
				i := bytes.Index(buf, []byte("mergeCell "))
				if i < 0 {
					break
				}
				end := bytes.IndexByte(buf[i:], '>')
				if end < 0 {
					break // the element's end is in the next chunk
				}
				el := buf[i : i+end]
				if j := bytes.Index(el, []byte(`ref="`)); j >= 0 {
					v := el[j+5:]
					if k := bytes.IndexByte(v, '"'); k >= 0 {
						refs = append(refs, bytes.Clone(v[:k]))
					}
				}
				buf = buf[i+end:]
			}
		}
		if err != nil {
			return refs
		}
		if len(buf) > keep {
			buf = append(buf[:0], buf[len(buf)-keep:]...)
		}
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

// Merged are the merged ranges one column wide of a sheet, each read in
// every row it spans (see above).
func (wb *Workbook) Merged(name string) int { return len(downMerges(wb.path, name)) }
