package store

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const charsetHeader = "MSISDN,Destination IP,Destination Port,Start Time,Cell Name\r\n"

// charsetRow is one record whose cell name is given as bytes.
func charsetRow(n int, cell string) string {
	return "91981234567" + string(rune('0'+n%10)) + ",157.240.1.35,443,2024-03-18 10:00:0" + string(rune('0'+n%10)) + "," + cell + "\r\n"
}

func cellAt(t *testing.T, st *Store, line int) string {
	t.Helper()
	var cell string
	if err := st.DB().QueryRow("SELECT cell FROM ipdr_readable WHERE line = ?", line).Scan(&cell); err != nil {
		t.Fatalf("line %d: %v", line, err)
	}
	return cell
}

// A CSV saved in an 8-bit encoding is read as the text it holds: the
// encoding told from its bytes, its hash that of the bytes as stored.
func TestImportEightBitEncodings(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name, cell2, cell3, want2, want3, format string
	}{
		// á (0xE1) and ü (0xFC): the same in 1252 and 1250
		{"cp1252.csv", "Bogot\xe1", "Z\xfcrich", "Bogotá", "Zürich", "Windows-1252 (told from its bytes: the same text in Windows-1250)"},
		// ł (0xB3), Ł (0xA3), ż (0xBF): ³ £ ¿ in 1252
		{"cp1250.csv", "Wroc\xb3aw", "\xa3\xf3d\xbf", "Wrocław", "Łódż", "Windows-1250 (told from its bytes: no other reads it the same)"},
		// Москва, Санкт-Петербург
		{"cp1251.csv", "\xcc\xee\xf1\xea\xe2\xe0", "\xd1\xe0\xed\xea\xf2-\xcf\xe5\xf2\xe5\xf0\xe1\xf3\xf0\xe3", "Москва", "Санкт-Петербург", "Windows-1251 (told from its bytes: no other reads it the same)"},
	} {
		raw := []byte(charsetHeader + charsetRow(1, c.cell2) + charsetRow(2, c.cell3))
		path := filepath.Join(dir, c.name)
		if err := os.WriteFile(path, raw, 0o644); err != nil {
			t.Fatal(err)
		}
		st := openTemp(t)
		res := importOne(t, st, path, ImportOptions{})
		sum := sha256.Sum256(raw)
		if res.Error != "" || res.Rows != 2 || !strings.HasSuffix(res.Format, ", "+c.format) || res.SHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("%s: %+v", c.name, res)
			continue
		}
		if got := cellAt(t, st, 2); got != c.want2 {
			t.Errorf("%s: line 2 %q, want %q", c.name, got, c.want2)
		}
		if got := cellAt(t, st, 3); got != c.want3 {
			t.Errorf("%s: line 3 %q, want %q", c.name, got, c.want3)
		}
	}
}

// Plzeň's ň (0xF2) is ò in 1252: nothing in the file tells which, so it
// is refused until --encoding says; --encoding also overrides detection.
func TestImportEncodingRefusedAndGiven(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plzen.csv")
	if err := os.WriteFile(path, []byte(charsetHeader+charsetRow(1, "Plze\xf2")), 0o644); err != nil {
		t.Fatal(err)
	}
	res := importOne(t, openTemp(t), path, ImportOptions{})
	if res.Rows != 0 || !strings.Contains(res.Error, `line 2: "Plzeò" (cp1252) or "Plzeň" (cp1250)`) || !strings.Contains(res.Error, "--encoding cp1252 or --encoding cp1250") {
		t.Fatalf("refused: %+v", res)
	}
	for enc, want := range map[string]string{"cp1250": "Plzeň", "cp1252": "Plzeò", "latin1": "Plzeò"} {
		st := openTemp(t)
		res := importOne(t, st, path, ImportOptions{Encoding: enc})
		if res.Error != "" || res.Rows != 1 || !strings.Contains(res.Format, "(as --encoding "+enc+" says)") {
			t.Errorf("%s: %+v", enc, res)
			continue
		}
		if got := cellAt(t, st, 2); got != want {
			t.Errorf("%s: %q, want %q", enc, got, want)
		}
	}
}

