package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/gen"
)

// `cdrtui --help`, `cdrtui -h` and `cdrtui help` print the usage of the
// workbench and of every command, on stdout, and exit 0, opening nothing.
func TestTopLevelHelpFlags(t *testing.T) {
	for _, h := range []string{"--help", "-h", "help"} {
		var out, errOut bytes.Buffer
		if code := run([]string{h}, &out, &errOut); code != 0 || errOut.Len() != 0 {
			t.Errorf("cdrtui %s: exit %d, stderr %q", h, code, errOut.String())
		}
		text := out.String()
		if !strings.HasPrefix(text, "cdrtui: a terminal workbench") || !strings.Contains(text, "\n  cdrtui CASE.db         open a case\n") {
			t.Errorf("cdrtui %s printed:\n%s", h, text)
		}
		for _, c := range commands() {
			if !strings.Contains(text, "\n  cdrtui "+c.usage+"\n      "+c.summary+"\n") {
				t.Errorf("cdrtui %s does not give %s's usage", h, c.name)
			}
		}
	}
}

// gen's flags shape what it writes: the count of data subscribers, days,
// IPDR records (about; the planted ones come on top, truth.json and the
// import agree on the exact count), voice subscribers, SIM-boxes, their
// mimicry, planted pairs; --seed makes it repeatable; --asterisk and
// --geo add the PBX image and the geography.
func TestGenFlags(t *testing.T) {
	dir := t.TempDir()
	gen1 := func(name string, args ...string) (string, *gen.Truth) {
		t.Helper()
		out := filepath.Join(dir, name)
		runOK(t, append([]string{"gen", out}, args...)...)
		truth, err := gen.ReadTruth(filepath.Join(out, gen.TruthFile))
		if err != nil {
			t.Fatal(err)
		}
		return out, truth
	}
	base := []string{"--seed", "11", "--subscribers", "30", "--days", "3", "--records", "3000", "--voice", "10", "--simboxes", "2", "--mimicry", "0.5", "--pairs", "1"}
	ev, truth := gen1("base", base...)
	if truth.Seed != 11 || truth.Days != 3 || len(truth.Subscribers) != 30 || len(truth.Pairs) != 1 || len(truth.SimBoxes) != 2 ||
		truth.Mimicry != 0.5 || len(truth.HonestVoice) != 10+gen.PlantedVoiceSubscribers || truth.Asterisk != nil || truth.Geography != nil {
		t.Errorf("truth of gen %v: seed %d days %d subscribers %d pairs %d simboxes %d mimicry %g honest voice %d asterisk %v geography %v", base,
			truth.Seed, truth.Days, len(truth.Subscribers), len(truth.Pairs), len(truth.SimBoxes), truth.Mimicry, len(truth.HonestVoice), truth.Asterisk != nil, truth.Geography != nil)
	}
	if truth.IPDRRecords < 3000 || truth.IPDRRecords > 3600 {
		t.Errorf("--records 3000 wrote %d IPDR records", truth.IPDRRecords)
	}
	casePath := filepath.Join(dir, "base.db")
	runOK(t, "import", casePath, ev)
	var sum struct {
		Records     map[string]int64 `json:"records"`
		First, Last string
	}
	runJSON(t, []string{"summary", casePath, "--json"}, &sum)
	start := truth.Start.Format("2006-01-02")
	if sum.Records["ipdr"] != int64(truth.IPDRRecords) || sum.Records["voice"] != int64(truth.VoiceRecords) || truth.VoiceRecords == 0 ||
		sum.First < start || sum.Last >= truth.Start.AddDate(0, 0, 3).Format("2006-01-02") {
		t.Errorf("imported %v from %s to %s; truth %d IPDR, %d voice, 3 days from %s", sum.Records, sum.First, sum.Last, truth.IPDRRecords, truth.VoiceRecords, start)
	}

	// --seed: the same seed writes the same bytes, another other bytes;
	// --mimicry changes only the SIM-boxes' calls
	same, _ := gen1("same", base...)
	other, _ := gen1("other", append(base, "--seed", "12")...)
	calm, _ := gen1("calm", append(base, "--mimicry", "0")...)
	for _, f := range []string{gen.FileOperatorA, gen.FileVoice} {
		a, b, c, d := mustRead(t, filepath.Join(ev, f)), mustRead(t, filepath.Join(same, f)), mustRead(t, filepath.Join(other, f)), mustRead(t, filepath.Join(calm, f))
		if !bytes.Equal(a, b) || bytes.Equal(a, c) {
			t.Errorf("%s: same seed same bytes %v, another seed same bytes %v", f, bytes.Equal(a, b), bytes.Equal(a, c))
		}
		if bytes.Equal(a, d) != (f != gen.FileVoice) {
			t.Errorf("%s: --mimicry 0 against 0.5 gives the same bytes: %v", f, bytes.Equal(a, d))
		}
	}

	// --voice 0 and --records 0: no voice file, no IPDR file
	none, truth := gen1("none", "--records", "0", "--voice", "0", "--simboxes", "0", "--days", "1")
	for _, f := range []string{gen.FileOperatorA, gen.FileOperatorB, gen.FileVoice, "image"} {
		if _, err := os.Stat(filepath.Join(none, f)); err == nil {
			t.Errorf("--records 0 --voice 0 wrote %s", f)
		}
	}
	if truth.IPDRRecords != 0 || truth.VoiceRecords != 0 {
		t.Errorf("--records 0 --voice 0: %d IPDR, %d voice records", truth.IPDRRecords, truth.VoiceRecords)
	}

	// --asterisk and --geo
	rich, truth := gen1("rich", "--subscribers", "30", "--pairs", "1", "--records", "600", "--voice", "0", "--simboxes", "0", "--days", "2", "--asterisk", "--geo")
	if truth.Asterisk == nil || len(truth.Asterisk.Modems) == 0 || truth.Geography == nil {
		t.Fatalf("--asterisk --geo: asterisk %+v, geography %v", truth.Asterisk, truth.Geography != nil)
	}
	for _, f := range []string{"image/etc/asterisk", gen.FileOperatorSites, gen.FileCellTowers} {
		if _, err := os.Stat(filepath.Join(rich, f)); err != nil {
			t.Errorf("--asterisk --geo: %v", err)
		}
	}
}

