package ui

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/ident"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
)

// TestClickHouseOverviewList opens the Overview on a case on a two-shard
// ClickHouse cluster and on a local case of the same generated evidence
// and cell sites, at 80x24 and at 200x50: the subscriber list is the
// same screen on both (every column: records, data, voice, calls, SMS,
// contacts, first and last seen, IMEIs, cells, placed, apps used) as it
// opens, at its last row (G), twenty rows up from there (the page before
// read by its keyset), ordered by each kind of column (s, S) and under a
// filter. Each state is waited for on the local case by its first
// subscriber or row number, read from the local summaries in SQL here.
func TestClickHouseOverviewList(t *testing.T) {
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Subscribers, cfg.Days, cfg.Records, cfg.VoiceSubscribers, cfg.SimBoxes = 11, 40, 5, 8000, 30, 2
	cfg.Geography = true
	tw := newTwins(t, "wbov", cfg, true)
	local, ch := tw.local, tw.ch
	ctx := context.Background()

	db := local.DB()
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM subscribers").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n < 45 {
		t.Fatalf("the case holds %d subscribers: too few to page", n)
	}
	// first is the first five MSISDNs listed when ordered by expr (then id)
	first := func(expr, dir, where string) []string {
		q := fmt.Sprintf("SELECT s.msisdn FROM subscribers s %s ORDER BY %s %s, s.id %s LIMIT 5", where, expr, dir, dir)
		rs, err := db.QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		defer rs.Close()
		var out []string
		for rs.Next() {
			var m string
			if err := rs.Scan(&m); err != nil {
				t.Fatal(err)
			}
			out = append(out, m)
		}
		return out
	}
	contacts := "(SELECT count(DISTINCT coalesce(v.other_key, v.other)) FROM voice v WHERE v.subscriber_id = s.id AND v.other <> '')"
	imeis := "(SELECT count(DISTINCT d.imei) FROM subscriber_devices sd JOIN devices d ON d.id = sd.device_id WHERE sd.subscriber_id = s.id AND d.imei <> '')"
	cells := "(SELECT count(DISTINCT cell_id) FROM subscriber_cells sc WHERE sc.subscriber_id = s.id)"
	calls := "(SELECT count(*) FROM voice v WHERE v.subscriber_id = s.id AND v.call_type IN ('VOICE_OUT', 'VOICE_IN'))"
	records := "s.data_records + s.voice_records"
	top := first(records, "DESC", "")[0]
	// the filter: two digits of the busiest MSISDN that several others hold too
	var filter string
	var matched int
	for i := len(top) - 2; i > 2 && (matched < 5 || matched > n-5); i-- {
		filter = top[i : i+2]
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM subscribers WHERE msisdn LIKE ?", "%"+filter+"%").Scan(&matched); err != nil {
			t.Fatal(err)
		}
	}
	// a handset and a SIM of the case: the filter finds their subscribers
	var imei, imsi string
	if err := db.QueryRowContext(ctx, `SELECT d.imei, d.imsi FROM devices d JOIN subscriber_devices sd ON sd.device_id = d.id
		WHERE d.imei <> '' AND d.imsi <> '' ORDER BY sd.records DESC, d.id LIMIT 1`).Scan(&imei, &imsi); err != nil {
		t.Fatal(err)
	}
	byDevice := func(col, value string) (string, int) {
		where := fmt.Sprintf(`WHERE s.id IN (SELECT sd.subscriber_id FROM subscriber_devices sd JOIN devices d ON d.id = sd.device_id
			WHERE d.%s = '%s') OR s.msisdn LIKE '%%%s%%'`, col, value, value)
		var n int
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM subscribers s "+where).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return where, n
	}
	imeiWhere, imeiSubs := byDevice("handset", ident.HandsetKey(imei))
	imsiWhere, imsiSubs := byDevice("imsi", imsi)
	typed := func(text string) []string { return append(append([]string{"/"}, strings.Split(text, "")...), "enter") }
	s := func(k int) []string { return strings.Split(strings.Repeat("s", k), "") }
	steps := []struct {
		name string
		keys []string
		wait []string // on the screen
		rows []string // the first rows' MSISDNs, in order
	}{
		{"as it opens", nil, []string{fmt.Sprintf("row 1 of %d", n), "sort Records▼"}, first(records, "DESC", "")},
		{"the last row", []string{"G"}, []string{fmt.Sprintf("row %d of %d", n, n)}, nil},
		{"twenty rows up", append([]string{"G"}, strings.Split(strings.Repeat("k", 20), "")...), []string{fmt.Sprintf("row %d of %d", n-20, n)}, nil},
		{"by data", s(1), []string{"sort Data▼"}, first("s.data_records", "DESC", "")},
		{"by calls", s(3), []string{"sort Calls▼"}, first(calls, "DESC", "")},
		{"by contacts, ascending", append(s(5), "S"), []string{"sort Contacts▲"}, first(contacts, "ASC", "")},
		{"by first seen", s(6), []string{"sort First seen▼"}, first("coalesce(s.first_seen, 0)", "DESC", "")},
		{"by IMEIs", s(8), []string{"sort IMEIs▼"}, first(imeis, "DESC", "")},
		{"by cells, ascending", append(s(9), "S"), []string{"sort Cells▲"}, first(cells, "ASC", "")},
		{"by MSISDN", s(10), []string{"sort MSISDN▼"}, first("s.msisdn", "DESC", "")},
		{"filtered", typed(filter), []string{fmt.Sprintf("row 1 of %d", matched)},
			first(records, "DESC", "WHERE s.msisdn LIKE '%"+filter+"%'")},
		{"an IMEI", typed(imei), []string{fmt.Sprintf("row 1 of %d", imeiSubs)}, first(records, "DESC", imeiWhere)},
		{"an IMSI", typed(imsi), []string{fmt.Sprintf("row 1 of %d", imsiSubs)}, first(records, "DESC", imsiWhere)},
	}
	for _, size := range [][2]int{{80, 24}, {200, 50}} {
		for _, step := range steps {
			screen := func(opts ShellOptions, marks, rows []string) string {
				tm := shellOn(t, opts, size[0], size[1])
				uitest.WaitFor(t, tm, "[1 Overview]", "row 1 of ")
				for _, k := range step.keys {
					uitest.Press(tm, k)
				}
				if !waitFrame(tm, size, marks, rows) {
					t.Logf("%dx%d %s: the screen waited for did not come (compared as it is)", size[0], size[1], step.name)
				}
				return body(quitShell(t, tm).View())
			}
			want := screen(ShellOptions{Store: local}, step.wait, step.rows)
			rows := msisdnRows.FindAllStringSubmatch(want, -1)
			if len(rows) < min(5, len(step.rows)) || len(rows) == 0 || !strings.Contains(want, "Apps used") && size[0] == 200 {
				t.Fatalf("%dx%d %s: the local screen:\n%s", size[0], size[1], step.name, want)
			}
			var seq []string
			for _, r := range rows {
				seq = append(seq, r[1])
			}
			got := screen(ShellOptions{Case: ch}, step.wait, seq)
			if got != want {
				t.Errorf("%dx%d %s: the Overview on the cluster:\n%s\nwant (the local case):\n%s", size[0], size[1], step.name, got, want)
			}
		}
	}
}

// msisdnRows finds the MSISDNs of the subscriber list's rows, in order.
var msisdnRows = regexp.MustCompile(`(?m)^\s?[▸ ]?([0-9]{10,15}) `)

// waitFrame repaints the screen (a resize to the same size) until one
// whole frame holds every mark and its rows start with rows, with no page
// loading; false after
// fifteen seconds. A frame is read whole because a screen that did not
// change is otherwise not written again.
func waitFrame(tm *teatest.TestModel, size [2]int, marks, rows []string) bool {
	for range 100 {
		tm.Send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		time.Sleep(150 * time.Millisecond)
		b, _ := io.ReadAll(tm.Output())
		frame := string(b)
		ok := !strings.Contains(frame, "loading…") // a page asked for, not come yet
		for _, m := range marks {
			ok = ok && strings.Contains(frame, m)
		}
		found := msisdnRows.FindAllStringSubmatch(frame, len(rows))
		ok = ok && len(found) >= len(rows)
		for i := 0; ok && i < len(rows); i++ {
			ok = found[i][1] == rows[i]
		}
		if ok {
			return true
		}
	}
	return false
}
