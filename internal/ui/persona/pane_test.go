package persona_test

import (
	"bytes"
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui"
	"github.com/cdrtui/cdrtui/internal/ui/persona"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

const subA = "919800000001"

// Subscriber A: ten records, WhatsApp 4 (40%), HTTPS 3, HTTP 1, no port 1,
// unknown port 12345 1; handset 352099001761481 replaced by
// 352099001761499 at 2018-06-04 00:00:00.
var fixture = []string{
	"MSISDN,IMSI,IMEI,DESTIP,DESTPORT,START,CELL_ID,TOTAL_VOLUME",
	subA + ",404100000000001,352099001761481,157.240.1.1,5222,2018-06-03 02:59:59,C1,100",
	subA + ",404100000000001,352099001761481,157.240.1.1,5223,2018-06-03 03:00:00,C1,100",
	subA + ",404100000000001,352099001761481,157.240.1.2,5228,2018-06-03 23:59:59,C2,100",
	subA + ",404100000000001,352099001761499,157.240.1.1,5222,2018-06-04 00:00:00,C2,100",
	subA + ",404100000000001,352099001761499,142.250.1.1,443,2018-06-04 10:00:00,C2,100",
	subA + ",404100000000001,352099001761499,142.250.1.1,443,2018-06-04 10:05:00,C2,100",
	subA + ",404100000000001,352099001761499,142.250.1.1,443,2018-06-05 11:00:00,C3,100",
	subA + ",404100000000001,352099001761499,23.32.1.1,80,2018-06-05 12:00:00,C3,100",
	subA + ",404100000000001,352099001761499,185.60.1.1,12345,2018-06-05 13:00:00,C3,100",
	subA + ",404100000000001,352099001761499,185.60.1.1,,2018-06-05 14:00:00,C3,100",
}

func fixtureEnv(t *testing.T) *uikit.Env {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "ipdr.csv")
	if err := os.WriteFile(path, []byte(strings.Join(fixture, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(filepath.Join(dir, "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ctx := context.Background()
	if res, err := st.Import(ctx, []string{path}, store.ImportOptions{}); err != nil || res[0].Error != "" {
		t.Fatalf("import: %v %+v", err, res)
	}
	ports, err := casework.PortDictionary(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return &uikit.Env{Store: st, Styles: uikit.NewStyles(r, uikit.DefaultPalette()), Ports: ports,
		ExportDir: filepath.Join(dir, "exports"), Context: ctx}
}

// resolver answers from a table and counts the questions.
type resolver struct {
	mu    sync.Mutex
	asked []string
}

func (r *resolver) LookupAddr(ctx context.Context, addr string) ([]string, error) {
	r.mu.Lock()
	r.asked = append(r.asked, addr)
	r.mu.Unlock()
	if addr == "142.250.1.1" {
		return []string{"edge-a.example.", "edge-b.example."}, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: addr, IsNotFound: true}
}

func (r *resolver) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.asked)
}

func waitFor(t *testing.T, tm *teatest.TestModel, want ...string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		for _, w := range want {
			if !bytes.Contains(b, []byte(w)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

func send(tm *teatest.TestModel, keys ...string) {
	for _, k := range keys {
		switch k {
		case "enter":
			tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
		case "esc":
			tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
		default:
			tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)})
		}
	}
}

// The real workbench at 80x24: focus A and open Persona; Table III, the
// unknown port, the handset change and a drill-down to records with their
// file and line are on screen.
func TestPersonaInWorkbench(t *testing.T) {
	env := fixtureEnv(t)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: subA, Open: "persona"})
	waitFor(t, tm, "Persona", "10 data records", "WhatsApp", "40.00%", "30.00%", "Web (HTTPS)", "? 1 unknown ports", "cdrtui defaults")
	send(tm, "v")
	waitFor(t, tm, "12345", "10.00%")
	send(tm, "v")
	waitFor(t, tm, "352099001761499 ⚑ new", "1 change")
	send(tm, "j", "enter") // the second handset's records
	waitFor(t, tm, "Records of handset IMEI 352099001761499", "2018-06-04 00:00:00", "ipdr.csv", "row 1 of 7")
	send(tm, "esc", "A", "enter") // WhatsApp's records
	waitFor(t, tm, "Records of WhatsApp", "2018-06-03 02:59:59", "row 1 of 4")
	send(tm, "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// Reverse DNS goes to the network only on the key, in the background; the
// names come back into the destinations and are kept in the case.
func TestPersonaReverseDNSOnlyOnKey(t *testing.T) {
	env := fixtureEnv(t)
	r := &resolver{}
	pane := persona.New(env, persona.WithResolver(r))
	tm := teatest.NewTestModel(t, ui.New(env, []uikit.Pane{pane}), teatest.WithInitialTermSize(80, 24))
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: subA})
	waitFor(t, tm, "WhatsApp", "40.00%")
	send(tm, "T")
	waitFor(t, tm, "142.250.1.1:443", "(not looked up: r)")
	if n := r.count(); n != 0 {
		t.Fatalf("%d lookups before the key", n)
	}
	send(tm, "r")
	waitFor(t, tm, "edge-a.example edge-b.", "(no name)", "1 named, 4 without a name")
	send(tm, "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	if n := r.count(); n != 5 {
		t.Fatalf("%d lookups, want one per destination IP (5): %v", n, r.asked)
	}
	cached, err := env.Store.CachedRDNS(context.Background(), []string{"142.250.1.1"})
	if err != nil || cached["142.250.1.1"].Status != "ok" || cached["142.250.1.1"].LookedUpAt == 0 {
		t.Fatalf("not kept in the case: %+v %v", cached, err)
	}
}

// Every size draws within its bounds, with a subscriber in focus and not.
func TestPersonaSizes(t *testing.T) {
	env := fixtureEnv(t)
	p := persona.New(env)
	for _, focus := range []string{"", subA} {
		cmd := p.Update(uikit.FocusMsg{A: focus})
		drain(p, cmd)
		for _, size := range [][2]int{{80, 21}, {250, 67}, {40, 10}, {110, 30}} {
			p.SetSize(size[0], size[1])
			lines := strings.Split(p.View(), "\n")
			if len(lines) != size[1] {
				t.Errorf("focus %q %dx%d: %d lines", focus, size[0], size[1], len(lines))
			}
			for i, l := range lines {
				if w := lipgloss.Width(l); w > size[0] {
					t.Errorf("focus %q %dx%d: line %d is %d wide: %q", focus, size[0], size[1], i, w, l)
				}
			}
		}
	}
	if !strings.Contains(p.View(), "Records per application") {
		t.Errorf("no chart beside the table at 110 columns:\n%s", p.View())
	}
}

// drain runs cmd and feeds its messages back to the pane, as the
// runtime would, until nothing is left.
func drain(p *persona.Pane, cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		if batch, ok := msg.(tea.BatchMsg); ok {
			queue = append(queue, batch...)
			continue
		}
		if msg == nil {
			continue
		}
		queue = append(queue, p.Update(msg))
	}
}
