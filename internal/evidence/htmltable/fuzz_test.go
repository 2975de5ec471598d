package htmltable

import (
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// FuzzTables: any page or XML text gives its tables without a panic, each
// a CSV text whose records are one per line.
func FuzzTables(f *testing.F) {
	for _, s := range []string{
		"<table><tr><td colspan=3 rowspan=2>a<td>b<tr><td>c</table>",
		"<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table><td>y",
		"<html><meta charset=utf-8><table><tr><th>a&amp;b<br>c</th></tr></table>",
		`<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="S"><Table><Row ss:Index="2"><Cell ss:Index="3" ss:MergeDown="2"><Data ss:Type="DateTime">2023-11-05T10:15:22.000</Data></Cell></Row><Row><Cell><Data ss:Type="String">a` + "\n" + `b</Data></Cell></Row></Table></Worksheet></Workbook>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		p := filepath.Join(t.TempDir(), "f.xls")
		if err := os.WriteFile(p, []byte(doc), 0o600); err != nil {
			t.Fatal(err)
		}
		var b interface {
			Sheets() []string
			Sheet(string) (io.ReadCloser, error)
		}
		if pg, err := OpenPage(p, "cp1252"); err == nil {
			b = pg
		} else if xb, err := OpenXML(p); err == nil {
			b = xb
		} else {
			return
		}
		for _, name := range b.Sheets() {
			r, err := b.Sheet(name)
			if err != nil {
				t.Fatal(err)
			}
			text, err := io.ReadAll(r)
			r.Close()
			if err != nil {
				continue
			}
			lines := bytes.Count(text, []byte("\n"))
			cr := csv.NewReader(bytes.NewReader(text))
			cr.FieldsPerRecord = -1
			records, err := cr.ReadAll()
			if err != nil {
				t.Fatalf("%s: not CSV: %v\n%q", name, err, text)
			}
			for _, rec := range records {
				for _, c := range rec {
					if bytes.ContainsAny([]byte(c), "\r\n") {
						t.Fatalf("%s: a line break in cell %q", name, c)
					}
				}
			}
			if len(records) > lines {
				t.Fatalf("%s: %d records on %d lines", name, len(records), lines)
			}
		}
	})
}
