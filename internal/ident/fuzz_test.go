package ident

import "testing"

// FuzzNumberKey: whatever the text, keying never panics, a key is 7 to 15
// digits, and a key written back with '+' keys to itself under every plan
// (a key is a fixed point: keying twice never moves a number).
func FuzzNumberKey(f *testing.F) {
	for _, s := range []string{"9714499703", "+91 97144 99703", "00919714499703", "011447700900123", "8 916 123-45-67", "VM-HDFCBK", "121", `="0044"`, "+52 1 55 1234 5678", "+54 9 11 2345-6789", "011 15 2345-6789", "0549 912345", "+378 912345", "(11) 8765-4321", "0 21 11 98765-4321"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range append(Plans(), Plan{}) {
			k, ok := p.NumberKey(s)
			if !ok {
				continue
			}
			if len(k) < 7 || len(k) > 15 || !allDigits(k) {
				t.Fatalf("%s %q: key %q", p.Country, s, k)
			}
			for _, q := range append(Plans(), Plan{}) {
				if k2, ok := q.NumberKey("+" + k); !ok || k2 != k {
					t.Fatalf("%q keyed %q under %s, but +%s keys to %q %v under %s", s, k, p.Country, k, k2, ok, q.Country)
				}
			}
		}
	})
}

// FuzzParseCell: never panics, and a key parses back to itself when it
// has a LAC.
func FuzzParseCell(f *testing.F) {
	for _, s := range []string{"404-10-7301-12345", "404100730112345", "404101C853039", "40410ABCDEF1", "405874ABCDEF1", "x", "404-45-0x7301-3039", "404-45-0x1A2B"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, ok := ParseCell(s)
		if !ok || c.LAC < 0 {
			return
		}
		k := c.Key()
		if c2, ok := ParseCell(k); !ok || c2.Key() != k {
			t.Fatalf("%q: key %q parses to %+v %v", s, k, c2, ok)
		}
	})
}
