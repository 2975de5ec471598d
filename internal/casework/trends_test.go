package casework

import (
	"bytes"
	"context"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/store"
)

func trendOf(t *testing.T, st *store.Store, scope, app string) *Trend {
	t.Helper()
	ctx := context.Background()
	d, info, err := PortDictionaryInfo(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := ParseTrendScope(scope)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := BuildTrend(ctx, st, d, info, sc, app)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// The fixture's WhatsApp records sit on the interval edges: 02:59:59 and
// 03:00:00 fall in different intervals, 23:59:59 and 00:00:00 in different
// days. Counted by hand from persona_fixture_test.go (2018-06-03 is a
// Sunday).
func TestTrendFixture(t *testing.T) {
	ist, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	type want struct {
		total   int64
		bins    [8]int64
		weekday [7]int64
		byDate  map[string]int64
	}
	cases := []struct {
		scope, app string
		want       want
	}{
		{pfA, "WhatsApp", want{4, [8]int64{2, 1, 0, 0, 0, 0, 0, 1}, [7]int64{1, 0, 0, 0, 0, 0, 3},
			map[string]int64{"2018-06-03": 3, "2018-06-04": 1}}},
		{"all", "whatsapp", want{7, [8]int64{3, 1, 1, 0, 0, 0, 0, 2}, [7]int64{2, 0, 1, 1, 0, 0, 3},
			map[string]int64{"2018-06-03": 3, "2018-06-04": 2, "2018-06-05": 0, "2018-06-06": 1, "2018-06-07": 1}}},
		{pfA + "," + pfB, "WhatsApp", want{6, [8]int64{3, 1, 0, 0, 0, 0, 0, 2}, [7]int64{2, 0, 1, 0, 0, 0, 3},
			map[string]int64{"2018-06-03": 3, "2018-06-04": 2, "2018-06-05": 0, "2018-06-06": 1}}},
		{pfA, "web (https)", want{3, [8]int64{0, 0, 0, 3}, [7]int64{2, 1}, map[string]int64{"2018-06-04": 2, "2018-06-05": 1}}},
		{pfA, "port 12345", want{1, [8]int64{4: 1}, [7]int64{1: 1}, map[string]int64{"2018-06-05": 1}}},
		{pfA, "no port", want{1, [8]int64{4: 1}, [7]int64{1: 1}, map[string]int64{"2018-06-05": 1}}},
		{pfA, "XMPP client", want{0, [8]int64{}, [7]int64{}, map[string]int64{}}},
	}
	plain, zoned := personaCase(t, nil), personaCase(t, ist)
	for _, c := range cases {
		for _, st := range []*store.Store{plain, zoned} {
			tr := trendOf(t, st, c.scope, c.app)
			got := want{tr.Total, tr.Bins3h, tr.Weekday, tr.ByDate}
			if got.total != c.want.total || got.bins != c.want.bins || got.weekday != c.want.weekday || !maps.Equal(got.byDate, c.want.byDate) {
				t.Errorf("%s %s: %+v\nwant %+v", c.scope, c.app, got, c.want)
			}
		}
	}
	wa := trendOf(t, plain, pfA, "WhatsApp")
	if !slices.Equal(wa.Ports, []string{"4244", "5222-5223", "5228", "5242"}) || wa.App != "WhatsApp" || wa.MSISDN != pfA {
		t.Errorf("ports %v app %s msisdn %s", wa.Ports, wa.App, wa.MSISDN)
	}
	if x := trendOf(t, plain, pfA, "XMPP client"); x.Note == "" {
		t.Error("an application without ports of its own is counted silently as zero")
	}
	if all := trendOf(t, plain, "all", "WhatsApp"); all.MSISDN != "all" || len(all.Subscribers) != 0 {
		t.Errorf("whole case named %q %v", all.MSISDN, all.Subscribers)
	}
}

func TestTrendErrors(t *testing.T) {
	st := personaCase(t, nil)
	ctx := context.Background()
	d, info, _ := PortDictionaryInfo(ctx, st)
	if _, err := BuildTrend(ctx, st, d, info, TrendScope{MSISDNs: []string{pfA}}, "Snapchat"); err == nil || !strings.Contains(err.Error(), "WhatsApp") {
		t.Errorf("unknown app: %v (should list the dictionary's applications)", err)
	}
	if _, err := BuildTrend(ctx, st, d, info, TrendScope{MSISDNs: []string{"919899999999"}}, ""); err == nil {
		t.Error("unknown subscriber accepted")
	}
	if _, err := ParseTrendScope(" , "); err == nil {
		t.Error("empty scope accepted")
	}
	if sc, _ := ParseTrendScope("ALL"); !sc.All {
		t.Error("ALL is not the whole case")
	}
}

// The paper's CSV of three-hour intervals, and the connections list
// (Figure 7) with file and line of every record.
func TestTrendExports(t *testing.T) {
	st := personaCase(t, nil)
	a, b := trendOf(t, st, pfA, "WhatsApp"), trendOf(t, st, pfB, "WhatsApp")
	var buf bytes.Buffer
	if err := WriteIntervalsCSV(&buf, a, b); err != nil {
		t.Fatal(err)
	}
	want := "interval," + pfA + " WhatsApp," + pfB + " WhatsApp\n" +
		"00-03,2,1\n03-06,1,0\n06-09,0,0\n09-12,0,0\n12-15,0,0\n15-18,0,0\n18-21,0,0\n21-24,1,1\ntotal,4,2\n"
	if buf.String() != want {
		t.Errorf("intervals CSV:\n%s\nwant:\n%s", buf.String(), want)
	}
	buf.Reset()
	n, err := WriteConnections(context.Background(), st, a, &buf, false)
	if err != nil || n != 4 {
		t.Fatalf("%d connections, %v", n, err)
	}
	text := buf.String()
	lines := strings.Split(strings.TrimSpace(text), "\n")
	if len(lines) != 7 || !strings.HasPrefix(lines[2], "2018-06-03 02:59:59") || !strings.HasSuffix(lines[2], "ipdr.csv:2") ||
		!strings.Contains(lines[5], "5222") || !strings.HasSuffix(lines[5], ":5") || lines[6] != "4 connections to WhatsApp." {
		t.Errorf("connections text:\n%s", text)
	}
	buf.Reset()
	if _, err := WriteConnections(context.Background(), st, a, &buf, true); err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(rows) != 5 || rows[0] != "time,msisdn,app,port,dest_ip,cell,source,line" ||
		!strings.HasPrefix(rows[1], "2018-06-03 02:59:59,"+pfA+",WhatsApp,5222,157.240.1.1,C1,") || !strings.HasSuffix(rows[1], "ipdr.csv,2") {
		t.Errorf("connections CSV:\n%s", buf.String())
	}
}
