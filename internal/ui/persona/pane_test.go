package persona_test

import (
	"context"
	"net"
	"strings"
	"sync"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
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
	st, _ := uitest.TextCase(t, "ipdr.csv", strings.Join(fixture, "\n")+"\n")
	return uitest.CaseEnv(t, st)
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

// The real workbench at 80x24: focus A and open Persona; Table III, the
// unknown port, the handset change and a drill-down to records with their
// file and line are on screen.
func TestPersonaInWorkbench(t *testing.T) {
	env := fixtureEnv(t)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: subA, Open: "persona"})
	uitest.WaitFor(t, tm, "Persona", "10 data records", "WhatsApp", "40.00%", "30.00%", "Web (HTTPS)", "? 1 unknown ports", "cdrtui defaults")
	uitest.Press(tm, "v")
	uitest.WaitFor(t, tm, "12345", "10.00%")
	uitest.Press(tm, "v")
	uitest.WaitFor(t, tm, "352099001761499 ⚑ new", "1 change")
	uitest.Press(tm, "j", "enter") // the second handset's records
	uitest.WaitFor(t, tm, "Records of handset IMEI 352099001761499", "2018-06-04 00:00:00", "ipdr.csv", "row 1 of 7")
	uitest.Press(tm, "esc", "A", "enter") // WhatsApp's records
	uitest.WaitFor(t, tm, "Records of WhatsApp", "2018-06-03 02:59:59", "row 1 of 4")
	uitest.Quit(t, tm)
}

// Reverse DNS goes to the network only on the key, in the background; the
// names come back into the destinations and are kept in the case.
func TestPersonaReverseDNSOnlyOnKey(t *testing.T) {
	env := fixtureEnv(t)
	r := &resolver{}
	pane := persona.New(env, persona.WithResolver(r))
	tm := teatest.NewTestModel(t, ui.New(env, []uikit.Pane{pane}), teatest.WithInitialTermSize(80, 24))
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: subA})
	uitest.WaitFor(t, tm, "WhatsApp", "40.00%")
	uitest.Press(tm, "V") // from the first section back to the last: destinations
	uitest.WaitFor(t, tm, "142.250.1.1:443", "(not looked up: r)")
	if n := r.count(); n != 0 {
		t.Fatalf("%d lookups before the key", n)
	}
	uitest.Press(tm, "r")
	uitest.WaitFor(t, tm, "edge-a.example …", "(no name)", "1 named, 4 without a name") // cut after a whole name
	uitest.Quit(t, tm)
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
		uitest.Drain(p.Update, cmd)
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
