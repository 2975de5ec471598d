package analysis

import (
	"strconv"
	"strings"
)

// Thousands writes n with commas between groups of three digits
// (1234567 as 1,234,567), as statements and the workbench show counts.
func Thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Plural writes a count with its noun, formatted and agreeing with it:
// "1 row", "12,345 rows".
func Plural(n int64, one, many string) string {
	if n == 1 || n == -1 {
		return Thousands(n) + " " + one
	}
	return Thousands(n) + " " + many
}
