package evidence

import (
	"strings"
	"testing"
)

// RADIUS octet counters beside their gigawords counters (RFC 2869): the
// octets alone are the volume modulo 4 GiB, so they are not taken (a
// session of 5 GiB up would read as 1 GiB); FreeRADIUS's radacct, whose
// octets fold the gigawords in, has no such column and keeps its volumes.
func TestGigawordsApart(t *testing.T) {
	head := "Calling-Station-Id,Acct-Start-Time,Acct-Session-Time,Acct-Input-Octets,Acct-Input-Gigawords,Acct-Output-Octets,Acct-Output-Gigawords,Framed-IP-Address\n" +
		"919812300001,2026-03-15 08:00:00,5400,1073741824,1,1073741824,0,100.70.9.20\n"
	l, err := Sniff([]byte(head), true, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if l.Has(FUplink) || l.Has(FDownlink) || !strings.Contains(strings.Join(l.Refused, ";"), `"Acct-Input-Octets" not uplink (the octets modulo 2^32; "Acct-Input-Gigawords" counts the wraps`) {
		t.Errorf("columns %v refused %v", l.Columns, l.Refused)
	}
	l, err = Sniff([]byte("callingstationid,acctstarttime,acctsessiontime,acctinputoctets,acctoutputoctets\n919812300001,2026-03-15 08:00:00,5400,5368709120,1073741824\n"), true, Options{})
	if err != nil || l.Columns[FUplink] != 3 || l.Columns[FDownlink] != 4 {
		t.Errorf("radacct: %v %v", l, err)
	}
}
