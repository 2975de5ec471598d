package casework

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
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

// WriteJSONTextList is WriteJSONText for a value whose top-level member
// key is a long list, items, held in v as null: the list is written one
// item at a time in its place, so that the whole text is never in memory.
// The text and the digest are those of JSONText and ResultHash of v with
// items in it.
func WriteJSONTextList[T any](w io.Writer, v any, key string, items []T) (Digest, error) {
	var head bytes.Buffer
	enc := json.NewEncoder(&head)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	text := head.Bytes()
	marker := []byte("\n  " + strconv.Quote(key) + ": null")
	at := bytes.Index(text, marker)
	if at < 0 || bytes.Count(text, marker) != 1 {
		return "", fmt.Errorf("JSON text: no single top-level %q set to null", key)
	}
	h := sha256.New()
	iw := &inertWriter{w: io.MultiWriter(w, h)}
	start := at + len(marker) - len("null")
	if _, err := iw.Write(text[:start]); err != nil {
		return "", err
	}
	if len(items) == 0 && items != nil {
		if _, err := iw.Write([]byte("[]")); err != nil {
			return "", err
		}
	} else if items == nil {
		if _, err := iw.Write([]byte("null")); err != nil {
			return "", err
		}
	} else {
		if _, err := iw.Write([]byte("[")); err != nil {
			return "", err
		}
		for i, item := range items {
			b, err := json.MarshalIndent(item, "    ", "  ")
			if err != nil {
				return "", err
			}
			sep := ",\n    "
			if i == 0 {
				sep = "\n    "
			}
			if _, err := iw.Write(append([]byte(sep), b...)); err != nil {
				return "", err
			}
		}
		if _, err := iw.Write([]byte("\n  ]")); err != nil {
			return "", err
		}
	}
	if _, err := iw.Write(text[at+len(marker):]); err != nil {
		return "", err
	}
	if err := iw.flush(); err != nil {
		return "", err
	}
	return Digest(hex.EncodeToString(h.Sum(nil))), nil
}
