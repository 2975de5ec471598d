package report

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
)

// BenchmarkFullReportDemo makes the full report (every section, two
// subscribers, HTML, PDF and XLSX) of the demo case, beside a reference
// measured in the same run: the same sections computed as their CLI --json
// twins compute them (the casework calls and the JSON encoding), without
// traces, charts or rendering. It reports ms/report and the ratio.
func BenchmarkFullReportDemo(b *testing.B) {
	ctx := context.Background()
	path, err := casework.EnsureDemo(ctx, false)
	if err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	subs := []string{"917992414864", "919952443578"} // the demo's planted pair
	p := Params{Case: path, Subscribers: subs}
	var report, reference time.Duration
	for b.Loop() {
		t0 := time.Now()
		r, err := Build(ctx, st, p, "bench", time.Now())
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range Formats {
			if _, err := Render(r, "r"+f); err != nil {
				b.Fatal(err)
			}
		}
		report += time.Since(t0)
		t1 := time.Now()
		cliJSON(b, ctx, st, subs)
		reference += time.Since(t1)
	}
	n := float64(b.N)
	b.ReportMetric(float64(report.Milliseconds())/n, "ms/report")
	b.ReportMetric(float64(reference.Milliseconds())/n, "ms/cli-json")
	b.ReportMetric(float64(report)/float64(reference), "ratio")
}

// cliJSON computes what persona, contacts, correlate, trends, hunt, simbox
// and asterisk --json print for the subscribers.
func cliJSON(b *testing.B, ctx context.Context, st *store.Store, subs []string) {
	dict, info, err := casework.PortDictionaryInfo(ctx, st)
	if err != nil {
		b.Fatal(err)
	}
	var out []any
	add := func(v any, err error) {
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, v)
	}
	for _, s := range subs {
		add(casework.BuildPersona(ctx, st, dict, info, s, casework.PersonaOptions{Destinations: DefaultTop}))
		add(casework.Contacts(ctx, st, dict, s, DefaultWindowS, DefaultTop))
		add(casework.BuildTrend(ctx, st, dict, info, casework.TrendScope{MSISDNs: []string{s}}, casework.DefaultTrendApp))
	}
	if len(subs) > 1 {
		pair, err := casework.LoadPair(ctx, st, dict, subs[0], subs[1], casework.Match("app"))
		add(pair, err)
		out = append(out, pair.At(DefaultWindowS))
	}
	rules, err := casework.LoadSimBoxRules(ctx, st, "")
	add(rules, err)
	add(casework.SimBox(ctx, st, rules))
	add(casework.Asterisk(ctx, st, casework.AsteriskOptions{}))
	hs, err := casework.SavedHunts(ctx, st)
	add(hs, err)
	for _, h := range hs {
		q, err := casework.SavedHuntQuery(ctx, st, h.Name)
		add(q, err)
		add(casework.Hunt(ctx, st, q))
	}
	if _, err := json.Marshal(out[len(out)-1]); err != nil {
		b.Fatal(err)
	}
	for _, v := range out {
		json.Marshal(v)
	}
}

// BenchmarkReportOneSubscriber10M is the full report (every section, in
// HTML, PDF and XLSX) of the busiest data subscriber of the
// 10,000,000-record benchmark case (built once into the cache by make
// bench), beside the same sections computed as their CLI --json twins.
func BenchmarkReportOneSubscriber10M(b *testing.B) {
	benchOneSubscriber(b, casekit.TenMillion(), busiest)
}

// BenchmarkReportMedianSubscriber10M is the same for the subscriber of
// median data records (a typical one, where the busiest is the worst).
func BenchmarkReportMedianSubscriber10M(b *testing.B) {
	benchOneSubscriber(b, casekit.TenMillion(), median)
}

// BenchmarkReportBusiest10MVoice is the full report of the busiest data
// subscriber of casekit.TenMillionVoice (issue 16's case: 10,000,000
// records, half of them calls; built once into the cache), beside the
// same sections computed as their CLI --json twins in the same run.
func BenchmarkReportBusiest10MVoice(b *testing.B) {
	benchOneSubscriber(b, casekit.TenMillionVoice(), busiest)
}

