package spreadsheet

import (
	"encoding/binary"
	"unicode/utf16"
)

// cursor reads BIFF8 strings from a record's data and the data of the
// CONTINUE records after it. A string's characters may run on into the
// next CONTINUE, which then starts with a byte saying how the rest of the
// characters are stored (one byte each, or UTF-16); anything else (a
// rich text's runs, an extended string's data) simply runs on.
type cursor struct {
	chunks [][]byte
	at     int // the chunk read
	pos    int // in it
}

// next makes sure the chunk read has a byte left, moving to the next
// chunk; false at the end of the data.
func (c *cursor) next() bool {
	for c.at < len(c.chunks) && c.pos >= len(c.chunks[c.at]) {
		c.at, c.pos = c.at+1, 0
	}
	return c.at < len(c.chunks)
}

// bytes reads n bytes, across chunks.
func (c *cursor) bytes(n int) ([]byte, bool) {
	var out []byte
	for n > 0 {
		if !c.next() {
			return nil, false
		}
		k := min(n, len(c.chunks[c.at])-c.pos)
		out = append(out, c.chunks[c.at][c.pos:c.pos+k]...)
		c.pos += k
		n -= k
	}
	return out, true
}

// skip passes over n bytes, across chunks.
func (c *cursor) skip(n int) bool {
	for n > 0 {
		if !c.next() {
			return false
		}
		k := min(n, len(c.chunks[c.at])-c.pos)
		c.pos += k
		n -= k
	}
	return true
}

func (c *cursor) uint(size int) (int, bool) {
	b, ok := c.bytes(size)
	if !ok {
		return 0, false
	}
	switch size {
	case 1:
		return int(b[0]), true
	case 2:
		return int(binary.LittleEndian.Uint16(b)), true
	}
	return int(binary.LittleEndian.Uint32(b)), true
}

// chars reads n characters stored one byte each (Latin-1) or two (UTF-16)
// as high says; at a chunk boundary the next chunk's first byte says it
// afresh.
func (c *cursor) chars(n int, high bool) (string, bool) {
	u := make([]uint16, 0, min(n, 1<<15))
	for len(u) < n {
		if c.at >= len(c.chunks) {
			return "", false
		}
		if c.pos >= len(c.chunks[c.at]) {
			if c.at+1 >= len(c.chunks) || len(c.chunks[c.at+1]) == 0 {
				return "", false
			}
			c.at, c.pos = c.at+1, 1
			high = c.chunks[c.at][0]&1 != 0
			continue
		}
		chunk := c.chunks[c.at]
		if !high {
			u = append(u, uint16(chunk[c.pos]))
			c.pos++
			continue
		}
		if c.pos+2 > len(chunk) {
			return "", false
		}
		u = append(u, binary.LittleEndian.Uint16(chunk[c.pos:]))
		c.pos += 2
	}
	return string(utf16.Decode(u)), true
}

// unicodeString reads an XLUnicodeString (a FORMAT's code, a LABEL's or a
// STRING's text, lenSize 2) or a ShortXLUnicodeString (a sheet's name,
// lenSize 1): its length in characters, a flags byte, the characters.
func (c *cursor) unicodeString(lenSize int) (string, bool) {
	n, ok := c.uint(lenSize)
	if !ok {
		return "", false
	}
	flags, ok := c.uint(1)
	if !ok {
		return "", false
	}
	if n == 0 {
		return "", true
	}
	return c.chars(n, flags&1 != 0)
}

// richString reads an XLUnicodeRichExtendedString, a shared string: its
// length, flags, the number of its formatting runs and the size of its
// phonetic data when the flags say they are there, its characters, then
// the runs and the phonetic data, passed over.
func (c *cursor) richString() (string, bool) {
	n, ok := c.uint(2)
	if !ok {
		return "", false
	}
	flags, ok := c.uint(1)
	if !ok {
		return "", false
	}
	runs, ext := 0, 0
	if flags&0x08 != 0 {
		if runs, ok = c.uint(2); !ok {
			return "", false
		}
	}
	if flags&0x04 != 0 {
		if ext, ok = c.uint(4); !ok {
			return "", false
		}
	}
	s := ""
	if n > 0 {
		if s, ok = c.chars(n, flags&1 != 0); !ok {
			return "", false
		}
	}
	return s, c.skip(4*runs + ext)
}
