package store

import "testing"

// logrotate's dateext names, read by hand: the base and the day, or none.
func TestLogRotatedDateNames(t *testing.T) {
	for _, tt := range []struct{ name, base, day string }{
		{"full-20231231", "full", "2023-12-31"},
		{"messages-20240101.gz", "messages", "2024-01-01"},
		{"full-2024010103", "full", "2024-01-01"}, // dateformat -%Y%m%d%H
		{"full-2024-02-29", "full", "2024-02-29"},
		{"full-20230229", "", ""}, // no 29 February in 2023
		{"full.1", "", ""},
		{"full", "", ""},
		{"Master-20240101.csv", "", ""},
	} {
		base, day, ok := rotatedDate(tt.name)
		got := ""
		if ok {
			got = day.Format("2006-01-02")
		}
		if base != tt.base || got != tt.day {
			t.Errorf("%s: base %q day %q, want %q %q", tt.name, base, got, tt.base, tt.day)
		}
	}
}
