package spreadsheet

import (
	"archive/zip"
	"os"
	"path/filepath"
	"testing"
)

// A worksheet part that declares an encoding other than UTF-8 (a Chinese
// writer's <?xml version="1.0" encoding="GB2312"?>; excelize reads it
// through x/net's charset labels) is scanned too: before, the scan
// stopped at the declaration, so a 16-digit IMEISV typed as text was
// taken for a number beyond 15 digits (3.58765556136017E+15, refused as
// precision lost), a formula with no value read as empty and a hidden row
// went unnamed. 主叫 is written in GB2312 (D6F7
// BDD0).
func TestSheetPartInDeclaredEncoding(t *testing.T) {
	p := filepath.Join(t.TempDir(), "gb.xlsx")
	out, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	z := zip.NewWriter(out)
	for _, part := range [][2]string{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="详单" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
		{"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="GB2312"?>` +
			`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
			`<row r="1"><c r="A1" t="inlineStr"><is><t>IMEI</t></is></c><c r="B1" t="inlineStr"><is><t>Type</t></is></c><c r="C1" t="inlineStr"><is><t>Total</t></is></c></row>` +
			`<row r="2" hidden="1"><c r="A2" t="inlineStr"><is><t>3587655561360171</t></is></c><c r="B2" t="inlineStr"><is><t>` + "\xd6\xf7\xbd\xd0" + `</t></is></c><c r="C2"><f>A2*2</f></c></row>` +
			`</sheetData></worksheet>`},
	} {
		w, err := z.Create(part[0])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(part[1]))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	out.Close()
	wb, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	if got, want := sheetText(t, wb, "详单"), "IMEI,Type,Total\n3587655561360171,主叫,#NOVALUE!\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if sc := wb.scan("详单"); len(sc.hidden) != 1 || sc.hidden[0] != 2 {
		t.Errorf("hidden rows %v, want [2]", sc.hidden)
	}
}
