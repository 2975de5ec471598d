package gen

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// smallConfig is a case small enough to re-read in every test.
func smallConfig() Config {
	c := DefaultConfig()
	c.Seed = 42
	c.Subscribers = 40
	c.Days = 7
	c.Records = 20_000
	c.VoiceSubscribers = 60
	c.SimBoxes = 6
	return c
}

func generate(t *testing.T, cfg Config) (string, *Truth) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "case")
	truth, err := Generate(dir, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return dir, truth
}

func TestSameSeedSameBytes(t *testing.T) {
	cfg := smallConfig()
	dir1, _ := generate(t, cfg)
	dir2, _ := generate(t, cfg)
	cfg.Seed++
	dir3, _ := generate(t, cfg)
	for _, name := range []string{FileOperatorA, FileOperatorB, FileVoice, TruthFile} {
		b1, b2, b3 := readFile(t, dir1, name), readFile(t, dir2, name), readFile(t, dir3, name)
		if !bytes.Equal(b1, b2) {
			t.Errorf("%s differs between two runs of the same seed", name)
		}
		if bytes.Equal(b1, b3) {
			t.Errorf("%s is the same for seeds 42 and 43", name)
		}
	}
}

func readFile(t *testing.T, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRowCountsMatchTruth(t *testing.T) {
	dir, truth := generate(t, smallConfig())
	preamble := map[string]int{FileOperatorA: 1, FileOperatorB: 3, FileVoice: 1}
	total := 0
	for _, f := range truth.Files {
		lines := bytes.Count(readFile(t, dir, f.Path), []byte("\n"))
		if got := lines - preamble[f.Path]; got != f.Rows {
			t.Errorf("%s: %d data lines, truth says %d", f.Path, got, f.Rows)
		}
		if f.Kind == "ipdr" {
			total += f.Rows
		}
	}
	if len(truth.Files) != 3 || total != truth.IPDRRecords {
		t.Errorf("%d files, %d IPDR rows, truth ipdr_records %d", len(truth.Files), total, truth.IPDRRecords)
	}
	sum := 0
	for _, s := range truth.Subscribers {
		sum += s.Records
	}
	if sum != truth.IPDRRecords {
		t.Errorf("subscribers' records add to %d, not %d", sum, truth.IPDRRecords)
	}
	// Records is approximate: within 10% of what was asked.
	if want := smallConfig().Records; truth.IPDRRecords < want*9/10 || truth.IPDRRecords > want*11/10 {
		t.Errorf("%d IPDR records for %d asked", truth.IPDRRecords, want)
	}
}

// TestSubscriberTruthMatchesFiles re-reads the files with encoding/csv and
// recomputes every subscriber's summary.
func TestSubscriberTruthMatchesFiles(t *testing.T) {
	dir, truth := generate(t, smallConfig())
	rowsA, rowsB := readIPDR(t, dir)
	byA, orderA := groupBySubscriber(rowsA)
	byB, orderB := groupBySubscriber(rowsB)
	if len(orderA)+len(orderB) != len(truth.Subscribers) || len(orderA) != len(truth.Subscribers)/2 {
		t.Fatalf("files hold %d+%d subscribers, truth %d", len(orderA), len(orderB), len(truth.Subscribers))
	}
	for _, want := range truth.Subscribers {
		rows, other := byA[want.MSISDN], byB[want.MSISDN]
		if want.Operator == "B" {
			rows, other = other, rows
		}
		if len(other) != 0 {
			t.Errorf("%s appears in both operators' files", want.MSISDN)
		}
		got := referenceSummary(want.MSISDN, want.Operator, rows)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("subscriber %s:\n files %+v\n truth %+v", want.MSISDN, got, want)
		}
		for i := 1; i < len(rows); i++ {
			if rows[i].start.Before(rows[i-1].start) {
				t.Fatalf("%s: rows out of time order at %v", want.MSISDN, rows[i].start)
			}
		}
	}
}

func TestIDChangesAreInTheFiles(t *testing.T) {
	dir, truth := generate(t, smallConfig())
	rowsA, rowsB := readIPDR(t, dir)
	by, _ := groupBySubscriber(append(rowsA, rowsB...))
	if len(truth.IDChanges) != 1 { // (40+25)/50
		t.Fatalf("%d identity changes for 40 subscribers, want 1", len(truth.IDChanges))
	}
	for _, c := range truth.IDChanges {
		for _, r := range by[c.MSISDN] {
			id := r.imei
			if c.Kind == "imsi" {
				id = r.imsi
			}
			want := c.Old
			if !r.start.Before(c.At.Time) {
				want = c.New
			}
			if id != want {
				t.Fatalf("%s at %v uses %s %s, want %s", c.MSISDN, r.start, c.Kind, id, want)
			}
		}
	}
}

