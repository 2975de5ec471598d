package analysis

import "testing"

func TestPlural(t *testing.T) {
	for _, c := range []struct {
		n    int64
		want string
	}{{0, "0 SIP peers"}, {1, "1 SIP peer"}, {2, "2 SIP peers"}, {194987, "194,987 SIP peers"}} {
		if got := Plural(c.n, "SIP peer", "SIP peers"); got != c.want {
			t.Errorf("Plural(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}
