package store

import (
	"fmt"
	"io"
	"os"
)

// previewBook is what an import would make of each table of a page or
// worksheet of an XML Spreadsheet (a book, tablebook.go), decided as
// importWorkbook decides it, as previewWorkbook does a workbook's sheets:
// one entry each, cited as its source would be ("cdr.xls [table 2]");
// with plans, its numbers sampled as previewFile samples them. ok is false
// when the file is no book.
func previewBook(p string, opts ImportOptions, explicit, plans bool) (entries []PreviewEntry, ok bool) {
	form := tableForm(p)
	if form == nil {
		return nil, false
	}
	var size int64
	if fi, err := os.Stat(p); err == nil {
		size = fi.Size()
	}
	wb, err := form.open(p, opts)
	if err != nil {
		problem := err.Error()
		if notTables(err) && !explicit {
			problem = "not evidence: " + problem
		}
		return []PreviewEntry{{Path: p, Size: size, Problem: problem}}, true
	}
	defer wb.Close()
	opts.Encoding = "" // as importWorkbook reads the sheets
	names := wb.Sheets()
	for i, name := range names {
		e := PreviewEntry{Path: sourcePath(p, partLabel(form.part, name)), Sheet: partLabel(form.part, name), Size: size}
		open := func() (io.ReadCloser, error) { return wb.Sheet(name) }
		head, complete, err := readHead(open)
		if err != nil {
			e.Problem = err.Error()
			entries = append(entries, e)
			continue
		}
		sheetOpts := opts
		sheetOpts.reopen = open
		det, err := detectTable(p, head, complete, sheetOpts, false)
		if err != nil {
			e.Problem = fmt.Sprintf("not evidence: %s holds no table cdrtui reads: %v%s", quotedPart(form.part, name), err, bookNotJoined(wb, name))
			if isLayoutProblem(err) {
				e.Problem = fmt.Sprintf("%s: %v", quotedPart(form.part, name), err)
			}
			entries = append(entries, e)
			continue
		}
		e.Kind, e.Zone = det.kind, det.zone
		e.Format = fmt.Sprintf("%s (%d of %d%s) %s%s; %s", quotedPart(form.part, name), i+1, len(names), bookJoinNote(wb, name), form.of(wb), bookLineNote(wb, name), det.format)
		if plans {
			samplePlan(&e, p, det)
		}
		entries = append(entries, e)
	}
	return entries, true
}
