package evidence

import (
	"errors"
	"strings"
	"testing"
)

// A call table naming its parties caller_number and receiver_number (a
// forensic tool's sample workbook): the receiver is the B party, never a
// column left unread with the calls stored as the caller's, without their
// other party. With no direction and no subscriber column, which of the
// two is the subscriber is not known, and the row says so.
func TestReceiverNumberColumn(t *testing.T) {
	text := "call_id,caller_number,receiver_number,call_datetime,duration_seconds,call_type,imei\n" +
		"CDR00001,+91-98765-43210,+91-66345-67890,2024-10-01 01:35:59,115,Voice,351234567890123\n"
	l, err := Sniff([]byte(text), true, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c, ok := l.Columns[FBParty]; !ok || c != 2 {
		t.Fatalf("columns %v: receiver_number is not the B party", l.Columns)
	}
	_, err = NewReader(strings.NewReader(text), l).Next()
	var re *RowError
	if !errors.As(err, &re) || !strings.Contains(re.Reason, "which of the calling and the called number is the subscriber") {
		t.Errorf("got %v, want the row refused: no direction says whose the record is", err)
	}
}
