package evidence

import (
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"
)

// NewUTF8Guard reads r, UTF-8 text judged so from its first headBytes,
// and fails at the first byte that is not UTF-8, naming its line and
// --encoding: the file's encoding was decided from its head, and its
// rest would otherwise be stored as bytes no text reads.
func NewUTF8Guard(r io.Reader, headBytes int) io.Reader {
	return &utf8Guard{r: r, head: headBytes, line: 1}
}

type utf8Guard struct {
	r     io.Reader
	head  int
	line  int64
	carry []byte // the first bytes of a character cut by the last read
}

func (g *utf8Guard) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	b := p[:n]
	if len(g.carry) > 0 && n > 0 {
		joined := append(append([]byte(nil), g.carry...), b[:min(len(b), utf8.UTFMax)]...)
		if !utf8.FullRune(joined) && len(joined) < utf8.UTFMax && len(b) < utf8.UTFMax {
			g.carry = joined
			return n, err
		}
		r, size := utf8.DecodeRune(joined)
		if r == utf8.RuneError || size <= len(g.carry) {
			return n, g.refuse()
		}
		b = b[size-len(g.carry):]
		g.carry = nil
	}
	if !utf8.Valid(b) {
		cut := 0
		for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax+1; i-- {
			if utf8.RuneStart(b[i]) {
				if !utf8.FullRune(b[i:]) && utf8.Valid(b[:i]) {
					cut = len(b) - i
				}
				break
			}
		}
		if cut == 0 {
			bad := 0
			for bad < len(b) {
				r, size := utf8.DecodeRune(b[bad:])
				if r == utf8.RuneError && size <= 1 {
					break
				}
				bad += size
			}
			g.line += int64(bytes.Count(b[:bad], []byte{'\n'}))
			return n, g.refuse()
		}
		g.carry = append(g.carry[:0], b[len(b)-cut:]...)
		b = b[:len(b)-cut]
	}
	g.line += int64(bytes.Count(b, []byte{'\n'}))
	if err == io.EOF && len(g.carry) > 0 {
		return n, g.refuse()
	}
	return n, err
}

func (g *utf8Guard) refuse() error {
	return fmt.Errorf("line %d is not UTF-8, though the file's first %d KB are: it was read as UTF-8 from them; say its encoding with --encoding NAME (%s)", g.line, g.head>>10, EncodingNames)
}
