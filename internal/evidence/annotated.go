package evidence

import (
	"errors"
	"fmt"
	"strings"
)

// splitAnnotated reads a party cell that holds a number and, after it (on
// the cell's next line, or after a space once a spreadsheet flattened the
// cell), further numbers each marked with a letter in brackets: AT&T's
// returns write the number the caller dialled under the originating one,
// "4045550001\n4045550123(D)" ("Dialed (D) … Appears in subsequent line of
// the same row in the Originating Number column", AT&T's Records Key).
// first is the number, marked the marked numbers as written ("4045550123(D)");
// ok is false for any other cell.
func splitAnnotated(v string) (first string, marked []string, ok bool) {
	if strings.IndexByte(v, '(') < 0 {
		return "", nil, false // the common cell, without allocating
	}
	parts := strings.Fields(v)
	if len(parts) < 2 {
		return "", nil, false
	}
	for _, p := range parts[1:] {
		if _, _, isMark := numberMark(p); !isMark {
			return "", nil, false
		}
	}
	return parts[0], parts[1:], true
}

// numberMark splits "4045550123(D)" into its digits and its letter.
func numberMark(p string) (digits string, mark byte, ok bool) {
	n := len(p)
	if n < 5 || p[n-1] != ')' || p[n-3] != '(' || p[n-2] < 'A' || p[n-2] > 'Z' {
		return "", 0, false
	}
	d := strings.TrimPrefix(p[:n-3], "+")
	if !plainDigits(d) {
		return "", 0, false
	}
	return p[:n-3], p[n-2], true
}

// annotatedMSISDN is ParseMSISDN's reading of such a cell: its first
// number, the party's own (the marks qualify the numbers after it, which
// PartyMarks notes, whatever their letter).
func annotatedMSISDN(v string) (string, bool) {
	first, _, ok := splitAnnotated(v)
	return first, ok
}

// PartyMarks says what a party cell marks after its own number, for the
// record's note: the numbers marked as written ("4045550123(D)") and why
// they are noted; "" for a cell without marks.
func PartyMarks(cell string) (marked, reason string) {
	_, marks, ok := splitAnnotated(unwrapValue(cell))
	if !ok {
		return "", ""
	}
	for _, m := range marks {
		if _, mark, _ := numberMark(m); mark != 'D' {
			return strings.Join(marks, " "), fmt.Sprintf("kept in this note: a number marked (%c) after the party's own, a mark whose meaning is not known here", mark)
		}
	}
	return strings.Join(marks, " "), "kept in this note: the number the caller dialled (AT&T's (D)), the call having gone to the called number"
}

// annotatedFirst is the number of a marked party cell ("4045550001" of
// "4045550001\n4045550123(D)"), or raw itself.
func annotatedFirst(raw string) string {
	if first, _, ok := splitAnnotated(unwrapValue(raw)); ok {
		return first
	}
	return raw
}

// errNoValueMark is why a party written as a mark for no value ("NA",
// "-", "null") is no party: read as a sender's name, every such call would
// have one correspondent.
var errNoValueMark = errors.New("the file's mark for a number not given, not a party")
