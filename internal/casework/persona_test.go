package casework

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/store"
)

func personaOf(t *testing.T, st *store.Store, msisdn string, opts PersonaOptions) *Persona {
	t.Helper()
	ctx := context.Background()
	d, info, err := PortDictionaryInfo(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	p, err := BuildPersona(ctx, st, d, info, msisdn, opts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Every figure of subscriber A's persona, counted by hand from the rows
// in persona_fixture_test.go.
func TestPersonaFixture(t *testing.T) {
	st := personaCase(t, nil)
	p := personaOf(t, st, pfA, PersonaOptions{})
	if p.MSISDN != pfA || p.Total != 10 || p.VoiceRecords != 0 || p.Bytes != 110*55 {
		t.Fatalf("header %s total %d voice %d bytes %d", p.MSISDN, p.Total, p.VoiceRecords, p.Bytes)
	}
	if p.First != "2018-06-03 02:59:59" || p.Last != "2018-06-05 14:00:00" {
		t.Errorf("span %s .. %s", p.First, p.Last)
	}
	type app struct {
		name  string
		count int64
		pct   float64
		bytes int64
	}
	want := []app{{"WhatsApp", 4, 40, 110 * 10}, {"Web (HTTPS)", 3, 30, 110 * 18}, {"Web (HTTP)", 1, 10, 110 * 8}, {"no port", 1, 10, 110 * 10}}
	var got []app
	for _, a := range p.Apps {
		got = append(got, app{a.App, a.Count, a.Percent, a.Bytes})
	}
	if !slices.Equal(got, want) {
		t.Errorf("apps %+v\nwant %+v", got, want)
	}
	if len(p.UnknownPorts) != 1 || p.UnknownPorts[0].Port != 12345 || p.UnknownPorts[0].Count != 1 || p.UnknownPorts[0].Percent != 10 || p.UnknownTotal != 1 {
		t.Errorf("unknown %+v", p.UnknownPorts)
	}
	if want := [24]int64{0: 1, 2: 1, 3: 1, 10: 2, 11: 1, 12: 1, 13: 1, 14: 1, 23: 1}; p.Hours != want {
		t.Errorf("hours %v", p.Hours)
	}
	if len(p.IMEIs) != 2 || p.IMEIs[0].Value != imeiX || p.IMEIs[0].Records != 3 || p.IMEIs[0].LastWall != "2018-06-03 23:59:59" ||
		p.IMEIs[1].Value != imeiY || p.IMEIs[1].Records != 7 || p.IMEIs[1].Change != "replaced" || p.IMEIs[1].FirstWall != "2018-06-04 00:00:00" {
		t.Errorf("imeis %+v", p.IMEIs)
	}
	if len(p.IMSIs) != 1 || p.IMSIs[0].Value != imsi1 || p.IMSIs[0].Records != 10 || !slices.Equal(p.IMSIs[0].With, []string{imeiX, imeiY}) {
		t.Errorf("imsis %+v", p.IMSIs)
	}
	if len(p.Changes) != 1 || p.Changes[0].Kind != "handset" || p.Changes[0].From != imeiX || p.Changes[0].To != imeiY || p.Changes[0].AtWall != "2018-06-04 00:00:00" {
		t.Errorf("changes %+v", p.Changes)
	}
	var cells []string
	for _, c := range p.Cells {
		cells = append(cells, c.Cell+" "+c.First+" "+c.Last+" "+i64s(c.DataRecords))
	}
	wantCells := []string{
		"C2 2018-06-03 23:59:59 2018-06-04 10:05:00 4",
		"C3 2018-06-05 11:00:00 2018-06-05 14:00:00 4",
		"C1 2018-06-03 02:59:59 2018-06-03 03:00:00 2",
	}
	if !slices.Equal(cells, wantCells) {
		t.Errorf("cells %q", cells)
	}
	var dests []string
	for _, d := range p.Destinations {
		dests = append(dests, d.IP+":"+i64s(int64(d.Port))+" "+d.App+" "+i64s(d.Records)+" "+i64s(d.Bytes))
	}
	wantDests := []string{
		"142.250.1.1:443 Web (HTTPS) 3 1980",
		"157.240.1.1:5222 WhatsApp 2 550",
		"157.240.1.1:5223 WhatsApp 1 220",
		"157.240.1.2:5228 WhatsApp 1 330",
		"185.60.1.1:-1 no port 1 1100",
		"185.60.1.1:12345 port 12345 1 990",
		"23.32.1.1:80 Web (HTTP) 1 880",
	}
	if !slices.Equal(dests, wantDests) || p.DistinctDestinations != 7 {
		t.Errorf("destinations %q (%d)", dests, p.DistinctDestinations)
	}
	if d := p.Destinations[0]; d.First != "2018-06-04 10:00:00" || d.Last != "2018-06-05 11:00:00" || d.RDNSStatus != "" {
		t.Errorf("first destination %+v", d)
	}
	if top := personaOf(t, st, pfA, PersonaOptions{Destinations: 2}); len(top.Destinations) != 2 || top.DistinctDestinations != 7 {
		t.Errorf("top 2: %d of %d", len(top.Destinations), top.DistinctDestinations)
	}
}

func i64s(n int64) string { return strconv.FormatInt(n, 10) }

// The wall clock written in the evidence decides: a case imported with
// --tz Asia/Kolkata keeps the same first/last/hours although every instant
// moved by 5 h 30.
func TestPersonaZoneKeepsWallClock(t *testing.T) {
	ist, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	st := personaCase(t, ist)
	var off int64
	if err := st.DB().QueryRow("SELECT min(wall_offset) FROM ipdr").Scan(&off); err != nil || off != 19800 {
		t.Fatalf("wall offset %d (%v): the fixture must be read in +05:30", off, err)
	}
	plain := personaOf(t, personaCase(t, nil), pfA, PersonaOptions{})
	zoned := personaOf(t, st, pfA, PersonaOptions{})
	if zoned.Hours != plain.Hours || zoned.First != plain.First || zoned.Last != plain.Last ||
		zoned.IMEIs[1].FirstWall != plain.IMEIs[1].FirstWall || zoned.Cells[0].Last != plain.Cells[0].Last {
		t.Fatalf("zoned %v %s %s, plain %v %s %s", zoned.Hours, zoned.First, zoned.Last, plain.Hours, plain.First, plain.Last)
	}
}

// Nothing goes to the network unless asked; when asked, each IP is asked
// once, final answers are kept in the case with the time of the lookup,
// and a timeout is asked again next time.
func TestPersonaReverseDNSOptIn(t *testing.T) {
	st := personaCase(t, nil)
	r := newCountingResolver()
	p := personaOf(t, st, pfA, PersonaOptions{Resolver: r})
	if r.count() != 0 {
		t.Fatalf("%d lookups without RDNS: %v", r.count(), r.asked)
	}
	for _, d := range p.Destinations {
		if d.Names != nil || d.RDNSStatus != "" {
			t.Fatalf("names without lookup: %+v", d)
		}
	}
	before := time.Now().UTC().Unix()
	p = personaOf(t, st, pfA, PersonaOptions{RDNS: true, Resolver: r})
	if r.count() != 5 { // 142.250.1.1 157.240.1.1 157.240.1.2 185.60.1.1 23.32.1.1
		t.Fatalf("asked %v", r.asked)
	}
	status := map[string]string{}
	for _, d := range p.Destinations {
		status[d.IP] = d.RDNSStatus + " " + strings.Join(d.Names, " ")
	}
	want := map[string]string{"142.250.1.1": "ok a.example b.example", "157.240.1.1": "ok whatsapp-cdn-shv-01.example.net",
		"157.240.1.2": "none ", "185.60.1.1": "none ", "23.32.1.1": "timeout "}
	for ip, w := range want {
		if status[ip] != w {
			t.Errorf("%s: %q want %q", ip, status[ip], w)
		}
	}
	cached, err := st.CachedRDNS(context.Background(), []string{"142.250.1.1"})
	if err != nil || cached["142.250.1.1"].LookedUpAt < before {
		t.Fatalf("cache %+v %v", cached, err)
	}
	// without RDNS the names come from the case, and the network is not asked
	p = personaOf(t, st, pfA, PersonaOptions{Resolver: r})
	if r.count() != 5 || p.Destinations[0].RDNSStatus != "ok" || p.Destinations[0].LookedUpAt == "" {
		t.Fatalf("asked %v; first %+v", r.asked, p.Destinations[0])
	}
	// asked again: only the timeout goes out
	personaOf(t, st, pfA, PersonaOptions{RDNS: true, Resolver: r})
	if r.count() != 6 || r.asked[5] != "23.32.1.1" {
		t.Fatalf("asked %v", r.asked)
	}
}

func TestFindSubscriber(t *testing.T) {
	st := personaCase(t, nil)
	ctx := context.Background()
	cases := []struct {
		typed, want string
		fail        bool
	}{
		{pfA, pfA, false},
		{"+91 98000-00001", pfA, false},
		{"09800000002", pfB, false},
		{"800000002", pfB, false},
		{"98000-00001", "", true}, // A and C end so: ambiguous
		{"12345", "", true},       // too short to guess
		{"919899999999", "", true},
	}
	for _, c := range cases {
		_, got, err := FindSubscriber(ctx, st, c.typed)
		if c.fail {
			if !errors.Is(err, store.ErrNoSubscriber) {
				t.Errorf("%q: %q %v, want an error", c.typed, got, err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%q: %q %v, want %q", c.typed, got, err, c.want)
		}
	}
	_, _, err := FindSubscriber(ctx, st, "9800000001")
	if err == nil || !strings.Contains(err.Error(), pfA) || !strings.Contains(err.Error(), pfC) {
		t.Errorf("ambiguous error %v names no candidates", err)
	}
}
