package spreadsheet

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
	sc := scanSheet(wb.part(name))
	wb.scans[name] = sc
	return sc
}
