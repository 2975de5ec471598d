package htmltable

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/transform"
)

// ErrNoCharset is the refusal of a page that names no character set and
// is not UTF-8: its bytes could be any 8-bit code page.
var ErrNoCharset = errors.New("the page names no character set (no byte-order mark, no <meta charset>) and is not UTF-8: say which with --encoding (cp1252, cp1250, cp1251, latin1)")

// pageCharset decides how a page's bytes are text: its byte-order mark,
// else the charset its <meta> declares (in its first 64 KB), else the
// encoding the analyst named (fallback, a WHATWG label such as cp1252;
// "" for none), else UTF-8 when the whole file is valid UTF-8. A page
// said to be UTF-8 (by its mark, its <meta> or the analyst) whose bytes
// are not is read in the analyst's other encoding when one is named, else
// refused: its bytes are never read as replacement characters. It returns
// the encoding and its name, with how it was decided.
func pageCharset(path string, fallback string) (encoding.Encoding, string, error) {
	f, err := os.Open(path) // read-only
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, "", err
	}
	head = head[:n]
	label, generator := pageMeta(head)
	if strings.EqualFold(strings.TrimSpace(generator), "cdrtui") {
		return nil, "", ErrOwnReport
	}
	var name, how string
	for _, b := range []struct{ bom, name string }{{"\xef\xbb\xbf", "utf-8"}, {"\xff\xfe", "utf-16le"}, {"\xfe\xff", "utf-16be"}} {
		if bytes.HasPrefix(head, []byte(b.bom)) {
			name, how = b.name, "byte-order mark"
			break
		}
	}
	switch {
	case name != "":
	case label != "":
		name, how = label, "declared by the page"
	case fallback != "":
		name, how = fallback, "--encoding"
	}
	whole := func() (bool, error) {
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return false, err
		}
		return validUTF8(f)
	}
	if name == "" {
		if ok, err := whole(); err != nil || !ok {
			return nil, "", cmp.Or(err, ErrNoCharset)
		}
		return encoding.Nop, "utf-8 (as the whole file is)", nil
	}
	e, canon := charset.Lookup(name)
	if e == nil {
		return nil, "", fmt.Errorf("the character set %q (%s) is not one cdrtui knows", name, how)
	}
	if canon != "utf-8" {
		return e, canon + " (" + how + ")", nil
	}
	if ok, err := whole(); err != nil {
		return nil, "", err
	} else if ok {
		return encoding.Nop, "utf-8 (" + how + ")", nil
	}
	if fe, fname := charset.Lookup(fallback); how != "--encoding" && fe != nil && fname != "utf-8" {
		return fe, fname + " (--encoding: the page's bytes are not the UTF-8 " + map[string]string{"byte-order mark": "its byte-order mark", "declared by the page": "its <meta> charset"}[how] + " says)", nil
	}
	return nil, "", fmt.Errorf("the page is said to be UTF-8 (%s) but its bytes are not: say which encoding they are with --encoding (cp1252, cp1250, cp1251, latin1)", how)
}

// ErrOwnReport is the refusal of cdrtui's own HTML report (its <meta
// name="generator" content="cdrtui">): figures computed from evidence are
// not evidence.
var ErrOwnReport = errors.New("cdrtui's own report (<meta name=\"generator\" content=\"cdrtui\">): its figures come from a case, they are not evidence")

// pageMeta reads a page's <meta> tags in head: the character set they
// declare (<meta charset="..."> or <meta http-equiv="Content-Type"
// content="text/html; charset=...">, "" when none does) and the program
// that wrote the page (<meta name="generator">).
func pageMeta(head []byte) (charset, generator string) {
	z := html.NewTokenizer(bytes.NewReader(head))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return charset, generator
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			if t.Data != "meta" {
				continue
			}
			var name, content string
			for _, a := range t.Attr {
				switch a.Key {
				case "name":
					name = a.Val
				case "content":
					content = a.Val
				}
			}
			if strings.EqualFold(name, "generator") {
				generator = content
			}
			if charset == "" {
				charset = metaCharset(t)
			}
		}
	}
}

// metaCharset is the character set one <meta> tag declares, "" for none.
func metaCharset(t html.Token) string {
	for _, a := range t.Attr {
		switch a.Key {
		case "charset":
			return a.Val
		case "content":
			if i := strings.Index(strings.ToLower(a.Val), "charset="); i >= 0 {
				v := a.Val[i+len("charset="):]
				if j := strings.IndexAny(v, "; "); j >= 0 {
					v = v[:j]
				}
				if v = strings.Trim(v, `"' `); v != "" {
					return v
				}
			}
		}
	}
	return ""
}

// validUTF8 says every byte r gives is UTF-8.
func validUTF8(r io.Reader) (bool, error) {
	buf := make([]byte, 64<<10)
	carry := 0
	for {
		n, err := r.Read(buf[carry:])
		n += carry
		end := n
		if err == nil {
			// keep a rune cut at the buffer's end for the next read
			for i := n - 1; i >= 0 && i >= n-3; i-- {
				if utf8.RuneStart(buf[i]) {
					if !utf8.FullRune(buf[i:n]) {
						end = i
					}
					break
				}
			}
		}
		if !utf8.Valid(buf[:end]) {
			return false, nil
		}
		carry = copy(buf, buf[end:n])
		if err == io.EOF {
			return carry == 0, nil
		}
		if err != nil {
			return false, err
		}
	}
}

// decoded opens the file at path as UTF-8 text in the encoding e.
func decoded(path string, e encoding.Encoding) (io.ReadCloser, error) {
	f, err := os.Open(path) // read-only
	if err != nil {
		return nil, err
	}
	if e == encoding.Nop {
		return f, nil
	}
	return struct {
		io.Reader
		io.Closer
	}{transform.NewReader(f, e.NewDecoder()), f}, nil
}
