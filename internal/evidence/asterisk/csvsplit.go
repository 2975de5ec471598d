package asterisk

import (
	"fmt"
	"strings"
)

// csvField is one comma-separated value and whether it was double-quoted.
type csvField struct {
	val    string
	quoted bool
	lazy   bool // read past its closing quote (splitTableRow)
}

// splitCSV splits one physical line the way cdr_csv, cdr_custom and
// mod_cdr_csv write it: values either bare or wrapped in double quotes with
// inner quotes doubled. Values are substrings of line where possible, so
// bytes that are not UTF-8 survive untouched. dst is reused to save
// allocations. The error names the 1-based column that broke the rules.
func splitCSV(line string, dst []csvField) ([]csvField, error) {
	dst = dst[:0]
	i := 0
	for {
		col := len(dst) + 1
		if j := quoteAfterSpaces(line, i); j > i {
			// `, "ACC9"`: mod_cdr_csv's snom template writes a space
			// before a quoted value; the value is the quoted text
			if val, next, err := readQuoted(line, j); err == "" {
				dst = append(dst, csvField{val: val, quoted: true})
				i = next
				if i >= len(line) {
					return dst, nil
				}
				i++
				if i == len(line) {
					dst = append(dst, csvField{})
					return dst, nil
				}
				continue
			}
		}
		if i < len(line) && line[i] == '"' {
			val, next, err := readQuoted(line, i)
			if err != "" {
				return dst, fmt.Errorf("column %d: %s", col, err)
			}
			dst = append(dst, csvField{val: val, quoted: true})
			i = next
		} else {
			end := strings.IndexByte(line[i:], ',')
			if end < 0 {
				dst = append(dst, csvField{val: line[i:]})
				return dst, nil
			}
			dst = append(dst, csvField{val: line[i : i+end]})
			i += end
		}
		if i >= len(line) {
			return dst, nil
		}
		// line[i] is the comma after the value.
		i++
		if i == len(line) {
			dst = append(dst, csvField{})
			return dst, nil
		}
	}
}

// readQuoted reads the quoted value starting at line[start] == '"'. It
// returns the unescaped value, the index just past the closing quote (which
// is either the end of the line or a comma), or a reason.
func readQuoted(line string, start int) (val string, next int, reason string) {
	i := start + 1
	doubled := false
	for {
		q := strings.IndexByte(line[i:], '"')
		if q < 0 {
			return "", 0, "quote never closed"
		}
		i += q
		if i+1 < len(line) && line[i+1] == '"' {
			doubled = true
			i += 2
			continue
		}
		break
	}
	val = line[start+1 : i]
	if doubled {
		val = strings.ReplaceAll(val, `""`, `"`)
	}
	i++
	if i < len(line) && line[i] != ',' {
		return "", 0, "text after the closing quote"
	}
	return val, i, ""
}

// quoteAfterSpaces is the index of the double quote that follows one or
// more spaces at line[i:], or i when the value does not start so.
func quoteAfterSpaces(line string, i int) int {
	j := i
	for j < len(line) && line[j] == ' ' {
		j++
	}
	if j > i && j < len(line) && line[j] == '"' {
		return j
	}
	return i
}
