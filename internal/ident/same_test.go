package ident

import "testing"

// A number written nationally and the same number written
// internationally (with or without '+', in a tel: or sip: URI) may be one;
// numbers of other subscribers, or of one subscriber's national digits
// under another country's code, are not unless some plan makes them so.
func TestMaySameNumber(t *testing.T) {
	cases := []struct {
		a, b string
		want bool
	}{
		{"7035550001", "7035550001", true},
		{"7035550001", "tel:+17035550001", true},             // NANP: 1 + 703 555 0001
		{"7035550001", "sip:+17035550001@ims.vzw.com", true}, // the same in a SIP URI
		{"17035550001", "+1 (703) 555-0001", true},           // the same digits
		{"07700900123", "+447700900123", true},               // UK: trunk 0 dropped, 44 before
		{"9822000011", "919822000011", true},                 // India: 91 before the NSN
		{"7035550001", "tel:+17035550102", false},            // another subscriber
		{"7035550001", "+447035550001", false},               // no plan makes these one
		{"2065550001", "VM-HDFCBK", false},                   // a sender, no number
	}
	for _, c := range cases {
		if got := MaySameNumber(c.a, c.b); got != c.want {
			t.Errorf("MaySameNumber(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
		if got := MaySameNumber(c.b, c.a); got != c.want {
			t.Errorf("MaySameNumber(%q, %q) = %v, want %v", c.b, c.a, got, c.want)
		}
	}
}
