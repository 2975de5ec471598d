package asterisk

import "testing"

// PostgreSQL writes a timestamptz with its offset; each form reads, the
// wall clock as written and the offset in seconds east of UTC.
func TestParseTimeOffset(t *testing.T) {
	cases := []struct {
		in   string
		wall string
		off  int
		has  bool
		ok   bool
	}{
		{"2025-01-02 10:00:00+05:30", "2025-01-02 10:00:00", 19800, true, true},
		{"2025-01-02 10:00:00+00", "2025-01-02 10:00:00", 0, true, true},
		{"2025-01-02 10:00:00.123456-08", "2025-01-02 10:00:00", -28800, true, true},
		{"2025-01-02T10:00:00-0330", "2025-01-02 10:00:00", -12600, true, true},
		{"1890-01-02 10:00:00+05:53:28", "1890-01-02 10:00:00", 21208, true, true},
		{"2025-01-02 10:00:00Z", "2025-01-02 10:00:00", 0, true, true},
		{"2025-01-02 10:00:00", "2025-01-02 10:00:00", 0, false, true},
		{"2025-01-02 10:00:00+5:30", "", 0, false, false},
		{"2025-01-02 10:00:00+16:00", "", 0, false, false},
		{"2025-01-02 10:00:00+05:75", "", 0, false, false},
		{"2025-01-02 10:00+05:30", "", 0, false, false},
	}
	for _, c := range cases {
		tm, _, off, has, err := ParseTimeOffset(c.in)
		if (err == nil) != c.ok {
			t.Errorf("%q: err %v, want ok=%v", c.in, err, c.ok)
			continue
		}
		if !c.ok {
			continue
		}
		if got := tm.Format("2006-01-02 15:04:05"); got != c.wall || off != c.off || has != c.has {
			t.Errorf("%q: %s %d %v, want %s %d %v", c.in, got, off, has, c.wall, c.off, c.has)
		}
		if _, _, err := ParseTime(c.in); (err == nil) != !c.has {
			t.Errorf("%q: ParseTime (no offsets) err %v", c.in, err)
		}
	}
}
