package spreadsheet

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A workbook saved as Strict Open XML (its parts in the purl.oclc.org
// namespaces), or whose workbook part is not xl/workbook.xml (named in
// _rels/.rels), both of which excelize reads as it reads any: its sheet's
// merge is filled down, its hidden row named and its digits typed as text
// kept, as in the same workbook saved as usual. Before, its sheets' parts
// were not found: the date merged down rows 2 to 4 was in row 2 only, the
// hidden row unnamed and the 16-digit IMEISV in scientific notation,
// without a word.
func TestStrictWorkbook(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "usual.xlsx")
	f := excelize.NewFile()
	for i, r := range [][]any{
		{"IMEI", "Calls", "Date"},
		{"3587655561360171", 3, "20/03/2024"},
		{"3587655561360172", 4},
		{"3587655561360173", 5},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.MergeCell("Sheet1", "C2", "C4"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetRowVisible("Sheet1", 3, false); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	strict := filepath.Join(dir, "strict.xlsx")
	toStrict := strings.NewReplacer("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "http://purl.oclc.org/ooxml/officeDocument/relationships",
		"http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main")
	copyZip(t, path, strict, func(name string, b []byte) (string, []byte) {
		if strings.HasPrefix(name, "xl/") && strings.HasSuffix(name, ".xml") && !strings.Contains(name, "_rels") {
			return name, []byte(toStrict.Replace(string(b)))
		}
		return name, b
	})
	// the workbook part elsewhere than xl/workbook.xml, as _rels/.rels names it
	moved := filepath.Join(dir, "moved.xlsx")
	copyZip(t, path, moved, func(name string, b []byte) (string, []byte) {
		switch name {
		case "xl/workbook.xml":
			return "xl/workbook2.xml", b
		case "xl/_rels/workbook.xml.rels":
			return "xl/_rels/workbook2.xml.rels", b
		case "_rels/.rels", "[Content_Types].xml":
			return name, []byte(strings.ReplaceAll(string(b), "xl/workbook.xml", "xl/workbook2.xml"))
		}
		return name, b
	})
	want := "IMEI,Calls,Date\n3587655561360171,3,20/03/2024\n3587655561360172,4,20/03/2024\n3587655561360173,5,20/03/2024\n"
	for _, p := range []string{path, strict, moved} {
		wb, err := Open(p)
		if err != nil {
			t.Fatal(err)
		}
		if merged, hidden := wb.Scan("Sheet1"); merged != 1 || !slices.Equal(hidden, []int{3}) {
			t.Errorf("%s: %d merges, hidden rows %v; want 1, [3]", filepath.Base(p), merged, hidden)
		}
		r, err := wb.Sheet("Sheet1")
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		wb.Close()
		if err != nil || string(b) != want {
			t.Errorf("%s: %v\n%s\nwant\n%s", filepath.Base(p), err, b, want)
		}
	}
}

// copyZip copies the zip at from to to, each part's name and bytes
// through edit.
func copyZip(t *testing.T, from, to string, edit func(name string, b []byte) (string, []byte)) {
	t.Helper()
	zr, err := zip.OpenReader(from)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	zw := zip.NewWriter(out)
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		name, b := edit(f.Name, b)
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}
