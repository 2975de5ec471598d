package evidence

import (
	"strings"
	"testing"
)

// A FRITZ!Box call list (its published header, values made up): Dauer is
// hours:minutes, so 0:05 is 300 s and 1:12 is 4320 s (they were read as 5
// and 72 s); the own number after "Internet: " is the subscriber's; Typ 1
// is incoming and 4 outgoing, 2 and 3 are kept as written; Datum is
// dd.mm.yy.
func TestFritzBoxCallList(t *testing.T) {
	text := "sep=;\n" +
		"Typ;Datum;Name;Rufnummer;Nebenstelle;Eigene Rufnummer;Dauer\n" +
		"1;03.02.24 09:15;Anna;030123456;FON 1;Internet: 4930987654;0:05\n" +
		"4;03.02.24 10:40;;01701234567;DECT 1;Internet: 4930987654;1:12\n" +
		"2;04.02.24 08:05;;030555666;;Internet: 4930987654;0:00\n" +
		"3;04.02.24 11:20;;030777888;DECT 1;Internet: 4930987654;0:01\n" +
		"4;05.02.24 07:00;;030999000;DECT 1;Internet: 4930987654;0:7\n"
	l, err := Sniff([]byte(text), true, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(l.Describe(), "FRITZ!Box call list: durations in hours:minutes") {
		t.Errorf("format %q", l.Describe())
	}
	got := voiceOf(t, text, l)
	want := []string{
		"4930987654 VOICE_IN 030123456 300 ",
		"4930987654 VOICE_OUT 01701234567 4320 ",
		"4930987654 2 030555666 0 ",
		"4930987654 3 030777888 60 ",
		"4930987654 VOICE_OUT 030999000 -1 ", // Absent: 0:7 is no H:MM: no duration
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("records\n%q\nwant\n%q", got, want)
	}
	rd := NewReader(strings.NewReader(text), l)
	defer rd.Close()
	row, err := rd.Next()
	if err != nil || row.Voice.Start != 1706951700 { // 2024-02-03 09:15:00
		t.Errorf("start %d (%v), want 1706951700", row.Voice.Start, err)
	}
	// the English firmware's header, older, without Name
	text = "Type;Date;Number;Extension;Local Number;Duration\n" +
		"1;13.05.19 18:02;0891234567;FON 1;0307654321;2:30\n" +
		"4;14.05.19 08:00;0891234568;FON 1;0307654321;0:59\n"
	if l, err = Sniff([]byte(text), true, Options{}); err != nil {
		t.Fatal(err)
	}
	got = voiceOf(t, text, l)
	want = []string{"0307654321 VOICE_IN 0891234567 9000 ", "0307654321 VOICE_OUT 0891234568 3540 "}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("English list\n%q\nwant\n%q", got, want)
	}
	// the analyst's --map still reads Duration as hours:minutes (before,
	// mapping the own number by hand gave 1:12 as 72 s)
	text = "sep=;\nType;Date;Name;Number;Extension;Outgoing Caller ID;Duration\n" +
		"3;16.06.20 15:04;Bob;01755290124;DECT 1;0307321234;1:12\n" +
		"1;16.06.20 16:00;;01755290125;DECT 1;0307321234;0:05\n"
	if l, err = Sniff([]byte(text), true, Options{Map: map[Field]string{FMSISDN: "Outgoing Caller ID"}}); err != nil {
		t.Fatal(err)
	}
	got = voiceOf(t, text, l)
	want = []string{"0307321234 3 01755290124 4320 ", "0307321234 VOICE_IN 01755290125 300 "}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("mapped list\n%q\nwant\n%q", got, want)
	}
	// the push service's list ("Typ; Datum; ...") numbers its types
	// otherwise (1 outgoing, 2 incoming, per JFritz): none is read as a
	// direction
	text = "Typ; Datum; Rufnummer; Nebenstelle; Eigene Rufnummer; Dauer\n" +
		"1;04.09.09 13:13;01621234567;ISDN Geraet;0301234567;0:02\n" +
		"2;05.09.09 08:00;01621234568;ISDN Geraet;0301234567;0:10\n"
	if l, err = Sniff([]byte(text), true, Options{}); err != nil {
		t.Fatal(err)
	}
	got = voiceOf(t, text, l)
	want = []string{"0301234567 1 01621234567 120 ", "0301234567 2 01621234568 600 "}
	if strings.Join(got, "|") != strings.Join(want, "|") || !strings.Contains(l.Describe(), "push-service list") {
		t.Errorf("push list\n%q\nwant\n%q\n%s", got, want, l.Describe())
	}
}
