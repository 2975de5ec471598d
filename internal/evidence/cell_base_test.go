package evidence

import (
	"io"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/ident"
)

// cellKeys reads text (its first head bytes as the head, the whole file
// read again when the head is not all of it, as an import does) and
// returns each voice record's cell key, "-" for a cell with none, and the
// layout.
func cellKeys(t *testing.T, text string, head int) ([]string, *Layout) {
	t.Helper()
	complete := head >= len(text)
	head = min(head, len(text))
	l, err := Sniff([]byte(text[:head]), complete, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if complete == l.NeedsCellBase() && newCellBase(l) != nil {
		t.Fatalf("NeedsCellBase %v with a head complete %v", l.NeedsCellBase(), complete)
	}
	if err := ResolveCellBase(strings.NewReader(text), l); err != nil {
		t.Fatal(err)
	}
	return keysOf(t, text, l), l
}

// keysOf reads text with l: each voice record's cell key, "-" for a cell
// with none.
func keysOf(t *testing.T, text string, l *Layout) []string {
	t.Helper()
	rd := NewReader(strings.NewReader(text), l)
	defer rd.Close()
	var keys []string
	for {
		row, err := rd.Next()
		if err == io.EOF {
			return keys
		}
		if err != nil {
			t.Fatal(err)
		}
		k, ok := ident.CellKey(row.Voice.Cell)
		if !ok {
			k = "-"
		}
		keys = append(keys, k)
	}
}

// A CDR writing its LAC and CI in hexadecimal: 1A2B = 6699, 3039 =
// 12345, 7301 = 29441, 1C85 = 7301. The first row's values have no
// letter; they were read as decimal (404-45-7301-3039, another cell)
// while the rows after them, with letters, were read as hex. The column
// is hex for every row, in the head or past it.
func TestRecordHexColumnsDecidedPerColumn(t *testing.T) {
	text := "MSISDN,Other Party,Call Type,Call Date,Call Time,Duration,MCC,MNC,LAC,Cell ID\n" +
		"919900000001,919900000002,MOC,2026-02-01,10:00:00,10,404,45,7301,3039\n" +
		"919900000001,919900000003,MOC,2026-02-01,11:00:00,20,404,45,1A2B,3039\n" +
		"919900000001,919900000004,MTC,2026-02-01,12:00:00,30,404,45,7301,1C85\n"
	want := "404-45-29441-12345 404-45-6699-12345 404-45-29441-7301"
	firstRow := strings.Index(text, "\n") + 1
	secondRow := firstRow + strings.Index(text[firstRow:], "\n") + 1
	for _, head := range []int{len(text), secondRow} {
		keys, l := cellKeys(t, text, head)
		if got := strings.Join(keys, " "); got != want {
			t.Errorf("head of %d bytes: keys %q, want %q", head, got, want)
		}
		if d := l.Describe(); !strings.Contains(d, `"LAC", "Cell ID" read as hexadecimal in every row`) {
			t.Errorf("format %q", d)
		}
	}
}

// A column of decimal values stays decimal: no letter, no hex.
func TestRecordDecimalColumnsStayDecimal(t *testing.T) {
	keys, l := cellKeys(t, "MSISDN,Other Party,Call Type,Call Date,Call Time,Duration,MCC,MNC,LAC,Cell ID\n"+
		"919900000001,919900000002,MOC,2026-02-01,10:00:00,10,404,45,7301,3039\n"+
		"919900000001,919900000003,MOC,2026-02-01,11:00:00,20,404,45,29441,12345\n", 1<<20)
	if got := strings.Join(keys, " "); got != "404-45-7301-3039 404-45-29441-12345" || len(l.HexColumns) != 0 {
		t.Errorf("keys %q, hex columns %v", got, l.HexColumns)
	}
}

// A LAC column with a lettered value (1A2B) and an all-digit one wider
// than any lettered (29441, five digits: a hex LAC of 16 bits has four)
// is written in both bases; which base its four-digit values are in
// cannot be told, so the column is refused and named, and no row gets a
// cell from it (before, 7301 was read as decimal, 1A2B as hex).
func TestRecordMixedBaseColumnRefused(t *testing.T) {
	keys, l := cellKeys(t, "MSISDN,Other Party,Call Type,Call Date,Call Time,Duration,MCC,MNC,LAC,Cell ID\n"+
		"919900000001,919900000002,MOC,2026-02-01,10:00:00,10,404,45,7301,3039\n"+
		"919900000001,919900000003,MOC,2026-02-01,11:00:00,20,404,45,1A2B,3039\n"+
		"919900000001,919900000004,MOC,2026-02-01,12:00:00,20,404,45,29441,12345\n", 1<<20)
	if got := strings.Join(keys, " "); got != "- - -" {
		t.Errorf("keys %q, want none", got)
	}
	if d := l.Describe(); !strings.Contains(d, `"LAC" not cell (it holds hexadecimal values such as "1A2B" on line 3 and "29441" on line 4`) {
		t.Errorf("format %q", d)
	}
	// a lettered value of three digits (A2B = 2603) beside an all-digit
	// one of four (7301): four hex digits are a 16-bit value's, no sign of
	// decimal: hex, 0x7301 = 29441
	keys, _ = cellKeys(t, "MSISDN,Other Party,Call Type,Call Date,Call Time,Duration,MCC,MNC,LAC,Cell ID\n"+
		"919900000001,919900000002,MOC,2026-02-01,10:00:00,10,404,45,7301,1C85\n"+
		"919900000001,919900000003,MOC,2026-02-01,11:00:00,20,404,45,A2B,1C85\n", 1<<20)
	if got := strings.Join(keys, " "); got != "404-45-29441-7301 404-45-2603-7301" {
		t.Errorf("short hex: keys %q", got)
	}
}

// A CGI column written in parts, hex in some rows by their letters: its
// all-digit LACs and CIs are hex as well (404-45-7301-3039 is LAC 29441,
// CI 12345); the cell dimension keys them by a written form that carries
// the base, so that the same text from a decimal file is not this cell.
func TestRecordHexCGIColumn(t *testing.T) {
	text := "MSISDN,Other Party,Call Type,Call Date,Call Time,Duration,First CGI\n" +
		"919900000001,919900000002,MOC,2026-02-01,10:00:00,10,404-45-7301-3039\n" +
		"919900000001,919900000003,MOC,2026-02-01,11:00:00,20,404-45-1A2B-3039\n"
	keys, _ := cellKeys(t, text, 1<<20)
	if got := strings.Join(keys, " "); got != "404-45-29441-12345 404-45-6699-12345" {
		t.Errorf("keys %q", got)
	}
	l := sniffText(t, text, Options{})
	rd := NewReader(strings.NewReader(text), l)
	defer rd.Close()
	if row, err := rd.Next(); err != nil || row.Voice.Cell != "404-45-0x7301-0x3039" {
		t.Errorf("cell %q, %v; want 404-45-0x7301-0x3039", row.Voice.Cell, err)
	}
}

// A LAC column found hex (1A2B) beside a CI column with no letter whose
// values all fit four digits (3039): CI 0x3039 = 12345 if the file writes
// both in hex, 3039 if only its LACs; the CI column is refused, named, and
// no cell is keyed (before, the 1A2B row took CI 12345 and the 7301 row
// LAC 7301 and CI 3039, both read by their own look).
func TestRecordCIBesideHexLACRefused(t *testing.T) {
	keys, l := cellKeys(t, "MSISDN,Other Party,Call Type,Call Date,Call Time,Duration,MCC,MNC,LAC,Cell ID\n"+
		"919900000001,919900000002,MOC,2026-02-01,10:00:00,10,404,45,7301,3039\n"+
		"919900000001,919900000003,MOC,2026-02-01,11:00:00,20,404,45,1A2B,3040\n", 1<<20)
	if got := strings.Join(keys, " "); got != "- -" {
		t.Errorf("keys %q, want none", got)
	}
	if d := l.Describe(); !strings.Contains(d, `"Cell ID" not cell (no value has a letter a-f, yet "LAC" beside it is hexadecimal ("1A2B" on line 3): whether "3039" on line 2 is hexadecimal too or decimal cannot be told)`) {
		t.Errorf("format %q", d)
	}
}

// Indian CDRs write the CGI as one run of digits. Zero-padded, 15 digits
// are MCC 404, MNC 45, LAC 07301, CI 12345. A column that also holds 14
// digits (404 45 2345 12345) and 16 (404 45 23456 012345) does not pad:
// its 404452345012345 is as well LAC 2345 and CI 012345 as LAC 23450 and
// CI 12345 (what it was keyed as); the column is refused and named.
func TestRecordPackedCGIColumn(t *testing.T) {
	const header = "MSISDN,Other Party,Call Type,Call Date,Call Time,Duration,First CGI\n"
	keys, _ := cellKeys(t, header+
		"919900000001,919900000002,MOC,2026-02-01,10:00:00,10,404450730112345\n"+
		"919900000001,919900000003,MOC,2026-02-01,11:00:00,20,404452345012345\n", 1<<20)
	if got := strings.Join(keys, " "); got != "404-45-7301-12345 404-45-23450-12345" {
		t.Errorf("padded: keys %q", got)
	}
	keys, l := cellKeys(t, header+
		"919900000001,919900000002,MOC,2026-02-01,10:00:00,10,404452345012345\n"+
		"919900000001,919900000003,MOC,2026-02-01,11:00:00,20,40445234512345\n"+
		"919900000001,919900000004,MOC,2026-02-01,12:00:00,30,4044523456012345\n", 1<<20)
	if got := strings.Join(keys, " "); got != "- - -" {
		t.Errorf("unpadded: keys %q, want none", got)
	}
	if d := l.Describe(); !strings.Contains(d, `"First CGI" not cell (its CGIs written as one run of digits are not all MCC, MNC, then a LAC and a CI of five digits each: "40445234512345" on line 3 is not, so where "404452345012345" on line 2 splits cannot be told)`) {
		t.Errorf("format %q", d)
	}
}

// A column's name may say its base: "LAC (hex)" and "CI (hex)" are hex
// with no letter in any value (7301 = 0x1C85 is LAC 29441, 3039 CI
// 12345; they were read as decimal); "LAC (dec)" holding 1C85 is refused,
// named (its row was read as hex, against the name).
func TestRecordCellColumnNamedBase(t *testing.T) {
	keys, _ := cellKeys(t, "MSISDN,Other Party,Call Type,Call Date,Call Time,Duration,MCC,MNC,LAC (hex),CI (hex)\n"+
		"919900000001,919900000002,MOC,2026-02-01,10:00:00,10,404,45,7301,3039\n", 1<<20)
	if got := strings.Join(keys, " "); got != "404-45-29441-12345" {
		t.Errorf("named hex: keys %q", got)
	}
	keys, l := cellKeys(t, "MSISDN,Other Party,Call Type,Call Date,Call Time,Duration,MCC,MNC,LAC (dec),CI (dec)\n"+
		"919900000001,919900000002,MOC,2026-02-01,10:00:00,10,404,45,7301,3039\n"+
		"919900000001,919900000003,MOC,2026-02-01,11:00:00,20,404,45,1C85,3039\n", 1<<20)
	if got := strings.Join(keys, " "); got != "- -" {
		t.Errorf("named decimal: keys %q, want none", got)
	}
	if d := l.Describe(); !strings.Contains(d, `"LAC (dec)" not cell (its name says decimal, yet it holds the hexadecimal "1C85" on line 3)`) {
		t.Errorf("format %q", d)
	}
}

// An eCGI written in 15 digits is MCC and MNC, an eNodeB of seven digits
// and a cell of three (laroccasolutions.com, "CGI and eCGI"); read as a
// CGI, 404450123456001 is LAC 1234 and CI 56001, another cell. A row whose
// technology says 4G is not keyed (a field issue says why); a 2G row's
// CGI is. A column mixing the two without saying which is refused once
// one value cannot be a CGI (404450123499002: CI 99002 is above 65535).
func TestRecordPackedECGI(t *testing.T) {
	text := "MSISDN,Other Party,Call Type,Call Date,Call Time,Duration,Technology,First CGI\n" +
		"919900000001,919900000002,MOC,2026-02-01,10:00:00,10,2G,404450730112345\n" +
		"919900000001,919900000003,MOC,2026-02-01,11:00:00,20,4G,404450123456001\n"
	l := sniffText(t, text, Options{})
	rd := NewReader(strings.NewReader(text), l)
	defer rd.Close()
	var got []string
	for {
		row, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		k, _ := ident.CellKey(row.Voice.Cell)
		got = append(got, k)
		for _, is := range row.Issues {
			got = append(got, is.Field+": "+is.Reason)
		}
	}
	want := "404-45-7301-12345;;cell: radio 4G, yet 15 digits read as a 2G/3G CGI (a LAC and a CI of five digits each): an eCGI written in digits ends in an eNodeB of seven and a cell of three, another split; not keyed"
	if strings.Join(got, ";") != want {
		t.Errorf("got  %q\nwant %q", strings.Join(got, ";"), want)
	}
	keys, lm := cellKeys(t, "MSISDN,Other Party,Call Type,Call Date,Call Time,Duration,First CGI\n"+
		"919900000001,919900000002,MOC,2026-02-01,10:00:00,10,404450123456001\n"+
		"919900000001,919900000003,MOC,2026-02-01,11:00:00,20,404450123499002\n", 1<<20)
	if strings.Join(keys, " ") != "- -" || !strings.Contains(lm.Describe(), `"First CGI" not cell`) {
		t.Errorf("mixed: keys %q, format %q", keys, lm.Describe())
	}
}

// An LTE cell composed of eNodeB and sector takes the TAC of the LAC
// column in the column's base: ECI 1201×256 + 2 = 307458; TAC 1C85 =
// 7301, and 7301 in the same hex column is 0x7301 = 29441 (it was read
// as decimal 7301, and 1C85 was left out).
func TestRecordLTECellHexTAC(t *testing.T) {
	keys, _ := cellKeys(t, "MSISDN,Other Party,Call Type,Call Date,Call Time,Duration,MCC,MNC,LAC,1st LTE Site ID,1st LTE Sector ID\n"+
		"919900000001,919900000002,MOC,2026-02-01,10:00:00,10,310,260,7301,1201,2\n"+
		"919900000001,919900000003,MOC,2026-02-01,11:00:00,20,310,260,1C85,1201,2\n", 1<<20)
	if got := strings.Join(keys, " "); got != "310-260-29441-307458 310-260-7301-307458" {
		t.Errorf("keys %q", got)
	}
}

// An ECGI column written in decimal, MCC and MNC then the ECI in as many
// digits as it takes: 2620112345678 (ECI 12345678) is 13 characters, a
// hex CGI by its length (LAC 0x1234 = 4660, CI 0x5678 = 22136: what it
// was keyed as); 26201123456789 (ECI 123456789) reads as nothing. A
// column whose runs of digits have several lengths, none with a letter,
// is decimal, and is refused, named.
func TestRecordDecimalECGIColumn(t *testing.T) {
	keys, l := cellKeys(t, "MSISDN,Other Party,Call Type,Call Date,Call Time,Duration,ECGI\n"+
		"919900000001,919900000002,MOC,2026-02-01,10:00:00,10,2620112345678\n"+
		"919900000001,919900000003,MOC,2026-02-01,11:00:00,20,26201123456789\n", 1<<20)
	if got := strings.Join(keys, " "); got != "- -" {
		t.Errorf("keys %q, want none", got)
	}
	if d := l.Describe(); !strings.Contains(d, `"ECGI" not cell (its runs of digits have several lengths, and "26201123456789" on line 3 reads as no CGI`) {
		t.Errorf("format %q", d)
	}
	keys, _ = cellKeys(t, "MSISDN,Other Party,Call Type,Call Date,Call Time,Duration,ECGI\n"+
		"919900000001,919900000002,MOC,2026-02-01,10:00:00,10,2620112345678\n"+
		"919900000001,919900000003,MOC,2026-02-01,11:00:00,20,262011C853039\n", 1<<20)
	if got := strings.Join(keys, " "); got != "262-01-4660-22136 262-01-7301-12345" {
		t.Errorf("hex CGIs: keys %q", got)
	}
}
