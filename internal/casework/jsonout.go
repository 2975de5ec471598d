package casework

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"unicode/utf8"

	"github.com/cdrtui/cdrtui/internal/inert"
)

// WriteJSONText writes v to w as JSONText writes it and returns its
// digest (what ResultHash says of v), without the copies JSONText keeps:
// for a large answer (every SIM of a case) the text is made once, made
// inert and hashed as it goes out.
func WriteJSONText(w io.Writer, v any) (Digest, error) {
	h := sha256.New()
	iw := &inertWriter{w: io.MultiWriter(w, h)}
	enc := json.NewEncoder(iw)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	if err := iw.flush(); err != nil {
		return "", err
	}
	return Digest(hex.EncodeToString(h.Sum(nil))), nil
}

// inertWriter passes what is written through inert.JSON, holding back an
// incomplete UTF-8 sequence at the end of a write until the next.
type inertWriter struct {
	w    io.Writer
	tail []byte
}

func (iw *inertWriter) Write(p []byte) (int, error) {
	b := p
	if len(iw.tail) > 0 {
		b = append(iw.tail, p...)
		iw.tail = nil
	}
	// an incomplete rune at the end waits for the rest
	cut := len(b)
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				cut = i
			}
			break
		}
	}
	if cut < len(b) {
		iw.tail = append([]byte(nil), b[cut:]...)
	}
	if _, err := iw.w.Write(inert.JSON(b[:cut])); err != nil {
		return 0, err
	}
	return len(p), nil
}

func (iw *inertWriter) flush() error {
	if len(iw.tail) == 0 {
		return nil
	}
	_, err := iw.w.Write(inert.JSON(iw.tail))
	iw.tail = nil
	return err
}
