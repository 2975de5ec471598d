package evidence

import "testing"

// ParsePLMN takes a 3-digit MCC and a 2- or 3-digit MNC, nothing else:
// ident.ParseCell alone would read "-260" as a network.
func TestParsePLMN(t *testing.T) {
	for in, want := range map[string]string{"310-260": "310-260", "404-10": "404-10", "302-720": "302-720", "": "-"} {
		c, err := ParsePLMN(in)
		if err != nil || c.MCC+"-"+c.MNC != want {
			t.Errorf("ParsePLMN(%q) = %+v, %v; want %s", in, c, err, want)
		}
	}
	for _, bad := range []string{"310", "-260", "310-", "310-260-5", "3100-26", "310-2601", "31a-260", "310-2"} {
		if c, err := ParsePLMN(bad); err == nil {
			t.Errorf("ParsePLMN(%q) = %+v, want an error", bad, c)
		}
	}
}
