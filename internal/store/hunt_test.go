package store

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
)

// huntFixtureHeader is an operator export layout the importer reads.
const huntFixtureHeader = "Start Time,Subscriber Number,IMSI,IMEI,Destination IP Address,Dest Port,Cell Global Identity,Bytes Uplink,Bytes Downlink\n"

// huntFixture is the Blue Whale case: who reached 104.198.99.79:443 from
// cells 234-15-101-* between 2017-05-02 10:00 and 12:00 (to the minute, so
// up to 12:00:59). The comment after each row says why it is there; the
// file's line number is the row's index + 2.
var huntFixture = []string{
	"2017-05-02 10:02:11,447700900001,234150000000001,356938035643801,104.198.99.79,443,234-15-101-7,100,900", // 2 A visitor
	"2017-05-02 10:30:00,447700900001,234150000000001,356938035643801,104.198.99.79,443,234-15-101-7,100,900", // 3 A visitor
	"2017-05-02 10:31:00,447700900001,234150000000001,356938035643801,104.198.99.79,443,234-15-101-7,100,900", // 4 A visitor
	"2017-05-02 12:00:59,447700900002,234150000000002,356938035643802,104.198.99.79,443,234-15-101-8,50,50",   // 5 B visitor, last second
	"2017-05-02 09:59:59,447700900003,234150000000003,356938035643803,104.198.99.79,443,234-15-101-7,1,1",     // 6 C decoy: before the window
	"2017-05-02 12:01:00,447700900003,234150000000003,356938035643803,104.198.99.79,443,234-15-101-7,1,1",     // 7 C decoy: after the window
	"2017-05-02 10:40:00,447700900004,234150000000004,356938035643804,104.198.99.79,443,234-15-102-1,1,1",     // 8 D decoy: another cell
	"2017-05-02 10:40:00,447700900005,234150000000005,356938035643805,104.198.99.79,80,234-15-101-7,1,1",      // 9 E decoy: same IP, other port
	"2017-05-02 10:40:00,447700900006,234150000000006,356938035643806,104.198.99.80,443,234-15-101-7,1,1",     // 10 F decoy: same subnet, other IP
	"2017-05-02 10:40:00,447700900007,234150000000007,356938035643807,104.199.99.79,443,234-15-101-7,1,1",     // 11 G decoy: next /16
	"2017-05-02 10:40:00,447700900008,234150000000008,356938035643808,104.19.99.79,443,234-15-101-7,1,1",      // 12 H: 104.19/16 (a text prefix of 104.198)
	"2017-05-02 10:40:00,447700900009,234150000000009,356938035643809,104.198.99.79,443,,1,1",                 // 13 I decoy: no cell
	"2017-05-02 10:45:00,447700900001,234150000000001,356938035643801,104.198.99.79,443,234-15-101-7,,",       // 14 A visitor, no volume
	"2017-05-02 10:40:00,447700900010,234150000000010,356938035643810,2001:db8::1,443,234-15-101-7,1,1",       // 15 J IPv6
	"2017-05-02 10:40:00,447700900013,234150000000013,356938035643813,104.198.111.255,443,234-15-101-7,1,1",   // 16 M in 104.198.96.0/20
	"2017-05-02 10:40:00,447700900014,234150000000014,356938035643814,104.198.112.0,443,234-15-101-7,1,1",     // 17 N just above the /20
	"2017-05-02 10:40:00,447700900015,234150000000015,356938035643815,104.198.95.255,443,234-15-101-7,1,1",    // 18 O just below the /20
	"2017-05-02 10:41:00,447700900002,234150000000002,356938035643899,104.198.99.79,443,234-15-101-70,50,50",  // 19 B again, new handset, cell 70
}

// huntLondon is evidence read in Europe/London (UTC+01:00 in May): the
// window applies to its wall clock, not to UTC.
var huntLondon = []string{
	"2017-05-02 10:15:00,447700900012,234150000000012,356938035643812,104.198.99.79,443,234-15-101-7,10,10", // 2 L visitor: 09:15 UTC
	"2017-05-02 12:30:00,447700900011,234150000000011,356938035643811,104.198.99.79,443,234-15-101-7,10,10", // 3 K decoy: 11:30 UTC, but 12:30 on its clock
}

