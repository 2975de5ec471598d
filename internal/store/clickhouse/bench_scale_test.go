package clickhouse

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// BenchmarkClickHouseAtScale is issue 19's large benchmark: a case of
// CDRTUI_CH_SCALE_RECORDS records (default 2,000,000; the figure
// is 100,000,000) on a two-shard cluster on this machine, beside the 10,000,000-record
// local case of casekit.TenMillion, asked the same questions in the same
// run by the cdrtui binary itself (a child process per question, so its
// time is the analyst's and its peak RSS is cdrtui's alone, the servers
// apart).
//
// The cluster case is built in two steps. First a generated evidence set
// of TenMillion's recipe (2,000 records a subscriber over 30 days) of at
// most 1,000,000 records is imported by `cdrtui import` (the import's
// rows/s and RSS). Then the servers copy it (grow, INSERT ... SELECT on
// each shard, every copy other subscribers, sources and record ids) until
// the case holds the records asked for: the questions then see a case of
// that size, built without generating and parsing 100,000,000 lines.
//
// CDRTUI_CH_SCALE_QUESTIONS (persona,trends,hunt,simbox,contacts) asks
// only those. Each question runs CDRTUI_CH_SCALE_RUNS times (default 3) on each store
// (once when its first runs took over two minutes together);
// the metrics are the medians (…_ch_s, …_sqlite_s) and the largest peak
// RSS of cdrtui over every run (…_ch_rss_MB).
//
// CDRTUI_CH_SCALE_STEPS (e.g. 10000000,30000000) grows the case to each
// size in turn and asks the questions at each (the metrics: the last);
// CDRTUI_CH_SCALE_VS names another build of cdrtui asked the same of the
// cluster in turn with this one (its output must be this one's, byte for
// byte); CDRTUI_CH_SCALE_NO_LOCAL=1 leaves the local case out; and
// CDRTUI_CHKIT_QUERY_LOG=1 logs what each question's first run read on
// each shard (system.query_log: rows, and the queries that read most).
// CDRTUI_CH_SCALE_HOLD names a directory: once the questions of the last
// step are asked, the benchmark keeps the grown case and its servers and
// asks them again each time a file "ask" appears there (removing it),
// until a file "stop" does, so that a case of 100,000,000 records grown
// on a busy machine can be asked when the machine is quiet (holdAndAsk).
func BenchmarkClickHouseAtScale(b *testing.B) {
	total := envInt("CDRTUI_CH_SCALE_RECORDS", 2_000_000)
	runs := envInt("CDRTUI_CH_SCALE_RUNS", 3)
	bin := buildCdrtui(b)
	steps := scaleSteps(total)
	total = steps[0]
	vs := os.Getenv("CDRTUI_CH_SCALE_VS") // another build of cdrtui, asked the same on the cluster
	noLocal := os.Getenv("CDRTUI_CH_SCALE_NO_LOCAL") != ""
	var localPath string
	var localTruth *gen.Truth
	if !noLocal {
		localPath, localTruth = casekit.BenchCase(b, casekit.TenMillion())
	}

	cfg := casekit.TenMillion()
	cfg.Records = max(20_000, min(total/4, 1_000_000))
	cfg.Subscribers = max(50, cfg.Records/2000)
	cfg.VoiceSubscribers = max(20, cfg.Records/5000)
	dir := filepath.Join(b.TempDir(), "evidence")
	truth, err := gen.Generate(dir, cfg)
	if err != nil {
		b.Fatal(err)
	}
	c := chkit.Start(b)
	url := c.URL("scale")
	imported := float64(truth.IPDRRecords + truth.VoiceRecords)
	took, rss := runCdrtui(b, bin, "import", "--cluster", c.Name, url, dir)
	b.ReportMetric(imported/took.Seconds(), "ch_import_rows/s")
	b.ReportMetric(rss, "ch_import_rss_MB")
	b.Logf("import: %.0f records in %v (%.0f rows/s), cdrtui peak RSS %.0f MB", imported, took.Round(time.Millisecond), imported/took.Seconds(), rss)

	ctx := context.Background()
	ch, err := Open(ctx, url, c.Name, false)
	if err != nil {
		b.Fatal(err)
	}
	defer ch.Close()
	// the busiest subscriber of each case (data and voice records); on
	// the cluster one of the original's (its copies have as many)
	var top []string
	if !noLocal {
		local, err := store.Open(localPath)
		if err != nil {
			b.Fatal(err)
		}
		top, err = local.BusiestSubscribers(ctx, 1)
		local.Close()
		if err != nil || len(top) == 0 {
			b.Fatalf("busiest of the local case: %v %v", top, err)
		}
	}
	type ask struct {
		name string
		args func(casePath, msisdn string, t *gen.Truth) []string
	}
	questions := []ask{
		{"persona", func(p, m string, _ *gen.Truth) []string { return []string{"persona", "--json", p, m} }},
		{"trends", func(p, m string, _ *gen.Truth) []string { return []string{"trends", "--json", p, m} }},
		{"hunt", func(p, _ string, t *gen.Truth) []string {
			h := t.Hunt
			return []string{"hunt", "--json", p, "--dest", h.DestIP + ":" + strconv.Itoa(h.DestPort), "--cell", h.CellPrefix + "*",
				"--from", h.From.UTC().Format(gen.WallLayout), "--to", h.To.UTC().Format(gen.WallLayout)}
		}},
		{"simbox", func(p, _ string, _ *gen.Truth) []string { return []string{"simbox", "--json", p} }},
		{"contacts", func(p, m string, _ *gen.Truth) []string { return []string{"contacts", "--json", p, m} }},
	}
	if only := os.Getenv("CDRTUI_CH_SCALE_QUESTIONS"); only != "" {
		names := strings.Split(only, ",")
		questions = slices.DeleteFunc(questions, func(q ask) bool { return !slices.Contains(names, q.name) })
	}
	b.ResetTimer()
	have := int64(imported)
	for step, want := range steps {
		copies := int((int64(want) + have - 1) / have)
		g, err := grow(ctx, ch, copies)
		if err != nil {
			b.Fatal(err)
		}
		if g.all != have*int64(copies) {
			b.Fatalf("the grown case holds %d records, not %d (%d copies of %d)", g.all, have*int64(copies), copies, have)
		}
		have = g.all
		b.Logf("grown by %d copies on the servers in %v (%.0f rows/s), merges waited %v: %d records (%d data); load %s",
			g.copies, g.took.Round(time.Second), float64(g.all*int64(g.copies)/int64(copies))/g.took.Seconds(), g.mergedWait.Round(time.Second), g.all, g.ipdr, loadAvg())
		if step == len(steps)-1 {
			b.ReportMetric(float64(g.all), "ch_records")
		}
		var busiest string
		if err := ch.home.QueryRow(ctx, ch.sql(`SELECT msisdn FROM {db}.subscribers WHERE id = (
			SELECT subscriber_id FROM (SELECT subscriber_id FROM {ipdr} UNION ALL SELECT subscriber_id FROM {voice})
			GROUP BY subscriber_id ORDER BY count() DESC, subscriber_id LIMIT 1)`)).Scan(&busiest); err != nil {
			b.Fatal(err)
		}
		askAll := func() {
			for _, q := range questions {
				askAtScale(b, scaleRun{bin: bin, vs: vs, cluster: c.Name, url: url, records: g.all, shards: ch.shards,
					busiest: busiest, truth: truth, localPath: localPath, localTop: top, localTruth: localTruth, runs: runs,
					last: step == len(steps)-1}, q.name, q.args)
			}
		}
		for range b.N {
			askAll()
		}
		if step == len(steps)-1 {
			holdAndAsk(b, os.Getenv("CDRTUI_CH_SCALE_HOLD"), askAll)
		}
	}
}

