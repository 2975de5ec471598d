package store

import (
	"fmt"
	"io"
	"os"

	"github.com/cdrtui/cdrtui/internal/evidence/spreadsheet"
)

// previewWorkbook is what an import would make of each sheet of a
// workbook (.xlsx, .xls), decided as importSheet decides it: one entry a
// sheet, listed under the path its source would have ("calls.xls [sheet
// CDR]"); a sheet that holds no table is listed with the reason it would
// not be imported, and a workbook that cannot be read with the reason.
func previewWorkbook(p string, opts ImportOptions, plans bool) []PreviewEntry {
	var size int64
	if info, err := os.Stat(p); err == nil {
		size = info.Size()
	}
	wb, err := spreadsheet.Open(p) // read-only
	if err != nil {
		return []PreviewEntry{{Path: p, Size: size, Problem: err.Error()}}
	}
	defer wb.Close()
	var entries []PreviewEntry
	for _, name := range wb.Sheets() {
		e := PreviewEntry{Path: sourcePath(p, partLabel(xlsxForm.part, name)), Sheet: partLabel(xlsxForm.part, name), Size: size}
		open := func() (io.ReadCloser, error) { return wb.Sheet(name) }
		head, complete, err := readHead(open)
		if err != nil {
			e.Problem = fmt.Sprintf("sheet %q: %v", name, err)
			entries = append(entries, e)
			continue
		}
		o := opts
		o.reopen = open
		det, err := detectTable(p, head, complete, o, false)
		switch {
		case err != nil && isLayoutProblem(err):
			e.Problem = fmt.Sprintf("sheet %q: %v", name, err)
		case err != nil:
			e.Problem = fmt.Sprintf("not evidence: sheet %q holds no table cdrtui reads: %v", name, err)
		default:
			e.Kind, e.Format, e.Zone = det.kind, det.format, det.zone
			if plans {
				samplePlan(&e, p, det)
			}
		}
		entries = append(entries, e)
	}
	return entries
}
