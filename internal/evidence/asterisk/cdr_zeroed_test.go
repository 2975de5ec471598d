package asterisk

import (
	"bytes"
	"strings"
	"testing"
)

// A record written after the zero bytes an unclean shutdown leaves in a
// file being appended to was read with the zero bytes and the quotes as
// its accountcode (0x000000000000 2222 instead of empty), without a word.
// The record is read after them, and counted (made-up values in cdr_csv's
// layout).
func TestCDRCSVRecordAfterZeroBytes(t *testing.T) {
	row := `"acct7","201","202","from-internal","""Ann"" <201>","SIP/201-00000001","SIP/202-00000002","Dial","SIP/202","2023-03-01 10:00:00","2023-03-01 10:00:05","2023-03-01 10:01:05",65,60,"ANSWERED","DOCUMENTATION","1677664800.1",""`
	data := row + "\n" + strings.Repeat("\x00", 6) + strings.Replace(row, `"acct7"`, `""`, 1) + "\n"
	r := NewReader(bytes.NewReader([]byte(data)), FormatCDRCSV)
	var calls []Call
	for {
		c, err := r.Next()
		if err != nil {
			break
		}
		calls = append(calls, c)
	}
	if len(calls) != 2 || r.ZeroPadded() != 1 {
		t.Fatalf("%d calls, %d zero-padded; want 2, 1", len(calls), r.ZeroPadded())
	}
	if c := calls[1]; c.AccountCode != "" || c.Src != "201" || c.Start != "2023-03-01 10:00:00" || c.BillSec != 60 {
		t.Errorf("record after the zero bytes: accountcode %q src %q start %q billsec %d", c.AccountCode, c.Src, c.Start, c.BillSec)
	}
}
