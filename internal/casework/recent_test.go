package casework

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Recent cases are kept newest first, each path once, at most maxRecent,
// in the file named (the user's configuration directory), and a damaged
// list is replaced rather than failing for ever.
func TestRecentCases(t *testing.T) {
	file := filepath.Join(t.TempDir(), "cdrtui", "recent.json")
	if got, err := LoadRecent(file); err != nil || len(got) != 0 {
		t.Fatalf("missing file: %v %v", got, err)
	}
	t0 := time.Date(2024, 3, 18, 10, 0, 0, 0, time.UTC)
	for i := 0; i < maxRecent+5; i++ {
		if err := RememberCase(file, filepath.Join("/cases", string(rune('a'+i))+".db"), false, t0.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	if err := RememberCase(file, "/cases/f.db", true, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	got, err := LoadRecent(file)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != maxRecent || got[0].Path != "/cases/f.db" || !got[0].Demo || got[1].Path != "/cases/y.db" {
		t.Fatalf("recent: %d, first %+v, second %+v", len(got), got[0], got[1])
	}
	for _, r := range got[1:] {
		if r.Path == "/cases/f.db" {
			t.Fatal("f.db listed twice")
		}
	}
	if err := os.WriteFile(file, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadRecent(file); err == nil {
		t.Fatal("a damaged list read without error")
	}
	if err := RememberCase(file, "/cases/z.db", false, t0); err != nil {
		t.Fatal(err)
	}
	if got, err := LoadRecent(file); err != nil || len(got) != 1 {
		t.Fatalf("after a damaged list: %v %v", got, err)
	}
}

// A time scope reads dates and times on the wall clock; a date (or month)
// as the upper bound includes it whole; an end before the start, or a
// value that is no date, is refused.
func TestParseTimeScope(t *testing.T) {
	day := func(s string) int64 {
		v, _ := time.Parse("2006-01-02 15:04", s)
		return v.Unix()
	}
	cases := []struct {
		from, to string
		want     TimeScope
		text     string
	}{
		{"2024-03-18", "2024-03-24", TimeScope{day("2024-03-18 00:00"), day("2024-03-25 00:00")}, "2024-03-18 00:00 – 2024-03-25 00:00"},
		{"2024-03-18 10:30", "", TimeScope{From: day("2024-03-18 10:30")}, "2024-03-18 10:30 – end"},
		{"", "2024-03", TimeScope{To: day("2024-04-01 00:00")}, "start – 2024-04-01 00:00"},
		{"", "", TimeScope{}, ""},
	}
	for _, c := range cases {
		got, err := ParseTimeScope(c.from, c.to)
		if err != nil || got != c.want || got.String() != c.text {
			t.Errorf("%q..%q: %+v %q %v, want %+v %q", c.from, c.to, got, got.String(), err, c.want, c.text)
		}
	}
	for _, bad := range [][2]string{{"2024-03-24", "2024-03-18"}, {"18/03/2024", ""}, {"", "tomorrow"}} {
		if _, err := ParseTimeScope(bad[0], bad[1]); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
	s := TimeScope{From: day("2024-03-18 00:00"), To: day("2024-03-19 00:00")}
	if !s.Contains(day("2024-03-18 23:59")) || s.Contains(day("2024-03-19 00:00")) || s.Contains(day("2024-03-17 23:59")) {
		t.Error("Contains: From inclusive, To exclusive")
	}
}
