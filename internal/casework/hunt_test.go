package casework

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
)

// huntGenerated generates a small case with the planted hunt and imports it.
func huntGenerated(t *testing.T) (*store.Store, *gen.Truth) {
	t.Helper()
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Subscribers, cfg.Days, cfg.Records, cfg.VoiceSubscribers, cfg.SimBoxes = 5, 40, 5, 8000, 0, 0
	st, _, truth := casekit.GeneratedCase(t, cfg)
	return st, truth
}

// plantedForm is the hunt the generator planted: its target, its area's
// cells by prefix, its window (the truth's end is exclusive, the form's
// inclusive).
func plantedForm(h *gen.HuntTruth) analysis.HuntForm {
	return analysis.HuntForm{
		Dests: h.DestIP + ":" + strconv.Itoa(h.DestPort),
		Cells: h.CellPrefix + "*",
		From:  h.From.Format("2006-01-02T15:04:05"),
		To:    h.To.Add(-time.Second).Format("2006-01-02T15:04:05"),
	}
}

func members(groups ...[]gen.HuntMember) map[string]int64 {
	out := map[string]int64{}
	for _, g := range groups {
		for _, m := range g {
			out[m.MSISDN] += int64(m.Records)
		}
	}
	return out
}

func found(res *HuntResult) map[string]int64 {
	out := map[string]int64{}
	for _, s := range res.Subscribers {
		out[s.MSISDN] = s.Records
	}
	return out
}

