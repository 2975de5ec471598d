package evidence

import (
	"strings"
	"testing"
)

// A file whose lines end in a bare CR (classic Mac OS, Excel's "CSV
// (Macintosh)"; a published Asterisk CDR export is so written) was refused
// with its header run into its rows as the columns seen. It is refused
// naming its line ends. Made-up values in a voice layout cdrtui reads once
// the line ends are line feeds.
func TestBareCRLinesRefusedNamingThem(t *testing.T) {
	rows := []string{
		"Calling Number,Called Number,Call Type,Start Time,Duration",
		"919812345678,919876543210,MO,2024-01-02 10:00:00,60",
		"919812345678,919876543211,MT,2024-01-02 11:00:00,30",
	}
	if _, err := Sniff([]byte(strings.Join(rows, "\n")+"\n"), true, Options{}); err != nil {
		t.Fatalf("with line feeds: %v", err)
	}
	_, err := Sniff([]byte(strings.Join(rows, "\r")+"\r"), true, Options{})
	if err == nil || !strings.Contains(err.Error(), "bare carriage return") {
		t.Fatalf("bare CR: %v; want a refusal naming the line ends", err)
	}
	// one line ending in CR, or CRLF lines, are not refused for it
	if err := bareCRError([]byte(rows[0] + "\r")); err != nil {
		t.Errorf("one line: %v", err)
	}
	if err := bareCRError([]byte(strings.Join(rows, "\r\n"))); err != nil {
		t.Errorf("CRLF: %v", err)
	}
}
