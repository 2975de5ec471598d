package ident

import "testing"

// A cell written with its switch reads back under a key naming both, and
// no GSM encoding takes it: 2083 on switch 210 is not cell 2083 on 211,
// and never MCC 210's cell.
func TestSwitchCellKey(t *testing.T) {
	cases := []struct{ cell, sw, repoll, written, key string }{
		{"2083", "210", "17", "2083 (switch 210, repoll 17)", "cdma:210:17:2083"},
		{"2083", "211", "17", "2083 (switch 211, repoll 17)", "cdma:211:17:2083"},
		{"335", "Pleasanton_2", "", "335 (switch Pleasanton_2)", "cdma:PLEASANTON_2::335"},
		{"1044", "", "3", "1044 (repoll 3)", "cdma::3:1044"},
	}
	for _, c := range cases {
		w := SwitchCellText(c.cell, c.sw, c.repoll)
		if w != c.written {
			t.Errorf("SwitchCellText(%q, %q, %q) = %q, want %q", c.cell, c.sw, c.repoll, w, c.written)
		}
		if k, ok := CellKey(w); !ok || k != c.key {
			t.Errorf("CellKey(%q) = %q, %v, want %q", w, k, ok, c.key)
		}
		if _, gen, _ := CellKeyGeneration(w); gen != "CDMA" {
			t.Errorf("generation of %q = %q, want CDMA", w, gen)
		}
		if _, ok := ParseCell(w); ok {
			t.Errorf("ParseCell read %q as a GSM/LTE cell", w)
		}
	}
	for _, bad := range []string{"2083", "2083 ()", "2083 (switch )", "2083 (sector 2)", "(switch 210)", "20 83 (switch 210)", "2083 (repoll 1, switch 2)"} {
		if k, ok := SwitchCellKey(bad); ok {
			t.Errorf("SwitchCellKey(%q) = %q, want none", bad, k)
		}
	}
}
