package evidence

import (
	"fmt"
	"strings"
)

// A semicolon-separated file is what a spreadsheet writes as CSV where the
// comma marks a fraction (German, French, most European locales): there
// a duration "62,5" is 62.5 s and "1.234" groups thousands, 1234 s, where
// an English export reads 1.234 s. The duration column's values decide
// the mark: a decimal comma makes it ',' (and a dot then groups
// thousands), a dot fraction that cannot be a group of thousands
// ("12.6", "0.250") makes it '.'. When no value decides, a value that
// reads either way ("1.234") is not read: a field issue with the reason,
// never 1 s nor 1234 s by guess.

// durationMarkOf decides the duration column's decimal mark from its
// sampled values: ',' or '.', or 0 when none decides. A file separated by
// anything but semicolons keeps the dot.
func durationMarkOf(l *Layout, values []string) byte {
	if l.Delimiter != ';' {
		return '.'
	}
	for _, v := range values {
		v = unwrapValue(strings.TrimSpace(v))
		switch {
		case commaFraction(v) || commaFraction(ungrouped(v)):
			return ','
		case dotFraction(v) && !groupedThousands(v):
			return '.'
		}
	}
	return 0
}

// durationText is a duration value as ParseDuration reads it, under the
// layout's decimal mark.
func (l *Layout) durationText(s string) (string, error) {
	if l.Delimiter != ';' {
		return s, nil
	}
	v := unwrapValue(strings.TrimSpace(s))
	switch l.DurationMark {
	case ',':
		if g := ungrouped(v); g != v {
			v = g
		}
		if commaFraction(v) {
			v = strings.Replace(v, ",", ".", 1)
		}
		return v, nil
	case 0:
		if groupedThousands(v) {
			return "", fmt.Errorf("duration %q: in a semicolon-separated file the dot may group thousands (%s s) or mark a fraction, and no value of the column says which", v, strings.ReplaceAll(v, ".", ""))
		}
	}
	return s, nil
}

// groupedThousands reports digits grouped by dots in threes, the first
// group 1 to 3 digits not starting with 0: "1.234", "12.345.678".
func groupedThousands(v string) bool {
	groups := strings.Split(v, ".")
	if len(groups) < 2 || len(groups[0]) == 0 || len(groups[0]) > 3 || groups[0][0] == '0' || !allDigits(groups[0]) {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 || !allDigits(g) {
			return false
		}
	}
	return true
}

// ungrouped drops the thousands dots of "1.234,5" or "1.234"; any other
// value is returned as it is.
func ungrouped(v string) string {
	whole, frac, hasFrac := strings.Cut(v, ",")
	if !groupedThousands(whole) {
		return v
	}
	whole = strings.ReplaceAll(whole, ".", "")
	if hasFrac {
		return whole + "," + frac
	}
	return whole
}

// commaFraction reports digits, a comma and digits: "62,5".
func commaFraction(v string) bool {
	whole, frac, ok := strings.Cut(v, ",")
	return ok && whole != "" && frac != "" && allDigits(whole) && allDigits(frac)
}

// dotFraction reports digits, a dot and digits: "12.6".
func dotFraction(v string) bool {
	whole, frac, ok := strings.Cut(v, ".")
	return ok && whole != "" && frac != "" && allDigits(whole) && allDigits(frac)
}
