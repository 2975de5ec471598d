package store

import "testing"

// "Called Prty Addr" (Verizon's VoLTE returns abbreviate "party") is the
// called party: before, no column gave an outgoing record its other party.
func TestOperatorCalledPrtyAddr(t *testing.T) {
	got := inlineRows(t, "prty.csv", "MSISDN,Date/Time,Calling Party No,Called Prty Addr,Duration\n"+
		"7035550001,2025-03-14 18:02:11,tel:+17035550001,sip:+17035550102@ims.vzw.com,95\n", "US", 1,
		"SELECT line, coalesce(other_key, '') FROM voice_readable")
	if want := "2|17035550102"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}

// A start given as the local clock and as UTC ("Start (Local)" before
// "Start (UTC)") is read from the UTC column: the instant, whatever --tz
// says or omits. The local end beside it, with no UTC twin, is set aside
// (the duration column gives the end). Before, the local clock was read
// in no zone: 14:02:11 instead of 18:02:11 UTC.
func TestOperatorUTCOverLocalStart(t *testing.T) {
	got := inlineRows(t, "utc.csv", "MSISDN,Start (Local),Start (UTC),End (Local),Called Number,Duration\n"+
		"7035550001,2025-03-14 14:02:11,2025-03-14 18:02:11,2025-03-14 14:03:46,7035550102,95\n", "US", 1,
		"SELECT line, start_wall, zone, duration FROM voice_readable")
	if want := "2|2025-03-14 18:02:11|UTC|95"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}
