package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/cdrtui/cdrtui/internal/analysis"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/cdrtui/cdrtui/internal/evidence"
	"github.com/cdrtui/cdrtui/internal/evidence/spreadsheet"
)

// isXLSX says the file at p is an Excel 2007+ workbook, by its first bytes.
func isXLSX(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	if n, _ := io.ReadFull(f, head[:4]); n < 4 || string(head[:4]) != "PK\x03\x04" {
		return false // not a zip: one small read for every file of a walk
	}
	n, _ := io.ReadFull(f, head[4:])
	return workbook(head[:4+n]) == workbookNote+" (Excel .xlsx)"
}

// isWorkbook says the file at p is a workbook whose sheets are imported:
// an Excel 2007+ .xlsx, or an Excel 97-2003 .xls (an OLE compound file
// holding a workbook stream, or named .xls: a damaged one is refused with
// the reason it cannot be read).
func isWorkbook(p string) bool {
	return isXLSX(p) || spreadsheet.IsXLS(p) || strings.EqualFold(filepath.Ext(p), ".xls") && spreadsheet.IsOLE(p)
}

// importPath imports one file: each sheet of a workbook (.xlsx, .xls),
// each table of an HTML page and each worksheet of an XML Spreadsheet as a
// source of its own, any other file as one source.
func (s *Store) importPath(ctx context.Context, ref fileRef, opts ImportOptions, explicit bool) ([]FileResult, error) {
	opts.cellBaseFromHead = cellBaseFromHead // checked as the file is read (table_cellbase.go)
	if isWorkbook(ref.given) {
		return s.importWorkbook(ctx, ref, opts, xlsxForm, explicit)
	}
	if form := tableForm(ref.real); form != nil {
		return s.importWorkbook(ctx, ref, opts, *form, explicit)
	}
	res, err := s.importFile(ctx, ref, opts, explicit)
	return []FileResult{res}, err
}

