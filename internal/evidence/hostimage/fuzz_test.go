package hostimage

import (
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// Zone reading never panics, and what it accepts is usable.
func FuzzZone(f *testing.F) {
	f.Add(tzif("IST", 19800, "IST-5:30"))
	f.Add(tzif("XYZ", -3600, ""))
	f.Add([]byte("Europe/Moscow\n"))
	f.Add([]byte("/usr/share/zoneinfo/posix/Asia/Kolkata"))
	f.Add([]byte("TZif2\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if z, err := ZoneFromTZif(b); err == nil && (z.Location == nil || z.Name == "" || z.How == "") {
			t.Fatalf("accepted TZif without a zone: %+v", z)
		}
		if name, line, err := ParseTimezoneFile(b); err == nil && (name == "" || line < 1 || !plausibleZoneName(name)) {
			t.Fatalf("accepted %q line %d", name, line)
		}
		if name, _, err := ZoneFromLink(string(b)); err == nil && !plausibleZoneName(name) {
			t.Fatalf("link %q named %q", b, name)
		}
	})
}

// History reading keeps every non-blank line, in order, byte for byte.
func FuzzHistory(f *testing.F) {
	f.Add([]byte("#1700000000\nls\n: 1700000000:0;x\n\xa5\n"))
	f.Add([]byte("a\r\nb"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r := NewHistoryReader(bytes.NewReader(b))
		last := int64(0)
		for {
			h, err := r.Next()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if h.Line <= last || strings.ContainsRune(h.Command, '\n') || h.TimeLine > h.Line {
				t.Fatalf("bad line %+v after %d", h, last)
			}
			last = h.Line
		}
	})
}

// Locate and Phase never panic and a root is always a prefix of the path.
func FuzzLocate(f *testing.F) {
	f.Add("/mnt/img/var/log/asterisk/cdr-csv/Master.csv")
	f.Add("/home/x/.bash_history")
	f.Add("/etc/timezone")
	f.Fuzz(func(t *testing.T, p string) {
		root, place, ok := Locate(p)
		_ = Phase(p)
		if ok != (place != PlaceNone) || ok && root != "/" && !strings.HasPrefix(filepath.Clean(p), root) {
			t.Fatalf("%q: root %q place %q", p, root, place)
		}
	})
}