// The planted visitors are found exactly, with their planted record
// counts; each decoy misses one condition and comes back exactly when that
// condition is relaxed.
func TestHuntFindsPlantedVisitors(t *testing.T) {
	st, truth := huntGenerated(t)
	h := truth.Hunt
	ctx := context.Background()
	run := func(f analysis.HuntForm) *HuntResult {
		t.Helper()
		q, err := f.Parse()
		if err != nil {
			t.Fatal(err)
		}
		res, err := Hunt(ctx, st, q)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	d := h.Decoys
	exact := plantedForm(h)
	noWindow := exact
	noWindow.From, noWindow.To = "", ""
	// the planted records outside the window keep 30 minutes away from it
	widened := exact
	widened.From = h.From.Add(-5 * time.Hour).Format("2006-01-02T15:04:05")
	widened.To = h.To.Add(2 * time.Hour).Format("2006-01-02T15:04:05")
	anyCell := exact
	anyCell.Cells = ""
	listedCells := exact
	listedCells.Cells = strings.Join(h.Cells, "\n") // pasted as a column
	anyPort := exact
	anyPort.Dests = h.DestIP
	subnet := exact
	subnet.Dests = "104.198.99.0/24:" + strconv.Itoa(h.DestPort)
	tests := []struct {
		name string
		form analysis.HuntForm
		want map[string]int64
	}{
		{"planted hunt", exact, members(h.Visitors)},
		{"cells listed one by one", listedCells, members(h.Visitors)},
		{"window widened", widened, members(h.Visitors, d.OutsideWindow)},
		{"any cell", anyCell, members(h.Visitors, d.OtherCell)},
		{"any port", anyPort, members(h.Visitors, d.OtherPort)},
		{"the /24", subnet, members(h.Visitors, d.SameSubnet)},
	}
	for _, tt := range tests {
		res := run(tt.form)
		if got := found(res); !mapsEqual(got, tt.want) {
			t.Errorf("%s: found %v, want %v", tt.name, got, tt.want)
		}
	}
	// without a window the target's other traffic (if any) may add records,
	// but never lose a planted one
	all := found(run(noWindow))
	for m, n := range members(h.Visitors, d.OutsideWindow) {
		if all[m] < n {
			t.Errorf("no window: %s has %d records, planted %d", m, all[m], n)
		}
	}
	// every identifier listed is the subscriber's own, every cell is in the area
	res := run(exact)
	subs := map[string]gen.SubscriberTruth{}
	for _, s := range truth.Subscribers {
		subs[s.MSISDN] = s
	}
	for _, s := range res.Subscribers {
		tr := subs[s.MSISDN]
		for _, imei := range s.IMEIs {
			if !slices.Contains(tr.IMEIs, imei) {
				t.Errorf("%s: IMEI %s is not one of %v", s.MSISDN, imei, tr.IMEIs)
			}
		}
		for _, imsi := range s.IMSIs {
			if !slices.Contains(tr.IMSIs, imsi) {
				t.Errorf("%s: IMSI %s is not one of %v", s.MSISDN, imsi, tr.IMSIs)
			}
		}
		for _, c := range s.Cells {
			if !slices.Contains(h.Cells, c) {
				t.Errorf("%s: cell %s is outside the area", s.MSISDN, c)
			}
		}
		if s.First < strings.Replace(exact.From, "T", " ", 1) || s.Last > strings.Replace(exact.To, "T", " ", 1) {
			t.Errorf("%s: %s..%s outside the window", s.MSISDN, s.First, s.Last)
		}
		if !strings.HasPrefix(s.Statement, "MSISDN "+s.MSISDN+" (") || !strings.Contains(s.Statement, h.DestIP+":443") {
			t.Errorf("statement %q", s.Statement)
		}
		// the drill-down lists exactly the row's records
		recs, err := HuntRecords(ctx, st, mustParse(t, exact), s.MSISDN)
		if err != nil || int64(len(recs)) != s.Records {
			t.Errorf("%s: %d records in the drill-down, %d in the row (%v)", s.MSISDN, len(recs), s.Records, err)
		}
	}
}

func mapsEqual(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func mustParse(t *testing.T, f analysis.HuntForm) *analysis.HuntQuery {
	t.Helper()
	q, err := f.Parse()
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// huntStatementRows: the visitor's three records (lines 2, 3 and 5 of the
// file) and a decoy on another port (line 4).
const huntStatementCSV = "MSISDN,IMSI,IMEI,DESTIP,DESTPORT,START,CELL_ID,UPLINK_VOLUME,DOWNLINK_VOLUME\n" +
	"447700900123,234150000000001,356938035643809,104.198.99.79,443,2017-05-02 10:02:11,234-15-101-7,100,1000\n" +
	"447700900123,234150000000001,356938035643809,104.198.99.79,443,2017-05-02 10:30:00,234-15-101-7,200,2000\n" +
	"447700900123,234150000000001,356938035643809,104.198.99.79,80,2017-05-02 10:40:00,234-15-101-7,1,1\n" +
	"447700900123,234150000000001,356938035643809,104.198.99.79,443,2017-05-02 11:45:09,234-15-101-7,300,3000\n"

func TestHuntStatementFromCase(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "export.csv")
	if err := os.WriteFile(path, []byte(huntStatementCSV), 0o644); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(huntStatementCSV))
	st, err := store.Create(filepath.Join(dir, "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	zone, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Import(ctx, []string{path}, store.ImportOptions{Zone: zone}); err != nil {
		t.Fatal(err)
	}
	q := mustParse(t, analysis.HuntForm{Dests: "104.198.99.79:443", Cells: "234-15-101-7", From: "2017-05-02 10:00", To: "2017-05-02 12:00"})
	res, err := Hunt(ctx, st, q)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Subscribers) != 1 || res.Records != 3 || res.Bytes != 6600 {
		t.Fatalf("result %+v", res)
	}
	want := "MSISDN 447700900123 (IMSI 234150000000001, IMEI 356938035643809) connected to 104.198.99.79:443 3 times " +
		"from cell 234-15-101-7 between 2017-05-02 10:02:11 and 2017-05-02 11:45:09 " +
		"(wall clock of the evidence, Europe/London, UTC+01:00), exchanging 6,600 bytes " +
		"(source " + path + ", SHA-256 " + hex.EncodeToString(sum[:]) + ", lines 2-3, 5)."
	if got := res.Subscribers[0].Statement; got != want {
		t.Errorf("statement\n got %s\nwant %s", got, want)
	}
	if res.Description != "to 104.198.99.79:443, from cell 234-15-101-7, between 2017-05-02 10:00:00 and 2017-05-02 12:00:59" {
		t.Errorf("description %q", res.Description)
	}

	// export: the report holds the statement, the CSVs a header and one
	// row per subscriber and per record
	at := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	paths, err := ExportHunt(ctx, st, q, res, filepath.Join(dir, "exports"), at)
	if err != nil {
		t.Fatal(err)
	}
	read := func(p string) string {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if report := read(paths[0]); !strings.Contains(report, "\n1. "+want+"\n") || !strings.Contains(report, "Found: 1 subscriber, 3 records, 6,600 bytes.") {
		t.Errorf("report:\n%s", report)
	}
	// each CSV says what it is in "# " lines: the case, its source's
	// SHA-256, the hunt
	data := func(p string) string {
		var keep []string
		for _, l := range strings.SplitAfter(read(p), "\n") {
			if !strings.HasPrefix(l, "# ") {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "")
	}
	for _, p := range paths[1:] {
		if text := read(p); !strings.Contains(text, "# case: "+st.Path()+"\n") || !strings.Contains(text, "# hunt: "+res.Description+"\n") || !strings.Contains(text, "# source: ") {
			t.Errorf("%s does not say what it is:\n%s", p, text)
		}
	}
	if n := strings.Count(data(paths[1]), "\n"); n != 2 {
		t.Errorf("subscribers CSV has %d lines, want 2", n)
	}
	records := data(paths[2])
	if n := strings.Count(records, "\n"); n != 4 {
		t.Errorf("records CSV has %d lines, want 4:\n%s", n, records)
	}
	if !strings.Contains(records, "447700900123,234150000000001,356938035643809,104.198.99.79:443,2017-05-02 10:30:00,3600,Europe/London,234-15-101-7,2200,"+path) {
		t.Errorf("records CSV:\n%s", records)
	}
}

func TestSavedHuntRerun(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "a.csv")
	second := filepath.Join(dir, "b.csv")
	lines := strings.SplitAfter(huntStatementCSV, "\n")
	header := lines[0]
	os.WriteFile(first, []byte(header+lines[1]), 0o644)
	os.WriteFile(second, []byte(header+lines[2]+lines[4]), 0o644)
	st, err := store.Create(filepath.Join(dir, "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if _, err := st.Import(ctx, []string{first}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	q := mustParse(t, analysis.HuntForm{Dests: " 104.198.99.79 ", Ports: "443", From: "2 May 2017"})
	res, err := Hunt(ctx, st, q)
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	if err := SaveHunt(ctx, st, "blue whale", res, t0); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Import(ctx, []string{second}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	again, err := RerunHunt(ctx, st, "blue whale", t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	s := again.Saved
	if s == nil || s.PreviousRecords != 1 || s.PreviousSubscribers != 1 || again.Records != 3 || !s.Changed(again) || !s.Recorded {
		t.Fatalf("rerun %+v saved %+v", again, s)
	}
	if again.Query != res.Query || again.Query.From != "2017-05-02 00:00:00" {
		t.Errorf("rerun read the query as %+v, saved %+v", again.Query, res.Query)
	}
	views, err := SavedHunts(ctx, st)
	if err != nil || len(views) != 1 || views[0].Records != 3 || views[0].Description != "to 104.198.99.79 on port 443, from 2017-05-02 00:00:00 on" {
		t.Errorf("saved hunts %+v %v", views, err)
	}
	if _, err := RerunHunt(ctx, st, "nothing", t0); err == nil {
		t.Error("rerun of an unknown hunt")
	}
}

// Rows named a few at a time give the same result as all at once.
func TestHuntBatchesAgree(t *testing.T) {
	st, truth := huntGenerated(t)
	ctx := context.Background()
	q := mustParse(t, analysis.HuntForm{Cells: truth.Hunt.CellPrefix + "*"}) // the area: many subscribers and sources
	whole, err := huntInBatches(ctx, st, q, store.HuntScanOptions{}, 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	small, err := huntInBatches(ctx, st, q, store.HuntScanOptions{}, 7)
	if err != nil {
		t.Fatal(err)
	}
	if whole.Records < 100 || len(whole.Subscribers) < 5 {
		t.Fatalf("the area hunt found only %d records, %d subscribers", whole.Records, len(whole.Subscribers))
	}
	a, _ := json.Marshal(whole)
	b, _ := json.Marshal(small)
	if string(a) != string(b) {
		t.Errorf("batches of 7 differ from one batch")
	}
}
