package evidence

import (
	"strings"
	"testing"
)

func scan(t *testing.T, text string) (Encoding, string, error) {
	t.Helper()
	var s CharsetScan
	s.Write([]byte(text))
	return s.Decide()
}

func TestCharsetScanDecides(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       Encoding
		note       string
	}{
		// á ü ñ-free Western text: 0xE1 á and 0xFC ü are the same in 1252
		// and 1250; 1251 reads them as б and ь amid Latin letters
		{"western alike", "name,city\nAna,Bogot\xe1\nUrs,Z\xfcrich\n", CP1252, "the same text in Windows-1250"},
		// Wrocław, Złote Łódź: 0xB3 is ł in 1250, ³ (a symbol between
		// letters) in 1252, і (Cyrillic amid Latin) in 1251
		{"polish", "city\nWroc\xb3aw\nZ\xb3ote \xa3\xf3d\xbf\n", CP1250, "no other reads it the same"},
		// Москва, Санкт-Петербург: 1252 and 1250 read them as words
		// with no ASCII letter
		{"russian", "city\n\xcc\xee\xf1\xea\xe2\xe0\n\xd1\xe0\xed\xea\xf2-\xcf\xe5\xf2\xe5\xf0\xe1\xf3\xf0\xe3\n", CP1251, "no other reads it the same"},
		// O’Brien: 0x92 is ’ in all three; ’ joins, so 1251 fits too
		// but reads 0x92 alike; the 0xE9 é of Pelé rules 1251 out
		{"apostrophe", "name\nO\x92Brien\nPel\xe9\n", CP1252, "the same text in Windows-1250"},
		// Peña, Muñoz, España: 0xF1 is ñ in 1252 and ń in 1250, and
		// Polish writes ń before no vowel; before, refused as either
		{"spanish", "name,city\nPe\xf1a,Espa\xf1a\nMu\xf1oz,Bogot\xe1\n", CP1252, "no other reads it the same"},
		// Gdańsk, Poznań: ń before a consonant or at the end is Polish
		// in 1250; 1252 reads them alike as Latin letters, so nothing in
		// them alone decides: with Wrocław's ł (a symbol in 1252) it is
		// 1250
		{"polish n", "city\nGda\xf1sk\nPozna\xf1\nWroc\xb3aw\n", CP1250, "no other reads it the same"},
	} {
		got, note, err := scan(t, c.text)
		if err != nil || got != c.want || note != c.note {
			t.Errorf("%s: got %v %q %v, want %v %q", c.name, got, note, err, c.want, c.note)
		}
	}
}

func TestCharsetScanRefuses(t *testing.T) {
	// Plzeň: 0xF2 is ò in 1252, ň in 1250, both a Latin letter after
	// ASCII ones; nothing decides
	_, _, err := scan(t, "city\nPlze\xf2\n")
	if err == nil || !strings.Contains(err.Error(), `line 2: "Plzeò" (cp1252) or "Plzeň" (cp1250)`) ||
		!strings.Contains(err.Error(), "--encoding cp1252 or --encoding cp1250") {
		t.Fatalf("got %v", err)
	}
	// 0x98 is undefined in 1251 and 1250, 0x81 in 1252: none fits
	_, _, err = scan(t, "a\x98b\x81\n")
	if err == nil || !strings.Contains(err.Error(), "Windows-1252 has no character 0x81") || !strings.Contains(err.Error(), "--encoding NAME") {
		t.Fatalf("got %v", err)
	}
}

func TestParseEncodingAndDecode(t *testing.T) {
	for name, want := range map[string]Encoding{"cp1252": CP1252, "Windows-1250": CP1250, "1251": CP1251, "latin1": Latin1, "ISO-8859-1": Latin1, "utf-8": UTF8} {
		if got, err := ParseEncoding(name); err != nil || got != want {
			t.Errorf("%s: %v %v", name, got, err)
		}
	}
	if _, err := ParseEncoding("koi8-r"); err == nil {
		t.Error("koi8-r accepted")
	}
	if got := string(DecodeText([]byte("\x80 \xe9"), CP1252)); got != "€ é" {
		t.Errorf("cp1252: %q", got)
	}
	if got := string(DecodeText([]byte("\x80 \xe9"), Latin1)); got != "\u0080 é" {
		t.Errorf("latin1: %q", got)
	}
	if !ValidUTF8([]byte("Bogot\xc3"), false) || ValidUTF8([]byte("Bogot\xc3"), true) || ValidUTF8([]byte("Bogot\xe1,"), false) {
		t.Error("ValidUTF8")
	}
}
