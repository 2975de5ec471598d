package htmltable

import (
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// An XML Spreadsheet as Excel 2003 saves one: a banner row merged across,
// cells skipped by ss:Index, a row skipped by Row ss:Index, DateTime cells
// under date, time and date-time formats, a comment, a cell spanning two
// rows, and a hidden second worksheet.
func TestXMLBook(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">
 <Styles>
  <Style ss:ID="d"><NumberFormat ss:Format="Short Date"/></Style>
  <Style ss:ID="t"><NumberFormat ss:Format="hh:mm:ss"/></Style>
  <Style ss:ID="dt"><NumberFormat ss:Format="dd/mm/yyyy hh:mm:ss"/></Style>
 </Styles>
 <Worksheet ss:Name="CDR">
  <Table>
   <Row><Cell ss:MergeAcross="3"><Data ss:Type="String">Robi &amp; Airtel CDR</Data></Cell></Row>
   <Row ss:Index="3"><Cell><Data ss:Type="String">A Party</Data></Cell><Cell><Data ss:Type="String">B Party</Data></Cell><Cell><Data ss:Type="String">Date</Data></Cell><Cell><Data ss:Type="String">Time</Data></Cell><Cell><Data ss:Type="String">Start</Data></Cell><Cell><Data ss:Type="String">Site</Data></Cell></Row>
   <Row><Cell><Data ss:Type="Number">8801811000001</Data></Cell><Cell ss:Index="3" ss:StyleID="d"><Data ss:Type="DateTime">2023-11-05T00:00:00.000</Data></Cell><Cell ss:StyleID="t"><Data ss:Type="DateTime">1899-12-31T10:15:22.000</Data></Cell><Cell ss:StyleID="dt"><Data ss:Type="DateTime">2023-11-05T10:15:22.000</Data><Comment><Data>checked</Data></Comment></Cell><Cell ss:MergeDown="1"><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40"><B>Gulshan</B> 1</ss:Data></Cell></Row>
   <Row><Cell ss:Index="2"><Data ss:Type="Number">8801911000002</Data></Cell><Cell ss:Index="5"><Data ss:Type="DateTime">2023-11-05T00:00:00.000</Data></Cell></Row>
  </Table>
 </Worksheet>
 <Worksheet ss:Name="Notes"><Table><Row ss:Hidden="1"><Cell><Data ss:Type="String">x</Data></Cell></Row></Table>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions></Worksheet>
</Workbook>`
	p := filepath.Join(t.TempDir(), "cdr.xls")
	if err := os.WriteFile(p, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	if f := Sniff([]byte(doc)); f != SpreadsheetML {
		t.Fatalf("sniffed %v", f)
	}
	b, err := OpenXML(p)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"CDR", "Notes"}; !reflect.DeepEqual(b.Sheets(), want) {
		t.Fatalf("sheets %q", b.Sheets())
	}
	if b.Hidden("CDR") || !b.Hidden("Notes") {
		t.Errorf("hidden: CDR %v, Notes %v", b.Hidden("CDR"), b.Hidden("Notes"))
	}
	if merged, rows := b.Scan("Notes"); merged != 0 || !reflect.DeepEqual(rows, []int{1}) {
		t.Errorf("Notes: %d merged, hidden rows %v", merged, rows)
	}
	r, err := b.Sheet("CDR")
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(r)
	r.Close()
	if err != nil {
		t.Fatal(err)
	}
	want := "Robi & Airtel CDR,,,\n" +
		"\n" +
		"A Party,B Party,Date,Time,Start,Site\n" +
		"8801811000001,,2023-11-05,10:15:22,2023-11-05 10:15:22,Gulshan 1\n" +
		",8801911000002,,,2023-11-05 00:00:00,Gulshan 1\n"
	if string(got) != want {
		t.Errorf("CDR:\n%q\nwant\n%q", got, want)
	}
	if merged, _ := b.Scan("CDR"); merged != 1 {
		t.Errorf("cells spanning rows %d, want 1", merged)
	}
}

// An XML Spreadsheet declared windows-1252: 0xE1 is á; a line break
// (&#10;) in a cell is a space.
func TestXMLBookDeclaredCharset(t *testing.T) {
	doc := "<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\" xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\">" +
		"<Worksheet ss:Name=\"Bogot\xe1\"><Table><Row><Cell><Data ss:Type=\"String\">Bogot\xe1&#10;Centro</Data></Cell></Row></Table></Worksheet></Workbook>"
	p := filepath.Join(t.TempDir(), "cdr.xls")
	if err := os.WriteFile(p, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	b, err := OpenXML(p)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(b.Sheets(), []string{"Bogotá"}) {
		t.Fatalf("sheets %q", b.Sheets())
	}
	r, _ := b.Sheet("Bogotá")
	got, _ := io.ReadAll(r)
	r.Close()
	if string(got) != "Bogotá Centro\n" {
		t.Errorf("text %q", got)
	}
}

// Two cells merged down side by side: the next row's first cell, placed by
// ss:Index past them, leaves both read in it.
func TestXMLMergeDownPlaced(t *testing.T) {
	doc := `<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="S"><Table>
<Row><Cell ss:MergeDown="1"><Data ss:Type="String">a</Data></Cell><Cell ss:MergeDown="1"><Data ss:Type="String">b</Data></Cell><Cell><Data ss:Type="String">c</Data></Cell></Row>
<Row><Cell ss:Index="4"><Data ss:Type="String">d</Data></Cell></Row>
</Table></Worksheet></Workbook>`
	p := filepath.Join(t.TempDir(), "m.xls")
	if err := os.WriteFile(p, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	b, err := OpenXML(p)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := b.Sheet("S")
	got, _ := io.ReadAll(r)
	r.Close()
	if string(got) != "a,b,c\na,b,,d\n" {
		t.Errorf("text %q", got)
	}
}

// An XML Spreadsheet declaring no encoding (UTF-8) whose bytes are not
// UTF-8 is refused, never read as replacement characters.
func TestXMLBookNotUTF8(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cdr.xls")
	os.WriteFile(p, []byte("<?xml version=\"1.0\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"><Worksheet><Table><Row><Cell><Data>Bogot\xe1</Data></Cell></Row></Table></Worksheet></Workbook>"), 0o600)
	if _, err := OpenXML(p); err == nil || !strings.Contains(err.Error(), "UTF-8") {
		t.Errorf("not UTF-8: %v", err)
	}
}

// Two worksheets named alike (no Excel writes it) are refused, never read
// as one sheet.
func TestXMLBookTwinSheets(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cdr.xls")
	sheet := `<Worksheet ss:Name="CDR"><Table><Row><Cell><Data ss:Type="String">a</Data></Cell></Row></Table></Worksheet>`
	os.WriteFile(p, []byte(`<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">`+sheet+sheet+`</Workbook>`), 0o600)
	if _, err := OpenXML(p); err == nil || !strings.Contains(err.Error(), `two worksheets named "CDR"`) {
		t.Errorf("twin sheets: %v", err)
	}
}
