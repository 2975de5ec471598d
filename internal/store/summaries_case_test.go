package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/gen"
)

// The references below read the records themselves, in Go, and compute
// what each summary should say: none of them goes through the summaries,
// the aggregates or the SQL that answers from them.

// refHours is the data records per wall hour of the selected ports (nil:
// every port; -1 stands for "none given"), from the records.
func refHours(t *testing.T, st *Store, ports map[int64]bool) map[int64]int64 {
	t.Helper()
	rows, err := st.DB().Query("SELECT coalesce(dest_port, -1), start, wall_offset FROM ipdr")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var port, start, off int64
		if err := rows.Scan(&port, &start, &off); err != nil {
			t.Fatal(err)
		}
		if ports != nil && !ports[port] {
			continue
		}
		wall := start + off
		h := wall / 3600
		if wall%3600 != 0 && wall < 0 {
			h--
		}
		out[h]++
	}
	return out
}

func hoursOf(t *testing.T, st *Store, sel DataSelection) map[int64]int64 {
	t.Helper()
	hs, err := st.WallHourCounts(context.Background(), sel)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]int64{}
	for _, h := range hs {
		out[h.WallHour] += h.Count
	}
	return out
}

// refSIM is SIM-box's per-SIM features from the voice records, night
// being the wall-clock seconds of the day in [from, to) (wrapping).
func refSIM(t *testing.T, st *Store, night analysis.ClockWindow) []analysis.SIMActivity {
	t.Helper()
	rows, err := st.DB().Query(`SELECT v.subscriber_id, s.msisdn, v.call_type, coalesce(v.other, ''), coalesce(v.other_key, ''), v.start, v.wall_offset, v.duration
		FROM voice v JOIN subscribers s ON s.id = v.subscriber_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	type acc struct {
		a                   analysis.SIMActivity
		called, nightCalled map[string]bool
		days                map[int64]bool
	}
	by := map[int64]*acc{}
	for rows.Next() {
		var sub, start, off int64
		var msisdn, typ, other, key string
		var dur *int64
		if err := rows.Scan(&sub, &msisdn, &typ, &other, &key, &start, &off, &dur); err != nil {
			t.Fatal(err)
		}
		x := by[sub]
		if x == nil {
			x = &acc{a: analysis.SIMActivity{SubscriberID: sub, MSISDN: msisdn}, called: map[string]bool{}, nightCalled: map[string]bool{}, days: map[int64]bool{}}
			by[sub] = x
		}
		wall := start + off + 400_000*86400 // positive for any plausible clock
		x.days[wall/86400] = true
		x.a.Records++
		inNight := night.Contains(wall % 86400)
		switch typ {
		case "VOICE_OUT":
			x.a.VoiceOut++
			if key == "" {
				key = other
			}
			if other != "" {
				x.called[key] = true
				if inNight {
					x.nightCalled[key] = true
				}
			}
			if inNight {
				x.a.NightCalls++
			}
			if dur != nil {
				x.a.DurationSum += *dur
				x.a.DurationCalls++
			}
		case "VOICE_IN":
			x.a.VoiceIn++
		case "SMS_OUT":
			x.a.SMSOut++
		case "SMS_IN":
			x.a.SMSIn++
		}
	}
	var out []analysis.SIMActivity
	for _, x := range by {
		x.a.DistinctCalled, x.a.NightDistinct, x.a.ActiveDays = int64(len(x.called)), int64(len(x.nightCalled)), int64(len(x.days))
		out = append(out, x.a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SubscriberID < out[j].SubscriberID })
	return out
}

// simOf is SimBoxActivity without the cells (compared elsewhere).
func simOf(t *testing.T, st *Store, night analysis.ClockWindow) []analysis.SIMActivity {
	t.Helper()
	acts, err := st.SimBoxActivity(context.Background(), night)
	if err != nil {
		t.Fatal(err)
	}
	for i := range acts {
		acts[i].Cells = nil
	}
	return acts
}

var nights = []analysis.ClockWindow{{From: 22 * 3600, To: 6 * 3600}, {From: 0, To: 5 * 3600}, {From: 9 * 3600, To: 17 * 3600}}

// checkSummaries compares every summary answer with its reference from
// the records.
func checkSummaries(t *testing.T, st *Store, what string) {
	t.Helper()
	if got, want := hoursOf(t, st, DataSelection{}), refHours(t, st, nil); !reflect.DeepEqual(got, want) {
		t.Errorf("%s: whole-case hours differ from the records (%d hours against %d)", what, len(got), len(want))
	}
	sel := DataSelection{ByPort: true, Ports: [][2]int{{443, 443}, {5222, 5228}}, NoPort: true}
	if got, want := hoursOf(t, st, sel), refHours(t, st, map[int64]bool{443: true, 5222: true, 5223: true, 5224: true, 5225: true, 5226: true, 5227: true, 5228: true, -1: true}); !reflect.DeepEqual(got, want) {
		t.Errorf("%s: hours of ports 443, 5222-5228 and none differ from the records", what)
	}
	for _, n := range nights {
		got, want := simOf(t, st, n), refSIM(t, st, n)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: SIM features with night %v differ from the records:\n got %+v\nwant %+v", what, n, head(got), head(want))
		}
	}
	for _, q := range []string{"SELECT count(*) FROM port_hours WHERE records <= 0", "SELECT count(*) FROM sim_called WHERE calls <= 0",
		"SELECT count(*) FROM sim_days WHERE records <= 0", "SELECT count(*) FROM sim_voice WHERE records <= 0"} {
		if n := count(t, st, q); n != 0 {
			t.Errorf("%s: %s = %d", what, q, n)
		}
	}
}

func head(a []analysis.SIMActivity) []analysis.SIMActivity {
	return a[:min(len(a), 3)]
}

func generated(t *testing.T, seed int64) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "evidence")
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Subscribers, cfg.Days, cfg.Records, cfg.VoiceSubscribers, cfg.SimBoxes = seed, 60, 5, 20_000, 40, 4
	if _, err := gen.Generate(dir, cfg); err != nil {
		t.Fatal(err)
	}
	return dir
}

// On a generated case (data, calls, SIM-boxes planted) the trends' hours
// and the SIM-box features answered from the summaries equal what the
// records give, for every night window.
func TestCaseSummariesEqualTheRecords(t *testing.T) {
	st := openTemp(t)
	if _, err := st.Import(context.Background(), []string{generated(t, 5)}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if n := count(t, st, "SELECT count(*) FROM sim_voice"); n == 0 {
		t.Fatal("no SIM summary: the case has no calls?")
	}
	checkSummaries(t, st, "generated case")
}

// A hand-made CDR whose every feature is counted by hand: two SIMs, calls
// in and out, one number written two ways (the same key), a call at night,
// an SMS, a call naming no number.
func TestSIMSummaryOnAHandMadeFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cdr.csv")
	body := `Target No,Call Type,B Party No,Date,Time,Dur(s)
919812345678,MO,919900000001,23/08/2025,23:10:00,60
919812345678,MO,+91 99000 00001,24/08/2025,10:00:00,30
919812345678,MO,919900000002,24/08/2025,11:00:00,
919812345678,MT,919900000003,24/08/2025,12:00:00,20
919812345678,SMO,919900000004,25/08/2025,02:30:00,
919812345678,MO,,25/08/2025,03:00:00,5
919800000009,MT,919812345678,24/08/2025,10:00:00,30
`
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	st := openTemp(t)
	if res := importOne(t, st, path, ImportOptions{}); res.Error != "" || res.Rows != 7 {
		t.Fatalf("import: %+v", res)
	}
	acts := simOf(t, st, analysis.ClockWindow{From: 22 * 3600, To: 6 * 3600})
	if len(acts) != 2 {
		t.Fatalf("%d SIMs: %+v", len(acts), acts)
	}
	a := acts[0]
	if a.MSISDN != "919812345678" {
		a = acts[1]
	}
	// out: 4 calls (two to one key, one to ...02, one naming none); in 1;
	// SMS out 1; 6 records; numbers called 2; at night (22-06): the 23:10
	// call and the 03:00 one, of which one names a number; 3 days;
	// durations 60+30+5 over 3 calls that give one.
	want := analysis.SIMActivity{SubscriberID: a.SubscriberID, MSISDN: "919812345678", VoiceOut: 4, VoiceIn: 1, SMSOut: 1, SMSIn: 0, Records: 6,
		DistinctCalled: 2, NightCalls: 2, NightDistinct: 1, ActiveDays: 3, DurationSum: 95, DurationCalls: 3}
	if !reflect.DeepEqual(a, want) {
		t.Errorf("SIM features\n got %+v\nwant %+v", a, want)
	}
	checkSummaries(t, st, "hand-made CDR")
}

// A second import overlapping the first (the same export cut differently,
// with records of its own) drops the records the case holds, and the
// summaries count them once.
func TestCaseSummariesAfterAnOverlappingImport(t *testing.T) {
	dir := generated(t, 7)
	st := openTemp(t)
	if _, err := st.Import(context.Background(), []string{dir}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	second := filepath.Join(t.TempDir(), "second")
	os.Mkdir(second, 0o755)
	repeated := 0
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil || !strings.HasSuffix(e.Name(), "ipdr.csv") && e.Name() != gen.FileVoice {
			continue
		}
		// the same export re-saved with CRLF endings, its last half only,
		// with a line of its own appended: mostly records already in
		lines := strings.SplitAfter(string(data), "\n")
		keep := len(lines) / 2
		var b strings.Builder
		for i, l := range lines {
			if i > 3 && i < keep { // the header (and a preamble) kept
				continue
			}
			b.WriteString(strings.TrimSuffix(l, "\n") + "\r\n")
			repeated++
		}
		os.WriteFile(filepath.Join(second, e.Name()), []byte(b.String()), 0o644)
	}
	// and another request's exports: records new to the case
	others := generated(t, 8)
	more, _ := os.ReadDir(others)
	for _, e := range more {
		if data, err := os.ReadFile(filepath.Join(others, e.Name())); err == nil && (strings.HasSuffix(e.Name(), "ipdr.csv") || e.Name() == gen.FileVoice) {
			os.WriteFile(filepath.Join(second, "other-"+e.Name()), data, 0o644)
		}
	}
	before := count(t, st, "SELECT count(*) FROM ipdr") + count(t, st, "SELECT count(*) FROM voice")
	res, err := st.Import(context.Background(), []string{second}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var already int64
	for _, r := range res {
		already += r.AlreadyInCase
	}
	after := count(t, st, "SELECT count(*) FROM ipdr") + count(t, st, "SELECT count(*) FROM voice")
	if already == 0 || after == before {
		t.Fatalf("the second import repeated no record, or added none: %+v", res)
	}
	for _, r := range res {
		t.Logf("%s %s rows %d already %d", r.Path, r.Kind, r.Rows, r.AlreadyInCase)
	}
	t.Logf("second import: %d lines, %d already in the case, records %d -> %d", repeated, already, before, after)
	checkSummaries(t, st, "after an overlapping import")
}

// summarySnapshot is every row of the summaries, for comparison.
func summarySnapshot(t *testing.T, st *Store) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{"SELECT dest_port, wall_hour, records FROM port_hours ORDER BY 1, 2",
		"SELECT * FROM sim_voice ORDER BY 1", "SELECT * FROM sim_called ORDER BY 1, 2", "SELECT * FROM sim_days ORDER BY 1, 2"} {
		rows, err := st.DB().Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			rows.Scan(ptrs...)
			fmt.Fprintln(&b, vals...)
		}
		rows.Close()
	}
	return b.String()
}

// An import interrupted part-way leaves the summaries as they were.
func TestCaseSummariesAfterAnInterruptedImport(t *testing.T) {
	st := openTemp(t)
	if _, err := st.Import(context.Background(), []string{generated(t, 9)}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	before := summarySnapshot(t, st)
	path := filepath.Join(t.TempDir(), "by-time.csv")
	// 60,000 rows, at the real bulk threshold (writeTimeOrderedFile's
	// 6,000 would not take the bulk path into this case)
	writeTimeOrderedRows(t, path, time.Date(2024, 3, 18, 0, 0, 0, 0, time.UTC), 10_000, 60_000)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := st.Import(ctx, []string{path}, ImportOptions{Progress: func(p Progress) {
		if p.Rows > 30_000 {
			cancel()
		}
	}})
	if err == nil {
		t.Fatal("the import was not interrupted")
	}
	if after := summarySnapshot(t, st); after != before {
		t.Error("the summaries changed after an interrupted import")
	}
	checkSummaries(t, st, "after an interrupted import")
}

// A case made before the summaries (schema 13) gets them built from its
// records when it is opened for writing (the migration builds them once).
func TestCaseSummariesBuiltByTheMigration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "case.db")
	st, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Import(context.Background(), []string{generated(t, 11)}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	// back to schema 13: no summaries (and none of the later migrations)
	unkeyIPs(t, st)
	for _, q := range []string{"DROP TABLE port_hours", "DROP TABLE sim_voice", "DROP TABLE sim_called", "DROP TABLE sim_days"} {
		if _, err := st.DB().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	setVersionBefore(t, st, "case_summaries.sql")
	st.Close()
	if _, err := OpenReadOnly(path); err == nil || !strings.Contains(err.Error(), "upgrade") {
		t.Errorf("a read-only opening of the old case: %v; want it to name the upgrade", err)
	}
	st, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if n := count(t, st, "SELECT count(*) FROM port_hours"); n == 0 {
		t.Fatal("the migration built no port_hours")
	}
	checkSummaries(t, st, "after the migration")
}
