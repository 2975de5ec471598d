package evidence

import (
	"fmt"
	"strconv"
	"strings"
)

// What --map FIELD=COLUMN does to detection: it names columns by header
// name or 1-based number, also on files whose header no alias knows.

// headerNamedByMap finds, in a file whose header names too few known
// fields, the row that holds every column --map names by its header
// ("Mobile No"): that row is the header.
func headerNamedByMap(records []record, m map[Field]string) *headerCandidate {
	var names []string
	for _, col := range m {
		if _, err := strconv.Atoi(col); err != nil {
			names = append(names, normalizeHeader(col))
		}
	}
	if len(names) == 0 {
		return nil
	}
	var best *headerCandidate
	limit := min(len(records), headerSearchLines)
	for _, d := range candidateDelimiters {
		for i := 0; i < limit; i++ {
			cells := splitStrings(records[i].text, d)
			if len(cells) < 2 {
				continue
			}
			have := make(map[string]bool, len(cells))
			for _, c := range cells {
				have[normalizeHeader(c)] = true
			}
			all := true
			for _, n := range names {
				all = all && have[n]
			}
			if !all {
				continue
			}
			cols, cands, score := mapHeader(cells)
			c := &headerCandidate{delim: d, index: i, line: records[i].line, cells: cells, columns: cols, cands: cands, score: score,
				steady: steadyRows(records[i+1:], d, len(cells))}
			if best == nil || c.steady > best.steady {
				best = c
			}
			break
		}
	}
	return best
}

// headerlessCandidate reads a file with no header row, for --map with column
// numbers: the delimiter is the one giving the most rows an equal, plural
// field count. A first row whose mapped cells do not read as their fields
// while the next row's do is a header no alias knows, not data.
func headerlessCandidate(records []record, m map[Field]string) *headerCandidate {
	var best *headerCandidate
	for _, d := range candidateDelimiters {
		n := len(splitStrings(records[0].text, d))
		if n < 2 {
			continue
		}
		steady := steadyRows(records, d, n)
		if best == nil || steady > best.steady {
			best = &headerCandidate{delim: d, index: -1, line: 0, columns: map[Field]int{}, steady: steady}
		}
	}
	if best != nil && len(records) > 1 && headerLike(records[0], records[1], best.delim, m) {
		best.index, best.line, best.cells = 0, records[0].line, splitStrings(records[0].text, best.delim)
	}
	return best
}

// headerLike reports whether first names its columns: a mapped cell of it
// does not read as its field where the same cell of next does.
func headerLike(first, next record, d byte, m map[Field]string) bool {
	a, b := splitStrings(first.text, d), splitStrings(next.text, d)
	for f, col := range m {
		n, err := strconv.Atoi(col)
		if err != nil || n < 1 || n > len(a) || n > len(b) {
			continue
		}
		if !valuesFit(f, []string{a[n-1]}) && valuesFit(f, []string{b[n-1]}) {
			return true
		}
	}
	return false
}

// applyMap applies --map FIELD=COLUMN: COLUMN is a header name or a 1-based
// column number.
func applyMap(l *Layout, m map[Field]string, seen []string) error {
	for f, col := range m {
		if n, err := strconv.Atoi(col); err == nil {
			if n < 1 {
				return fmt.Errorf("--map %s=%s: column numbers start at 1", f, col)
			}
			l.Columns[f] = n - 1
			continue
		}
		found := false
		for i, h := range l.Header {
			if normalizeHeader(h) == normalizeHeader(col) {
				l.Columns[f], found = i, true
				break
			}
		}
		if !found {
			return fmt.Errorf("--map %s=%s: no column is named %q (columns seen: %s)", f, col, col, strings.Join(seen, " | "))
		}
	}
	return nil
}