// importWorkbook reads every sheet of a workbook (.xlsx, .xls; every
// table of a book of the form given) through the same layout detection as
// a CSV export. Each sheet is a source of its own
// (path: the workbook; sheet: its name; sha256: the sheet's text as read;
// workbook_sha256: the workbook as stored) and one transaction; a record's
// line is its row in the sheet. A sheet that holds no table is listed as
// skipped with the reason. A sheet of a workbook whose SHA-256 is in the
// case with that sheet adds nothing: the workbook imported again adds
// nothing, and after an interrupted import only the sheets not yet in.
func (s *Store) importWorkbook(ctx context.Context, ref fileRef, opts ImportOptions, form bookForm, explicit bool) ([]FileResult, error) {
	p := ref.given
	fail := func(err error) ([]FileResult, error) {
		if notTables(err) && !explicit {
			return []FileResult{{Path: p, Skipped: "not evidence: " + err.Error()}}, nil
		}
		return []FileResult{{Path: p, Error: err.Error()}}, nil
	}
	f, err := openRef(ref) // read-only: evidence is never written
	if err != nil {
		return fail(err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return fail(err)
	}
	h := sha256.New()
	_, err = io.Copy(h, f)
	f.Close()
	if err != nil {
		return fail(err)
	}
	sum := hex.EncodeToString(h.Sum(nil))
	// the sheets of this workbook already in the case (all of them when it
	// was imported before; those before the interruption when an import of
	// it was interrupted)
	done := map[string]int64{}
	rows, err := s.db.QueryContext(ctx, "SELECT sheet, id FROM sources WHERE workbook_sha256 = ?", sum)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var name string
		var id int64
		if err := rows.Scan(&name, &id); err != nil {
			rows.Close()
			return nil, err
		}
		done[name] = id
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	wb, err := form.open(ref.real, opts)
	if err != nil {
		return fail(err)
	}
	opts.Encoding = "" // the book's text is UTF-8 as its reader gives it (a page's charset is read by htmltable)
	defer wb.Close()
	var results []FileResult
	for i, name := range wb.Sheets() {
		if ctx.Err() != nil {
			return results, ctx.Err()
		}
		if id, ok := done[name]; ok {
			results = append(results, FileResult{Path: p, Sheet: name, WorkbookSHA256: sum, Skipped: fmt.Sprintf("already in the case as source %d: same workbook SHA-256", id), inCase: true, table: form.part == ""})
			continue
		}
		res, err := s.importSheet(ctx, ref, info, wb, form, name, i+1, len(wb.Sheets()), sum, opts)
		results = append(results, res)
		if err != nil {
			return results, err
		}
	}
	return results, nil
}

// importSheet imports one sheet of a workbook.
func (s *Store) importSheet(ctx context.Context, ref fileRef, info os.FileInfo, wb book, form bookForm, name string, no, of int, sum string, opts ImportOptions) (FileResult, error) {
	p := ref.given
	res := FileResult{Path: p, Sheet: name, WorkbookSHA256: sum, table: form.part == ""}
	label := partLabel(form.part, name)
	open := func() (io.ReadCloser, error) { return wb.Sheet(name) }
	head, complete, err := readHead(open)
	if err != nil {
		res.Error = fmt.Sprintf("%s: %v", quotedPart(form.part, name), err)
		return res, nil
	}
	opts.reopen = open
	det, err := detectTable(p, head, complete, opts, false)
	if err != nil {
		res.Skipped = fmt.Sprintf("%s holds no table cdrtui reads: %v%s", quotedPart(form.part, name), err, bookNotJoined(wb, name))
		if isLayoutProblem(err) {
			res.Skipped, res.Error = "", fmt.Sprintf("%s: %v", quotedPart(form.part, name), err)
		}
		return res, nil
	}
	det.sheet, det.workbookSHA, det.label = name, sum, label
	hidden := bookJoinNote(wb, name)
	if wb.Hidden(name) {
		hidden = ", hidden in the workbook"
	}
	merged, hiddenRows := wb.Scan(name)
	if n := len(hiddenRows); n > 0 {
		hidden += fmt.Sprintf(", %s hidden in the sheet (%s), read as evidence like the others", analysis.Plural(int64(n), "row", "rows"), rowList(hiddenRows))
	}
	if merged > 0 {
		hidden += fmt.Sprintf(", %s one column wide, each read in every row it spans as the sheet shows it", analysis.Plural(int64(merged), "merged cell", "merged cells"))
	}
	det.format = fmt.Sprintf("%s (%d of %d%s) %s (SHA-256 %s as stored)%s; %s", quotedPart(form.part, name), no, of, hidden, form.of(wb), sum, bookLineNote(wb, name), det.format)
	res.Kind, res.Format, res.Zone = det.kind, det.format, det.zone
	text, err := open()
	if err != nil {
		res.Error = err.Error()
		return res, nil
	}
	defer text.Close()
	job := &importJob{s: s, path: p, real: ref.real, info: info, file: text, opts: opts, det: det, res: &res, reopen: open}
	if err := job.run(ctx); err != nil {
		if wholeCellBase(err) && opts.cellBaseFromHead { // rolled back: again, the base decided over the whole sheet first
			opts.cellBaseFromHead = false
			return s.importSheet(ctx, ref, info, wb, form, name, no, of, sum, opts)
		}
		err = withDiskFull(err, s.path)
		if errors.Is(err, context.Canceled) || errors.Is(err, errCaseFailed) || errors.Is(err, ErrDiskFull) {
			res.Rows, res.Rejected, res.Dropped, res.SourceID, res.AlreadyInCase, res.RepeatedInFile = 0, 0, 0, 0, 0, 0
			res.Error = "not imported: " + err.Error() + "; nothing of this sheet is in the case"
			if errors.Is(err, context.Canceled) {
				return res, err
			}
			return res, fmt.Errorf("%s [%s]: %w", p, label, err) // the file that failed, named
		}
		res.Error = err.Error()
	}
	return res, nil
}

// readHead reads the first evidence.SniffBytes of a sheet's text.
func readHead(open func() (io.ReadCloser, error)) ([]byte, bool, error) {
	r, err := open()
	if err != nil {
		return nil, false, err
	}
	defer r.Close()
	head := make([]byte, evidence.SniffBytes)
	n, err := io.ReadFull(r, head)
	switch err {
	case nil:
		return head, false, nil
	case io.EOF, io.ErrUnexpectedEOF:
		return head[:n], true, nil
	}
	return nil, false, err
}

// sourcePath is the path a source is listed and cited under: a sheet of a
// workbook is the workbook's path with the sheet named (label: partLabel),
// so that every statement, list and export citing a record's file and
// line says which sheet and row ("calls.xlsx [sheet IPDR]", line 4;
// "cdr.xls [table 2]"). location keeps the workbook's own path.
func sourcePath(path, label string) string {
	if label == "" {
		return path
	}
	return path + " [" + label + "]"
}

// quotedPart names a sheet in a message ("sheet \"Calls\"", "table 2").
func quotedPart(part, name string) string {
	if part == "" {
		return name
	}
	return fmt.Sprintf("%s %q", part, name)
}

// rowList names rows: the first few, and how many more.
func rowList(rows []int) string {
	const shown = 5
	var parts []string
	for _, r := range rows[:min(len(rows), shown)] {
		parts = append(parts, strconv.Itoa(r))
	}
	s := "row " + strings.Join(parts, ", ")
	if len(rows) > 1 {
		s = "rows " + strings.Join(parts, ", ")
	}
	if len(rows) > shown {
		s += fmt.Sprintf(" and %d more", len(rows)-shown)
	}
	return s
}
