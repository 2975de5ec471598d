package report

import (
	"bytes"
	"testing"
)

// A report handed back for verification may be anything: reading its
// block never panics, and what it returns is what the file held.
func FuzzReadAnyBlock(f *testing.F) {
	f.Add([]byte(machineScript + `{"cdrtui_report":1}</script>`))
	f.Add([]byte("%PDF-1.4 /Type /EmbeddedFile /Length 5 /Filter /FlateDecode >>\nstream\nxxxxx"))
	f.Add([]byte("%PDF-1.4 /Type /EmbeddedFile /Length 99999999999999999999 /Filter /FlateDecode"))
	f.Add([]byte("PK\x03\x04garbage"))
	f.Add([]byte(machineScript))
	f.Fuzz(func(t *testing.T, doc []byte) {
		b, err := ReadAnyBlock(doc)
		if err == nil && !bytes.HasPrefix(doc, []byte("%PDF-")) && !bytes.HasPrefix(doc, []byte("PK\x03\x04")) && !bytes.Contains(doc, b) {
			t.Fatalf("block %q is not in the file", b)
		}
		if err == nil {
			flatten(b) // never panics on what it is given
		}
	})
}
