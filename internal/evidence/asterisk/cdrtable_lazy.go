package asterisk

import (
	"fmt"
	"strings"
)

// splitTableRow splits a row of a cdr table export. Such a file is written
// by a CDR viewer or a database tool, not by Asterisk, and some write a
// caller ID as it is stored, quotes and all, without the quoting CSV asks
// for: FreePBX's CDR report download (cdr__<time><server>.csv) has
// `2017-09-04 12:39:26,"User 10" <114>,114,113,...`, and a table dumped by
// a SQL client `""Ramana Ulsa" <1115>"`. A value that opens with a quote
// and goes on after its closing quote is read as the text up to the next
// comma, as written, and marked lazy; the reader then holds the row to the
// header's width, so that a value split in the wrong place is refused
// rather than shifting the columns after it.
func splitTableRow(line string, delim byte, dst []csvField) ([]csvField, error) {
	if delim != ',' {
		return splitTable(line, delim, dst)
	}
	dst = dst[:0]
	i := 0
	for {
		col := len(dst) + 1
		if i < len(line) && line[i] == '"' {
			val, next, reason := readQuoted(line, i)
			switch {
			case reason == "":
				dst = append(dst, csvField{val: val, quoted: true})
				i = next
			case reason == "text after the closing quote":
				// the text after the closing quote runs to the next comma
				close := closingQuote(line, i)
				end := strings.IndexByte(line[close:], ',')
				if end < 0 {
					end = len(line) - close
				}
				dst = append(dst, csvField{val: line[i : close+end], lazy: true})
				i = close + end
			default:
				return dst, fmt.Errorf("column %d: %s", col, reason)
			}
		} else {
			end := strings.IndexByte(line[i:], ',')
			if end < 0 {
				return append(dst, csvField{val: line[i:]}), nil
			}
			dst = append(dst, csvField{val: line[i : i+end]})
			i += end
		}
		if i >= len(line) {
			return dst, nil
		}
		i++ // the comma after the value
		if i == len(line) {
			return append(dst, csvField{}), nil
		}
	}
}

// lazyWidth is the reason to refuse a row that has a value read past its
// closing quote (see splitTableRow) and not the width of the header.
func lazyWidth(f []csvField, width int) string {
	for i, v := range f {
		if v.lazy && len(f) != width {
			return fmt.Sprintf("column %d goes on after its closing quote (%q) and the row then has %d columns where the header names %d: "+
				"where the value ends is not known", i+1, v.val, len(f), width)
		}
	}
	return ""
}

// hasLazy says whether a value of f was read past its closing quote.
func hasLazy(f []csvField) bool {
	for _, v := range f {
		if v.lazy {
			return true
		}
	}
	return false
}

// closingQuote is the index of the quote that closes the quoted value
// opening at line[start] (a doubled quote inside is part of the value);
// the caller knows there is one.
func closingQuote(line string, start int) int {
	i := start + 1
	for {
		i += strings.IndexByte(line[i:], '"')
		if i+1 < len(line) && line[i+1] == '"' {
			i += 2
			continue
		}
		return i
	}
}
