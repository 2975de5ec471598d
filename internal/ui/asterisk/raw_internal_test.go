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
