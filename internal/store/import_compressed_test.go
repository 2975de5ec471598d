package store

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

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

// A spreadsheet workbook is not read, and says what to do; a walk lists it
// instead of passing it over.
func TestSpreadsheetWorkbooksAreNamed(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"calls.xlsx": "PK\x03\x04\x14\x00\x06\x00\x08\x00[Content_Types].xml....xl/worksheets/sheet1.xml",
		"calls.ods":  "PK\x03\x04\x14\x00\x00\x08\x00\x00mimetypeapplication/vnd.oasis.opendocument.spreadsheet",
		"calls.xls":  "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00\x00\x00",
		"photo.zip":  "PK\x03\x04\x14\x00\x00\x00\x08\x00DCIM/0001.jpg",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	st := openTemp(t)
	res := importOne(t, st, filepath.Join(dir, "calls.xlsx"), ImportOptions{})
	if !strings.Contains(res.Error, "Excel .xlsx") || !strings.Contains(res.Error, "export each sheet as CSV") {
		t.Errorf("named workbook: %+v", res)
	}
	results, err := st.Import(context.Background(), []string{dir}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]string{}
	for _, r := range results {
		listed[filepath.Base(r.Path)] = r.Skipped
	}
	for name, want := range map[string]string{"calls.xlsx": "Excel .xlsx", "calls.ods": "OpenDocument .ods", "calls.xls": "Excel 97-2003"} {
		if !strings.Contains(listed[name], want) {
			t.Errorf("walk: %s listed as %q, want %q", name, listed[name], want)
		}
	}
	if _, ok := listed["photo.zip"]; ok {
		t.Errorf("walk lists photo.zip: %q", listed["photo.zip"])
	}
}
