package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// `cdrtui import` reads an HTML table saved as .xls and an Excel 2003 XML
// Spreadsheet: exit 0, each table named in the summary; a page with no
// table, named, is refused with the reason and a non-zero exit.
func TestImportHTMLAndXMLCLI(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "cdr.xls")
	os.WriteFile(page, []byte(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>
<table border="1"><tr><th>Target No</th><th>Call Type</th><th>B Party No</th><th>Date</th><th>Time</th><th>Duration</th></tr>
<tr><td>919812345678</td><td>OUT</td><td>919811122233</td><td>25/11/2023</td><td>10:15:22</td><td>45</td></tr>
<tr><td>919812345678</td><td>IN</td><td>919811199988</td><td>25/11/2023</td><td>11:00:01</td><td>120</td></tr>
</table></body></html>`), 0o600)
	book := filepath.Join(dir, "cdr2003.xls")
	os.WriteFile(book, []byte(`<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
<Worksheet ss:Name="Calls"><Table>
<Row><Cell><Data ss:Type="String">Target No</Data></Cell><Cell><Data ss:Type="String">B Party No</Data></Cell><Cell><Data ss:Type="String">Call Type</Data></Cell><Cell><Data ss:Type="String">Start Time</Data></Cell><Cell><Data ss:Type="String">Duration</Data></Cell></Row>
<Row><Cell><Data ss:Type="Number">919812345678</Data></Cell><Cell><Data ss:Type="Number">919900000001</Data></Cell><Cell><Data ss:Type="String">MO</Data></Cell><Cell><Data ss:Type="DateTime">2023-11-05T10:15:22.000</Data></Cell><Cell><Data ss:Type="Number">61</Data></Cell></Row>
</Table></Worksheet></Workbook>`), 0o600)
	casePath := filepath.Join(dir, "case.db")
	var out, errOut bytes.Buffer
	if code := run([]string{"import", casePath, page, book}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s %s", code, out.String(), errOut.String())
	}
	for _, want := range []string{
		"imported " + page + " [table 1]: 2 rows, 0 rejected",
		"of an HTML page saved as a spreadsheet, read as utf-8 (declared by the page)",
		"imported " + book + " [sheet Calls]: 1 row, 0 rejected",
		"2 files imported (3 rows, 0 rejected",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}

	broken := filepath.Join(dir, "expired.xls")
	os.WriteFile(broken, []byte("<!DOCTYPE html><html><body><p>Your session has expired</p></body></html>"), 0o600)
	out.Reset()
	errOut.Reset()
	code := run([]string{"import", casePath, broken}, &out, &errOut)
	if code == 0 || !strings.Contains(out.String(), "an HTML page with no table holding any text") {
		t.Errorf("page with no table: exit %d\n%s%s", code, out.String(), errOut.String())
	}
}
