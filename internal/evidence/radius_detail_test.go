package evidence

import (
	"strings"
	"testing"
)

// A FreeRADIUS detail file (a published Stop record: a ctime date line,
// then tab-indented attributes) was refused as "no row among the first 60
// names two or more known fields", which says nothing of what it is. It is
// refused naming it and saying what to import. Made-up values in its
// layout; a CSV of the same words is not taken for one.
func TestRadiusDetailFileRefusedNamingIt(t *testing.T) {
	detail := "Mon Mar  4 09:15:02 2024\n" +
		"\tAcct-Session-Id = \"0000002A-00000101\"\n" +
		"\tAcct-Status-Type = Stop\n" +
		"\tUser-Name = \"user17\"\n" +
		"\tCalling-Station-Id = \"AA-BB-CC-DD-EE-01\"\n" +
		"\tAcct-Session-Time = 125\n" +
		"\tAcct-Input-Octets = 4096\n" +
		"\tTimestamp = 1709543702\n\n" +
		"Mon Mar  4 09:20:00 2024\n" +
		"\tAcct-Session-Id = \"0000002B-00000102\"\n" +
		"\tAcct-Status-Type = Start\n\n"
	_, err := Sniff([]byte(detail), true, Options{})
	if err == nil || !strings.Contains(err.Error(), "FreeRADIUS detail file") || !strings.Contains(err.Error(), "radacct") {
		t.Fatalf("detail file: %v; want a refusal naming it", err)
	}
	if err := radiusDetailError([]byte("Acct-Session-Id,Acct-Status-Type\nx,Stop\n")); err != nil {
		t.Errorf("a CSV: %v", err)
	}
}