// BenchmarkReportMedian10MVoice is the same for the subscriber of median
// data records.
func BenchmarkReportMedian10MVoice(b *testing.B) {
	benchOneSubscriber(b, casekit.TenMillionVoice(), median)
}

// BenchmarkReportBusiestVoice10MVoice is the same for the subscriber of
// most voice records (a SIM-box SIM with no data records).
func BenchmarkReportBusiestVoice10MVoice(b *testing.B) {
	benchOneSubscriber(b, casekit.TenMillionVoice(), busiestVoice)
}

const (
	busiestVoice = "SELECT msisdn FROM subscribers ORDER BY voice_records DESC LIMIT 1"
	busiest      = "SELECT msisdn FROM subscribers ORDER BY data_records DESC LIMIT 1"
	median       = "SELECT msisdn FROM subscribers WHERE data_records > 0 ORDER BY data_records LIMIT 1 OFFSET (SELECT count(*) / 2 FROM subscribers WHERE data_records > 0)"
)

// BenchmarkReportOneSubscriber1M is the same on a 1,000,000-record case
// whose subscribers have as many records each as the 10,000,000-record
// case's (a tenth of the subscribers): the subscriber's part of the report
// at the 10M size, the case-wide parts (SIM-box, contacts) at a tenth.
func BenchmarkReportOneSubscriber1M(b *testing.B) {
	cfg := casekit.TenMillion()
	cfg.Records, cfg.Subscribers, cfg.VoiceSubscribers = 1_000_000, 500, 200
	benchOneSubscriber(b, cfg, busiest)
}

// BenchmarkReportOneSubscriber200k is the same on a 200,000-record case of
// the same recipe (how the report grows with the case, at a size every
// machine builds in seconds).
func BenchmarkReportOneSubscriber200k(b *testing.B) {
	cfg := casekit.TenMillion()
	cfg.Records, cfg.Subscribers, cfg.VoiceSubscribers = 200_000, 500, 200
	benchOneSubscriber(b, cfg, busiest)
}

func benchOneSubscriber(b *testing.B, cfg gen.Config, pick string) {
	path, _ := casekit.BenchCase(b, cfg)
	// set after the case is found in the user's cache: a check remembered
	// by an earlier run is not skipped here, and the user's is left alone
	b.Setenv("XDG_CACHE_HOME", b.TempDir())
	st, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	// a large case's integrity check runs in the background from the open
	// (the CLI waits for it before recording the report in the audit
	// trail): timed apart, so that the report is measured alone
	t0 := time.Now()
	if err := st.WaitChecked(context.Background()); err != nil {
		b.Fatal(err)
	}
	checkWait := time.Since(t0)
	var msisdn string
	var records int64
	if err := st.DB().QueryRow("SELECT msisdn, data_records FROM subscribers WHERE msisdn = ("+pick+")").Scan(&msisdn, &records); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	p := Params{Case: path, Subscribers: []string{msisdn}}
	var report, reference time.Duration
	for b.Loop() {
		t0 := time.Now()
		r, err := Build(ctx, st, p, "bench", time.Now())
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range Formats {
			if _, err := Render(r, "r"+f); err != nil {
				b.Fatal(err)
			}
		}
		report += time.Since(t0)
		t1 := time.Now()
		cliJSON(b, ctx, st, p.Subscribers)
		reference += time.Since(t1)
	}
	n := float64(b.N)
	b.ReportMetric(float64(report.Milliseconds())/n, "ms/report")
	b.ReportMetric(float64(reference.Milliseconds())/n, "ms/cli-json")
	b.ReportMetric(float64(report)/float64(reference), "ratio")
	// reported after the loop: b.Loop drops metrics reported before it
	b.ReportMetric(float64(records), "data-records")
	if checkWait > 0 {
		b.ReportMetric(float64(checkWait.Milliseconds()), "ms/check-wait")
	}
}
