package evidence

import (
	"strings"
	"testing"
)

// A NAT's port-block allocation log with no subscriber column is refused
// by name; a session file giving the public port as a block's two ends
// keeps its records without a public port (before, "Public Port Start"
// was taken for the port: every connection from the block tied to 1024).
func TestPortBlockColumns(t *testing.T) {
	_, err := Sniff([]byte("date,time,logid,type,subtype,saddr,nat,portbegin,portend,duration\n2026-03-14,21:05:10,0100022015,event,system,100.64.1.2,203.0.113.5,1024,1151,\n"), true, Options{})
	if err == nil || !strings.Contains(err.Error(), `port-block allocation log ("portbegin" to "portend"`) {
		t.Errorf("allocation log: %v", err)
	}
	l, err := Sniff([]byte("MSISDN,Start Time,End Time,Public IP,Public Port Start,Public Port End,Destination IP,Destination Port\n"+
		"919812300001,2026-03-14 21:05:10,2026-03-14 21:35:10,203.0.113.5,1024,2047,142.250.183.14,443\n"), true, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if l.Has(FPublicPort) || l.Columns[FDestPort] != 7 || !strings.Contains(strings.Join(l.Refused, ";"), `"Public Port Start" not public_port`) {
		t.Errorf("columns %v, refused %v", l.Columns, l.Refused)
	}
	// a source and a destination port are no range
	l, err = Sniff([]byte("MSISDN,Start Time,Source Port,Destination IP,Destination Port\n919812300001,2026-03-14 21:05:10,5000,142.250.183.14,443\n"), true, Options{})
	if err != nil || !l.Has(FPrivatePort) || !l.Has(FDestPort) {
		t.Errorf("ports: %v, %v", l, err)
	}
}
