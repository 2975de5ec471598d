package store

import (
	"strings"
	"testing"
)

// A research CDR with numbers for parties (caller_id, callee_id beside
// caller_imei, caller_imsi and callee_imsi; testdata/operators/README.md
// says where it was published): before, refused as an unknown layout
// (caller_id was no name for a party); with --map, every incoming record
// took the caller's IMEI for the subscriber's. Now read without --map:
// the target 447700900123 is a party of every record, so line 3, where
// 447700900456 calls it, is incoming, its other party the caller, its IMSI
// the callee's (234150000000001, the target's own), and no IMEI: the file
// has only the caller's. The duration is call_duration (125 s = 09:02:05
// - 09:00:00).
func TestOperatorResearchCallerCallee(t *testing.T) {
	st, res := checkOperatorLayoutWith(t, operatorLayoutCase{"research_caller_callee_cdr.csv", "voice",
		[]string{"target 447700900123", "no imei for an incoming record (the column is the caller's)"}, []string{
			"2|447700900123|VOICE_OUT|447700900456|2024-03-05 09:00:00|125|234-15-2211-40321|234150000000001|356938035643809",
			"3|447700900123|VOICE_IN|447700900456|2024-03-05 10:00:00|40|234-15-2211-40323|234150000000001|",
			"4|447700900123|VOICE_OUT|447700900789|2024-03-05 11:00:00|60|234-15-2211-40321|234150000000001|356938035643809",
		}, nil}, ImportOptions{Country: "GB"})
	mapping := strings1(t, st, "SELECT mapping FROM sources")[0]
	for _, want := range []string{"a_party=caller_id", "b_party=callee_id", "imsi of the called party=callee_imsi"} {
		if !strings.Contains(mapping, want) {
			t.Errorf("mapping %q lacks %q (format %q)", mapping, want, res.Format)
		}
	}
	// the caller's IMEI of line 3 (352099001761481) is no device of the target's
	if n := count(t, st, "SELECT count(*) FROM voice_readable WHERE imei LIKE '3520990017614%'"); n != 0 {
		t.Errorf("%d records give the caller's IMEI to the target", n)
	}
}

// The same names over pseudonyms (a research CDR whose parties are hashed)
// stay refused: a column is a party only when its values are numbers.
func TestOperatorResearchHashedCallerRefused(t *testing.T) {
	body := "call_id,caller_id,callee_id,call_start_ts,call_duration\n" +
		"c1,jb9f3j,ad8b3b,2024-03-05 09:00:00,125\n" +
		"c2,ad8b3b,jb9f3j,2024-03-05 10:00:00,40\n"
	st := openTemp(t)
	res := importOne(t, st, writeEvidence(t, "hashed.csv", body), ImportOptions{Country: "GB"})
	if res.Rows != 0 || res.Error == "" {
		t.Fatalf("%+v", res)
	}
	if n := count(t, st, "SELECT count(*) FROM voice"); n != 0 {
		t.Errorf("%d records under pseudonyms", n)
	}
}
