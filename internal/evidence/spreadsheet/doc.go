// Package spreadsheet reads the sheets of an Excel workbook (.xlsx, or an
// Excel 97-2003 .xls, whose BIFF8 cells are read into an .xlsx in memory
// and read as one: xls.go) as the delimited text the evidence readers
// take, one line per sheet row, so that a sheet goes through the same
// layout detection as a CSV export and every record's line is its row in
// the sheet.
//
// Cells are read as typed (github.com/xuri/excelize/v2, streaming, so
// memory stays bounded whatever the sheet's size): text as written, all
// digits too (the cell's type is read from the worksheet, streamed); a
// number as the sheet holds it, never as displayed (a 12-digit MSISDN
// shown as 9.18E+11 by a scientific format is still 918123456789), except
// that a number of more than 15 significant digits -- beyond what a
// spreadsheet stores exactly -- is written in scientific notation, which
// the value readers refuse as "precision lost"; a date or time cell (a
// serial number under a date format) as the wall clock it holds, in ISO
// form (2024-03-20 10:15:02), whatever its display format; a length of
// time under an elapsed format ([h]:mm:ss, [mm]:ss, [ss]) as h:mm:ss, the
// hours running past 24; a whole number padded with zeros by its format
// (093320) as shown; a formula whose value the workbook does not hold as
// NoValue, which the value readers drop with the reason, never as an
// empty cell; a text of exactly 32,767 characters, what a spreadsheet
// left of a longer one, as Cut, dropped likewise (longtext.go). The
// East Asian built-in date and time formats, which a file names by number
// only, are read as the dates and times they are (cjkformats.go).
package spreadsheet
