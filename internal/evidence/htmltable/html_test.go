package htmltable

import (
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// sheetText is the text of every table of the page in p, by name.
func pageText(t *testing.T, content string, fallback string) (*Page, map[string]string) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "cdr.xls")
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	pg, err := OpenPage(p, fallback)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, name := range pg.Sheets() {
		r, err := pg.Sheet(name)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[name] = string(b)
	}
	return pg, out
}

// A portal's page: a banner table, then the records under a header whose
// first cell spans two columns and a cell spanning two rows; entities,
// <br> and non-breaking spaces read as a spreadsheet shows them, digits
// kept as written whatever their mso-number-format.
func TestPageTables(t *testing.T) {
	page := `<!DOCTYPE html><html><head><meta charset="utf-8"><style>td{mso-number-format:"\@"}</style></head><body>
<table><tr><td colspan=3>Call Detail Record &amp; Location</td></tr><tr><td>MSISDN:</td><td>8801711000001</td></tr></table>
<table border=1>
<tr><th colspan="2">Party</th><th>Start&nbsp;Time</th><th>Duration</th></tr>
<tr><th>A Party</th><th>B Party</th><th>x</th><th>y</th></tr>
<tr><td style='mso-number-format:"\@"'>8801711000001</td><td>8801811000002</td><td rowspan="2">05/11/2023<br>10:15:22</td><td>45</td>
<tr style="height:15pt; display: none"><td>8801711000001<td>&lt;script&gt;x&lt;/script&gt;<td>7
<tr height=0 style='display:none'><td width=64></td><td width=64></td></tr>
</table>
<script>var a = "<table><tr><td>not a cell</td></tr></table>";</script>
</body></html>`
	pg, got := pageText(t, page, "")
	if want := []string{"table 1", "table 2"}; !reflect.DeepEqual(pg.Sheets(), want) {
		t.Fatalf("tables %q, want %q", pg.Sheets(), want)
	}
	if want := "Call Detail Record & Location,,\nMSISDN:,8801711000001,\n"; got["table 1"] != want {
		t.Errorf("table 1:\n%q\nwant\n%q", got["table 1"], want)
	}
	want := "Party,,Start Time,Duration\n" +
		"A Party,B Party,x,y\n" +
		"8801711000001,8801811000002,05/11/2023 10:15:22,45\n" +
		"8801711000001,<script>x</script>,05/11/2023 10:15:22,7\n" +
		"\n" // Excel's hidden spacer row: empty, and not named hidden
	if got["table 2"] != want {
		t.Errorf("table 2:\n%q\nwant\n%q", got["table 2"], want)
	}
	if merged, hidden := pg.Scan("table 2"); merged != 1 || !reflect.DeepEqual(hidden, []int{4}) {
		t.Errorf("cells spanning rows %d, want 1; hidden rows %v, want [4]", merged, hidden)
	}
}

// A layout table holding the data table in a cell: each is a table of its
// own, the enclosing cell without the nested table's text.
func TestPageNested(t *testing.T) {
	page := `<html><body><table><tr><td>Report<table><tr><td>a</td><td>b</td></tr><tr><td>1</td><td>2</td></tr></table></td><td>side</td></tr></table></body></html>`
	pg, got := pageText(t, page, "")
	if want := []string{"table 1", "table 2"}; !reflect.DeepEqual(pg.Sheets(), want) {
		t.Fatalf("tables %q, want %q", pg.Sheets(), want)
	}
	if got["table 1"] != "Report,side\n" || got["table 2"] != "a,b\n1,2\n" {
		t.Errorf("tables %q", got)
	}
}

// A page declared windows-1252: 0xE1 is á, 0x96 an en dash.
func TestPageDeclaredCharset(t *testing.T) {
	page := "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><body><table>" +
		"<tr><td>Cell Name</td></tr><tr><td>Bogot\xe1 \x96 Centro</td></tr></table></body></html>"
	pg, got := pageText(t, page, "")
	if got["table 1"] != "Cell Name\nBogotá – Centro\n" {
		t.Errorf("text %q", got["table 1"])
	}
	if !strings.Contains(pg.Charset(), "windows-1252 (declared") {
		t.Errorf("charset %q", pg.Charset())
	}
}

// A page naming no charset whose bytes are not UTF-8 is refused, unless
// the analyst names the encoding; one with no table is refused.
func TestPageRefused(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.xls")
	os.WriteFile(p, []byte("<html><table><tr><td>Bogot\xe1</td></tr></table></html>"), 0o600)
	if _, err := OpenPage(p, ""); err != ErrNoCharset {
		t.Errorf("undeclared 8-bit page: %v", err)
	}
	pg, err := OpenPage(p, "cp1252")
	if err != nil {
		t.Fatal(err)
	}
	r, _ := pg.Sheet("table 1")
	b, _ := io.ReadAll(r)
	if string(b) != "Bogotá\n" {
		t.Errorf("with --encoding cp1252: %q", b)
	}
	os.WriteFile(p, []byte("<html><body><p>Session expired</p></body></html>"), 0o600)
	if _, err := OpenPage(p, ""); err != ErrNoTable {
		t.Errorf("page with no table: %v", err)
	}
}

