package spreadsheet

import (
	"archive/zip"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// The formula cells a workbook holds no value for, and the text cells,
// found by the sheet's
// name through workbook.xml and its relationships (an absolute target, as
// some writers give it): a formula with no <v> is listed; one whose value
// is held, even an empty text (=IF(…,"",…)), is not.
func TestUnvalued(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.xlsx")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	z := zip.NewWriter(out)
	for name, body := range map[string]string{
		"xl/workbook.xml": `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` +
			`<sheet name="Notes" sheetId="1" r:id="rId1"/><sheet name="Calls" sheetId="2" r:id="rId2"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="/xl/worksheets/calls.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml": `<worksheet><sheetData><row r="1"><c r="A1"><f>1+1</f></c></row></sheetData></worksheet>`,
		"xl/worksheets/calls.xml": `<worksheet><sheetData><row r="2">` +
			`<c r="A2"><f>B2*2</f></c><c r="B2" t="str"><f>IF(C2,"","x")</f><v></v></c><c r="C2"><f>1/24</f><v>4.1666666666666664E-2</v></c>` +
			`<c r="D2" t="str"><f t="shared" si="0"/></c></row><row r="7"><c r="E7"><v>3</v></c><c r="F7"><f>E7</f></c></row>` +
			`<row><c><v>1</v></c><c><f>A8</f></c></row>` + // a writer that omits r: row 8, column 2
			`<row r="9"><c r="A9" t="inlineStr"><is><t>8949101234567890123</t></is></c></row></sheetData></worksheet>`,
	} {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	out.Close()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	parts := sheetParts(&zr.Reader)
	// the kinds streamed at each reading, and those the sheet's one scan keeps
	for _, way := range []struct {
		name string
		open func(sheet string) rowKinds
	}{
		{"streamed", func(sheet string) rowKinds { return openUnvalued(parts[sheet]) }},
		{"scanned", func(sheet string) rowKinds { return scanSheet(parts[sheet]).kinds.cursor() }},
	} {
		if got, want := kindsOf(way.open("Calls"), 10), map[int]map[int]cellKind{2: {1: noValue, 2: text, 4: noValue}, 7: {6: noValue}, 8: {2: noValue}, 9: {1: text}}; !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Calls: %v, want %v", way.name, got, want)
		}
		if got, want := kindsOf(way.open("Notes"), 1), map[int]map[int]cellKind{1: {1: noValue}}; !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Notes: %v, want %v", way.name, got, want)
		}
		if got := kindsOf(way.open("Absent"), 1); len(got) != 0 {
			t.Errorf("%s: a sheet not in the workbook: %v", way.name, got)
		}
	}
}

// kindsOf reads rows 1 to rows of a sheet's kinds: by row and column, the
// cells of a kind.
func kindsOf(k rowKinds, rows int) map[int]map[int]cellKind {
	defer k.Close()
	got := map[int]map[int]cellKind{}
	for row := 1; row <= rows; row++ {
		for col, kind := range k.in(row) {
			if kind != 0 {
				if got[row] == nil {
					got[row] = map[int]cellKind{}
				}
				got[row][col] = kind
			}
		}
	}
	return got
}
