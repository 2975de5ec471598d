package spreadsheet

import "unicode/utf16"

// A spreadsheet cell holds at most 32,767 characters (UTF-16 code units,
// excelize's TotalCellChars). Two ways a text can be cut there:
//
//   - an .xls a program (not Excel) wrote can hold a longer text, and the
//     .xlsx in memory it is read into (xls.go) cannot: excelize cuts it to
//     32,767 without saying so. Such texts are kept aside, whole, as the
//     records hold them (longTexts), and read in place of the cut one.
//   - a text of exactly 32,767 characters is what a spreadsheet leaves of
//     a longer one (Excel cuts a CSV's longer field when it opens it, and
//     saves the cut text): the whole value is not in the file. It is read
//     as Cut, which the value readers drop with the reason, never as if
//     whole; no call record holds a value that long.

// maxCellChars is the most a cell holds, in UTF-16 code units.
const maxCellChars = 32767

// Cut is the text of a cell whose text has exactly maxCellChars
// characters: cut by a spreadsheet, its whole value not in the file.
const Cut = "#CUT!"

// cellChars counts s in UTF-16 code units, as a spreadsheet counts a
// cell's characters.
func cellChars(s string) int {
	if len(s) < maxCellChars {
		return len(s) // UTF-8 never has fewer bytes than UTF-16 units
	}
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// cellPos is a cell's row and column, both 1-based.
type cellPos struct{ row, col int }

// longTexts are the texts of a sheet longer than a cell of the .xlsx
// holds, by cell.
type longTexts map[cellPos]string

// whole is the text of the cell at row, col (1-based) as the sheet holds
// it: the text kept aside when the .xlsx in memory cut it, else raw; Cut
// for a text of exactly maxCellChars characters.
func (l longTexts) whole(row, col int, raw string) string {
	if t, ok := l[cellPos{row, col}]; ok {
		return t
	}
	if cellChars(raw) == maxCellChars {
		return Cut
	}
	return raw
}
