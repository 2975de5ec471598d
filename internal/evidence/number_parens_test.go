package evidence

import "testing"

// An area code in parentheses is read as the digits around it; the
// trunk "(0)" after a country code is dropped; AT&T's "(D)" mark and
// other text in parentheses are left to the rest of ParseMSISDN.
func TestParseMSISDNParenthesized(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"(404) 555-0177", "4045550177"},
		{"+1 (404) 555-0199", "14045550199"},
		{"1 (404) 555-0199", "14045550199"},
		{"(404)555-0177", "4045550177"},
		{"+44 (0)20 7946 0000", "442079460000"},
		{"+44(0)2079460000", "442079460000"},
		{"(0)9714499703", "09714499703"},
		{"(0) 97144-99703", "09714499703"},
	} {
		if got, err := ParseMSISDN(c.in); err != nil || got != c.want {
			t.Errorf("ParseMSISDN(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"(404) (555) 0177", "+(404) 555-0177", "(40a) 555-0177", "(404)", "404) 555-0177"} {
		if got, err := ParseMSISDN(bad); err == nil {
			t.Errorf("ParseMSISDN(%q) = %q, want an error", bad, got)
		}
	}
}
