package evidence

import "testing"

// A party cell with marked numbers after its own reads as its own number;
// anything not of that exact shape is not taken for it (and fails or
// parses as before).
func TestParseMSISDNMarkedNumbers(t *testing.T) {
	cases := []struct {
		in, want, marks string
		ok              bool
	}{
		{"4045550001\n4045550123(D)", "4045550001", "4045550123(D)", true},
		{"4045550001\r\n4045550123(D)", "4045550001", "4045550123(D)", true},
		{"+14045550001 +14045550123(D)", "14045550001", "+14045550123(D)", true},
		{"4045550001\n4045550123(D)\n4045550124(F)", "4045550001", "4045550123(D) 4045550124(F)", true},
		{"4045550001 (D)", "", "", false},            // a bare mark names no number
		{"4045550001\n4045550123(d)", "", "", false}, // not a mark: lower case
		{"4045550001\n404555012X(D)", "", "", false}, // not a number before the mark
		{"4045550001(D)", "", "", false},             // the mark on the party's own number
	}
	for _, c := range cases {
		got, err := ParseMSISDN(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseMSISDN(%q) = %q, %v; want %q ok=%v", c.in, got, err, c.want, c.ok)
		}
		if m, _ := PartyMarks(c.in); m != c.marks {
			t.Errorf("PartyMarks(%q) = %q, want %q", c.in, m, c.marks)
		}
	}
}
