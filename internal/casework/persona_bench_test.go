package casework

import (
	"context"
	"testing"

	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
)

// openTenMillion opens the 10,000,000-record benchmark case (built once
// into the cache directory) and names its busiest data subscriber.
func openTenMillion(b *testing.B) (*store.Store, string, int64) {
	b.Helper()
	path, _ := casekit.BenchCase(b, casekit.TenMillion())
	st, err := store.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	var msisdn string
	var records int64
	if err := st.DB().QueryRow("SELECT msisdn, data_records FROM subscribers ORDER BY data_records DESC LIMIT 1").Scan(&msisdn, &records); err != nil {
		b.Fatal(err)
	}
	return st, msisdn, records
}

// BenchmarkPersonaBusiest10M is the persona (CLI and pane alike) of the
// busiest subscriber of the 10,000,000-record case: applications from the
// activity summary, devices and cells from theirs, destinations from the
// subscriber's records.
func BenchmarkPersonaBusiest10M(b *testing.B) {
	st, msisdn, records := openTenMillion(b)
	ctx := context.Background()
	d, info, err := PortDictionaryInfo(ctx, st)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		p, err := BuildPersona(ctx, st, d, info, msisdn, PersonaOptions{})
		if err != nil || p.Total != records {
			b.Fatalf("%v: total %d of %d", err, p.Total, records)
		}
	}
	b.ReportMetric(float64(records), "records")
}

// BenchmarkTrendWhatsApp10M is the WhatsApp trend of the whole
// 10,000,000-record case and of its busiest subscriber.
func BenchmarkTrendWhatsApp10M(b *testing.B) {
	st, msisdn, _ := openTenMillion(b)
	ctx := context.Background()
	d, info, err := PortDictionaryInfo(ctx, st)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		scope TrendScope
	}{{"whole-case", TrendScope{All: true}}, {"busiest", TrendScope{MSISDNs: []string{msisdn}}}} {
		b.Run(c.name, func(b *testing.B) {
			var total int64
			for b.Loop() {
				t, err := BuildTrend(ctx, st, d, info, c.scope, "WhatsApp")
				if err != nil {
					b.Fatal(err)
				}
				total = t.Total
			}
			b.ReportMetric(float64(total), "records")
		})
	}
}
