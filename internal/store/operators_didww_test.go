package store

import (
	"strings"
	"testing"
	"time"
)

// A VoIP carrier's inbound CDR export, DIDWW's cdr_in
// (testdata/operators/didww_cdr_in.csv): every row a call to one of the
// customer's DID numbers. Before, refused as an unknown layout. Now
// Destination DID is the called party and Source the caller: the DID in
// every record is the target, so each record is an incoming call to it
// whose other party is the Source, never the Destination (the SIP URI the
// call was sent on to). The times are UTC as the header says, with --tz or
// without (09:15:15 is 1772442915). Line 3's Source is empty (a withheld
// caller): before, its other party was the DID itself, the subscriber
// calling itself; now it has none, and the reject says why.
func TestOperatorDIDWWInbound(t *testing.T) {
	rows := []string{
		"2|4930901820|VOICE_IN|442079460011|2026-03-02 09:15:15|75|||",
		"3|4930901820|VOICE_IN||2026-03-02 10:00:00|0|||",
		"4|4930901820|VOICE_IN|33142868000|2026-03-03 11:30:45|130|||",
	}
	rejects := []string{`3|field|other "4930901820" dropped: the subscriber's own number; the calling number, the other party of this incoming record, is empty`}
	for _, zone := range []*time.Location{nil, time.FixedZone("CET", 3600)} {
		st, _ := checkOperatorLayoutWith(t, operatorLayoutCase{"didww_cdr_in.csv", "voice", []string{"times in UTC as the header says", "target 4930901820"}, rows, rejects},
			ImportOptions{Country: "DE", Zone: zone})
		if got := strings.Join(readRows(t, st, "SELECT start, wall_offset FROM voice WHERE line = 2"), ""); got != "1772442915|0" {
			t.Errorf("tz %v: line 2 start %s, want 1772442915|0", zone, got)
		}
		if mapping := strings1(t, st, "SELECT mapping FROM sources")[0]; !strings.Contains(mapping, "b_party=Destination DID") || strings.Contains(mapping, "=Destination;") {
			t.Errorf("mapping %q", mapping)
		}
	}
}

// DIDWW's earlier export (API 2017-09-18: Date/Time (UTC), Source, DID,
// Destination, Duration (secs), …) is read alike when one DID is in every
// row; with two DIDs no number is a party of every record, and with no
// direction column which one the subscriber is is not known: every row is
// rejected saying so, never read with the caller as the subscriber.
func TestOperatorDIDWW2017(t *testing.T) {
	header := "Date/Time (UTC),Source,DID,Destination,Duration (secs),Disconnect Initiator,Disconnect Code,Response,TollFree Amount (USD),Termination Amount (USD),Metered Channels Amount (USD),Customer ID,Sell Amount (Points)\n"
	one := header + "2026-03-02 09:15:20,442079460011,4930901820,sip:office@pbx.example.net,75,Origination,200,Bye,0.000,0.000,0.002,,0.000\n" +
		"2026-03-03 11:30:45,33142868000,4930901820,iax:200@198.51.100.20,130,Destination,200,Bye,0.000,0.000,0.004,,0.000\n"
	st := openTemp(t)
	res := importOne(t, st, writeEvidence(t, "didww.csv", one), ImportOptions{Country: "DE"})
	if res.Error != "" || res.Rows != 2 {
		t.Fatalf("%+v", res)
	}
	if got := strings.Join(readRows(t, st, voiceRowsQuery), " "); got != "2|4930901820|VOICE_IN|442079460011|2026-03-02 09:15:20|75||| 3|4930901820|VOICE_IN|33142868000|2026-03-03 11:30:45|130|||" {
		t.Errorf("records %s", got)
	}
	two := strings.Replace(one, ",4930901820,iax", ",4930901821,iax", 1)
	st2 := openTemp(t)
	res = importOne(t, st2, writeEvidence(t, "didww2.csv", two), ImportOptions{Country: "DE"})
	if res.Rows != 0 || res.Rejected != 2 {
		t.Fatalf("%+v", res)
	}
	if rej := readRows(t, st2, rejectsQuery); len(rej) != 2 || !strings.Contains(rej[0], "which of the calling and the called number is the subscriber") {
		t.Errorf("rejects %q", rej)
	}
}

// The same holds in AT&T's voice layout, whose target is the number every
// record holds: an incoming call with no Originating Number (a withheld
// caller) has no other party; before, its other party was the target's own
// Terminating Number.
func TestOperatorWithheldCallerATT(t *testing.T) {
	body := "Item,Conn. Date,Conn. Time(UTC),Seizure Time,ET,Originating Number,Terminating Number,IMEI,IMSI,CT,Feature,Cell Location\n" +
		"1,06/13/2025,14:02:10,3,1:05,4045550001,4045550199,,,Voice,,\n" +
		"2,06/13/2025,14:03:00,2,0:30,,4045550001,,,Voice,,\n"
	st := openTemp(t)
	res := importOne(t, st, writeEvidence(t, "att.csv", body), ImportOptions{Country: "US"})
	if res.Error != "" || res.Rows != 2 {
		t.Fatalf("%+v", res)
	}
	if got := strings.Join(readRows(t, st, voiceRowsQuery), " "); got != "2|14045550001|VOICE_OUT|4045550199|2025-06-13 14:02:10|65||| 3|14045550001|VOICE_IN||2025-06-13 14:03:00|30|||" {
		t.Errorf("records %s", got)
	}
	if rej := readRows(t, st, rejectsQuery); strings.Join(rej, "\n") != `3|field|other "4045550001" dropped: the subscriber's own number; the calling number, the other party of this incoming record, is empty` {
		t.Errorf("rejects %q", rej)
	}
}
