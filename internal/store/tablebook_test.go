package store

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// voiceRows are the voice records of a case, one line each: line, subscriber,
// other party, call type, wall clock, duration, cell.
func voiceRows(t *testing.T, st *Store) []string {
	t.Helper()
	rows, err := st.DB().Query(`SELECT line || ' ' || msisdn || ' ' || other || ' ' || call_type || ' ' || start_wall || ' ' || duration || ' ' || coalesce(cell, '-') FROM voice_readable ORDER BY line`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		got = append(got, s)
	}
	return got
}

// writePage writes content at dir/name and returns its path.
func writePage(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// A Bangladeshi operator's CDR delivered as an HTML table named .xls: a
// banner table (the request) before the data table, whose header has a
// cell spanning two columns over a second header row; the page is read
// by content, each table a source of its own cited as "cdr.xls [table 2]";
// the file is never written and its SHA-256 is the file's as stored.
func TestImportHTMLTableCDR(t *testing.T) {
	dir := t.TempDir()
	page := `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><style>.num{mso-number-format:"\@";}</style></head><body>
<table><tr><td colspan="6"><b>Call Detail Records</b></td></tr><tr><td>Requested MSISDN</td><td>8801711000001</td></tr></table>
<table border="1">
<tr><th>Party A</th><th>Party B</th><th>Start</th><th>Call Duration</th><th>Usage Type</th><th colspan="2">Cell</th></tr>
<tr><td class=num>8801711000001</td><td class=num>8801811000002</td><td>2023-11-05 10:15:22</td><td>45</td><td>MOC</td><td>470-01-1234-5678</td><td>Gulshan&nbsp;1</td></tr>
<tr><td class=num>8801711000001</td><td class=num>8801911000003</td><td>2023-11-05 11:00:01</td><td>120</td><td>MTC</td><td>470-01-1234-5679</td><td>Banani</td></tr>
<tr><td class=num>8801711000001</td><td class=num>8801811000002</td><td>2023-11-06 08:30:00</td><td>0</td><td>SMSMO</td><td>470-01-1234-5678</td><td>Gulshan 1</td></tr>
</table></body></html>`
	path := writePage(t, dir, "cdr.xls", page)
	st := openTemp(t)
	results, err := st.Import(t.Context(), []string{path}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 2 {
		t.Fatalf("%d results, want one per table: %+v", len(results), results)
	}
	banner, data := results[0], results[1]
	if banner.Sheet != "table 1" || banner.Skipped == "" || !strings.Contains(banner.Skipped, "table 1 holds no table cdrtui reads") {
		t.Errorf("banner table: %+v", banner)
	}
	if data.Error != "" || data.Sheet != "table 2" || data.Kind != "voice" || data.Rows != 3 || data.Rejected != 0 {
		t.Fatalf("data table: %+v", data)
	}
	if data.SheetLabel() != "[table 2]" || data.WorkbookSHA256 != sha256Hex([]byte(page)) {
		t.Errorf("label %q, SHA-256 %s", data.SheetLabel(), data.WorkbookSHA256)
	}
	want := []string{
		"2 8801711000001 8801811000002 VOICE_OUT 2023-11-05 10:15:22 45 470-01-1234-5678",
		"3 8801711000001 8801911000003 VOICE_IN 2023-11-05 11:00:01 120 470-01-1234-5679",
		"4 8801711000001 8801811000002 SMS_OUT 2023-11-06 08:30:00 0 470-01-1234-5678",
	}
	if got := voiceRows(t, st); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("calls:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var srcPath, sheet, format string
	if err := st.DB().QueryRow("SELECT path, sheet, format FROM sources WHERE id = ?", data.SourceID).Scan(&srcPath, &sheet, &format); err != nil {
		t.Fatal(err)
	}
	if srcPath != path+" [table 2]" || sheet != "table 2" || !strings.Contains(format, "table 2 (2 of 2) of an HTML page saved as a spreadsheet, read as utf-8 (declared by the page)") {
		t.Errorf("source: path %q, sheet %q, format %q", srcPath, sheet, format)
	}
	if after, _ := os.ReadFile(path); string(after) != page {
		t.Error("the page changed")
	}
	again, err := st.Import(t.Context(), []string{path}, ImportOptions{})
	if err != nil || len(again) != 2 || !strings.Contains(again[1].Skipped, "already in the case") {
		t.Errorf("second import: %v %+v", err, again)
	}
}

// A page declared windows-1252 (as Excel saves a web page in a Western
// locale): the cell name's 0xE2 is â, read as the page says, not as bytes
// that are not UTF-8.
func TestImportHTMLTableDeclaredCharset(t *testing.T) {
	dir := t.TempDir()
	page := "<html><head><meta http-equiv=Content-Type content=\"text/html; charset=windows-1252\"></head><body><table>" +
		"<tr><td>MSISDN</td><td>Destination IP</td><td>Destination Port</td><td>Start Time</td><td>Cell Name</td></tr>" +
		"<tr><td>5511987650001</td><td>157.240.1.35</td><td>443</td><td>2023-11-05 10:15:22</td><td>Goi\xe2nia</td></tr>" +
		"</table></body></html>"
	path := writePage(t, dir, "ipdr.htm", page)
	st := openTemp(t)
	results, err := st.Import(t.Context(), []string{path}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 1 || results[0].Rows != 1 || results[0].Error != "" {
		t.Fatalf("results %+v", results)
	}
	var cell, start string
	if err := st.DB().QueryRow("SELECT cell, start_wall FROM ipdr_readable WHERE line = 2").Scan(&cell, &start); err != nil || cell != "Goiânia" || start != "2023-11-05 10:15:22" {
		t.Errorf("cell %q, start %q (%v)", cell, start, err)
	}
}

// An Excel 2003 XML Spreadsheet named .xls: a banner merged across, a row
// left out (ss:Index), cells left out (ss:Index), DateTime cells for the
// date and the time of day, numbers kept as written.
func TestImportSpreadsheetML(t *testing.T) {
	dir := t.TempDir()
	doc := `<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
<Styles><Style ss:ID="d"><NumberFormat ss:Format="Short Date"/></Style><Style ss:ID="t"><NumberFormat ss:Format="Long Time"/></Style></Styles>
<Worksheet ss:Name="CDR"><Table>
<Row><Cell ss:MergeAcross="5"><Data ss:Type="String">CDR of 8801711000001</Data></Cell></Row>
<Row ss:Index="3"><Cell><Data ss:Type="String">Party A</Data></Cell><Cell><Data ss:Type="String">Party B</Data></Cell><Cell><Data ss:Type="String">Date</Data></Cell><Cell><Data ss:Type="String">Time</Data></Cell><Cell><Data ss:Type="String">Call Duration</Data></Cell><Cell><Data ss:Type="String">Usage Type</Data></Cell><Cell><Data ss:Type="String">Cell ID</Data></Cell></Row>
<Row><Cell><Data ss:Type="Number">8801711000001</Data></Cell><Cell><Data ss:Type="Number">8801811000002</Data></Cell><Cell ss:StyleID="d"><Data ss:Type="DateTime">2023-11-05T00:00:00.000</Data></Cell><Cell ss:StyleID="t"><Data ss:Type="DateTime">1899-12-31T10:15:22.000</Data></Cell><Cell><Data ss:Type="Number">45</Data></Cell><Cell><Data ss:Type="String">MOC</Data></Cell><Cell><Data ss:Type="String">470-01-1234-5678</Data></Cell></Row>
<Row><Cell><Data ss:Type="Number">8801711000001</Data></Cell><Cell><Data ss:Type="Number">8801911000003</Data></Cell><Cell ss:StyleID="d"><Data ss:Type="DateTime">2023-11-06T00:00:00.000</Data></Cell><Cell ss:StyleID="t"><Data ss:Type="DateTime">1899-12-31T23:59:59.000</Data></Cell><Cell><Data ss:Type="Number">7</Data></Cell><Cell><Data ss:Type="String">MTC</Data></Cell></Row>
</Table></Worksheet></Workbook>`
	path := writePage(t, dir, "cdr.xls", doc)
	st := openTemp(t)
	results, err := st.Import(t.Context(), []string{path}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 1 || results[0].Error != "" || results[0].Sheet != "CDR" || results[0].Rows != 2 || results[0].Rejected != 0 {
		t.Fatalf("results %+v", results)
	}
	if results[0].SheetLabel() != "[sheet CDR]" || !strings.Contains(results[0].Format, `sheet "CDR" (1 of 1) of an Excel 2003 XML Spreadsheet`) {
		t.Errorf("label %q, format %q", results[0].SheetLabel(), results[0].Format)
	}
	want := []string{
		"4 8801711000001 8801811000002 VOICE_OUT 2023-11-05 10:15:22 45 470-01-1234-5678",
		"5 8801711000001 8801911000003 VOICE_IN 2023-11-06 23:59:59 7 -",
	}
	if got := voiceRows(t, st); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("calls:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A page with no table (a portal's "session expired" saved as .xls) is
// refused with the reason when named; passed over as not evidence by a
// walk.
func TestImportHTMLWithoutTable(t *testing.T) {
	dir := t.TempDir()
	path := writePage(t, dir, "cdr.xls", "<!DOCTYPE html><html><body><p>Session expired. Please log in again.</p></body></html>")
	st := openTemp(t)
	results, err := st.Import(t.Context(), []string{path}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 1 || !strings.Contains(results[0].Error, "an HTML page with no table holding any text") {
		t.Errorf("named: %+v", results)
	}
	results, err = st.Import(t.Context(), []string{dir}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if r.Path == path && (r.Error != "" || r.Rows != 0) {
			t.Errorf("walked: %+v", r)
		}
	}
}

// A page sent gzip-compressed is refused saying what to do, never read as
// text whose first line is "<html>".
func TestImportHTMLCompressed(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte("<html><body><table><tr><td>Party A</td><td>Start</td></tr><tr><td>8801711000001</td><td>2023-11-05 10:15:22</td></tr></table></body></html>"))
	zw.Close()
	path := writePage(t, t.TempDir(), "cdr.xls.gz", buf.String())
	st := openTemp(t)
	results, err := st.Import(t.Context(), []string{path}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 1 || !strings.Contains(results[0].Error, "gzip-compressed an HTML page (saved as a spreadsheet): decompress it") {
		t.Errorf("results %+v", results)
	}
}

// A sheet Excel saved as a web page (.xls): a title row merged across, the
// MSISDN shown as 9.19812E+11 under the General format with the number in
// x:num, dates and times shown as text with their serials in x:num, Excel's
// conditional comments and its hidden spacer row at the table's end. The
// records are read as the sheet holds them.
func TestImportExcelWebPage(t *testing.T) {
	page := `<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:x="urn:schemas-microsoft-com:office:excel"
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset=windows-1252">
<meta name=ProgId content=Excel.Sheet>
<meta name=Generator content="Microsoft Excel 15">
<style>
<!--table
	{mso-displayed-decimal-separator:"\.";}
.xl65 {mso-number-format:"\@";}
-->
</style>
<!--[if gte mso 9]><xml>
 <x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet><x:Name>CDR</x:Name></x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook>
</xml><![endif]-->
</head>
<body link="#0563C1" vlink="#954F72">
<table border=0 cellpadding=0 cellspacing=0 width=640 style='border-collapse:collapse;table-layout:fixed;width:480pt'>
 <col width=64 span=7 style='width:48pt'>
 <tr height=20 style='height:15.0pt'>
  <td colspan=7 height=20 class=xl66 width=448 style='height:15.0pt;width:336pt'>CDR of 919812345678 from 01/11/2023 to 30/11/2023</td>
 </tr>
 <tr height=20 style='height:15.0pt'>
  <td height=20 style='height:15.0pt'>Target No</td>
  <td>Call Type</td>
  <td>B Party No</td>
  <td>Date</td>
  <td>Time</td>
  <td>Duration</td>
  <td>First Cell ID</td>
 </tr>
 <tr height=20 style='height:15.0pt'>
  <td height=20 align=right style='height:15.0pt' x:num="919812345678">9.19812E+11</td>
  <td>OUT</td>
  <td class=xl65>919811122233</td>
  <td align=right x:num="45236">13/11/2023</td>
  <td align=right x:num="0.427337962962963">10:15:22</td>
  <td align=right x:num>45</td>
  <td>404-10-1234-5678</td>
 </tr>
 <tr height=20 style='height:15.0pt'>
  <td height=20 align=right style='height:15.0pt' x:num="919812345678">9.19812E+11</td>
  <td>IN</td>
  <td class=xl65>919811199988</td>
  <td align=right x:num="45237">14/11/2023</td>
  <td align=right x:num="0.458344907407407">11:00:01</td>
  <td align=right x:num>120</td>
  <td>404-10-1234-5679</td>
 </tr>
 <![if supportMisalignedColumns]>
 <tr height=0 style='display:none'>
  <td width=64 style='width:48pt'></td>
  <td width=64 style='width:48pt'></td>
 </tr>
 <![endif]>
</table>
</body>
</html>
`
	path := writePage(t, t.TempDir(), "cdr.xls", page)
	st := openTemp(t)
	results, err := st.Import(t.Context(), []string{path}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 1 || results[0].Rows != 2 || results[0].Rejected != 0 || strings.Contains(results[0].Format, "hidden") {
		t.Fatalf("results %+v", results)
	}
	want := []string{
		"3 919812345678 919811122233 VOICE_OUT 2023-11-13 10:15:22 45 404-10-1234-5678",
		"4 919812345678 919811199988 VOICE_IN 2023-11-14 11:00:01 120 404-10-1234-5679",
	}
	if got := voiceRows(t, st); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("calls:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
