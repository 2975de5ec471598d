package store

import (
	"io"
	"strings"

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
	}
	return det, nil
}

// textStream reads r, an Asterisk artefact's bytes, as UTF-8 when its
// detection found them in an 8-bit encoding.
func (j *importJob) textStream(r io.Reader) io.Reader {
	if j.det.encoding.EightBit() {
		return evidence.NewTextReader(r, j.det.encoding)
	}
	return r
}