func huntCase(t *testing.T) *Store {
	t.Helper()
	dir := t.TempDir()
	plain := filepath.Join(dir, "export.csv")
	london := filepath.Join(dir, "london.csv")
	write := func(path string, rows []string) {
		if err := os.WriteFile(path, []byte(huntFixtureHeader+strings.Join(rows, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(plain, huntFixture)
	write(london, huntLondon)
	st, err := Create(filepath.Join(dir, "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ctx := context.Background()
	if res, err := st.Import(ctx, []string{plain}, ImportOptions{}); err != nil || res[0].Error != "" || res[0].Rows != int64(len(huntFixture)) {
		t.Fatalf("import: %+v %v", res, err)
	}
	zone, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	if res, err := st.Import(ctx, []string{london}, ImportOptions{Zone: zone}); err != nil || res[0].Error != "" || res[0].Rows != 2 {
		t.Fatalf("import: %+v %v", res, err)
	}
	return st
}

// huntHits runs a hunt and returns "MSISDN@file:line" for every row.
func huntHits(t *testing.T, st *Store, f analysis.HuntForm, opts HuntScanOptions) ([]string, HuntStats) {
	t.Helper()
	q, err := f.Parse()
	if err != nil {
		t.Fatal(err)
	}
	var rows []HuntRow
	stats, err := st.HuntScan(context.Background(), q, opts, func(r HuntRow) error { rows = append(rows, r); return nil })
	if err != nil {
		t.Fatal(err)
	}
	names, err := st.HuntNames(context.Background(), rows)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		rec := names.Record(r)
		out = append(out, rec.MSISDN+"@"+filepath.Base(rec.Source.Path)+":"+strconv.FormatInt(rec.Line, 10))
	}
	slices.Sort(out)
	return out, stats
}

func TestHuntScanFixture(t *testing.T) {
	st := huntCase(t)
	window := func(f analysis.HuntForm) analysis.HuntForm {
		f.Cells, f.From, f.To = "234-15-101-*", "2017-05-02 10:00", "2017-05-02 12:00"
		return f
	}
	visitors := []string{"447700900001@export.csv:14", "447700900001@export.csv:2", "447700900001@export.csv:3", "447700900001@export.csv:4",
		"447700900002@export.csv:19", "447700900002@export.csv:5", "447700900012@london.csv:2"}
	tests := []struct {
		name   string
		form   analysis.HuntForm
		want   []string
		access string
	}{
		{"Blue Whale: decoys left out", window(analysis.HuntForm{Dests: "104.198.99.79:443"}), visitors, "destination index"},
		{"exact cells: 234-15-101-70 is not 234-15-101-7", analysis.HuntForm{Dests: "104.198.99.79:443", Cells: "234-15-101-7", From: "2017-05-02 10:00", To: "2017-05-02 12:00"},
			[]string{"447700900001@export.csv:14", "447700900001@export.csv:2", "447700900001@export.csv:3", "447700900001@export.csv:4", "447700900012@london.csv:2"}, "destination index"},
		{"port in its own field", window(analysis.HuntForm{Dests: "104.198.99.79", Ports: "443"}), visitors, "destination index"},
		{"/24 takes in the same subnet", window(analysis.HuntForm{Dests: "104.198.99.0/24:443"}),
			append(slices.Clone(visitors), "447700900006@export.csv:10"), "destination index"},
		{"/20 between octets", window(analysis.HuntForm{Dests: "104.198.96.0/20", Ports: "443"}),
			append(slices.Clone(visitors), "447700900006@export.csv:10", "447700900013@export.csv:16"), "destination index"},
		{"104.19.0.0/16 is not 104.198", analysis.HuntForm{Dests: "104.19.0.0/16"}, []string{"447700900008@export.csv:12"}, "destination index"},
		{"/15 takes 104.198 and 104.199", analysis.HuntForm{Dests: "104.198.0.0/15:443", Cells: "234-15-101-7", From: "2017-05-02 10:40", To: "2017-05-02 10:40"},
			[]string{"447700900006@export.csv:10", "447700900007@export.csv:11", "447700900013@export.csv:16", "447700900014@export.csv:17", "447700900015@export.csv:18"}, "destination index"},
		{"no window, no cell: every record to the target and port", analysis.HuntForm{Dests: "104.198.99.79:443"},
			[]string{"447700900001@export.csv:14", "447700900001@export.csv:2", "447700900001@export.csv:3", "447700900001@export.csv:4",
				"447700900002@export.csv:19", "447700900002@export.csv:5", "447700900003@export.csv:6", "447700900003@export.csv:7",
				"447700900004@export.csv:8", "447700900009@export.csv:13", "447700900011@london.csv:3", "447700900012@london.csv:2"}, "destination index"},
		{"port alone", analysis.HuntForm{Ports: "80"}, []string{"447700900005@export.csv:9"}, "port index"},
		{"cell alone", analysis.HuntForm{Cells: "234-15-102-1"}, []string{"447700900004@export.csv:8"}, "subscriber index over the subscribers seen in the cells"},
		{"IPv6 network", analysis.HuntForm{Dests: "2001:db8::/32"}, []string{"447700900010@export.csv:15"}, "destination index"},
		{"IPv6 address and port", analysis.HuntForm{Dests: "[2001:db8::1]:443"}, []string{"447700900010@export.csv:15"}, "destination index"},
		{"::/0 with a cell narrows by cell", analysis.HuntForm{Dests: "::/0", Cells: "234-15-101-7"}, []string{"447700900010@export.csv:15"}, "subscriber index over the subscribers seen in the cells"},
		{"0.0.0.0/0 with a port narrows by port", analysis.HuntForm{Dests: "0.0.0.0/0", Ports: "80"}, []string{"447700900005@export.csv:9"}, "port index"},
		{"0.0.0.0/0 alone scans", analysis.HuntForm{Dests: "0.0.0.0/0", From: "2017-05-02 10:45", To: "2017-05-02 10:45"}, []string{"447700900001@export.csv:14"}, "full scan (nothing in the hunt narrows it)"},
		{"overlapping destinations count once", analysis.HuntForm{Dests: "104.198.99.79:443, 104.198.99.0/24, 104.198.99.79", Cells: "234-15-101-7", From: "2017-05-02 10:02:11", To: "2017-05-02 10:02:11"},
			[]string{"447700900001@export.csv:2"}, "destination index"},
	}
	for _, tt := range tests {
		slices.Sort(tt.want)
		got, stats := huntHits(t, st, tt.form, HuntScanOptions{})
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s:\n got %v\nwant %v", tt.name, got, tt.want)
		}
		if stats.Access != tt.access {
			t.Errorf("%s: answered by %q, want %q", tt.name, stats.Access, tt.access)
		}
		full, _ := huntHits(t, st, tt.form, HuntScanOptions{FullScan: true})
		if !slices.Equal(full, tt.want) {
			t.Errorf("%s (full scan):\n got %v\nwant %v", tt.name, full, tt.want)
		}
	}
}

func TestHuntScanCells(t *testing.T) {
	st := huntCase(t)
	q, err := analysis.HuntForm{Dests: "104.198.99.79", Cells: "234-15-999-9, 234-15-101-7, 234-15-777-*"}.Parse()
	if err != nil {
		t.Fatal(err)
	}
	stats, err := st.HuntScan(context.Background(), q, HuntScanOptions{}, func(HuntRow) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	// a prefix matching nothing is not "unknown": it names no cell exactly
	if !slices.Equal(stats.UnknownCells, []string{"234-15-999-9"}) || stats.CellsMatched != 1 {
		t.Errorf("unknown %v, matched %d", stats.UnknownCells, stats.CellsMatched)
	}
	q.Cells = q.Cells[:1]
	n := 0
	stats, err = st.HuntScan(context.Background(), q, HuntScanOptions{}, func(HuntRow) error { n++; return nil })
	if err != nil || n != 0 || stats.Access != "none: no cell of the case matches" {
		t.Errorf("only unknown cells: %d rows, %+v, %v", n, stats, err)
	}
}

// One subscriber's records, as the drill-down reads them.
func TestHuntScanOneSubscriber(t *testing.T) {
	st := huntCase(t)
	id, err := st.SubscriberID(context.Background(), "447700900002")
	if err != nil {
		t.Fatal(err)
	}
	got, stats := huntHits(t, st, analysis.HuntForm{Dests: "104.198.99.79:443", Cells: "234-15-101-*", From: "2017-05-02 10:00", To: "2017-05-02 12:00"},
		HuntScanOptions{Subscriber: id})
	if want := []string{"447700900002@export.csv:19", "447700900002@export.csv:5"}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if stats.Access != "subscriber index (one subscriber)" {
		t.Errorf("access %q", stats.Access)
	}
}

// SQLite answers the probes with the index each was written for.
func TestHuntPlanUsesIndexes(t *testing.T) {
	st := huntCase(t)
	tests := []struct {
		form  analysis.HuntForm
		index string
	}{
		{analysis.HuntForm{Dests: "104.198.99.79:443", From: "2017-05-02", To: "2017-05-02"}, "ipdr_by_dest (dest_hi=? AND dest_lo=? AND dest_port=? AND start>? AND start<?)"},
		{analysis.HuntForm{Dests: "104.198.96.0/20", Ports: "443", From: "2017-05-02"}, "ipdr_by_dest (dest_hi>? AND dest_hi<?)"},
		// a network in an area keeps to the destination index: reading the
		// cells' records in the window (ipdr_by_cell) is what made the
		// network hunt of the 10M case take 50 ms
		{analysis.HuntForm{Dests: "104.198.96.0/20", Ports: "443", Cells: "234-15-101-*", From: "2017-05-02", To: "2017-05-02"}, "ipdr_by_dest (dest_hi>? AND dest_hi<?)"},
		{analysis.HuntForm{Dests: "104.198.99.79:443", Cells: "234-15-101-*", From: "2017-05-02", To: "2017-05-02"}, "ipdr_by_dest (dest_hi=? AND dest_lo=? AND dest_port=? AND start>? AND start<?)"},
		{analysis.HuntForm{Dests: "[2001:db8::1]:443", From: "2017-05-02"}, "ipdr_by_dest (dest_hi=? AND dest_lo=? AND dest_port=? AND start>?)"},
		{analysis.HuntForm{Dests: "2001:db8::/32", From: "2017-05-02"}, "ipdr_by_dest (dest_hi>? AND dest_hi<?)"},
		{analysis.HuntForm{Ports: "443", From: "2017-05-02", To: "2017-05-02"}, "ipdr_by_port (dest_port=? AND start>? AND start<?)"},
		// a hunt by cells alone is a tower dump: read by cell and time
		// through ipdr_by_cell (0013), as cdrtui scenes reads it
		{analysis.HuntForm{Cells: "234-15-101-7", From: "2017-05-02"}, "ipdr_by_cell (cell_id=? AND start>?)"},
	}
	for _, tt := range tests {
		q, err := tt.form.Parse()
		if err != nil {
			t.Fatal(err)
		}
		cells, _, err := st.resolveHuntCells(context.Background(), q.Cells)
		if err != nil {
			t.Fatal(err)
		}
		if len(q.Cells) == 0 {
			cells = nil
		}
		plan := planHunt(q, cells, HuntScanOptions{})
		for _, p := range plan.probes {
			rows, err := st.DB().Query("EXPLAIN QUERY PLAN SELECT "+huntColumns+" FROM "+plan.from+" WHERE "+p.where, p.args...)
			if err != nil {
				t.Fatal(err)
			}
			var details []string
			for rows.Next() {
				var id, parent, unused int
				var detail string
				if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
					t.Fatal(err)
				}
				details = append(details, detail)
			}
			rows.Close()
			if !strings.Contains(strings.Join(details, "\n"), tt.index) {
				t.Errorf("%+v: plan\n%s\nwant %s", tt.form, strings.Join(details, "\n"), tt.index)
			}
		}
	}
}

func TestPrefixUpperBound(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"234-15-", "234-15.", true},
		{"a\xff", "b", true},
		{"\xff\xff", "", false},
	}
	for _, tt := range tests {
		got, ok := prefixUpperBound(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("prefixUpperBound(%q) = %q, %v", tt.in, got, ok)
		}
	}
}

func TestSavedHunts(t *testing.T) {
	st := huntCase(t)
	ctx := context.Background()
	t0 := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	if err := st.SaveHunt(ctx, "blue whale", `{"destinations":"104.198.99.79:443"}`, 3, 7, t0); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveHunt(ctx, "vpn", `{"ports":"1194"}`, 0, 0, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := st.RecordHuntRun(ctx, "blue whale", 4, 9, t0.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	hs, err := st.SavedHunts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != 2 || hs[0].Name != "blue whale" || hs[0].Subscribers != 4 || hs[0].Records != 9 ||
		hs[0].CreatedAt != t0.Unix() || hs[0].RanAt != t0.Add(2*time.Hour).Unix() || hs[1].Name != "vpn" {
		t.Errorf("saved hunts %+v", hs)
	}
	// saving again under the same name replaces the query, keeps the creation time
	if err := st.SaveHunt(ctx, "blue whale", `{"destinations":"104.198.99.0/24"}`, 5, 11, t0.Add(3*time.Hour)); err != nil {
		t.Fatal(err)
	}
	h, err := st.SavedHunt(ctx, "blue whale")
	if err != nil || h.Query != `{"destinations":"104.198.99.0/24"}` || h.CreatedAt != t0.Unix() || h.Records != 11 {
		t.Errorf("after replace: %+v %v", h, err)
	}
	if err := st.DeleteHunt(ctx, "vpn"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SavedHunt(ctx, "vpn"); err == nil {
		t.Error("deleted hunt still there")
	}
	if err := st.RecordHuntRun(ctx, "vpn", 1, 1, t0); err == nil {
		t.Error("rerun of a deleted hunt recorded")
	}
	if err := st.SaveHunt(ctx, "  ", "{}", 0, 0, t0); err == nil {
		t.Error("hunt saved without a name")
	}
}
