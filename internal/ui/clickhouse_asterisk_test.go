package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/table"
)

// TestClickHouseAsteriskPane opens the workbench at 80x24 on a case on a
// two-shard ClickHouse cluster holding a seized PBX's image beside the
// operator records, and on a local case of the same evidence: the
// Asterisk pane shows the planted calls, zone and artefacts, the first
// modem's IMEI with the subscriber whose voice records carried it, and the
// calls table, and each of these screens is the local case's, line for
// line.
func TestClickHouseAsteriskPane(t *testing.T) {
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Days, cfg.Records, cfg.Pairs = 21, 5, 0, 0
	cfg.VoiceSubscribers, cfg.SimBoxes, cfg.AsteriskImage = 30, 4, true
	tw := newTwins(t, "pbxpane", cfg, false)
	truth, local, ch := tw.truth, tw.local, tw.ch
	at := truth.Asterisk
	m := at.Modems[0]
	if len(m.SeenIn) == 0 {
		t.Fatalf("fixture: modem %s is seen in no records", m.Name)
	}
	ctx := context.Background()

	// the palette: a subscriber the PBX's calls name ("also in N PBX
	// calls") and a number only the PBX's calls hold, the same hits
	var sub, only string
	db := local.DB()
	if err := db.QueryRowContext(ctx, `SELECT s.msisdn FROM subscribers s WHERE EXISTS (SELECT 1 FROM ast_calls a WHERE a.src_key = s.msisdn OR a.recipient_key = s.msisdn) ORDER BY s.msisdn LIMIT 1`).Scan(&sub); err != nil {
		t.Fatalf("fixture: no subscriber in the PBX's calls: %v", err)
	}
	if err := db.QueryRowContext(ctx, `SELECT a.recipient_key FROM ast_calls a WHERE a.recipient_key IS NOT NULL AND length(a.recipient_key) >= 8
		AND a.recipient_key NOT IN (SELECT msisdn FROM subscribers) AND a.recipient_key NOT IN (SELECT other_key FROM voice WHERE other_key IS NOT NULL)
		ORDER BY a.recipient_key LIMIT 1`).Scan(&only); err != nil {
		t.Fatalf("fixture: no number only the PBX holds: %v", err)
	}
	for _, typed := range []string{sub, only} {
		want, err := local.PaletteSearch(ctx, typed, 8)
		if err != nil {
			t.Fatal(err)
		}
		got, err := casework.PaletteSubscribers(ctx, ch, typed, 8)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) || len(want) == 0 || (typed == sub && !strings.Contains(fmt.Sprint(want), "PBX call")) {
			t.Errorf("palette %q on the cluster:\n%+v\nwant (the local case):\n%+v", typed, got, want)
		}
	}

	// a step: a key, then the texts it shows
	type step struct {
		key   string
		texts []string
	}
	// each screen: the pane opened (7), then the steps
	screen := func(opts ShellOptions, steps []step) string {
		tm := shellOn(t, opts, 80, 24)
		uitest.WaitFor(t, tm, "[1 Overview]")
		uitest.Press(tm, "7")
		uitest.WaitFor(t, tm, fmt.Sprintf("%d calls", at.Calls), "zone "+at.Zone, "dongle.conf", "localtime")
		for _, st := range steps {
			uitest.Press(tm, st.key)
			uitest.WaitFor(t, tm, st.texts...)
		}
		return body(quitShell(t, tm).View())
	}
	for _, sc := range []struct {
		name  string
		steps []step
	}{
		{"artefacts", []step{{"G", []string{"Master.csv", "100.csv", "messages.1.gz", "asterisk-log"}}}},
		{"modem's IMEI", []step{{"M", []string{m.IMEI, at.Modems[3].IMEI}}, {"enter", []string{"IMEI " + m.IMEI + " of " + m.Name, m.SeenIn[0], "voice"}}}},
		{"calls", []step{{"c", []string{"row 1 of " + table.Thousands(int64(at.Calls))}}}},
	} {
		want := screen(ShellOptions{Store: local}, sc.steps)
		got := screen(ShellOptions{Case: ch}, sc.steps)
		if got != want {
			t.Errorf("%s on the cluster:\n%s\nwant (the local case):\n%s", sc.name, got, want)
		}
	}
}
