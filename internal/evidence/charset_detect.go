package evidence

import (
	"fmt"
	"io"
	"strings"
	"unicode"
)

// CharsetScan tells which 8-bit encoding a text file that is not UTF-8 is
// stored in, from all its bytes (Write them in order; Decide). Each of
// Windows-1252, -1250 and -1251 is judged on the file's words (runs of
// ASCII letters and bytes 0x80-0xFF) as it would decode them:
//
//   - a byte the encoding leaves undefined rules it out (0x81, 0x8D, 0x8F,
//     0x90, 0x9D in 1252; 0x81, 0x83, 0x88, 0x90, 0x98 in 1250; 0x98 in
//     1251);
//   - a word whose letters are of two scripts (Latin and Cyrillic:
//     "Bogot\xe1" read as 1251 is "Bogotб") counts against it;
//   - a symbol between two letters ("Wroc\xb3aw" read as 1252 is
//     "Wroc³aw", as 1250 "Wrocław") counts against it; apostrophes,
//     hyphens and the middle dot do not;
//   - read as 1252 or 1250, a word of three letters or more none of which
//     is ASCII counts against it: Latin-script words have ASCII letters,
//     and Cyrillic read as Latin has none ("\xcc\xee\xf1\xea\xe2\xe0" is
//     "Ìîñêâà" in 1252, "Москва" in 1251).
//
// An encoding fits when nothing counts against it. Of those that fit, the
// first of 1252, 1250, 1251 is chosen when they read every byte the file
// holds as the same character (then which does not matter); when they
// read them differently nothing decides, and the file is refused.
type CharsetScan struct {
	seen  [128]bool // the bytes 0x80-0xFF the file holds
	line  int64     // line of the byte being read (1-based)
	word  []byte    // the word being read (its first bytes)
	wline int64
	cand  [3]candState
	// words: the first words with bytes 0x80-0xFF, to show how the
	// encodings that fit read them differently
	words []scanWord
}

type scanWord struct {
	text []byte
	line int64
}

// candState is one encoding's reading of the word being read and its
// verdict so far.
type candState struct {
	ascii, high, letters int  // letters in the word: ASCII, 0x80-0xFF, all
	latin, cyrillic      bool // scripts of its letters
	symbolAfter          bool // a symbol after a letter: bad if a letter follows
	prev                 rune // the letter before, as this encoding reads it
	bad                  bool // the word counts against the encoding
	against              int64
	example              scanWord // the first word counting against it
}

const maxScanWords = 256

// Write reads the next bytes of the file.
func (s *CharsetScan) Write(p []byte) (int, error) {
	if s.line == 0 {
		s.line = 1
	}
	for _, c := range p {
		switch {
		case c >= 0x80:
			s.seen[c-0x80] = true
			s.letter(c)
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
			s.letter(c)
		default:
			s.endWord()
			if c == '\n' {
				s.line++
			}
		}
	}
	return len(p), nil
}

// letter reads one byte of a word.
func (s *CharsetScan) letter(c byte) {
	if len(s.word) == 0 {
		s.wline = s.line
	}
	if len(s.word) < 64 {
		s.word = append(s.word, c)
	}
	for i, e := range detected {
		st := &s.cand[i]
		r := rune(c)
		if c >= 0x80 {
			r = charmaps[e].DecodeByte(c)
		}
		switch {
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			if st.symbolAfter || unwritten(st.prev, r) {
				st.bad = true
			}
			st.prev = r
			if c < 0x80 {
				st.ascii++
			} else {
				st.high++
			}
			st.letters++
			st.latin = st.latin || unicode.Is(unicode.Latin, r)
			st.cyrillic = st.cyrillic || unicode.Is(unicode.Cyrillic, r)
		case unicode.IsSpace(r):
			// a no-break space between words
		case joiner(r):
		default:
			st.symbolAfter = st.letters > 0
		}
		if unicode.IsSpace(r) {
			s.endCand(i)
		}
	}
}

// unwritten says no language of the encodings read writes letter b after
// letter a. The one rule: Polish, the only language of Windows-1250 to
// write ń (0xF1), writes it before a consonant or at a word's end, never
// before a vowel ("koń", "Gdańsk"; before a vowel it writes "ni"), while
// Spanish writes ñ (0xF1 in Windows-1252) mostly before one ("Peña",
// "España", "Muñoz"): a file of Spanish names is not refused as either
// Windows-1252 or -1250.
func unwritten(a, b rune) bool {
	return (a == 'ń' || a == 'Ń') && strings.ContainsRune("aeiouyąęóAEIOUYĄĘÓ", b)
}