// --encoding cp1252 given for an import of a directory that also holds a
// UTF-8 file: the UTF-8 file's Bogotá (C3 A1) stays Bogotá, not "BogotÃ¡"
// decoded a second time; the cp1252 file's is read by the flag.
func TestImportEncodingLeavesUTF8Files(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "utf8.csv"), []byte(charsetHeader+charsetRow(1, "Bogot\xc3\xa1")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "cp1252.csv"), []byte(charsetHeader+charsetRow(1, "Bogot\xe1")), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"utf8.csv", "cp1252.csv"} {
		st := openTemp(t)
		res := importOne(t, st, filepath.Join(dir, name), ImportOptions{Encoding: "cp1252"})
		if res.Error != "" || res.Rows != 1 {
			t.Fatalf("%s: %+v", name, res)
		}
		if got := cellAt(t, st, 2); got != "Bogotá" {
			t.Errorf("%s: %q, want Bogotá", name, got)
		}
		if name == "utf8.csv" && !strings.Contains(res.Format, "its bytes are UTF-8; --encoding cp1252 is for files that are not") {
			t.Errorf("%s: format %q", name, res.Format)
		}
	}
}

// The first 256 KB read the same in 1252 and 1250 (á); a Wrocław past
// them decides for 1250, and the Bogotá of line 2 is read by it too.
func TestImportEncodingDecidedOverWholeFile(t *testing.T) {
	var b strings.Builder
	b.WriteString(charsetHeader + charsetRow(1, "Bogot\xe1"))
	for n := 2; b.Len() < 300<<10; n++ {
		b.WriteString(charsetRow(n, "Mumbai"))
	}
	b.WriteString("919800000000,157.240.1.36,443,2024-03-19 11:00:00,Wroc\xb3aw\r\n")
	path := filepath.Join(t.TempDir(), "late.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	st := openTemp(t)
	res := importOne(t, st, path, ImportOptions{})
	lines := strings.Count(b.String(), "\n")
	if res.Error != "" || !strings.Contains(res.Format, "Windows-1250") || res.Rows+res.RepeatedInFile != int64(lines-1) {
		t.Fatalf("%+v", res)
	}
	if got := cellAt(t, st, 2); got != "Bogotá" {
		t.Errorf("line 2 %q", got)
	}
	if got := cellAt(t, st, lines); got != "Wrocław" {
		t.Errorf("line %d %q", lines, got)
	}
}

// A file whose first 256 KB are UTF-8 is read as UTF-8; a byte that is
// not, past them, fails the file naming its line and --encoding, rather
// than being stored as bytes no text reads; --encoding reads it.
func TestImportNotUTF8PastTheHeadRefused(t *testing.T) {
	var b strings.Builder
	b.WriteString(charsetHeader + charsetRow(1, "Bogotá"))
	for n := 2; b.Len() < 300<<10; n++ {
		b.WriteString(charsetRow(n, "Mumbai"))
	}
	b.WriteString("919800000000,157.240.1.36,443,2024-03-19 11:00:00,Wroc\xb3aw\r\n")
	path := filepath.Join(t.TempDir(), "late.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	lines := strings.Count(b.String(), "\n")
	st := openTemp(t)
	res := importOne(t, st, path, ImportOptions{})
	if res.Rows != 0 || !strings.Contains(res.Error, "line "+strconv.Itoa(lines)+" is not UTF-8, though the file's first 256 KB are") ||
		!strings.Contains(res.Error, "--encoding NAME") || count(t, st, "SELECT count(*) FROM ipdr") != 0 {
		t.Fatalf("%+v", res)
	}
	// "Bogotá" in UTF-8 read as cp1250 is "BogotĂˇ": the analyst's choice
	st = openTemp(t)
	res = importOne(t, st, path, ImportOptions{Encoding: "cp1250"})
	if res.Error != "" || cellAt(t, st, lines) != "Wrocław" || cellAt(t, st, 2) != "BogotĂˇ" {
		t.Fatalf("%+v", res)
	}
}
