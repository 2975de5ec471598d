package htmltable

import (
	"bytes"
	"unicode/utf16"
)

// Form is the kind of table file a file's first bytes show.
type Form int

const (
	// None: neither an HTML page nor an XML Spreadsheet.
	None Form = iota
	// HTML: a web page (its tables are read).
	HTML
	// SpreadsheetML: an Excel 2003 XML Spreadsheet.
	SpreadsheetML
)

// String names the form as the import describes it.
func (f Form) String() string {
	switch f {
	case HTML:
		return "an HTML page (saved as a spreadsheet)"
	case SpreadsheetML:
		return "an Excel 2003 XML Spreadsheet"
	}
	return "not a table file"
}

// htmlStarts are the tags an HTML page may begin with (after white space,
// comments and an XML declaration), lower case.
var htmlStarts = []string{"<!doctype html", "<html", "<head", "<meta", "<body", "<table", "<title", "<style"}

// Sniff says which form of table file the head of a file is, by content
// (never by name): HTML when its first tag is one of a page's
// (<!DOCTYPE html>, <html>, <head>, <meta>, <body>, <table>, <title>,
// <style>); SpreadsheetML when its root element is a Workbook and it names
// Excel's spreadsheet namespace or progid. A UTF-8 or UTF-16 byte-order mark is looked past.
func Sniff(head []byte) Form {
	head = asciiHead(head)
	rest := skipPreamble(head)
	if bytes.Contains(head, []byte("urn:schemas-microsoft-com:office:spreadsheet")) || bytes.Contains(head, []byte(`progid="Excel.Sheet"`)) {
		if root := bytes.ToLower(rest[:min(len(rest), 12)]); bytes.HasPrefix(root, []byte("<workbook")) || bytes.HasPrefix(root, []byte("<ss:workbook")) {
			return SpreadsheetML
		}
	}
	lower := bytes.ToLower(rest[:min(len(rest), 16)])
	for _, s := range htmlStarts {
		if bytes.HasPrefix(lower, []byte(s)) && (len(lower) == len(s) || !isNameByte(lower[len(s)])) {
			return HTML
		}
	}
	return None
}

// isNameByte says b may continue a tag name (so "<tablet" is no <table>).
func isNameByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-' || b == ':'
}

// asciiHead is the head as 8-bit text: past a UTF-8 byte-order mark, and a
// UTF-16 head (by its mark) narrowed to its code units below 256, which is
// all the sniffing looks at.
func asciiHead(head []byte) []byte {
	head = head[:min(len(head), 64<<10)]
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		return head[3:]
	case bytes.HasPrefix(head, []byte("\xff\xfe")), bytes.HasPrefix(head, []byte("\xfe\xff")):
		le := head[0] == 0xff
		units := make([]uint16, 0, len(head)/2)
		for i := 2; i+1 < len(head); i += 2 {
			if le {
				units = append(units, uint16(head[i])|uint16(head[i+1])<<8)
			} else {
				units = append(units, uint16(head[i])<<8|uint16(head[i+1]))
			}
		}
		var b []byte
		for _, r := range utf16.Decode(units) {
			if r < 256 {
				b = append(b, byte(r))
			} else {
				b = append(b, '?')
			}
		}
		return b
	}
	return head
}

// skipPreamble is the head past leading white space, comments and
// processing instructions (<?xml ...?>, <?mso-application ...?>).
func skipPreamble(b []byte) []byte {
	for {
		b = bytes.TrimLeft(b, " \t\r\n\f")
		switch {
		case bytes.HasPrefix(b, []byte("<!--")):
			i := bytes.Index(b, []byte("-->"))
			if i < 0 {
				return nil
			}
			b = b[i+3:]
		case bytes.HasPrefix(b, []byte("<?")):
			i := bytes.Index(b, []byte("?>"))
			if i < 0 {
				return nil
			}
			b = b[i+2:]
		default:
			return b
		}
	}
}
