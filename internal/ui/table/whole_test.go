package table

import (
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// A list of numbers cut to its column ends after a whole number (the
// Calls pane's common numbers read "… 919613611105 91720968…", a number
// that is no number), and i says the selected row whole, every column
// by its title (the "i show the whole value" of every list did nothing
// in most panes).
func TestCutAtAWordAndIShowsTheRowWhole(t *testing.T) {
	linked := "917454856780 916097416912 919613611105 917209681562 918241523963"
	src := &SliceSource{Cols: []Column{{Title: "number"}, {Title: "count", Right: true}, {Title: "linked", MaxWidth: 42}}, Rows: []Row{
		{Cells: []string{"918257292444", "5", linked}},
	}}
	m := New(src, uitest.Styles(), Options{})
	m.SetSize(80, 6)
	run(m, m.Init())
	v := m.View()
	if !strings.Contains(v, "917454856780 916097416912 919613611105 …") || strings.Contains(v, "91720968") {
		t.Errorf("the list is not cut after a whole number:\n%s", v)
	}
	cmd := m.Update(uitest.Key("i"))
	if cmd == nil {
		t.Fatal("i did nothing")
	}
	msg, ok := cmd().(uikit.StatusMsg)
	if want := "number: 918257292444 · count: 5 · linked: " + linked; !ok || msg.Text != want {
		t.Errorf("i said %#v, want %q", msg, want)
	}
}

func TestFitCutsAtWords(t *testing.T) {
	for _, c := range []struct {
		s    string
		w    int
		want string
	}{
		{"Web (HTTPS) 35, WhatsApp 8", 14, "Web (HTTPS) … "},
		{"2024-03-18 00:27:35", 14, "2024-03-18 …  "},
		{"/evidence/operator_a_ipdr.csv", 10, "/evidence…"}, // no space: cut where it must
		{"ab cdefghijklmnop", 10, "ab cdefgh…"},             // the last space too early: cut where it must
		{"short", 10, "short     "},
	} {
		if got := fit(c.s, c.w, false); got != c.want {
			t.Errorf("fit(%q, %d) = %q, want %q", c.s, c.w, got, c.want)
		}
	}
}
