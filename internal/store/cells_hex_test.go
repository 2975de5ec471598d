package store

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/evidence"
)

// The cells dimension keys a cell by its written form once per case, so
// that form must carry the base: "404-45-7301-3039" of a decimal file
// is LAC 7301, CI 3039; the same digits in a file whose LAC and CI
// columns are hex (1A2B and 1C85 on its last line, past the head
// detection reads, 256 KiB) are LAC 0x7301 = 29441, CI 0x3039 = 12345, another
// cell. Before, the hex file's rows took the decimal file's cell (and its
// key), and the hex file's own all-digit rows were read as decimal.
func TestCellsHexAndDecimalFilesKeepTheirCells(t *testing.T) {
	st := openTemp(t)
	const header = "MSISDN,Other Party,Call Type,Call Date,Call Time,Duration,MCC,MNC,LAC,Cell ID\n"
	dec := importOne(t, st, writeEvidence(t, "dec.csv", header+
		"919900000001,919900000002,MOC,2026-02-01,10:00:00,10,404,45,7301,3039\n"), ImportOptions{})
	if dec.Error != "" || dec.Rows != 1 {
		t.Fatalf("%+v", dec)
	}
	var b strings.Builder
	b.WriteString(header)
	const rows = 4000
	for i := range rows {
		fmt.Fprintf(&b, "919900000001,919900000002,MOC,2026-02-01,%02d:%02d:%02d,10,404,45,7301,3039\n", i/3600%24, i/60%60, i%60)
	}
	b.WriteString("919900000001,919900000003,MOC,2026-02-02,10:00:00,20,404,45,1A2B,1C85\n")
	if b.Len() <= evidence.SniffBytes {
		t.Fatalf("the hex file is %d bytes, within the head", b.Len())
	}
	hex := importOne(t, st, writeEvidence(t, "hex.csv", b.String()), ImportOptions{})
	if hex.Error != "" || hex.Rows != rows+1 {
		t.Fatalf("%+v", hex)
	}
	want := []string{"404-45-7301-3039 404-45-7301-3039", "404-45-0x7301-0x3039 404-45-29441-12345", "404-45-0x1A2B-0x1C85 404-45-6699-7301"}
	if got := strings1(t, st, "SELECT cell || ' ' || coalesce(cell_key, '') FROM cells ORDER BY id"); !slices.Equal(got, want) {
		t.Errorf("cells %q\nwant  %q", got, want)
	}
	if got := count(t, st, "SELECT count(*) FROM voice v JOIN cells c ON c.id = v.cell_id WHERE c.cell_key = '404-45-29441-12345'"); got != rows {
		t.Errorf("%d records in cell 404-45-29441-12345, want %d", got, rows)
	}
}
