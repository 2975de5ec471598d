package store

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/cdrtui/cdrtui/internal/evidence"
)

// gzipCopy writes a gzip-compressed copy of src into dir.
func gzipCopy(t *testing.T, src, dir string) string {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(data)
	zw.Close()
	dst := filepath.Join(dir, filepath.Base(src)+".gz")
	if err := os.WriteFile(dst, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// An operator export sent gzip-compressed imports as its plain copy does,
// hashed as stored; one whose dates need the whole file to decide their
// order is read through once more decompressed.
func TestImportGzippedOperatorTables(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		file       string
		opts       ImportOptions
		rows       int64
		formatHas  string
		wantErrHas string
	}{
		{"operator_b.csv", ImportOptions{}, 3, "delimiter semicolon, header on line 3", ""},
		{"mangled.csv", ImportOptions{}, 2, "dates DMY", ""},
		{"ambiguous_dates.csv", ImportOptions{}, 0, "", "ambiguous date order"},
		{"ambiguous_dates.csv", ImportOptions{DateOrder: evidence.DMY}, 2, "dates DMY", ""},
	}
	for _, c := range cases {
		st := openTemp(t)
		res := importOne(t, st, gzipCopy(t, layoutFile(t, c.file), dir), c.opts)
		if c.wantErrHas != "" {
			if !strings.Contains(res.Error, c.wantErrHas) {
				t.Errorf("%s.gz: error %q, want %q", c.file, res.Error, c.wantErrHas)
			}
			continue
		}
		plain := importOne(t, openTemp(t), layoutFile(t, c.file), c.opts)
		if res.Error != "" || res.Rows != c.rows || res.Rows != plain.Rows || res.Rejected != plain.Rejected || res.Dropped != plain.Dropped {
			t.Errorf("%s.gz: %+v; plain copy %+v", c.file, res, plain)
		}
		if !strings.Contains(res.Format, c.formatHas) || !strings.Contains(res.Format, "gzip-compressed") {
			t.Errorf("%s.gz: format %q", c.file, res.Format)
		}
		if res.SHA256 == plain.SHA256 {
			t.Errorf("%s.gz: hashed decompressed, not as stored", c.file)
		}
	}
}

// A spreadsheet workbook other than .xlsx and .xls is not read, and says
// what to do, as does an Office file that is no workbook; a damaged .xlsx
// or .xls says it cannot be read; a walk lists them instead of passing
// them over.
func TestSpreadsheetWorkbooksAreNamed(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"calls.xlsx": "PK\x03\x04\x14\x00\x06\x00\x08\x00[Content_Types].xml....xl/worksheets/sheet1.xml",
		"calls.ods":  "PK\x03\x04\x14\x00\x00\x08\x00\x00mimetypeapplication/vnd.oasis.opendocument.spreadsheet",
		"calls.xls":  "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00\x00\x00",
		"memo.doc":   "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00\x00\x00",
		"photo.zip":  "PK\x03\x04\x14\x00\x00\x00\x08\x00DCIM/0001.jpg",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	st := openTemp(t)
	res := importOne(t, st, filepath.Join(dir, "calls.xlsx"), ImportOptions{})
	if !strings.Contains(res.Error, "not a readable Excel workbook") {
		t.Errorf("damaged .xlsx: %+v", res)
	}
	for _, name := range []string{"calls.ods", "memo.doc"} {
		res := importOne(t, st, filepath.Join(dir, name), ImportOptions{})
		if !strings.Contains(res.Error, "export each sheet as CSV") {
			t.Errorf("named workbook %s: %+v", name, res)
		}
	}
	results, err := st.Import(context.Background(), []string{dir}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]string{}
	for _, r := range results {
		listed[filepath.Base(r.Path)] = r.Skipped + r.Error
	}
	if res := importOne(t, st, filepath.Join(dir, "calls.xls"), ImportOptions{}); !strings.HasPrefix(res.Error, "not a readable Excel 97-2003 workbook: a damaged OLE compound file") {
		t.Errorf("damaged .xls: %+v", res)
	}
	for name, want := range map[string]string{"calls.xlsx": "not a readable Excel workbook", "calls.ods": "OpenDocument .ods", "calls.xls": "not a readable Excel 97-2003 workbook", "memo.doc": "no Excel workbook stream"} {
		if !strings.Contains(listed[name], want) {
			t.Errorf("walk: %s listed as %q, want %q", name, listed[name], want)
		}
	}
	if _, ok := listed["photo.zip"]; ok {
		t.Errorf("walk lists photo.zip: %q", listed["photo.zip"])
	}
}

// utf16File writes text as UTF-16 in the given byte order, with or without
// a byte-order mark.
func utf16File(t *testing.T, path, text string, big, bom bool) {
	t.Helper()
	var out []byte
	put := func(u uint16) {
		if big {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	if bom {
		put(0xfeff)
	}
	for _, u := range utf16.Encode([]rune(text)) {
		put(u)
	}
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
}

// A spreadsheet's "Unicode text" (UTF-16, tab-separated) imports like its
// UTF-8 copy, names and all; a stray zero byte in a UTF-8 file rejects its
// row, not the file.
func TestImportUTF16AndStrayZero(t *testing.T) {
	dir := t.TempDir()
	text := "MSISDN\tDestination IP\tDestination Port\tStart Time\tCell Name\r\n" +
		"919812345678\t157.240.1.35\t443\t2024-03-18 10:00:00\tAndheri Ost 🗼\r\n" +
		"919812345679\t157.240.1.36\t5222\t2024-03-18 10:00:05\tVile Parle\r\n"
	for _, c := range []struct {
		name     string
		big, bom bool
		enc      string
	}{{"le-bom.txt", false, true, "UTF-16LE"}, {"be.txt", true, false, "UTF-16BE"}, {"le.txt", false, false, "UTF-16LE"}} {
		path := filepath.Join(dir, c.name)
		utf16File(t, path, text, c.big, c.bom)
		st := openTemp(t)
		res := importOne(t, st, path, ImportOptions{})
		if res.Error != "" || res.Rows != 2 || res.Rejected != 0 || !strings.Contains(res.Format, c.enc) || !strings.Contains(res.Format, "tab") {
			t.Errorf("%s: %+v", c.name, res)
			continue
		}
		var cell string
		if err := st.DB().QueryRow("SELECT cell FROM ipdr_readable WHERE line = 2").Scan(&cell); err != nil || cell != "Andheri Ost 🗼" {
			t.Errorf("%s: cell %q (%v)", c.name, cell, err)
		}
	}

	path := filepath.Join(dir, "zero.csv")
	if err := os.WriteFile(path, []byte("MSISDN,Destination IP,Start Time\n919812345678,1.2.3.4,2024-03-18 10:00:00\n9198123456\x0078,1.2.3.5,2024-03-18 10:00:01\n919812345678,1.2.3.6,2024-03-18 10:00:02\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := importOne(t, openTemp(t), path, ImportOptions{})
	if res.Error != "" || res.Rows != 2 || res.Rejected != 1 {
		t.Errorf("stray zero: %+v", res)
	}
}
