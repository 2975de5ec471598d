package asterisk

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func corpusDongles(t *testing.T, rel string) []Dongle {
	t.Helper()
	c, err := ParseConf(bytes.NewReader(corpusBytes(t, rel)))
	if err != nil {
		t.Fatal(err)
	}
	return Dongles(c)
}

// notesHave checks that each wanted fragment appears in its own note, in
// order, and that there are no other notes.
func notesHave(notes []string, want ...string) bool {
	if len(notes) != len(want) {
		return false
	}
	for i := range want {
		if !strings.Contains(notes[i], want[i]) {
			return false
		}
	}
	return true
}

const placeholderExten = "exten=+1234567890 is the placeholder"

func TestDonglesCorpus(t *testing.T) {
	type dev struct {
		name, imei, imsi, exten, context, audio, data, group string
		line                                                 int
	}
	tests := []struct {
		file  string
		devs  []dev
		notes [][]string
	}{
		{"bg111-asterisk-chan-dongle/dongle.conf",
			[]dev{{"dongle0", "123456789012345", "123456789012345", "+1234567890", "default", "/dev/ttyUSB1", "/dev/ttyUSB2", "0", 80}},
			[][]string{{"imei=123456789012345 fails the IMEI (Luhn) check digit: a placeholder or a typing error; it is the placeholder of chan_dongle's sample",
				"imsi=123456789012345 is the placeholder", placeholderExten}}},
		{"swa2050-dongle-conf/dongle.conf",
			[]dev{
				{"dongle0", "356408037586752", "8942702111507910702", "+1234567890", "default", "/dev/ttyUSB1", "/dev/ttyUSB2", "0", 79},
				{"dongle1", "356408037588725", "8997401002135155604", "+1234567890", "default", "/dev/ttyUSB4", "/dev/ttyUSB5", "0", 85},
			},
			[][]string{
				{"imsi=8942702111507910702 has 19 digits: it is an ICCID", placeholderExten},
				{`imei= appears again at line 100 ("123456789012345"); the first, "356408037588725" at line 88, is kept`,
					`imsi= appears again at line 101 ("123456789012345"); the first, "8997401002135155604" at line 89, is kept`,
					"imsi=8997401002135155604 has 19 digits: it is an ICCID (the SIM card's serial number) put in the imsi key, not an IMSI; its Luhn check digit is valid",
					placeholderExten},
			}},
		{"ahmed-emad02-issabel-analytics/dongle.conf",
			[]dev{
				{"dongle0", "", "", "+1234567890", "from-dongle-custom", "/dev/ttyUSB1", "/dev/ttyUSB2", "0", 79},
				{"dongle1", "", "", "+1234567890", "from-dongle-custom", "/dev/ttyUSB4", "/dev/ttyUSB5", "0", 91},
				{"dongle2", "", "", "+1234567890", "from-dongle-custom", "/dev/ttyUSB7", "/dev/ttyUSB8", "0", 99},
				{"dongle3", "", "", "+1234567890", "from-dongle-custom", "/dev/ttyUSB10", "/dev/ttyUSB11", "0", 107},
			},
			[][]string{{placeholderExten}, {placeholderExten}, {placeholderExten}, {placeholderExten}}},
	}
	for _, tt := range tests {
		got := corpusDongles(t, tt.file)
		if len(got) != len(tt.devs) {
			t.Fatalf("%s: %d dongles, want %d", tt.file, len(got), len(tt.devs))
		}
		for i, d := range got {
			g := dev{d.Name, d.IMEI, d.IMSI, d.Exten, d.Context, d.AudioDev, d.DataDev, d.Group, d.Line}
			if g != tt.devs[i] {
				t.Errorf("%s #%d\n got  %+v\n want %+v", tt.file, i, g, tt.devs[i])
			}
			if !notesHave(d.Notes, tt.notes[i]...) {
				t.Errorf("%s #%d notes %q", tt.file, i, d.Notes)
			}
		}
	}
}

func TestDonglesSynthetic(t *testing.T) {
	c := mustConf(t, `
[General]
interval=15
[DEFAULTS]
context=from-gsm
group=1
[tmpl](!)
exten=+79001234567
audio=/dev/ttyUSB9
[a](tmpl)
data=/dev/ttyUSB10
imei=35640803758675
imsi=2500112345678901
[b]
context=own
imei=
imsi=
`)
	got := Dongles(c)
	var names []string
	for _, d := range got {
		names = append(names, d.Name)
	}
	if !reflect.DeepEqual(names, []string{"a", "b"}) {
		t.Fatalf("dongles %v", names)
	}
	a, b := got[0], got[1]
	if a.Exten != "+79001234567" || a.AudioDev != "/dev/ttyUSB9" || a.Context != "from-gsm" || a.Group != "1" {
		t.Errorf("a = %+v", a)
	}
	if !notesHave(a.Notes, "imei=35640803758675 is not 15 digits", "imsi=2500112345678901 is not 14-15 digits") {
		t.Errorf("a notes %q", a.Notes)
	}
	if b.Context != "own" || b.IMEI != "" || b.IMSI != "" || !notesHave(b.Notes, "names no device") {
		t.Errorf("b = %+v", b)
	}
}

func TestLuhn(t *testing.T) {
	// Check digits worked out by hand (and by an independent script).
	for s, want := range map[string]bool{
		"356408037586752": true, "356408037588725": true, "123456789012345": false,
		"8942702111507910702": true, "8997401002135155604": true, "8942702111507910703": false,
	} {
		if got := luhnValid(s); got != want {
			t.Errorf("luhnValid(%s) = %v", s, got)
		}
	}
}
