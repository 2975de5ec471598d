package asterisk

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
)

// The raw viewer shows a configuration file's tabs as spacing (escapes
// only for real control characters) and scrolls a long line sideways.
func TestRawViewerTabsAndSideways(t *testing.T) {
	st, err := store.Create(filepath.Join(t.TempDir(), "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p := New(uitest.Env(t, st))
	p.SetSize(60, 12)
	long := "exten => _X.,1,Dial(Dongle/g1/${EXTEN},60,tT)" + strings.Repeat(" ", 40) + "; THE-END-OF-LINE"
	p.raw = &rawViewer{file: &rawFile{path: "etc/asterisk/extensions.conf", verdict: "SHA-256 as imported", matches: true,
		lines: []string{"[dongle]\tdevice=/dev/ttyUSB0", long, "evil\x1b[2J"}}}
	p.view = viewRaw
	v := p.rawView(10)
	if strings.Contains(v, `\t`) || !strings.Contains(v, "[dongle]        device=/dev/ttyUSB0") {
		t.Fatalf("tabs:\n%s", v)
	}
	if !strings.Contains(v, `evil\x1b[2J`) || strings.Contains(v, "\x1b[2J") {
		t.Fatalf("a control character is not shown as an escape:\n%s", v)
	}
	if strings.Contains(v, "THE-END-OF-LINE") {
		t.Fatalf("the long line fits already; the test needs a longer one:\n%s", v)
	}
	for range 8 {
		p.rawKey(uitest.Key("right"))
	}
	if v := p.rawView(10); !strings.Contains(v, "THE-END-OF-LINE") || !strings.Contains(v, "«") {
		t.Fatalf("after scrolling right:\n%s", v)
	}
	for range 8 {
		p.rawKey(uitest.Key("left"))
	}
	if v := p.rawView(10); !strings.Contains(v, "exten => _X.") {
		t.Fatalf("after scrolling back:\n%s", v)
	}
}

// A file opened at no line marks none; a search marks its hit with ▶ in
// the gutter (seen without colour) and the footer names the marked line
// apart from the first line shown; the first search from nothing marked
// finds the first hit, not the last.
func TestRawViewerMarkedLine(t *testing.T) {
	st, err := store.Create(filepath.Join(t.TempDir(), "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p := New(uitest.Env(t, st))
	p.SetSize(60, 12)
	p.raw = &rawViewer{file: &rawFile{path: "etc/asterisk/sip.conf", verdict: "SHA-256 as imported", matches: true,
		lines: []string{"[general]", "context=default", "[trunk]", "host=sip.example.net", "[trunk2]", "host=sip2.example.net"}}, cursor: -1}
	p.view = viewRaw
	if v := p.rawView(10); strings.Contains(v, "▶") || !strings.Contains(v, "line 1 of 6") {
		t.Fatalf("no line marked:\n%s", v)
	}
	p.raw.query = "host="
	p.raw.cursor = max(p.raw.cursor, 0) - 1
	p.raw.find(1)
	if v := p.rawView(10); !strings.Contains(v, "▶4 │ host=sip.example.net") || !strings.Contains(v, "▶ line 4 · from line 1 of 6") {
		t.Fatalf("the first hit (line 4) is not marked:\n%s", v)
	}
	p.raw.find(1)
	if v := p.rawView(10); !strings.Contains(v, "▶6 │ host=sip2.example.net") || !strings.Contains(v, "▶ line 6 · from line 3 of 6") {
		t.Fatalf("the next hit (line 6):\n%s", v)
	}
}