func TestTruthRoundTrip(t *testing.T) {
	dir, truth := generate(t, smallConfig())
	back, err := ReadTruth(filepath.Join(dir, TruthFile))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, truth) {
		t.Error("truth.json does not read back as the truth Generate returned")
	}
	if !strings.Contains(string(readFile(t, dir, TruthFile)), `"start": "2024-03-18T00:00:00"`) {
		t.Error("start is not written as a zone-less wall clock")
	}
}

func TestConfigChecks(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Config)
		ok     bool
	}{
		{"default", func(*Config) {}, true},
		{"no days", func(c *Config) { c.Days = 0 }, false},
		{"negative records", func(c *Config) { c.Records = -1 }, false},
		{"mimicry above 1", func(c *Config) { c.Mimicry = 1.5 }, false},
		{"too few subscribers for the plants", func(c *Config) { c.Subscribers = MinSubscribers(3) - 1 }, false},
		{"fewest subscribers", func(c *Config) { c.Subscribers = MinSubscribers(3) }, true},
		{"few subscribers but no IPDR", func(c *Config) { c.Subscribers, c.Records = 0, 0 }, true},
		{"zero start means the default", func(c *Config) { c.Start = time.Time{} }, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := DefaultConfig()
			tc.change(&c)
			_, err := c.checked()
			if (err == nil) != tc.ok {
				t.Errorf("checked() error = %v, want ok=%v", err, tc.ok)
			}
		})
	}
}

func TestRefusesForeignFiles(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
	}{
		{"unrelated file", map[string]string{"evidence.csv": "MSISDN\n1\n"}},
		{"generator's name but no truth.json", map[string]string{FileOperatorA: "real evidence\n"}},
		{"truth.json of someone else", map[string]string{TruthFile: `{"case": 17}`, FileVoice: "x\n"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, body := range tc.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := Generate(dir, smallConfig()); err == nil {
				t.Fatal("Generate wrote into a directory holding foreign files")
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != len(tc.files) {
				t.Errorf("directory now has %d entries, had %d", len(entries), len(tc.files))
			}
			for name, body := range tc.files {
				if got := string(readFile(t, dir, name)); got != body {
					t.Errorf("%s was changed to %q", name, got)
				}
			}
		})
	}
}

func TestOverwritesItsOwnCase(t *testing.T) {
	cfg := smallConfig()
	dir, _ := generate(t, cfg)
	cfg.Records = 0
	truth, err := Generate(dir, cfg)
	if err != nil {
		t.Fatalf("regenerating over the generator's own case: %v", err)
	}
	if len(truth.Files) != 1 || truth.Files[0].Path != FileVoice {
		t.Fatalf("files %+v, want the voice file only", truth.Files)
	}
	for _, gone := range []string{FileOperatorA, FileOperatorB} {
		if _, err := os.Stat(filepath.Join(dir, gone)); !os.IsNotExist(err) {
			t.Errorf("%s of the earlier case is still there", gone)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("%d entries, want voice file and truth.json", len(entries))
	}
}

func TestEdgeConfigs(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Config)
		files  int
	}{
		{"one day", func(c *Config) { c.Days = 1 }, 3},
		{"two days, many pairs", func(c *Config) { c.Days, c.Pairs, c.Subscribers = 2, 9, MinSubscribers(9) }, 3},
		{"no pairs, no SIM-boxes", func(c *Config) { c.Pairs, c.SimBoxes = 0, 0 }, 3},
		{"voice only", func(c *Config) { c.Records = 0 }, 1},
		{"data only", func(c *Config) { c.VoiceSubscribers = 0 }, 2},
		{"nothing but the truth", func(c *Config) { c.Records, c.VoiceSubscribers = 0, 0 }, 0},
		{"fewer records than planted", func(c *Config) { c.Records = 10 }, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := smallConfig()
			tc.change(&cfg)
			dir, truth := generate(t, cfg)
			if len(truth.Files) != tc.files {
				t.Fatalf("%d files, want %d", len(truth.Files), tc.files)
			}
			if cfg.Records > 0 {
				if truth.Hunt == nil || len(truth.Pairs) != cfg.Pairs {
					t.Fatalf("hunt %v, %d pairs", truth.Hunt, len(truth.Pairs))
				}
				if end := truth.Start.AddDate(0, 0, cfg.Days); !truth.Hunt.To.Before(end) {
					t.Errorf("hunt window ends %v, after the case's last day", truth.Hunt.To)
				}
				for _, p := range truth.Pairs {
					if p.Conversations < 30 || !p.Last.Before(truth.Start.AddDate(0, 0, cfg.Days)) {
						t.Errorf("pair %+v", p)
					}
				}
			}
			back, err := ReadTruth(filepath.Join(dir, TruthFile))
			if err != nil || !reflect.DeepEqual(back, truth) {
				t.Errorf("truth.json round trip: %v", err)
			}
		})
	}
}
