package clickhouse

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/cdrtui/cdrtui/internal/gen"
)

// scaleSteps is CDRTUI_CH_SCALE_STEPS (record totals, ascending, comma
// separated: the case is grown to each in turn and asked the questions at
// each), or total alone.
func scaleSteps(total int) []int {
	var steps []int
	for _, f := range strings.Split(os.Getenv("CDRTUI_CH_SCALE_STEPS"), ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && n > 0 {
			steps = append(steps, n)
		}
	}
	if len(steps) == 0 {
		return []int{total}
	}
	return steps
}

// loadAvg is the machine's load averages, as /proc/loadavg writes them.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	return strings.Join(f[:min(3, len(f))], " ")
}

// scaleRun is one step of BenchmarkClickHouseAtScale: the cluster case
// grown to records, and who asks.
type scaleRun struct {
	bin, vs      string // this build; another one asked the same on the cluster ("" none)
	cluster, url string
	records      int64
	shards       []driver.Conn
	busiest      string
	truth        *gen.Truth
	localPath    string // "" no local case
	localTop     []string
	localTruth   *gen.Truth
	runs         int
	last         bool // the last step: its figures are the metrics
}

// askAtScale asks one question runs times of the cluster (this build, then
// the other one, in turn, each output compared with this build's) and of
// the local case, and writes the figures; with CDRTUI_CHKIT_QUERY_LOG set,
// what this build's first run read on each shard (system.query_log).
func askAtScale(b *testing.B, r scaleRun, name string, args func(casePath, msisdn string, t *gen.Truth) []string) {
	var chT, vsT, slT []float64
	var chRSS, vsRSS, slRSS float64
	loads := []string{}
	for i := range r.runs {
		if i > 0 && chT[0]+sum(vsT)+sum(slT) > 120 {
			break // a question of minutes is run once
		}
		loads = append(loads, loadAvg())
		a := append(args(r.url, r.busiest, r.truth), "--cluster", r.cluster)
		logging := i == 0 && os.Getenv("CDRTUI_CHKIT_QUERY_LOG") != ""
		if logging {
			time.Sleep(1100 * time.Millisecond) // the log's times are seconds: nothing before counted
		}
		t0 := time.Now()
		d, rss, out := runCdrtuiOut(b, r.bin, a...)
		chT, chRSS = append(chT, d.Seconds()), max(chRSS, rss)
		if logging {
			logQueries(b, r.shards, name, t0)
		}
		if r.vs != "" {
			d, rss, vsOut := runCdrtuiOut(b, r.vs, a...)
			vsT, vsRSS = append(vsT, d.Seconds()), max(vsRSS, rss)
			if !bytes.Equal(out, vsOut) {
				b.Errorf("%s at %d records: this build's output (%d bytes) is not the other build's (%d bytes)", name, r.records, len(out), len(vsOut))
			}
		}
		if r.localPath != "" {
			d, rss = runCdrtui(b, r.bin, args(r.localPath, r.localTop[0], r.localTruth)...)
			slT, slRSS = append(slT, d.Seconds()), max(slRSS, rss)
		}
	}
	if r.last {
		b.ReportMetric(median(chT), name+"_ch_s")
		b.ReportMetric(chRSS, name+"_ch_rss_MB")
		if len(slT) > 0 {
			b.ReportMetric(median(slT), name+"_sqlite10M_s")
		}
	}
	msg := fmt.Sprintf("%s: cluster (%d records) %s s, peak RSS %.0f MB", name, r.records, spread(chT), chRSS)
	if len(vsT) > 0 {
		msg += fmt.Sprintf("; the other build there %s s, peak RSS %.0f MB (output the same)", spread(vsT), vsRSS)
	}
	if len(slT) > 0 {
		msg += fmt.Sprintf("; SQLite (10M) %s s, peak RSS %.0f MB", spread(slT), slRSS)
	}
	b.Logf("%s; load %s", msg, strings.Join(loads, " | "))
}

func sum(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}

// runCdrtuiOut is runCdrtui keeping what the command printed. The peak
// RSS is cdrtui's own: read through /usr/bin/time when the machine has it,
// since a child forked by this process inherits this process's RSS into
// its peak until it execs (the rusage of a child of a benchmark holding
// 136 MB said 136 MB for a persona that peaks at 30 MB); from the child's
// rusage otherwise.
func runCdrtuiOut(b *testing.B, bin string, args ...string) (time.Duration, float64, []byte) {
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, args...)
	var peakFile string
	if _, err := os.Stat("/usr/bin/time"); err == nil {
		peakFile = filepath.Join(b.TempDir(), "peak")
		cmd = exec.Command("/usr/bin/time", append([]string{"-f", "%M", "-o", peakFile, bin}, args...)...)
	}
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	t0 := time.Now()
	err := cmd.Run()
	d := time.Since(t0)
	if err != nil {
		b.Fatalf("%s %v: %v\n%s", bin, args, err, stderr.Bytes())
	}
	if peakFile != "" {
		text, err := os.ReadFile(peakFile)
		kb, perr := strconv.ParseFloat(strings.TrimSpace(string(text)), 64)
		if err != nil || perr != nil {
			b.Fatalf("peak RSS of %s %v: %q %v %v", bin, args, text, err, perr)
		}
		return d, kb / 1024, stdout.Bytes()
	}
	return d, peakRSSMB(cmd.ProcessState), stdout.Bytes()
}

// logQueries writes what the queries finished on each shard since t0
// read: their number, rows and bytes read in all, and the ten that read
// most (rows, time, the query's start).
func logQueries(b *testing.B, shards []driver.Conn, name string, t0 time.Time) {
	ctx := context.Background()
	for i, c := range shards {
		if err := c.Exec(ctx, "SYSTEM FLUSH LOGS"); err != nil {
			b.Logf("query log, shard %d: %v", i+1, err)
			return
		}
		var n, rows, bytes uint64
		if err := c.QueryRow(ctx, `SELECT count(), sum(read_rows), sum(read_bytes) FROM system.query_log
			WHERE type = 2 AND query_start_time >= toDateTime(?) AND query NOT LIKE '%query_log%'`, t0.Unix()).Scan(&n, &rows, &bytes); err != nil {
			b.Logf("query log, shard %d: %v", i+1, err)
			return
		}
		b.Logf("%s, shard %d: %d queries, %d rows, %.1f MB read", name, i+1, n, rows, float64(bytes)/1e6)
		qs, err := c.Query(ctx, `SELECT read_rows, query_duration_ms, is_initial_query, substring(replaceRegexpAll(query, '\\s+', ' '), 1, 160)
			FROM system.query_log WHERE type = 2 AND query_start_time >= toDateTime(?) AND query NOT LIKE '%query_log%'
			ORDER BY read_rows DESC LIMIT 10`, t0.Unix())
		if err != nil {
			b.Logf("query log, shard %d: %v", i+1, err)
			return
		}
		for qs.Next() {
			var rows, ms uint64
			var initial uint8
			var q string
			if err := qs.Scan(&rows, &ms, &initial, &q); err != nil {
				b.Logf("query log: %v", err)
				break
			}
			b.Logf("  %10d rows %6d ms initial=%d  %s", rows, ms, initial, q)
		}
		qs.Close()
	}
}
