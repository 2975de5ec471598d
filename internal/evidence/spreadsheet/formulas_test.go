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
	u := openUnvalued(path, "Calls")
	got := map[int]map[int]cellKind{}
	for row := 1; row <= 10; row++ {
		if cols := u.in(row); cols != nil {
			got[row] = cols
		}
	}
	u.Close()
	if want := map[int]map[int]cellKind{2: {1: noValue, 2: text, 4: noValue}, 7: {6: noValue}, 8: {2: noValue}, 9: {1: text}}; !reflect.DeepEqual(got, want) {
		t.Errorf("Calls: %v, want %v", got, want)
	}
	u = openUnvalued(path, "Notes")
	if got := u.in(1); !reflect.DeepEqual(got, map[int]cellKind{1: noValue}) {
		t.Errorf("Notes: %v", got)
	}
	u.Close()
	u = openUnvalued(path, "Absent")
	if got := u.in(1); got != nil {
		t.Errorf("a sheet not in the workbook: %v", got)
	}
	u.Close()
}