// joiner says r may stand inside a word: an apostrophe, a hyphen, the
// middle dot of "l·l".
func joiner(r rune) bool {
	return unicode.Is(unicode.Pd, r) || r == '\u2019' || r == '\u2018' || r == '\u00b7' || r == '\u00ad' || r == '\u02bc'
}

func (s *CharsetScan) endWord() {
	if len(s.word) == 0 {
		return
	}
	for i := range s.cand {
		s.endCand(i)
	}
	high := false
	for _, c := range s.word {
		high = high || c >= 0x80
	}
	if high && len(s.words) < maxScanWords {
		s.words = append(s.words, scanWord{text: append([]byte(nil), s.word...), line: s.wline})
	}
	s.word = s.word[:0]
}

// endCand ends the word as encoding i reads it.
func (s *CharsetScan) endCand(i int) {
	st := &s.cand[i]
	bad := st.bad || st.latin && st.cyrillic
	if detected[i] != CP1251 && st.ascii == 0 && st.high >= 3 {
		bad = true
	}
	if bad {
		if st.against == 0 {
			st.example = scanWord{text: append([]byte(nil), s.word...), line: s.wline}
		}
		st.against++
	}
	*st = candState{against: st.against, example: st.example}
}

// Decide is the encoding the file's bytes are in, and a phrase for its
// format line when others read it the same ("the same text in
// Windows-1250"); an error naming the encodings and --encoding when
// none fits or those that fit read it differently.
func (s *CharsetScan) Decide() (Encoding, string, error) {
	s.endWord()
	var fit []Encoding
	var why []string
	for i, e := range detected {
		if u := s.undefined(e); u >= 0 {
			why = append(why, fmt.Sprintf("%s has no character 0x%X", e, u))
			continue
		}
		if st := s.cand[i]; st.against > 0 {
			why = append(why, fmt.Sprintf("%s reads line %d as %q", e, st.example.line, DecodeText(st.example.text, e)))
			continue
		}
		fit = append(fit, e)
	}
	if len(fit) == 0 {
		return UTF8, "", fmt.Errorf("not UTF-8, and no 8-bit encoding reads its words as words (%s): give it with --encoding NAME (%s)", strings.Join(why, "; "), EncodingNames)
	}
	var differ []Encoding
	for _, e := range fit[1:] {
		if !s.same(fit[0], e) {
			differ = append(differ, e)
		}
	}
	if len(differ) > 0 {
		all := append([]Encoding{fit[0]}, differ...)
		return UTF8, "", s.ambiguous(all)
	}
	var alike []string
	for _, e := range fit[1:] {
		alike = append(alike, e.String())
	}
	note := "no other reads it the same"
	if len(alike) > 0 {
		note = "the same text in " + strings.Join(alike, " and ")
	}
	return fit[0], note, nil
}

// undefined is the first byte of the file e has no character for, or -1.
func (s *CharsetScan) undefined(e Encoding) int {
	for i, ok := range s.seen {
		if ok && charmaps[e].DecodeByte(byte(i+0x80)) == '\uFFFD' {
			return i + 0x80
		}
	}
	return -1
}

// same says a and b read every byte 0x80-0xFF of the file alike.
func (s *CharsetScan) same(a, b Encoding) bool {
	for i, ok := range s.seen {
		if ok && charmaps[a].DecodeByte(byte(i+0x80)) != charmaps[b].DecodeByte(byte(i+0x80)) {
			return false
		}
	}
	return true
}

// ambiguous refuses a file the encodings all fit and read differently,
// showing a word of it in each.
func (s *CharsetScan) ambiguous(all []Encoding) error {
	var names, flags []string
	for _, e := range all {
		names = append(names, e.String())
		flags = append(flags, "--encoding "+e.Name())
	}
	example := ""
	for _, w := range s.words {
		var reads []string
		for _, e := range all {
			reads = append(reads, fmt.Sprintf("%q (%s)", DecodeText(w.text, e), e.Name()))
		}
		if string(DecodeText(w.text, all[0])) != string(DecodeText(w.text, all[1])) {
			example = fmt.Sprintf(" (line %d: %s)", w.line, strings.Join(reads, " or "))
			break
		}
	}
	return fmt.Errorf("not UTF-8; its bytes read as %s with different text%s, and nothing in the file tells which: say which with %s", strings.Join(names, " or "), example, strings.Join(flags, " or "))
}

// ScanCharset reads r whole into a CharsetScan and decides.
func ScanCharset(r io.Reader) (Encoding, string, error) {
	var s CharsetScan
	if _, err := io.Copy(&s, r); err != nil {
		return UTF8, "", err
	}
	return s.Decide()
}
