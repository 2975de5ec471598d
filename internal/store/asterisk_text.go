package store

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/cdrtui/cdrtui/internal/analysis"

	"github.com/cdrtui/cdrtui/internal/evidence"
)

// Asterisk writes the bytes it is given: a caller name a phone or a
// trunk sent in Windows-1252 or Latin-1 ("Jos\xe9 Pe\xf1a") lands in
// Master.csv, a cdr_custom file, a CDR table export, CEL, queue_log and
// the logs as those bytes. Such a file is read as the operator tables
// are (textEncoding): --encoding when given, else the 8-bit encoding all
// its bytes show, so its names are text ("José Peña") that a search for
// them finds. When the encodings read it differently and nothing tells
// which (two stray bytes of Caller-ID noise, "\xa5\xa5", are ¥¥ in
// Windows-1252 and ĄĄ in 1250), the bytes are kept as written, never
// guessed, and the source's notes say so and how to choose.

// asteriskText sets det to read a text artefact's bytes in the encoding
// they are stored in, saying so in its format, or notes that bytes that
// are not UTF-8 are kept as written.
func asteriskText(det *detection, err error, abs string, head []byte, complete bool, opts ImportOptions, gz bool) (*detection, error) {
	if det == nil || err != nil {
		return det, err
	}
	enc, how, eerr := textEncoding(abs, head, complete, opts, gz)
	switch {
	case eerr != nil:
		det.notes = strings.TrimSpace(det.notes + " Its bytes are not UTF-8 and are kept as written: " + eerr.Error() + ".")
	case enc.EightBit():
		det.encoding = enc
		det.format += ", " + enc.String() + " (" + how + ")"
	case enc == evidence.UTF8 && how == "" && !complete:
		det.checkTail = true // UTF-8 as far as the head goes
	}
	return det, nil
}

// textStream reads r, an Asterisk artefact's bytes, as UTF-8 when its
// detection found them in an 8-bit encoding.
func (j *importJob) textStream(r io.Reader) io.Reader {
	if j.det.encoding.EightBit() {
		return evidence.NewTextReader(r, j.det.encoding)
	}
	if j.det.checkTail {
		j.notUTF8 = &utf8Lines{r: r}
		return j.notUTF8
	}
	return r
}

// noteNotUTF8 says in the notes how many lines past the head that judged
// the file UTF-8 are not, kept as written.
func (j *importJob) noteNotUTF8() {
	u := j.notUTF8
	if u == nil {
		return
	}
	u.end()
	if u.bad == 0 {
		return
	}
	j.det.notes = strings.TrimSpace(j.det.notes + fmt.Sprintf(" %s past the first %d KiB (which are UTF-8) hold bytes that are not UTF-8, kept as written (the first, line %d): import the file again with --encoding NAME (%s) to read them as text.",
		analysis.Plural(u.bad, "line", "lines"), evidence.SniffBytes>>10, u.first, evidence.EncodingNames))
}

// utf8Lines passes a text's bytes through, counting the lines that are not
// UTF-8.
type utf8Lines struct {
	r          io.Reader
	carry      []byte // a character cut at the end of the last read
	line       int64  // lines ended so far
	badLine    bool   // the line being read is not UTF-8
	bad, first int64  // lines not UTF-8, the first of them
}

func (u *utf8Lines) Read(p []byte) (int, error) {
	n, err := u.r.Read(p)
	u.scan(p[:n])
	return n, err
}

// scan reads the next bytes: a character cut at the end of the last read
// is completed from the first of them, and a read that is whole UTF-8
// only has its lines counted.
func (u *utf8Lines) scan(b []byte) {
	i := 0
	if len(u.carry) > 0 {
		t := append(u.carry, b[:min(len(b), utf8.UTFMax)]...)
		pos := 0
		for pos < len(u.carry) {
			if !utf8.FullRune(t[pos:]) {
				u.carry = append(u.carry[:0], t[pos:]...) // b was too short to end it
				return
			}
			r, size := utf8.DecodeRune(t[pos:])
			if r == utf8.RuneError && size == 1 {
				u.badLine = true
			}
			pos += size
		}
		i = pos - len(u.carry)
		u.carry = u.carry[:0]
	}
	if !u.badLine && utf8.Valid(b[i:]) {
		u.line += int64(bytes.Count(b[i:], []byte{'\n'}))
		return
	}
	for i < len(b) {
		c := b[i]
		if c < utf8.RuneSelf {
			if c == '\n' {
				u.endLine()
			}
			i++
			continue
		}
		if !utf8.FullRune(b[i:]) {
			break // the rest of the character is in the next read
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			u.badLine = true
		}
		i += size
	}
	u.carry = append(u.carry[:0], b[i:]...)
}

// endLine ends the line being read.
func (u *utf8Lines) endLine() {
	u.line++
	if u.badLine {
		u.bad++
		if u.first == 0 {
			u.first = u.line
		}
	}
	u.badLine = false
}

// end ends the text: a cut character left over is not UTF-8, and a last
// line without its newline is counted.
func (u *utf8Lines) end() {
	if len(u.carry) > 0 {
		u.badLine, u.carry = true, nil
	}
	if u.badLine {
		u.endLine()
	}
}
