package overview

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
)

// Counts read before a newer read are never shown over it: the case's
// counts read with two records arrive after those read with five (three
// more imported since) were shown, and those stay.
func TestOverviewSupersededNeverShown(t *testing.T) {
	st, _ := uitest.TextCase(t, "ipdr.csv", "MSISDN,DESTPORT,START,CELL_ID\n"+
		"911000000001,5222,2024-03-19 10:00:00,C1\n911000000002,443,2024-03-19 11:00:00,C2\n")
	p := New(uitest.Env(t, st))
	p.SetSize(120, 30)
	uitest.Settle(p.Update, p.Init())
	more := filepath.Join(t.TempDir(), "more.csv")
	if err := os.WriteFile(more, []byte("MSISDN,DESTPORT,START,CELL_ID\n911000000003,5222,2024-03-20 10:00:00,C1\n"+
		"911000000004,443,2024-03-20 11:00:00,C2\n911000000005,443,2024-03-20 12:00:00,C2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	uitest.Superseded(t, p.Update, p.View,
		func() tea.Cmd { return p.loadSummary() },
		func() tea.Cmd {
			if _, err := st.Import(context.Background(), []string{more}, store.ImportOptions{}); err != nil {
				t.Fatal(err)
			}
			return p.loadSummary()
		},
		[]string{"5 ipdr", "5 subscribers"}, []string{"2 ipdr", "2 subscribers"})
}
