package asterisk_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
)

// A Kamailio acc export whose answered INVITE c4 has no BYE: the calls
// list shows its unknown talk time as — (and its unknown duration), the
// ended call's 150 s and the busy call's 0 as written, and the header
// counts the call without talk time, at 80x24; the dashboard's talk time
// per recipient says the call without it is left out.
func TestAsteriskUnknownTalkTimeShownUnknown(t *testing.T) {
	dir := t.TempDir()
	acc := filepath.Join(dir, "acc.csv")
	if err := os.WriteFile(acc, []byte("id,method,from_tag,to_tag,callid,sip_code,sip_reason,time,src_user,src_domain,src_ip,dst_ouser,dst_user,dst_domain\n"+
		"1,INVITE,a1,b1,c1@10.0.0.5,200,OK,2024-05-06 14:00:00,1001,pbx.example,10.0.0.5,0441234567,0441234567,gw.example\n"+
		"2,BYE,a1,b1,c1@10.0.0.5,200,OK,2024-05-06 14:02:30,1001,pbx.example,10.0.0.5,0441234567,0441234567,gw.example\n"+
		"3,INVITE,a2,b2,c2@10.0.0.5,486,Busy Here,2024-05-06 15:00:00,1002,pbx.example,10.0.0.6,0449876543,0449876543,gw.example\n"+
		"4,INVITE,a4,b4,c4@10.0.0.5,200,OK,2024-05-06 16:00:00,1003,pbx.example,10.0.0.7,0445550000,0445550000,gw.example\n"), 0o444); err != nil {
		t.Fatal(err)
	}
	st, err := store.Create(filepath.Join(dir, "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Import(context.Background(), []string{acc}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	env := uitest.Env(t, st)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.Press(tm, "7", "c")
	uitest.WaitFor(t, tm, "1 without talk time", "0441234567  150   150 200 OK", "0449876543    —     0 486 Busy Here", "0445550000    —     — 200 OK")
	// the dashboard's recipients: 0441234567 2m30s, the unknown left out
	uitest.Press(tm, "d", "n", "n")
	uitest.WaitFor(t, tm, "Talk time per recipient, top 10 of 3 · 1 call without talk time left out", "0441234567")
	uitest.Quit(t, tm)
}
