package correlation

import (
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// The fixture's subscribers. All records are on 2024-03-19 in hour 10:
//
//	A: 5222 10:00:00, 5223 10:10:00, 443 10:20:00, 9999 10:30:00, (no port) 10:40:00, 5222 10:50:00, 5228 10:50:00
//	B: 5228 10:00:00, 5223 10:13:00, 5222 10:13:01, 5222 10:50:00 (twice), 443 10:21:00, 9998 10:30:00
//
// Matches by application: at 2m 6 (equal starts at 10:00 and 4 at 10:50,
// Web +60 s), at 3m 7 (+180 s joins), at 4m 8 (+181 s joins), at 1h 21
// (WhatsApp 4 x 5, Web 1).
const (
	FixtureA = "911000000001"
	FixtureB = "911000000002"
	FixtureU = "911000000003"
)

// FixtureEnv imports the fixture into a fresh case and returns the
// workbench environment with a fixed (colourless) profile.
func FixtureEnv(t *testing.T) *uikit.Env {
	t.Helper()
	rows := []string{
		FixtureA + ",5222,10:00:00", FixtureA + ",5223,10:10:00", FixtureA + ",443,10:20:00", FixtureA + ",9999,10:30:00",
		FixtureA + ",,10:40:00", FixtureA + ",5222,10:50:00", FixtureA + ",5228,10:50:00",
		FixtureB + ",5228,10:00:00", FixtureB + ",5223,10:13:00", FixtureB + ",5222,10:13:01", FixtureB + ",5222,10:50:00",
		FixtureB + ",5222,10:50:00", FixtureB + ",443,10:21:00", FixtureB + ",9998,10:30:00",
		FixtureU + ",9998,10:30:00",
	}
	var b strings.Builder
	b.WriteString("MSISDN,DESTPORT,START,END\n")
	seen := map[string]bool{}
	for _, r := range rows {
		i := strings.LastIndexByte(r, ',')
		// B's two 10:50:00 sessions end a second apart: two sessions, not
		// one line exported twice (which the overlap rule stores once)
		end := "2024-03-19 " + r[i+1:]
		if seen[r] {
			end = "2024-03-19 10:50:01"
		}
		seen[r] = true
		b.WriteString(r[:i] + ",2024-03-19 " + r[i+1:] + "," + end + "\n")
	}
	st, _ := uitest.TextCase(t, "ipdr.csv", b.String())
	return uitest.Env(t, st)
}

// settle runs cmd and every command its messages lead to, feeding the
// pane's own messages back, as the Bubble Tea loop would (synchronously).
func settle(t *testing.T, p *Pane, cmd tea.Cmd) {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch m := c().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, m...)
		case uikit.ErrorMsg:
			t.Fatalf("pane reported an error: %v", m.Err)
		case uikit.BusyMsg, uikit.StatusMsg, uikit.RequestFocusMsg:
		default:
			queue = append(queue, p.Update(m))
		}
	}
}

func loadedPane(t *testing.T, w, h int) *Pane {
	t.Helper()
	p := New(FixtureEnv(t))
	p.SetSize(w, h)
	settle(t, p, p.Init())
	settle(t, p, p.Update(uikit.FocusMsg{A: FixtureA, B: FixtureB}))
	if p.result == nil || p.result.Pairs != 7 || p.Window() != 180 {
		t.Fatalf("after focus: result %+v at window %d, want 7 matches at 180 s", p.result, p.Window())
	}
	return p
}

// Every slider key moves one step and the figures follow from the kept
// sides (the same PairData: no reload from the case).
func TestSliderKeysRecompute(t *testing.T) {
	p := loadedPane(t, 80, 21)
	pair := p.pair
	steps := []struct {
		key    string
		window int64
		pairs  int
	}{{"-", 120, 6}, {"]", 180, 7}, {"+", 240, 8}, {"[", 180, 7}, {"[", 120, 6}, {"=", 180, 7}}
	for _, s := range steps {
		settle(t, p, p.Update(uitest.Key(s.key)))
		if p.result.WindowS != s.window || p.result.Pairs != s.pairs {
			t.Errorf("after %q: %d matches at %d s, want %d at %d", s.key, p.result.Pairs, p.result.WindowS, s.pairs, s.window)
		}
		if !strings.Contains(p.View(), strconv.Itoa(s.pairs)+" matches") {
			t.Errorf("after %q the screen does not show %d matches:\n%s", s.key, s.pairs, p.View())
		}
	}
	if p.pair != pair {
		t.Error("a window change reloaded the pair")
	}
	for range 30 {
		settle(t, p, p.Update(uitest.Key("]")))
	}
	if p.Window() != 3600 || p.result.Pairs != 21 {
		t.Errorf("at the top of the scale: %d matches at %d s, want 21 at 3600", p.result.Pairs, p.Window())
	}
}

