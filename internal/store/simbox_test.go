package store

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
)

// simboxFixture is hand-built: the counts each test expects are read off it.
// 911 places calls around both night boundaries (22:00-06:00), 922 only
// sends SMS (and one USSD), 933 makes one call.
const simboxFixture = `MSISDN,B_NUMBER,CALL_TYPE,CALL_DATE,CALL_TIME,DURATION,CELL_ID
911,1001,VOICE_OUT,2024-03-13,21:59:59,60,A
911,1002,VOICE_OUT,2024-03-13,22:00:00,120,A
911,1003,VOICE_OUT,2024-03-14,05:59:59,,B
911,1004,VOICE_OUT,2024-03-14,06:00:00,30,A
911,1002,VOICE_OUT,2024-03-14,23:30:00,90,A
911,1009,VOICE_IN,2024-03-14,03:00:00,40,
922,1001,SMS_IN,2024-03-15,10:00:00,0,C
922,1002,SMS_OUT,2024-03-15,10:01:00,0,C
922,1003,SMS_OUT,2024-03-15,10:02:00,0,C
922,*123#,USSD,2024-03-15,10:03:00,0,C
933,1005,VOICE_OUT,2024-03-16,12:00:00,45,A
`

func simboxCase(t *testing.T, opts ImportOptions) (*Store, string) {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "calls.csv")
	if err := os.WriteFile(file, []byte(simboxFixture), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := Create(filepath.Join(dir, "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	res, err := st.Import(context.Background(), []string{file}, opts)
	if err != nil || len(res) != 1 || res[0].Error != "" || res[0].Rows != 11 || res[0].Kind != "voice" {
		t.Fatalf("import: %v %+v", err, res)
	}
	return st, file
}

func sortedCells(cs []analysis.CellRecords) []analysis.CellRecords {
	out := slices.Clone(cs)
	for i := range out {
		out[i].CellID = 0 // ids depend on import order
	}
	slices.SortFunc(out, func(a, b analysis.CellRecords) int { return strings.Compare(a.Cell, b.Cell) })
	return out
}

func TestSimBoxActivity(t *testing.T) {
	night := analysis.ClockWindow{From: 22 * 3600, To: 6 * 3600}
	want := []analysis.SIMActivity{
		// calls at 22:00:00, 05:59:59 and 23:30:00 are at night (not 21:59:59
		// nor 06:00:00, nor the incoming 03:00); night numbers 1002, 1003;
		// dates 13 and 14; durations 60+120+30+90 (one not given).
		{MSISDN: "911", VoiceOut: 5, VoiceIn: 1, Records: 6, DistinctCalled: 4, NightCalls: 3, NightDistinct: 2,
			ActiveDays: 2, DurationSum: 300, DurationCalls: 4, Cells: []analysis.CellRecords{{Cell: "A", Records: 4}, {Cell: "B", Records: 1}}},
		{MSISDN: "922", SMSIn: 1, SMSOut: 2, Records: 4, ActiveDays: 1, Cells: []analysis.CellRecords{{Cell: "C", Records: 4}}},
		{MSISDN: "933", VoiceOut: 1, Records: 1, DistinctCalled: 1, ActiveDays: 1, DurationSum: 45, DurationCalls: 1,
			Cells: []analysis.CellRecords{{Cell: "A", Records: 1}}},
	}
	for _, zone := range []string{"", "Asia/Kolkata", "America/New_York"} {
		t.Run("zone "+zone, func(t *testing.T) {
			var opts ImportOptions
			if zone != "" {
				loc, err := time.LoadLocation(zone)
				if err != nil {
					t.Skip(err)
				}
				opts.Zone = loc
			}
			// The wall clock as written decides night and dates, whatever zone
			// the file was read in.
			st, _ := simboxCase(t, opts)
			got, err := st.SimBoxActivity(context.Background(), night)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("%d subscribers", len(got))
			}
			for i := range want {
				g := got[i]
				g.SubscriberID = 0
				g.Cells = sortedCells(g.Cells)
				w := want[i]
				if !equalActivity(g, w) {
					t.Errorf("got  %+v\nwant %+v", g, w)
				}
			}
		})
	}
}

func equalActivity(a, b analysis.SIMActivity) bool {
	return a.SubscriberID == b.SubscriberID && a.MSISDN == b.MSISDN && a.VoiceOut == b.VoiceOut && a.VoiceIn == b.VoiceIn &&
		a.SMSOut == b.SMSOut && a.SMSIn == b.SMSIn && a.Records == b.Records && a.DistinctCalled == b.DistinctCalled &&
		a.NightCalls == b.NightCalls && a.NightDistinct == b.NightDistinct && a.ActiveDays == b.ActiveDays &&
		a.DurationSum == b.DurationSum && a.DurationCalls == b.DurationCalls && slices.Equal(a.Cells, b.Cells)
}

// A window that does not wrap midnight, and one that starts at 05:59:59.
func TestSimBoxActivityOtherWindows(t *testing.T) {
	st, _ := simboxCase(t, ImportOptions{})
	tests := []struct {
		w             analysis.ClockWindow
		calls, distin int64
	}{
		{analysis.ClockWindow{From: 0, To: 6 * 3600}, 1, 1},                    // 05:59:59 only
		{analysis.ClockWindow{From: 5*3600 + 59*60 + 59, To: 22 * 3600}, 3, 3}, // 21:59:59, 05:59:59, 06:00:00
		{analysis.ClockWindow{From: 21*3600 + 59*60 + 59, To: 21*3600 + 59*60 + 58}, 5, 4},
	}
	for _, tt := range tests {
		acts, err := st.SimBoxActivity(context.Background(), tt.w)
		if err != nil {
			t.Fatal(err)
		}
		if a := acts[0]; a.NightCalls != tt.calls || a.NightDistinct != tt.distin {
			t.Errorf("%s: %d night calls to %d numbers, want %d to %d", tt.w, a.NightCalls, a.NightDistinct, tt.calls, tt.distin)
		}
	}
}

func TestVoiceRecordsBehindAFeature(t *testing.T) {
	st, file := simboxCase(t, ImportOptions{})
	ctx := context.Background()
	acts, err := st.SimBoxActivity(ctx, analysis.ClockWindow{From: 22 * 3600, To: 6 * 3600})
	if err != nil {
		t.Fatal(err)
	}
	sub := acts[0].SubscriberID
	var cellA int64
	for _, c := range acts[0].Cells {
		if c.Cell == "A" {
			cellA = c.CellID
		}
	}
	night := analysis.ClockWindow{From: 22 * 3600, To: 6 * 3600}
	tests := []struct {
		name  string
		sel   VoiceSelection
		lines []int64
	}{
		{"night outgoing", VoiceSelection{SubscriberID: sub, Types: []string{"VOICE_OUT"}, Night: &night}, []int64{3, 4, 6}},
		{"incoming", VoiceSelection{SubscriberID: sub, Types: []string{"VOICE_IN"}}, []int64{7}},
		{"top cell", VoiceSelection{SubscriberID: sub, CellID: cellA}, []int64{2, 3, 5, 6}},
		{"with a cell", VoiceSelection{SubscriberID: sub, WithCell: true}, []int64{2, 3, 4, 5, 6}},
		{"every record", VoiceSelection{SubscriberID: sub}, []int64{2, 3, 7, 4, 5, 6}}, // the incoming call at 03:00 precedes 05:59:59
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, total, err := st.VoiceRecords(ctx, tt.sel, 100)
			if err != nil {
				t.Fatal(err)
			}
			var lines []int64
			for _, r := range recs {
				lines = append(lines, r.Line)
				if r.Source != file {
					t.Errorf("source %q, want %q", r.Source, file)
				}
			}
			if !slices.Equal(lines, tt.lines) || total != int64(len(tt.lines)) {
				t.Errorf("lines %v (total %d), want %v", lines, total, tt.lines)
			}
		})
	}
	recs, total, err := st.VoiceRecords(ctx, VoiceSelection{SubscriberID: sub, Types: []string{"VOICE_OUT"}}, 2)
	if err != nil || len(recs) != 2 || total != 5 {
		t.Fatalf("limit: %d of %d, %v", len(recs), total, err)
	}
	r := recs[0]
	if r.Wall != "2024-03-13 21:59:59" || r.Other != "1001" || r.Duration != 60 || r.Cell != "A" || r.CallType != "VOICE_OUT" {
		t.Errorf("first record %+v", r)
	}
	if recs, _, _ := st.VoiceRecords(ctx, VoiceSelection{SubscriberID: sub, Types: []string{"VOICE_OUT"}, Night: &night}, 5); recs[1].Duration != -1 {
		t.Errorf("a missing duration reads %d, want -1", recs[1].Duration)
	}
}
