package asterisk

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func mustConf(t *testing.T, text string) *Conf {
	t.Helper()
	c, err := ParseConf(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestParseConfComments(t *testing.T) {
	c := mustConf(t, strings.Join([]string{
		"[general]",                    // 1
		"a = 1 ; comment",              // 2
		"b=2;no space",                 // 3
		`c = x\;y ; real comment`,      // 4
		" d\t=\t4  ",                   // 5
		"e =",                          // 6
		";f = 6",                       // 7
		";-------- ruler, not a block", // 8
		"g = 7",                        // 9
		";-- block comment",            // 10
		"h = 8",                        // 11
		"--; i = 9",                    // 12
		"j => 10",                      // 13
		"same => n,Hangup()",           // 14
		"k = 1 ;-- a ;-- nested --; still comment --; l = 2", // 15
		"m = 3 ;-- opened", // 16
		"n = 4 --; o = 5",  // 17
	}, "\n"))
	if len(c.Sections) != 1 || c.Sections[0].Name != "general" || c.Sections[0].Line != 1 {
		t.Fatalf("sections %+v", c.Sections)
	}
	want := []Entry{
		{"a", "1", "=", 2, ""}, {"b", "2", "=", 3, ""}, {"c", "x;y", "=", 4, ""}, {"d", "4", "=", 5, ""},
		{"e", "", "=", 6, ""}, {"g", "7", "=", 9, ""}, {"i", "9", "=", 12, ""}, {"j", "10", "=>", 13, ""},
		{"same", "n,Hangup()", "=>", 14, ""},
		// Text after a closed block comment joins the line, as in Asterisk.
		{"k", "1  l = 2", "=", 15, ""}, {"m", "3", "=", 16, ""}, {"o", "5", "=", 17, ""},
	}
	if got := c.Sections[0].Entries; !reflect.DeepEqual(got, want) {
		t.Errorf("entries\n got  %v\n want %v", got, want)
	}
	if len(c.Problems) != 0 {
		t.Errorf("problems %v", c.Problems)
	}
}

func TestParseConfStructure(t *testing.T) {
	c := mustConf(t, strings.Join([]string{
		"orphan = 1",                      // 1
		`#include "sip_custom.conf"`,      // 2
		"#include extensions_custom.conf", // 3
		"#exec /usr/bin/gen.sh --all",     // 4
		"#tryinclude <x.conf>",            // 5
		"#bogus thing",                    // 6
		"[tmpl](!)",                       // 7
		"[peer1](tmpl) ; a peer",          // 8
		"[ both ](!,tmpl, other)",         // 9
		"[peer1](+)",                      // 10
		"[broken",                         // 11
		"just words",                      // 12
		"[open](tmpl",                     // 13
	}, "\n"))
	wantIncl := []Directive{
		{"include", "sip_custom.conf", 2}, {"include", "extensions_custom.conf", 3},
		{"exec", "/usr/bin/gen.sh --all", 4}, {"tryinclude", "x.conf", 5},
	}
	if !reflect.DeepEqual(c.Includes, wantIncl) {
		t.Errorf("includes %v", c.Includes)
	}
	type sec struct {
		name      string
		line      int
		tmpl, app bool
		templates []string
		entries   int
	}
	var got []sec
	for _, s := range c.Sections {
		got = append(got, sec{s.Name, s.Line, s.IsTemplate, s.Append, s.Templates, len(s.Entries)})
	}
	want := []sec{
		{"", 0, false, false, nil, 1},
		{"tmpl", 7, true, false, nil, 0},
		{"peer1", 8, false, false, []string{"tmpl"}, 0},
		{"both", 9, true, false, []string{"tmpl", "other"}, 0},
		{"peer1", 10, false, true, nil, 0},
		{"open", 13, false, false, nil, 0},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sections\n got  %+v\n want %+v", got, want)
	}
	var problems []int
	for _, p := range c.Problems {
		problems = append(problems, p.Line)
	}
	if !reflect.DeepEqual(problems, []int{6, 11, 12, 13}) {
		t.Errorf("problems %+v", c.Problems)
	}
}

func TestConfGetHonoursTemplates(t *testing.T) {
	c := mustConf(t, `
[base](!)
host=1.1.1.1
context=from-base
allow=ulaw
[mid](!,base)
context=from-mid
[p](mid)
type=peer
allow=alaw
context=first
context=last
[p](+)
port=5062
allow=gsm
[a](b)
[b](a)
[plus]
permit=1.1.1.1
permit+=,2.2.2.2
deny+=3.3.3.3
`)
	tests := []struct {
		section, key, want string
		ok                 bool
	}{
		{"p", "host", "1.1.1.1", true},
		{"p", "context", "last", true},
		{"mid", "context", "from-mid", true},
		{"p", "port", "5062", true},
		{"P", "TYPE", "peer", true},
		{"p", "missing", "", false},
		{"nosuch", "host", "", false},
		{"a", "x", "", false}, // template cycle must end
		{"plus", "permit", "1.1.1.1,2.2.2.2", true},
		{"plus", "deny", "3.3.3.3", true},
	}
	for _, tt := range tests {
		got, ok := c.Get(tt.section, tt.key)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Get(%s,%s) = %q %v, want %q %v", tt.section, tt.key, got, ok, tt.want, tt.ok)
		}
	}
	if got := c.Values("p", "allow"); !reflect.DeepEqual(got, []string{"ulaw", "alaw", "gsm"}) {
		t.Errorf("Values(p, allow) = %v", got)
	}
}

func TestParseConfCorpusSIP(t *testing.T) {
	c, err := ParseConf(bytes.NewReader(corpusBytes(t, "kaitocross-phonewave-asterisk-conf/sip.conf")))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Sections) != 2 || len(c.Problems) != 0 {
		t.Fatalf("sections %d problems %v", len(c.Sections), c.Problems)
	}
	g := c.Sections[0]
	if len(g.Entries) != 10 || g.Entries[0] != (Entry{"allow", "all", "=", 2, ""}) {
		t.Errorf("general %+v", g.Entries)
	}
	if got := c.Values("general", "permit"); !reflect.DeepEqual(got, []string{"0.0.0.0/0.0.0.0", "127.0.0.1/255.255.255.0", "192.168.178.1/255.255.255.0"}) {
		t.Errorf("permit %q", got)
	}
	if got := c.Values("general", "allow"); !reflect.DeepEqual(got, []string{"all", "ulaw", "alaw", "gsm"}) {
		t.Errorf("allow %q", got)
	}
	if v, _ := c.Get("4001", "callerid"); v != `"ext4001"` {
		t.Errorf("callerid %q (trailing space must go)", v)
	}
	if s := c.Sections[1]; s.Name != "4001" || s.Line != 13 || len(s.Entries) != 5 || s.Entries[4] != (Entry{"secret", "passwordgoeshere", "=", 18, ""}) {
		t.Errorf("[4001] %+v", s)
	}
}

