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
