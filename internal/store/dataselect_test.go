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

// selectionCase imports six records of two subscribers: A on 5222 (twice),
// 5223, 443 and a record without a port; B on 5222 on the evening of
// 1969-12-31 (a handset clock reset).
func selectionCase(t *testing.T) (*Store, int64, int64) {
	t.Helper()
	dir := t.TempDir()
	body := "MSISDN,DESTIP,DESTPORT,START,CELL_ID\n" +
		"919800000001,157.240.1.1,5222,2018-06-03 02:59:59,C1\n" +
		"919800000001,157.240.1.1,5222,2018-06-03 03:00:00,C1\n" +
		"919800000001,157.240.1.2,5223,2018-06-03 23:59:59,C2\n" +
		"919800000001,142.250.1.1,443,2018-06-04 10:00:00,C2\n" +
		"919800000001,142.250.1.1,,2018-06-04 11:00:00,C2\n" +
		"919800000002,157.240.1.9,5222,1969-12-31 23:30:00,C1\n"
	path := filepath.Join(dir, "ipdr.csv")
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := Create(filepath.Join(dir, "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	res, err := st.Import(context.Background(), []string{path}, ImportOptions{})
	if err != nil || res[0].Error != "" || res[0].Rows != 6 {
		t.Fatalf("import: %v %+v", err, res)
	}
	a, _ := st.SubscriberID(context.Background(), "919800000001")
	b, _ := st.SubscriberID(context.Background(), "919800000002")
	return st, a, b
}

func TestDataSelection(t *testing.T) {
	st, a, b := selectionCase(t)
	ctx := context.Background()
	hour := func(text string) int64 {
		w, err := time.Parse(analysis.WallLayout, text)
		if err != nil {
			t.Fatal(err)
		}
		return analysis.WallHourOf(analysis.Moment{Unix: w.Unix()})
	}
	cases := []struct {
		name  string
		sel   DataSelection
		count int64
		hours []analysis.HourCount
	}{
		{"everything", DataSelection{}, 6, nil},
		{"A on 5222-5223", DataSelection{Subscribers: []int64{a}, ByPort: true, Ports: [][2]int{{5222, 5223}}}, 3, []analysis.HourCount{
			{WallHour: hour("2018-06-03 02:00:00"), Count: 1}, {WallHour: hour("2018-06-03 03:00:00"), Count: 1}, {WallHour: hour("2018-06-03 23:00:00"), Count: 1}}},
		{"every subscriber on 5222", DataSelection{ByPort: true, Ports: [][2]int{{5222, 5222}}}, 3, []analysis.HourCount{
			{WallHour: -1, Count: 1}, {WallHour: hour("2018-06-03 02:00:00"), Count: 1}, {WallHour: hour("2018-06-03 03:00:00"), Count: 1}}},
		{"no port", DataSelection{ByPort: true, NoPort: true}, 1, nil},
		{"an app without ports", DataSelection{ByPort: true}, 0, []analysis.HourCount{}},
		{"destination", DataSelection{Dest: true, DestIP: "142.250.1.1", DestPort: 443}, 1, nil},
		{"destination without port", DataSelection{Dest: true, DestIP: "142.250.1.1", DestPort: -1}, 1, nil},
		{"A and B", DataSelection{Subscribers: []int64{a, b}}, 6, nil},
		{"wall-clock day", DataSelection{WallFrom: hour("2018-06-03 00:00:00") * 3600, WallTo: hour("2018-06-04 00:00:00") * 3600}, 3, nil},
	}
	for _, c := range cases {
		n, err := st.CountData(ctx, c.sel)
		if err != nil || n != c.count {
			t.Errorf("%s: count %d (%v), want %d", c.name, n, err, c.count)
		}
		recs, err := st.DataRecords(ctx, c.sel, 0)
		if err != nil || int64(len(recs)) != c.count {
			t.Errorf("%s: %d records (%v)", c.name, len(recs), err)
		}
		if c.hours == nil {
			continue
		}
		hs, err := st.WallHourCounts(ctx, c.sel)
		if err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(hs, func(x, y analysis.HourCount) int { return int(x.WallHour - y.WallHour) })
		if !slices.Equal(hs, c.hours) && !(len(hs) == 0 && len(c.hours) == 0) {
			t.Errorf("%s: hours %v, want %v", c.name, hs, c.hours)
		}
	}
	recs, _ := st.DataRecords(ctx, DataSelection{Subscribers: []int64{a}}, 2)
	if len(recs) != 2 || recs[0].Start.String() != "2018-06-03 02:59:59" || recs[0].Line != 2 || !strings.HasSuffix(recs[0].Source, "ipdr.csv") ||
		recs[0].Cell != "C1" || recs[0].DestPort != 5222 {
		t.Errorf("first records %+v", recs)
	}
}

// A selection of every subscriber reads the table in order; through the
// port index each record would be looked up at random for its wall
// offset.
func TestBroadSelectionScansTheTable(t *testing.T) {
	st, a, _ := selectionCase(t)
	plan := func(sel DataSelection) string {
		where, args := sel.Where("")
		rows, err := st.DB().Query("EXPLAIN QUERY PLAN SELECT "+wallHourExpr+" AS wh, count(*) FROM "+sel.scanTable("")+" WHERE "+where+" GROUP BY wh", args...)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var b strings.Builder
		for rows.Next() {
			var id, parent, notused int
			var detail string
			rows.Scan(&id, &parent, &notused, &detail)
			b.WriteString(detail + "\n")
		}
		return b.String()
	}
	broad := DataSelection{ByPort: true, Ports: [][2]int{{4244, 4244}, {5222, 5223}, {5228, 5228}}}
	if p := plan(broad); strings.Contains(p, "ipdr_by_port") || !strings.Contains(p, "SCAN ipdr") {
		t.Errorf("broad selection plan:\n%s", p)
	}
	narrow := broad
	narrow.Subscribers = []int64{a}
	if p := plan(narrow); !strings.Contains(p, "ipdr_by_subscriber") {
		t.Errorf("one subscriber's plan:\n%s", p)
	}
}

func TestRDNSCache(t *testing.T) {
	st, _, _ := selectionCase(t)
	ctx := context.Background()
	in := []RDNSEntry{
		{IP: "142.250.1.1", Names: []string{"a.example", "b.example"}, Status: "ok", LookedUpAt: 100},
		{IP: "157.240.1.1", Status: "timeout", Detail: "no answer within 3s", LookedUpAt: 101},
	}
	if err := st.SaveRDNS(ctx, in); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveRDNS(ctx, []RDNSEntry{{IP: "157.240.1.1", Status: "none", LookedUpAt: 200}}); err != nil {
		t.Fatal(err)
	}
	got, err := st.CachedRDNS(ctx, []string{"142.250.1.1", "157.240.1.1", "10.0.0.1"})
	if err != nil || len(got) != 2 {
		t.Fatalf("%v %v", got, err)
	}
	if e := got["142.250.1.1"]; !slices.Equal(e.Names, []string{"a.example", "b.example"}) || !e.Final() || e.LookedUpAt != 100 {
		t.Errorf("%+v", e)
	}
	if e := got["157.240.1.1"]; e.Status != "none" || e.Detail != "" || e.LookedUpAt != 200 || !e.Final() {
		t.Errorf("replaced entry %+v", e)
	}
	if (RDNSEntry{Status: "timeout"}).Final() || (RDNSEntry{Status: "error"}).Final() {
		t.Error("a failed lookup counts as final")
	}
}
