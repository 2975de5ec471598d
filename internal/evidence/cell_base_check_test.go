package evidence

import (
	"fmt"
	"strings"
	"testing"
)

// The base decided from the head and checked over the whole file gives
// what the whole file read first gives (cellKeys, ResolveCellBase) every
// time the check holds, and the check fails every time it would not:
// hexadecimal columns (a letter in the head, or only past it), decimal
// ones, and columns in both bases (refused in the head, or only past it,
// or with a wider value past it that the refusal would name).
func TestCellBaseFromHeadChecked(t *testing.T) {
	const header = "MSISDN,Other Party,Call Type,Call Date,Call Time,Duration,MCC,MNC,LAC,Cell ID\n"
	line := func(i int, lac, ci string) string {
		return fmt.Sprintf("919900000001,91990%07d,MOC,2026-02-01,10:00:00,10,404,45,%s,%s\n", i, lac, ci)
	}
	for _, c := range []struct {
		name        string
		head, rest  [][2]string // LAC and CI of the head's rows, of the rows after it
		holds       bool
		want, later string // the keys of the head's first row and the file's last, by hand
	}{
		{"hex in the head", [][2]string{{"7301", "3039"}, {"1A2B", "1C85"}}, [][2]string{{"7301", "3039"}}, true,
			"404-45-29441-12345", "404-45-29441-12345"},
		{"decimal", [][2]string{{"7301", "3039"}, {"29441", "12345"}}, [][2]string{{"7301", "3039"}}, true,
			"404-45-7301-3039", "404-45-7301-3039"},
		{"hex past the head", [][2]string{{"7301", "3039"}}, [][2]string{{"1A2B", "1C85"}}, false,
			"404-45-29441-12345", "404-45-6699-7301"},
		{"both bases in the head", [][2]string{{"7301", "3039"}, {"1A2B", "3039"}, {"29441", "12345"}}, [][2]string{{"7301", "3039"}}, true,
			"-", "-"},
		{"both bases past the head", [][2]string{{"7301", "1C85"}, {"1A2B", "1C85"}}, [][2]string{{"29441", "1C85"}}, false,
			"-", "-"},
		{"a wider value past the head", [][2]string{{"1A2B", "3039"}, {"29441", "12345"}}, [][2]string{{"123456", "12345"}}, false,
			"-", "-"},
	} {
		text, n := header, 0
		for _, r := range c.head {
			n++
			text += line(n, r[0], r[1])
		}
		head := len(text)
		for range 50 { // the head's rows again, past it: nothing new
			for _, r := range c.head {
				n++
				text += line(n, r[0], r[1])
			}
		}
		for _, r := range c.rest {
			n++
			text += line(n, r[0], r[1])
		}
		wantKeys, want := cellKeys(t, text, head)
		if wantKeys[0] != c.want || wantKeys[len(wantKeys)-1] != c.later {
			t.Errorf("%s: the whole file read first: keys %s … %s, want %s … %s", c.name, wantKeys[0], wantKeys[len(wantKeys)-1], c.want, c.later)
		}
		l, err := Sniff([]byte(text[:head]), false, Options{})
		if err != nil {
			t.Fatal(err)
		}
		check := DecideCellBaseFromHead(l)
		if check == nil || l.NeedsCellBase() {
			t.Fatalf("%s: no check, or the base still pending", c.name)
		}
		if err := check.Read(strings.NewReader(text)); err != nil {
			t.Fatal(err)
		}
		if check.Holds() != c.holds {
			t.Errorf("%s: holds %v, want %v", c.name, !c.holds, c.holds)
			continue
		}
		if !c.holds {
			continue // the import is made again, the whole file read first
		}
		if got, want := l.Describe(), want.Describe(); got != want {
			t.Errorf("%s: format\n%s\nwant\n%s", c.name, got, want)
		}
		if got, want := strings.Join(keysOf(t, text, l), " "), strings.Join(wantKeys, " "); got != want {
			t.Errorf("%s: keys %s\nwant %s", c.name, got, want)
		}
	}
}
