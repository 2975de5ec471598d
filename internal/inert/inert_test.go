package inert

import "testing"

func TestString(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"plain", "404-10-1101-7", "404-10-1101-7"},
		{"clear screen", "\x1b[2J", `\x1b[2J`},
		{"title set", "\x1b]0;pwned\x07", `\x1b]0;pwned\x07`},
		{"8-bit CSI", "a\u009b31mb", `a\u009b31mb`},
		{"invalid utf8 kept visible", "8107924651\xa5\xa5b", `8107924651\xA5\xA5b`},
		{"newline and tab", "a\nb\tc\r", `a\nb\tc\r`},
		{"backslash doubled", `C:\x1b`, `C:\\x1b`},
		{"bidi override", "abc\u202eevil", `abc\u202eevil`},
		{"zero width", "a\u200bb", `a\u200bb`},
		{"cyrillic kept", "Привет", "Привет"},
		{"NUL and DEL", "a\x00b\x7f", `a\x00b\x7f`},
		{"emoji kept", "ok 👍", "ok 👍"},
	}
	for _, c := range cases {
		if got := String(c.in); got != c.want {
			t.Errorf("%s: String(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func FuzzString(f *testing.F) {
	for _, s := range []string{"\x1b[31mred", "plain", "\xff\xfe", "\u202e", "a\\b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := String(s)
		for i := 0; i < len(out); i++ {
			if c := out[i]; c < 0x20 || c == 0x7f {
				t.Fatalf("control byte %#x survived in %q", c, out)
			}
		}
		for _, r := range out {
			if r >= 0x80 && r <= 0x9f {
				t.Fatalf("C1 control %U survived in %q", r, out)
			}
		}
	})
}
