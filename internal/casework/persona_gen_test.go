package casework

import (
	"context"
	"maps"
	"slices"
	"testing"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
)

func personaGenConfig() gen.Config {
	c := gen.DefaultConfig()
	c.Seed = 11
	c.Subscribers = 40
	c.Records = 20_000
	c.VoiceSubscribers = 0
	c.SimBoxes = 0
	return c
}

// Against the generator's truth, for every data subscriber: records,
// applications (the truth's per-port counts attributed with the same
// dictionary, independently of the activity summary), handsets and SIMs in
// order of first use with the planted changes, distinct cells, first and
// last record, and the WhatsApp intervals and weekdays.
func TestPersonaAndTrendsAgainstGenerator(t *testing.T) {
	st, _, truth := casekit.GeneratedCase(t, personaGenConfig())
	ctx := context.Background()
	d, info, err := PortDictionaryInfo(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	changes := map[string][]gen.IDChange{}
	for _, c := range truth.IDChanges {
		changes[c.MSISDN] = append(changes[c.MSISDN], c)
	}
	if len(changes) == 0 {
		t.Fatal("the generated case plants no change of handset or SIM: the test would prove nothing about them")
	}
	var all analysis.Trend
	for _, sub := range truth.Subscribers {
		p, err := BuildPersona(ctx, st, d, info, sub.MSISDN, PersonaOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if p.Total != int64(sub.Records) {
			t.Fatalf("%s: %d records, truth %d", sub.MSISDN, p.Total, sub.Records)
		}
		want := map[string]int64{}
		for port, n := range sub.ByPort {
			want[d.App(port)] += int64(n)
		}
		got := map[string]int64{}
		for _, a := range p.Apps {
			got[a.App] = a.Count
			if a.Percent != analysis.Percent(a.Count, p.Total) {
				t.Errorf("%s %s: %.2f%%", sub.MSISDN, a.App, a.Percent)
			}
		}
		for _, u := range p.UnknownPorts {
			got[d.App(u.Port)] += u.Count
		}
		if !maps.Equal(got, want) {
			t.Errorf("%s: apps %v\ntruth %v", sub.MSISDN, got, want)
		}
		for i := 1; i < len(p.Apps); i++ {
			if p.Apps[i].Count > p.Apps[i-1].Count {
				t.Errorf("%s: apps not largest first", sub.MSISDN)
			}
		}
		if ids := values(p.IMEIs); !slices.Equal(ids, sub.IMEIs) {
			t.Errorf("%s: IMEIs %v truth %v", sub.MSISDN, ids, sub.IMEIs)
		}
		if ids := values(p.IMSIs); !slices.Equal(ids, sub.IMSIs) {
			t.Errorf("%s: IMSIs %v truth %v", sub.MSISDN, ids, sub.IMSIs)
		}
		checkChanges(t, sub.MSISDN, p, changes[sub.MSISDN])
		if len(p.Cells) != sub.Cells {
			t.Errorf("%s: %d cells, truth %d", sub.MSISDN, len(p.Cells), sub.Cells)
		}
		if p.First != sub.First.Format(analysis.WallLayout) || p.Last != sub.Last.Format(analysis.WallLayout) {
			t.Errorf("%s: %s .. %s, truth %s .. %s", sub.MSISDN, p.First, p.Last, sub.First, sub.Last)
		}

		tr, err := BuildTrend(ctx, st, d, info, TrendScope{MSISDNs: []string{sub.MSISDN}}, "WhatsApp")
		if err != nil {
			t.Fatal(err)
		}
		for i := range 8 {
			if tr.Bins3h[i] != int64(sub.WhatsAppBins3h[i]) {
				t.Fatalf("%s: WhatsApp intervals %v, truth %v", sub.MSISDN, tr.Bins3h, sub.WhatsAppBins3h)
			}
		}
		for i := range 7 {
			if tr.Weekday[i] != int64(sub.WhatsAppWeekday[i]) {
				t.Fatalf("%s: WhatsApp weekdays %v, truth %v", sub.MSISDN, tr.Weekday, sub.WhatsAppWeekday)
			}
		}
		for i := range 8 {
			all.Bins3h[i] += int64(sub.WhatsAppBins3h[i])
		}
		for i := range 7 {
			all.Weekday[i] += int64(sub.WhatsAppWeekday[i])
		}
	}
	whole, err := BuildTrend(ctx, st, d, info, TrendScope{All: true}, "WhatsApp")
	if err != nil {
		t.Fatal(err)
	}
	if whole.Bins3h != all.Bins3h || whole.Weekday != all.Weekday {
		t.Fatalf("whole case %v %v, truth summed %v %v", whole.Bins3h, whole.Weekday, all.Bins3h, all.Weekday)
	}
}

func values(ids []analysis.IdentityUse) []string {
	out := []string{}
	for _, id := range ids {
		out = append(out, id.Value)
	}
	return out
}

// checkChanges finds every planted change among the persona's: same kind,
// old and new identity, the new one first seen at or after the planted
// moment.
func checkChanges(t *testing.T, msisdn string, p *Persona, planted []gen.IDChange) {
	t.Helper()
	if len(p.Changes) != len(planted) {
		t.Errorf("%s: %d changes %+v, truth %+v", msisdn, len(p.Changes), p.Changes, planted)
		return
	}
	for _, c := range planted {
		kind := map[string]string{"imei": "handset", "imsi": "SIM"}[c.Kind]
		at := c.At.Format(analysis.WallLayout)
		if !slices.ContainsFunc(p.Changes, func(x analysis.DeviceChange) bool {
			return x.Kind == kind && x.From == c.Old && x.To == c.New && x.AtWall >= at && !x.Alongside
		}) {
			t.Errorf("%s: planted %s change %s→%s at %s not found in %+v", msisdn, c.Kind, c.Old, c.New, at, p.Changes)
		}
	}
}
