package hostimage

import (
	"encoding/binary"
	"strings"
	"testing"
	"time"
)

// tzif builds a version 2 TZif file with no transitions and one local time
// type, and footer as its POSIX TZ string (the layout of RFC 8536).
func tzif(abbr string, offset int32, footer string) []byte {
	block := func(timeSize int) []byte {
		_ = timeSize // no transitions, so no times of either size
		var b []byte
		b = append(b, "TZif2"...)
		b = append(b, make([]byte, 15)...)
		for _, n := range []uint32{0, 0, 0, 0, 1, uint32(len(abbr) + 1)} { // isut, isstd, leap, time, type, char
			b = binary.BigEndian.AppendUint32(b, n)
		}
		b = binary.BigEndian.AppendUint32(b, uint32(offset))
		b = append(b, 0, 0) // isdst, abbreviation index
		b = append(b, abbr...)
		return append(b, 0)
	}
	out := append(block(4), block(8)...)
	return append(out, "\n"+footer+"\n"...)
}

func TestZoneFromTZif(t *testing.T) {
	cases := []struct {
		name     string
		data     []byte
		zone     string
		offset   int
		howParts []string
	}{
		// India has kept IST +05:30 since 1945: a file with that one type
		// has Asia/Kolkata's rules over 1970-2037.
		{"IST", tzif("IST", 19800, "IST-5:30"), "Asia/Kolkata", 19800, []string{"Asia/Kolkata", `footer "IST-5:30"`, "Asia/Calcutta"}},
		// No zone of the database is called XYZ.
		{"unknown", tzif("XYZ", 7*3600, "XYZ-7"), "localtime", 7 * 3600, []string{"matching no zone", `"XYZ-7"`}},
	}
	for _, c := range cases {
		z, err := ZoneFromTZif(c.data)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if z.Name != c.zone {
			t.Errorf("%s: name %q, want %q (%s)", c.name, z.Name, c.zone, z.How)
		}
		_, off := time.Date(2024, 3, 1, 12, 0, 0, 0, z.Location).Zone()
		if off != c.offset {
			t.Errorf("%s: offset %d, want %d", c.name, off, c.offset)
		}
		for _, p := range c.howParts {
			if !strings.Contains(z.How, p) {
				t.Errorf("%s: How %q lacks %q", c.name, z.How, p)
			}
		}
	}
	if _, err := ZoneFromTZif([]byte("Europe/Moscow\n")); err == nil {
		t.Error("text taken for a TZif file")
	}
}

func TestParseTimezoneFile(t *testing.T) {
	cases := []struct {
		text, name string
		line       int
		bad        bool
	}{
		{"Europe/Moscow\n", "Europe/Moscow", 1, false},
		{"# set by installer\n\n  Asia/Kolkata  \n", "Asia/Kolkata", 3, false},
		{"Mars/Olympus_Mons\n", "", 1, true},
		{"../../etc/passwd\n", "", 1, true},
		{"", "", 0, true},
	}
	for _, c := range cases {
		name, line, err := ParseTimezoneFile([]byte(c.text))
		if (err != nil) != c.bad || name != c.name || line != c.line {
			t.Errorf("%q: %q line %d err %v", c.text, name, line, err)
		}
	}
}

func TestZoneFromLink(t *testing.T) {
	cases := []struct {
		target, name, note string
		bad                bool
	}{
		{"/usr/share/zoneinfo/Asia/Kolkata", "Asia/Kolkata", "", false},
		{"../usr/share/zoneinfo/posix/Europe/Moscow", "Europe/Moscow", "", false},
		{"/usr/share/zoneinfo/right/UTC", "UTC", "leap seconds", false},
		{"Etc/UTC", "Etc/UTC", "", false},
		{"/usr/share/zoneinfo/Nowhere/City", "", "", true},
		{"/bin/sh", "", "", true},
	}
	for _, c := range cases {
		name, note, err := ZoneFromLink(c.target)
		if (err != nil) != c.bad || name != c.name || !strings.Contains(note, c.note) {
			t.Errorf("%q: %q %q %v", c.target, name, note, err)
		}
	}
}
