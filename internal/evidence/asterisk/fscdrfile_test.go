package asterisk

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

// A mod_json_cdr leg read on its own, values worked out by hand:
// start_uepoch 1710774000250000 is 1710774000 s (2024-03-18 15:00:00 UTC),
// its stamp 2024-03-18 11:00:00 the wall clock at -04:00 (New York, EDT);
// the end only as end_epoch 1710774090: with a zone of UTC+05:30 given for
// times without a stamp it is 2024-03-18 20:31:30+05:30; no billsec
// variable and answer_epoch 0: never answered, talk time 0; duration
// 1710774090 - 1710774000 = 90; originating_leg_uuid ties it to the A leg;
// the callflow an object (older mod_json_cdr), its caller_profile giving
// the destination; a '+' in the caller ID (%2B) decoded, a literal '+' kept;
// a UTF-8 byte order mark before the object passed over.
func TestFSCDRFileJSONLeg(t *testing.T) {
	body := "\xef\xbb\xbf" + `{"core-uuid":"x","variables":{"uuid":"b2","originating_leg_uuid":"a2","caller_id_number":"%2B4930123","sip_to_user":"+4940999",` +
		`"start_stamp":"2024-03-18%2011%3A00%3A00","start_uepoch":"1710774000250000","answer_epoch":"0","end_epoch":"1710774090",` +
		`"direction":"outbound","call_direction":"local"},"callflow":{"caller_profile":{"destination_number":"2001"}}}`
	f, _, ok := DetectFreeSWITCHCDRFile([]byte(body))
	if !ok || f != FormatFreeSWITCHJSONCDR {
		t.Fatalf("detected %q %v", f, ok)
	}
	rd := NewFSCDRFileReader(strings.NewReader(body), f, time.FixedZone("IST", 19800))
	c, err := rd.Next()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join([]string{c.Src, c.Dst, c.Start, c.Answer, c.End, c.UniqueID, c.LinkedID, c.StatedDirection}, "|")
	want := "+4930123|2001|2024-03-18 11:00:00-04:00||2024-03-18 20:31:30+05:30|b2|a2|internal"
	if got != want || c.Duration != 90 || c.BillSec != 0 || c.Line != 1 {
		t.Errorf("got %s %d %d line %d\nwant %s 90 0 line 1", got, c.Duration, c.BillSec, c.Line, want)
	}
	if _, err := rd.Next(); !errors.Is(err, io.EOF) {
		t.Errorf("second Next: %v", err)
	}
}

// What is not a per-call CDR file is not taken for one: another XML root,
// a <cdr> without FreeSWITCH's core-uuid, JSON without it.
func TestDetectFSCDRFileRefuses(t *testing.T) {
	for _, head := range []string{`<?xml version="1.0"?><cdrs><cdr/></cdrs>`, `<cdr id="1"><variables/></cdr>`, `{"variables":{"uuid":"a"}}`} {
		if f, _, ok := DetectFreeSWITCHCDRFile([]byte(head)); ok {
			t.Errorf("%s: detected as %s", head, f)
		}
	}
}
