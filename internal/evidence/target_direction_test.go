package evidence

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"
)

// A call file with both parties and a direction column (aryangupta658/
// CDR-Analyzer's synthetic_cdr.csv layout) lists several subscribers even
// when one number is a party of every record: a call of 22 to 11 marked
// Outgoing is 22's, with 22's IMEI and cell. Taking 11 as the file's target
// made it 11 calling 22 on 22's handset.
func TestTargetNotTheCalledOfAnOutgoingRecord(t *testing.T) {
	const head = "Calling Number,Called Number,Date,Time,Duration,Call Type,Direction,IMEI,IMSI,Cell ID,LAC\n"
	rows := []string{
		"9876500011,9876500022,12-07-2026,10:30:15,120,Call,Outgoing,356789012345670,404450123456789,101,1\n",
		"9876500022,9876500011,13-07-2026,09:10:30,300,Call,Outgoing,351111012345674,404450555555555,102,1\n",
		"9876500033,9876500011,13-07-2026,23:45:00,15,Call,Incoming,356789012345670,404450123456789,103,2\n",
	}
	text := head + strings.Join(rows, "")
	l, err := Sniff([]byte(text), true, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if l.Target != "" {
		t.Fatalf("target %q taken", l.Target)
	}
	got := voiceOf(t, text, l)
	want := []string{
		"9876500011 VOICE_OUT 9876500022 120 356789012345670",
		"9876500022 VOICE_OUT 9876500011 300 351111012345674",
		"9876500011 VOICE_IN 9876500033 15 356789012345670",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("records\n%q\nwant\n%q", got, want)
	}
	// the same call marked Incoming is 11's: 11 is then the target
	text = head + rows[0] + strings.Replace(rows[1], "Outgoing", "Incoming", 1) + rows[2]
	if l, err = Sniff([]byte(text), true, Options{}); err != nil || l.Target != "9876500011" {
		t.Fatalf("target %q (%v), want 9876500011", l.Target, err)
	}
}

// voiceOf reads text as l: subscriber, call type, other party, duration
// and IMEI of each record.
func voiceOf(t *testing.T, text string, l *Layout) []string {
	t.Helper()
	rd := NewReader(strings.NewReader(text), l)
	defer rd.Close()
	var out []string
	for {
		row, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		var re *RowError
		if errors.As(err, &re) {
			out = append(out, fmt.Sprintf("reject %d %s", re.Line, re.Reason))
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		v := row.Voice
		out = append(out, strings.Join([]string{v.MSISDN, v.CallType, v.Other, strconv.FormatInt(v.Duration, 10), v.IMEI}, " "))
	}
}

// A call file whose one number column is the caller's ("caller",
// siva071/TeleForensic-AI's sample_cdr.csv without its "receiver")
// names no subscriber for an incoming record: the caller is the other
// party. The record was the caller's own incoming call.
func TestIncomingWithOnlyTheCallerRefused(t *testing.T) {
	text := "caller,duration,call_type,timestamp\n" +
		"9876500011,120,outgoing,2024-03-15 10:30:00\n" +
		"9876500022,35,incoming,2024-03-16 01:15:00\n" +
		"9876500033,10,missed,2024-03-15 18:30:00\n"
	l, err := Sniff([]byte(text), true, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := voiceOf(t, text, l)
	want := []string{
		"9876500011 VOICE_OUT  120 ",
		`reject 3 an incoming record whose only number, caller "9876500022", is the caller's: the subscriber, who was called, is in no column`,
		`reject 4 an incoming record whose only number, caller "9876500033", is the caller's: the subscriber, who was called, is in no column`,
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("records\n%q\nwant\n%q", got, want)
	}
	// with its "receiver" the called party is named: the subscriber of an
	// incoming (or missed) record
	text = "caller,receiver,duration,call_type,timestamp\n" +
		"9876500011,9876500044,120,outgoing,2024-03-15 10:30:00\n" +
		"9876500022,9876500011,35,incoming,2024-03-16 01:15:00\n" +
		"9876500033,9876500011,10,missed,2024-03-15 18:30:00\n"
	if l, err = Sniff([]byte(text), true, Options{}); err != nil {
		t.Fatal(err)
	}
	got = voiceOf(t, text, l)
	want = []string{
		"9876500011 VOICE_OUT 9876500044 120 ",
		"9876500011 VOICE_IN 9876500022 35 ",
		"9876500011 VOICE_IN 9876500033 10 ",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("with receiver: records\n%q\nwant\n%q", got, want)
	}
}

// "receiver_phone" beside "caller_phone" (ayushkhatavkar/SIH-Nexus's
// data/cdr.csv) is the called party: the records, with no direction, are
// then refused as any such file's, not keyed under the caller with the
// receiver dropped.
func TestReceiverPhoneIsTheCalledParty(t *testing.T) {
	text := "cdr_id,timestamp,caller_phone,receiver_phone,duration_seconds,call_type,tower_id\n" +
		"C1,2026-07-17 14:31:00,9857900001,9841500002,161,voice,TWR-036\n" +
		"C2,2026-07-18 09:00:00,9857900003,9841500004,20,voice,TWR-037\n"
	l, err := Sniff([]byte(text), true, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c, ok := l.Columns[FOther]; !ok || c != 3 {
		t.Fatalf("other party column %d (%v), want 3; format %s", c, ok, l.Describe())
	}
	got := voiceOf(t, text, l)
	if len(got) != 2 || !strings.HasPrefix(got[0], "reject 2 no direction") || !strings.HasPrefix(got[1], "reject 3 no direction") {
		t.Errorf("records %q, want both refused for want of a direction", got)
	}
}