func TestParseConfCorpusDongleFiles(t *testing.T) {
	tests := []struct {
		file       string
		sections   []string
		general    int // entries in [general]
		interval   string
		callwait   string
		callwaitOK bool
	}{
		{"bg111-asterisk-chan-dongle/dongle.conf", []string{"general", "defaults", "dongle0"}, 3, "15", "auto", true},
		{"swa2050-dongle-conf/dongle.conf", []string{"general", "defaults", "dongle0", "dongle1"}, 1, "15", "auto", true},
		{"ahmed-emad02-issabel-analytics/dongle.conf", []string{"general", "defaults", "dongle0", "dongle1", "dongle2", "dongle3"}, 1, "2", "", false},
	}
	for _, tt := range tests {
		c, err := ParseConf(bytes.NewReader(corpusBytes(t, tt.file)))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, s := range c.Sections {
			names = append(names, s.Name)
		}
		if !reflect.DeepEqual(names, tt.sections) || len(c.Problems) != 0 || len(c.Sections[0].Entries) != tt.general {
			t.Errorf("%s: sections %v problems %v general %d", tt.file, names, c.Problems, len(c.Sections[0].Entries))
		}
		if v, _ := c.Get("general", "interval"); v != tt.interval {
			t.Errorf("%s: interval %q", tt.file, v)
		}
		if v, ok := c.Get("defaults", "callwaiting"); v != tt.callwait || ok != tt.callwaitOK {
			t.Errorf("%s: callwaiting %q %v", tt.file, v, ok)
		}
	}
}