func TestSniff(t *testing.T) {
	for head, want := range map[string]Form{
		"<html><body>":                           HTML,
		"\xef\xbb\xbf  <!DOCTYPE html>":          HTML,
		"<!-- saved -->\n<TABLE border=1>":       HTML,
		"<meta charset=utf-8><table>":            HTML,
		"<tablet>":                               None,
		"MSISDN,Start\n<html>":                   None,
		"\xff\xfe<\x00h\x00t\x00m\x00l\x00>\x00": HTML,
		`<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">`: SpreadsheetML,
		`<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2">`:                                                            None,
	} {
		if got := Sniff([]byte(head)); got != want {
			t.Errorf("Sniff(%q) = %v, want %v", head, got, want)
		}
	}
}

// A few bytes spanning more columns than a spreadsheet holds are refused,
// never read as a row of millions of empty cells.
func TestTooWide(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "wide.xls")
	os.WriteFile(p, []byte("<table><tr><td>a</td>"+strings.Repeat("<td colspan=1000>", 17)+"</tr></table>"), 0o600)
	if _, err := OpenPage(p, ""); err != errTooWide {
		t.Errorf("HTML: %v", err)
	}
	os.WriteFile(p, []byte(`<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="S"><Table><Row><Cell ss:Index="16385"><Data ss:Type="String">a</Data></Cell></Row></Table></Worksheet></Workbook>`), 0o600)
	if _, err := OpenXML(p); err == nil || !strings.Contains(err.Error(), "wider than 16384 columns") {
		t.Errorf("XML: %v", err)
	}
}

// A page Excel saved writes a cell as shown, the number it holds in x:num:
// a 12-digit number shown in scientific notation is read as held; a date
// (x:num its serial) and digits as text are read as shown; a number held
// beyond 15 digits stays as shown (refused downstream).
func TestPageExcelNumbers(t *testing.T) {
	page := `<html xmlns:x="urn:schemas-microsoft-com:office:excel"><body><table x:str>
<tr><td>MSISDN</td><td>Start</td><td>IMEI</td><td>ICCID</td></tr>
<tr><td class=xl24 align=right x:num="919812345678">9.19812E+11</td><td x:num="45235.4272222222">05/11/2023 10:15:12</td><td x:str>356789012345678</td><td x:num="8.99100123456789E+18">8.991E+18</td></tr>
</table></body></html>`
	_, got := pageText(t, page, "")
	if want := "MSISDN,Start,IMEI,ICCID\n919812345678,05/11/2023 10:15:12,356789012345678,8.991E+18\n"; got["table 1"] != want {
		t.Errorf("text %q, want %q", got["table 1"], want)
	}
}

// cdrtui's own HTML report is refused: its tables are figures of a case.
func TestPageOwnReport(t *testing.T) {
	p := filepath.Join(t.TempDir(), "report.html")
	os.WriteFile(p, []byte(`<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="generator" content="cdrtui"></head><body><table><tr><th>MSISDN</th><th>Start</th></tr><tr><td>919812345678</td><td>2024-03-20 10:15:02</td></tr></table></body></html>`), 0o600)
	if _, err := OpenPage(p, ""); err != ErrOwnReport {
		t.Errorf("own report: %v", err)
	}
}

// A page in UTF-16 (little-endian, by its byte-order mark), whatever its
// <meta> says: ň is U+0148.
func TestPageUTF16(t *testing.T) {
	text := `<html><head><meta charset="utf-8"></head><body><table><tr><td>Cell</td></tr><tr><td>Plzeň</td></tr></table></body></html>`
	b := []byte{0xff, 0xfe}
	for _, r := range text {
		b = append(b, byte(r), byte(r>>8))
	}
	pg, got := pageText(t, string(b), "")
	if got["table 1"] != "Cell\nPlzeň\n" || !strings.HasPrefix(pg.Charset(), "utf-16le (byte-order mark)") {
		t.Errorf("text %q, charset %q", got["table 1"], pg.Charset())
	}
}

// A page declaring utf-8 whose bytes are Windows-1252 (0xE1, á) is refused,
// never read as replacement characters; with --encoding cp1252 it is read
// in it, the format saying the declaration does not fit.
func TestPageWrongDeclaration(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cdr.xls")
	os.WriteFile(p, []byte(`<html><head><meta charset="utf-8"></head><body><table><tr><td>Bogot`+"\xe1"+`</td></tr></table></body></html>`), 0o600)
	if _, err := OpenPage(p, ""); err == nil || !strings.Contains(err.Error(), "said to be UTF-8 (declared by the page) but its bytes are not") {
		t.Fatalf("wrong declaration: %v", err)
	}
	pg, err := OpenPage(p, "cp1252")
	if err != nil {
		t.Fatal(err)
	}
	r, _ := pg.Sheet("table 1")
	b, _ := io.ReadAll(r)
	r.Close()
	if string(b) != "Bogotá\n" || !strings.Contains(pg.Charset(), "windows-1252 (--encoding: the page's bytes are not the UTF-8 its <meta> charset says)") {
		t.Errorf("text %q, charset %q", b, pg.Charset())
	}
}
