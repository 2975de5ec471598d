package evidence

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// The guard passes UTF-8 whatever the reads cut its characters at, and
// fails at the first byte that is not, naming its line.
func TestUTF8Guard(t *testing.T) {
	text := "a,Bogotá\nb,Москва 🗼\nc,Zürich\n"
	for name, r := range map[string]func(string) io.Reader{
		"whole":    func(s string) io.Reader { return strings.NewReader(s) },
		"bytewise": func(s string) io.Reader { return iotest.OneByteReader(strings.NewReader(s)) },
		"halves":   func(s string) io.Reader { return iotest.HalfReader(strings.NewReader(s)) },
	} {
		got, err := io.ReadAll(NewUTF8Guard(r(text), 256<<10))
		if err != nil || !bytes.Equal(got, []byte(text)) {
			t.Errorf("%s: %q %v", name, got, err)
		}
		_, err = io.ReadAll(NewUTF8Guard(r(text+"d,Wroc\xb3aw\n"), 256<<10))
		if err == nil || !strings.Contains(err.Error(), "line 4 is not UTF-8, though the file's first 256 KB are") {
			t.Errorf("%s: %v", name, err)
		}
		// a character cut by the end of the file
		_, err = io.ReadAll(NewUTF8Guard(r(text+"e,Bogot\xc3"), 256<<10))
		if err == nil || !strings.Contains(err.Error(), "line 4 is not UTF-8") {
			t.Errorf("%s cut: %v", name, err)
		}
	}
}
