package evidence

import "strings"

// unparenthesized reads the area code a number writes in parentheses, as
// North American and many European returns do ("(404) 555-0177",
// "+1 (404) 555-0199", "+44 (0)20 7946 0000"), into the digits around
// it: the parentheses are dropped, and a "(0)" after a country code, the
// trunk prefix dialled only from within the country, is dropped whole
// (+44 20 7946 0000). Before, such a number was no number: kept as
// written, keyed nowhere, linked to no other record of its party. ok is
// false, and s is returned unchanged, for anything else: no parentheses,
// more than one pair, letters inside them ("(D)", AT&T's dialled mark),
// or a group not followed by a digit, a space or a hyphen.
func unparenthesized(s string) (string, bool) {
	open := strings.IndexByte(s, '(')
	if open < 0 || strings.Count(s, "(") != 1 || strings.Count(s, ")") != 1 {
		return s, false
	}
	end := strings.IndexByte(s, ')')
	if end < open+2 || end-open-1 > 5 || end+1 >= len(s) {
		return s, false
	}
	inner := s[open+1 : end]
	if !allDigits(inner) {
		return s, false
	}
	if c := s[end+1]; !isDigitByte(c) && c != ' ' && c != '-' {
		return s, false
	}
	before := strings.TrimRight(s[:open], " ")
	if before != "" && !isDigitByte(before[len(before)-1]) {
		return s, false // "+(404)…", "x(404)…": not a number written so
	}
	after := strings.TrimLeft(s[end+1:], " -")
	if inner == "0" && strings.HasPrefix(before, "+") {
		return join(before, after), true // the trunk prefix after a country code
	}
	return join(before, inner+" "+after), true
}

// join puts the number's parts back with one space between them.
func join(before, after string) string {
	if before == "" {
		return after
	}
	return before + " " + after
}
