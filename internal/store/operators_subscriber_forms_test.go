package store

import "testing"

// The subscriber's number written nationally in its own column and
// internationally in a party column (an MSC's servedMSISDN 5055550001
// beside callingNumber +1 505 555 0001; a VoLTE return's MSISDN beside
// sip:+1… URIs) is one number: never the record's other party. Before,
// only the same digits were recognised, and the subscriber was its own
// correspondent (line 2 of each file, other_key 15055550001).
func TestOperatorSubscriberWrittenInternationally(t *testing.T) {
	// a calling number alone: the subscriber's own is no other party
	got := inlineRows(t, "mt.csv", "recordType,servedMSISDN,callingNumber,seizureTime,callDuration\n"+
		"mtCallRecord,5055550001,+1 505 555 0001,2024-05-14 11:00:00,30\n"+
		"mtCallRecord,5055550001,5055550177,2024-05-14 12:00:00,20\n", "US", 2,
		"SELECT line, msisdn_key, call_type, coalesce(other_key, '') FROM voice_readable ORDER BY line")
	if want := "2|15055550001|VOICE_IN| 3|15055550001|VOICE_IN|15055550177"; got != want {
		t.Errorf("calling only: %q, want %q", got, want)
	}
	// the called number is the subscriber's: the other party is the caller
	got = inlineRows(t, "mt2.csv", "recordType,servedMSISDN,callingNumber,calledNumber,seizureTime,callDuration\n"+
		"mtCallRecord,5055550001,5055550177,tel:+15055550001,2024-05-14 10:15:00,45\n"+
		"moCallRecord,5055550001,+15055550001,5055550188,2024-05-14 10:30:00,15\n", "US", 2,
		"SELECT line, msisdn_key, call_type, coalesce(other_key, '') FROM voice_readable ORDER BY line")
	if want := "2|15055550001|VOICE_IN|15055550177 3|15055550001|VOICE_OUT|15055550188"; got != want {
		t.Errorf("both parties: %q, want %q", got, want)
	}
}
