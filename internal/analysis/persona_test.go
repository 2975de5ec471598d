package analysis

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func acts(pairs ...int64) []PortActivity {
	var out []PortActivity
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, PortActivity{Port: int(pairs[i]), Records: pairs[i+1], Bytes: 10 * pairs[i+1]})
	}
	return out
}

// Table III of the paper, rebuilt from ports: the counts are the paper's,
// the percentages are 100·count/7959 rounded to two decimals (the paper
// truncates: 0.22, 0.47, 0.03, 62.6, 9.05).
func TestProfileTableIII(t *testing.T) {
	in := acts(5222, 1000, 5223, 997, 8024, 18, 40001, 38, 58128, 3, 993, 199, 443, 4983, 80, 700, 8080, 21)
	p := BuildProfile(in, DefaultDictionary())
	want := []struct {
		app     string
		count   int64
		percent float64
		conf    string
	}{
		{"Web (HTTPS)", 4983, 62.61, "high"},
		{"WhatsApp", 1997, 25.09, "medium"},
		{"Web (HTTP)", 721, 9.06, "high"},
		{"Email (IMAP)", 199, 2.50, "high"},
		{"Microsoft games", 38, 0.48, "low"},
		{"iTunes", 18, 0.23, "medium"},
		{"Xsan", 3, 0.04, "low"},
	}
	if p.Total != 7959 || p.UnknownTotal != 0 || len(p.Unknown) != 0 {
		t.Fatalf("total %d unknown %d %v", p.Total, p.UnknownTotal, p.Unknown)
	}
	if len(p.Apps) != len(want) {
		t.Fatalf("%d apps: %+v", len(p.Apps), p.Apps)
	}
	for i, w := range want {
		a := p.Apps[i]
		if a.App != w.app || a.Count != w.count || a.Percent != w.percent || a.Confidence != w.conf {
			t.Errorf("row %d: %s %d %.2f %s, want %s %d %.2f %s", i, a.App, a.Count, a.Percent, a.Confidence, w.app, w.count, w.percent, w.conf)
		}
	}
	wa := p.Apps[1]
	if len(wa.Ports) != 2 || wa.Ports[0].Port != 5222 || wa.Ports[0].Count != 1000 || wa.Ports[1].Port != 5223 {
		t.Fatalf("WhatsApp ports %+v", wa.Ports)
	}
	if wa.Vendor != "Facebook Inc" || wa.Bytes != 19970 {
		t.Errorf("vendor %q bytes %d", wa.Vendor, wa.Bytes)
	}
	// ambiguity is carried, not hidden
	if alts := wa.Alternatives(); !slices.Equal(alts, []string{"XMPP client", "Apple push (APNs)"}) {
		t.Errorf("WhatsApp alternatives %v", alts)
	}
	if alts := p.Apps[0].Alternatives(); !slices.Contains(alts, "Skype") || !slices.Contains(alts, "WhatsApp") {
		t.Errorf("443 alternatives %v", alts)
	}
	if !strings.Contains(p.Apps[0].Ports[0].Note, "443") {
		t.Errorf("443 note %q", p.Apps[0].Ports[0].Note)
	}
}

// Unknown ports are listed one by one; records without a port are their
// own application; percentages are of every record.
func TestProfileUnknownAndPortless(t *testing.T) {
	in := []PortActivity{
		{Port: 5222, Records: 1000, Hours: [24]int64{3: 600, 23: 400}},
		{Port: 1234, Records: 5, Hours: [24]int64{3: 5}},
		{Port: 9999, Records: 3},
		{Port: 1234, Records: 0}, // an empty summary row changes nothing
		{Port: -1, Records: 2, Hours: [24]int64{0: 2}},
	}
	p := BuildProfile(in, DefaultDictionary())
	if p.Total != 1010 || p.UnknownTotal != 8 {
		t.Fatalf("total %d unknown %d", p.Total, p.UnknownTotal)
	}
	if len(p.Unknown) != 2 || p.Unknown[0] != (PortUse{Port: 1234, Count: 5, Percent: 0.50, Hours: [24]int64{3: 5}}) ||
		p.Unknown[1].Port != 9999 || p.Unknown[1].Percent != 0.30 {
		t.Fatalf("unknown %+v", p.Unknown)
	}
	if len(p.Apps) != 2 || p.Apps[0].App != "WhatsApp" || p.Apps[0].Percent != 99.01 ||
		p.Apps[1].App != NoPortApp || p.Apps[1].Count != 2 || p.Apps[1].Percent != 0.20 || p.Apps[1].Confidence != "none" {
		t.Fatalf("apps %+v", p.Apps)
	}
	if p.Hours[3] != 605 || p.Hours[23] != 400 || p.Hours[0] != 2 {
		t.Fatalf("hours %v", p.Hours)
	}
	if p.Apps[0].Hours[3] != 600 {
		t.Fatalf("app hours %v", p.Apps[0].Hours)
	}
}

// An analyst's rule moves a port to another application, and the profile
// follows; the app mixing two confidences says so.
func TestProfileWithAnalystRules(t *testing.T) {
	d := DefaultDictionary().With([]PortRule{{Lo: 1234, Hi: 1234, App: "WhatsApp", Confidence: "low", Origin: "case.csv"}})
	p := BuildProfile(acts(5222, 10, 1234, 30), d)
	if len(p.Apps) != 1 || p.Apps[0].Count != 40 || p.Apps[0].Confidence != "low" || !p.Apps[0].Mixed {
		t.Fatalf("%+v", p.Apps)
	}
	if p.Apps[0].Ports[0].Origin != "case.csv" || p.Apps[0].Ports[1].Origin != DefaultOrigin {
		t.Fatalf("origins %+v", p.Apps[0].Ports)
	}
}

// Percentages of a random profile add up to 100 within rounding, and every
// count is kept.
func TestProfileSumsProperty(t *testing.T) {
	d := DefaultDictionary()
	var in []PortActivity
	var want int64
	for i := 0; i < 300; i++ {
		port := (i*7919 + 13) % 70000
		if port > 65535 {
			port = -1
		}
		n := int64(i%17 + 1)
		want += n
		in = append(in, PortActivity{Port: port, Records: n})
	}
	p := BuildProfile(in, d)
	var got int64
	var pct float64
	for _, a := range p.Apps {
		got += a.Count
		pct += a.Percent
	}
	for _, u := range p.Unknown {
		got += u.Count
		pct += u.Percent
	}
	if got != want || p.Total != want {
		t.Fatalf("counts %d total %d want %d", got, p.Total, want)
	}
	if n := float64(len(p.Apps) + len(p.Unknown)); math.Abs(pct-100) > 0.005*n {
		t.Fatalf("percentages add to %.2f", pct)
	}
}

func TestPercent(t *testing.T) {
	cases := []struct {
		n, total int64
		want     float64
	}{{1, 3, 33.33}, {2, 3, 66.67}, {0, 0, 0}, {5, 5, 100}, {1, 8, 12.5}}
	for _, c := range cases {
		if got := Percent(c.n, c.total); got != c.want {
			t.Errorf("Percent(%d, %d) = %v, want %v", c.n, c.total, got, c.want)
		}
	}
}
