// Package htmltable reads the "Excel" files that are not workbooks: an
// HTML page whose tables were saved under a .xls (or .htm, .html) name, as
// many operator and law-enforcement portals deliver call records, and an
// Excel 2003 XML Spreadsheet (SpreadsheetML). Each table of the page, each
// worksheet of the XML file, is read as the delimited text the evidence
// readers take, one comma-separated line per row, line n being row n, so
// that it goes through the same layout detection as a CSV export or a
// sheet of an .xlsx workbook (package spreadsheet).
//
// Cells are kept as written: a 12-digit number stays its digits, an HTML
// style such as mso-number-format is not applied (but a whole number a
// page saved by Excel shows in scientific notation is the number its x:num
// attribute holds, as a workbook's cell is read as stored), entities are decoded,
// a line break or a non-breaking space becomes a space and runs of white
// space one space, trimmed. A cell spanning columns (colspan, MergeAcross)
// holds its value in its first column and leaves the others empty, as a
// merged header of a workbook; a cell spanning rows (rowspan, MergeDown)
// is read in every row it spans, as the page shows it. An XML DateTime
// cell is written as its wall clock in ISO form (2023-11-05 10:15:22).
// Both forms are read streaming, once per table asked for, so memory stays
// bounded whatever the file's size; the file is only read.
package htmltable
