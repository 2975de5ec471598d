package asterisk

import "testing"

// A Yeastar party cell: a number as written, or a name with its number in
// angle brackets; anything else with brackets is no party.
func TestYeastarParty(t *testing.T) {
	for _, c := range []struct {
		in, number, clid string
		ok               bool
	}{
		{"1001", "1001", "", true},
		{"0755123456", "0755123456", "", true},
		{"Alice<1001>", "1001", "Alice<1001>", true},
		{"Bob Smith <0211234567>", "0211234567", "Bob Smith <0211234567>", true},
		{"Alice<>", "", "Alice<>", false},
		{"<1001", "<1001", "", false},
		{"Alice<10<01>", "01", "Alice<10<01>", false},
	} {
		n, clid, ok := yeastarParty(c.in)
		if n != c.number || clid != c.clid || ok != c.ok {
			t.Errorf("%q: %q %q %v, want %q %q %v", c.in, n, clid, ok, c.number, c.clid, c.ok)
		}
	}
}

// The download's header is told from Issabel's report and 3CX's by its
// own columns, and only with both durations.
func TestYeastarHeader(t *testing.T) {
	f, ok, reason := DetectOtherSwitch([]byte("ID,Time,Call From,Call To,Call Duration(s),Ring Duration(s),Talk Duration(s),Status,Communication Type\n"))
	if f != FormatYeastarCDR || !ok {
		t.Errorf("%q %v %q", f, ok, reason)
	}
	if f, _, _ := DetectOtherSwitch([]byte("Time,Call From,Call To,Duration,Status\n")); f == FormatYeastarCDR {
		t.Errorf("a header without Call and Talk Duration(s) taken for Yeastar's")
	}
}
