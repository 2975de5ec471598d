package evidence

import "testing"

// A candidate column empty in every sampled row yields to a later one
// with values (an SGSN's empty "imei" to a PGW's servedIMEISV), but a
// column of how a record ended never stands in for the first: an empty
// "First Cell ID" is not replaced by the "Last Cell ID".
func TestEmptyCandidateYields(t *testing.T) {
	head := "msisdn,recordOpeningTime,duration,uplink,imei,servedIMEISV,First Cell ID,Last Cell ID\n" +
		"4915112340001,2024-05-14 09:12:44,600,2048,,3520990017614823,,262-01-4711-12345\n"
	l, err := Sniff([]byte(head), true, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if l.Kind != KindData || l.Columns[FIMEI] != 5 || l.Columns[FCell] != 6 {
		t.Errorf("kind %s, imei column %d (want 5), cell column %d (want 6)", l.Kind, l.Columns[FIMEI], l.Columns[FCell])
	}
}