// Results that arrive for an older window, or for a pair no longer in
// focus, are dropped whatever order they arrive in; a slider rest that is
// not the last one starts nothing.
func TestStaleResultsDropped(t *testing.T) {
	p := loadedPane(t, 80, 21)
	at := func(w int64) int {
		for i, x := range p.windows {
			if x == w {
				return i
			}
		}
		t.Fatalf("window %d not on the scale", w)
		return 0
	}
	p.win = at(240)
	older := p.recompute()
	p.win = at(120)
	newer := p.recompute()
	olderMsg, newerMsg := older().(tea.BatchMsg)[1](), newer().(tea.BatchMsg)[1]()
	p.Update(olderMsg) // arrives first, but a newer one was asked for
	if p.result.WindowS != 180 {
		t.Fatalf("a stale result was shown: %d s", p.result.WindowS)
	}
	settle(t, p, p.Update(newerMsg))
	p.Update(olderMsg) // arrives last
	if p.result.WindowS != 120 || p.result.Pairs != 6 {
		t.Fatalf("shown %d matches at %d s, want 6 at 120", p.result.Pairs, p.result.WindowS)
	}

	// A slider rest that is not the last one.
	p.slideSeq = 7
	if cmd := p.Update(slideMsg{seq: 6}); cmd != nil {
		t.Error("an old slider rest started a computation")
	}

	// A computation on the previous pair, after B changed.
	p.win = at(3600)
	stale := p.recompute()
	staleMsg := stale().(tea.BatchMsg)[1]()
	settle(t, p, p.Update(uikit.FocusMsg{A: FixtureA, B: FixtureU}))
	p.Update(staleMsg)
	if p.result == nil || p.result.B != FixtureU || p.result.Pairs != 0 {
		t.Fatalf("after B changed: %+v, want U's result (0 matches)", p.result)
	}
}

// Contacts: a smaller or a larger window re-ranks from the kept set (loaded
// for the whole scale); enter on a contact asks for it as B.
func TestContactsFollowTheSlider(t *testing.T) {
	p := loadedPane(t, 80, 21)
	set := p.contactSet
	if set == nil || p.contactList.Contacts[0].MSISDN != FixtureB || p.contactList.Contacts[0].Pairs != 7 {
		t.Fatalf("contacts = %+v", p.contactList)
	}
	settle(t, p, p.Update(uitest.Key("[")))
	if p.contactSet != set || p.contactList.WindowS != 120 || p.contactList.Contacts[0].Pairs != 6 {
		t.Errorf("at 120 s: same set %v, %+v", p.contactSet == set, p.contactList)
	}
	settle(t, p, p.Update(uitest.Key("]")))
	settle(t, p, p.Update(uitest.Key("]")))
	if p.contactSet != set || p.contactList.WindowS != 240 || p.contactList.Contacts[0].Pairs != 8 {
		t.Errorf("at 240 s: same set %v, %+v", p.contactSet == set, p.contactList)
	}
	p.Update(uitest.Key("v"))
	p.Update(uitest.Key("v"))
	if p.view != viewContacts {
		t.Fatalf("view %d after v v", p.view)
	}
	cmd := p.Update(uitest.Key("enter"))
	var req *uikit.RequestFocusMsg
	for _, c := range cmd().(tea.BatchMsg) {
		if m, ok := c().(uikit.RequestFocusMsg); ok {
			req = &m
		}
	}
	if req == nil || req.Role != uikit.RoleB || req.MSISDN != FixtureB || req.Open != "correlation" {
		t.Errorf("enter asked for %+v, want B = %s", req, FixtureB)
	}
}

// The pane draws exactly within its size, small and large.
func TestViewFits(t *testing.T) {
	for _, size := range [][2]int{{80, 21}, {250, 67}, {100, 30}} {
		p := loadedPane(t, size[0], size[1])
		for v := range viewCount {
			p.view = v
			p.layout()
			out := p.View()
			lines := strings.Split(out, "\n")
			if len(lines) != size[1] {
				t.Errorf("%v view %d: %d lines", size, v, len(lines))
			}
			for i, l := range lines {
				if w := ansi.StringWidth(l); w > size[0] {
					t.Errorf("%v view %d: line %d is %d wide", size, v, i, w)
				}
			}
			if !strings.Contains(out, "7 matches") {
				t.Errorf("%v view %d: no figures", size, v)
			}
		}
		if wide := p.View(); size[0] == 250 && (!strings.Contains(wide, "Contacts of A") || !strings.Contains(wide, "observed")) {
			t.Errorf("250 wide: not every part is shown:\n%s", p.View())
		}
	}
}

// Moving the slider re-ranks A's contacts from the set loaded (every
// window of the scale was counted in one sweep): no reload, however wide
// the window, and the contact the analyst selected stays selected.
func TestContactsSlideIsALookup(t *testing.T) {
	p := loadedPane(t, 80, 21)
	set := p.contactSet
	p.Update(uitest.Key("v"))
	p.Update(uitest.Key("v"))
	settle(t, p, p.Update(uitest.Key("j")))
	if r, ok := p.contacts.Selected(); !ok || r.Cells[1] != FixtureU {
		t.Fatalf("selected %q, want %s", r.Cells, FixtureU)
	}
	before := p.contactList.WindowS
	for range len(analysis.Windows()) {
		settle(t, p, p.Update(uitest.Key("]")))
	}
	if p.contactSet != set {
		t.Fatal("a slider step loaded the contacts of A again")
	}
	if got := p.contactList.WindowS; got != 3600 || got == before {
		t.Errorf("after the slide the contacts are ranked at %d s (from %d s), want 3600", got, before)
	}
	if r, ok := p.contacts.Selected(); !ok || r.Cells[1] != FixtureU {
		t.Errorf("after the slide %q is selected, want %s", r.Cells, FixtureU)
	}
}