// holdAndAsk calls ask each time a file "ask" appears in dir (removing it
// first), until a file "stop" appears; nothing when dir is "".
func holdAndAsk(b *testing.B, dir string, ask func()) {
	if dir == "" {
		return
	}
	b.Logf("holding the case: touch %s/ask to ask again, %s/stop to end", dir, dir)
	for {
		if _, err := os.Stat(filepath.Join(dir, "stop")); err == nil {
			return
		}
		if err := os.Remove(filepath.Join(dir, "ask")); err == nil {
			b.Logf("asked again; load %s", loadAvg())
			ask()
		}
		time.Sleep(2 * time.Second)
	}
}
func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// buildCdrtui builds the command into a temporary directory.
func buildCdrtui(b *testing.B) string {
	bin := filepath.Join(b.TempDir(), "cdrtui")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/cdrtui/cdrtui/cmd/cdrtui")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("build cdrtui: %v\n%s", err, out)
	}
	return bin
}

// runCdrtui runs the command to the end (its output read and dropped)
// and returns its time and its peak RSS in MB (runCdrtuiOut says how
// it is read); a failure fails the benchmark.
func runCdrtui(b *testing.B, bin string, args ...string) (time.Duration, float64) {
	d, rss, _ := runCdrtuiOut(b, bin, args...)
	return d, rss
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// spread writes a median and the range of its runs.
func spread(v []float64) string {
	return fmt.Sprintf("%.3f (%.3f–%.3f)", median(v), slices.Min(v), slices.Max(v))
}