// demo returns the demo case it built before; demo --rebuild builds it
// again from nothing.
func TestDemoRebuildFlag(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dir := casework.DemoDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	// a demo marked complete is returned as it is: nothing is built
	for _, f := range []string{"complete", "left-by-an-older-build"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := filepath.Join(dir, "demo.db") + "\n"
	if out := runOK(t, "demo"); out != want {
		t.Errorf("demo printed %q, want %q", out, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "demo.db")); err == nil {
		t.Fatal("demo built a case that was marked complete")
	}
	if out := runOK(t, "demo", "--rebuild"); out != want {
		t.Errorf("demo --rebuild printed %q, want %q", out, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "left-by-an-older-build")); err == nil {
		t.Error("demo --rebuild kept what the old build left")
	}
	var sum struct {
		Records map[string]int64 `json:"records"`
	}
	runJSON(t, []string{"summary", filepath.Join(dir, "demo.db"), "--json"}, &sum)
	if c := casework.DemoConfig(); sum.Records["ipdr"] < int64(c.Records) || sum.Records["voice"] == 0 {
		t.Errorf("the rebuilt demo holds %v", sum.Records)
	}
}

// simbox-eval --config evaluates a rule book from a file (here one that
// scores nobody: at least 100000 outgoing calls), --keep-dir keeps the
// cases it built.
func TestSimBoxEvalConfigAndKeepDirFlags(t *testing.T) {
	dir := t.TempDir()
	small := []string{"simbox-eval", "--seed", "4", "--voice", "20", "--simboxes", "2", "--days", "2", "--mimicry", "0", "--thresholds", "50", "--json"}
	type report struct {
		ConfigOrigin string `json:"config_origin"`
		Rows         []struct {
			Flagged, TP, FN int
		} `json:"rows"`
	}
	var defaults, strict report
	runJSON(t, small, &defaults)
	if defaults.ConfigOrigin != "defaults" || len(defaults.Rows) != 1 || defaults.Rows[0].TP == 0 {
		t.Fatalf("defaults: %+v", defaults)
	}
	rules := writeFile(t, dir, "rules.json", `{"min_outgoing_calls": 100000}`)
	keep := filepath.Join(dir, "kept")
	runJSON(t, append(small, "--config", rules, "--keep-dir", keep), &strict)
	if strict.ConfigOrigin != "file "+rules || len(strict.Rows) != 1 || strict.Rows[0].Flagged != 0 || strict.Rows[0].FN != 2 {
		t.Errorf("--config %s: %+v, want nobody flagged, both SIM-boxes missed", rules, strict)
	}
	for _, f := range []string{"case.db", "evidence/" + gen.FileVoice, "evidence/" + gen.TruthFile} {
		if _, err := os.Stat(filepath.Join(keep, "mimicry-0.00", f)); err != nil {
			t.Errorf("--keep-dir: %v", err)
		}
	}
}
