package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
)

// simboxCaseFile generates a small voice case and imports it (once for
// the package: each test has its own copy of the case file).
func simboxCaseFile(t *testing.T) string {
	t.Helper()
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Days, cfg.Records, cfg.Pairs = 3, 7, 0, 0
	cfg.VoiceSubscribers, cfg.SimBoxes, cfg.Mimicry = 120, 8, 0.4
	casePath, _ := sharedCase(t, "simbox", func(dir string) (string, *gen.Truth, error) { return genConfigImport(dir, cfg) })
	return casePath
}

func runOK(t *testing.T, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	if code := run(args, &out, &errOut); code != 0 {
		t.Fatalf("cdrtui %s: exit %d: %s", strings.Join(args, " "), code, errOut.String())
	}
	return out.String()
}

func decode(t *testing.T, b []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// simbox --json prints exactly what casework.SimBox returns.
func TestSimBoxJSONEqualsCasework(t *testing.T) {
	casePath := simboxCaseFile(t)
	for _, tt := range []struct {
		args      []string
		threshold float64
	}{
		{nil, 50},
		{[]string{"--threshold", "30"}, 30},
	} {
		out := runOK(t, append([]string{"simbox", casePath, "--json"}, tt.args...)...)
		st, err := store.Create(casePath)
		if err != nil {
			t.Fatal(err)
		}
		rules := casework.SimBoxRules{Config: analysis.DefaultSimBoxConfig(), Origin: "defaults"}
		if tt.threshold != 50 {
			rules.Config.Threshold = tt.threshold
			rules.Origin += ", threshold 30 from the command line"
		}
		rep, err := casework.SimBox(context.Background(), st, rules)
		st.Close()
		if err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(rep)
		if !reflect.DeepEqual(decode(t, []byte(out)), decode(t, want)) {
			t.Errorf("%v: CLI JSON differs from casework", tt.args)
		}
		var parsed struct {
			Threshold   float64 `json:"threshold"`
			Flagged     int     `json:"flagged"`
			Subscribers []struct {
				MSISDN   string          `json:"msisdn"`
				Score    float64         `json:"score"`
				Flagged  bool            `json:"flagged"`
				Features json.RawMessage `json:"features"`
			} `json:"subscribers"`
		}
		if err := json.Unmarshal([]byte(out), &parsed); err != nil {
			t.Fatal(err)
		}
		flagged := 0
		for i, s := range parsed.Subscribers {
			if i > 0 && s.Score > parsed.Subscribers[i-1].Score {
				t.Fatal("subscribers not highest score first")
			}
			if s.MSISDN == "" || len(s.Features) < 10 {
				t.Fatalf("subscriber %d lacks msisdn or features", i)
			}
			if s.Flagged {
				flagged++
			}
		}
		if parsed.Threshold != tt.threshold || flagged != parsed.Flagged || flagged != rep.Flagged {
			t.Errorf("threshold %g, %d flagged rows, flagged %d (casework %d)", parsed.Threshold, flagged, parsed.Flagged, rep.Flagged)
		}
	}
}

func TestSimBoxText(t *testing.T) {
	casePath := simboxCaseFile(t)
	out := runOK(t, "simbox", casePath)
	for _, want := range []string{"rule book: defaults", "night: 22:00:00-06:00:00", "flagged at score ≥ 50",
		"why each flagged SIM scored:", "cells, most suspects"} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
	// A rule book from a file is applied, shown, and kept with --keep.
	rules := filepath.Join(t.TempDir(), "rules.json")
	if err := os.WriteFile(rules, []byte(`{"threshold": 99, "night": {"from": "23:00", "to": "05:00"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	out = runOK(t, "simbox", casePath, "--config", rules, "--keep", "--top", "3")
	if !strings.Contains(out, "rule book: file "+rules) || !strings.Contains(out, "night: 23:00:00-05:00:00") {
		t.Errorf("the file's rule book is not shown:\n%s", out)
	}
	var rep struct {
		Origin    string  `json:"config_origin"`
		Threshold float64 `json:"threshold"`
	}
	if err := json.Unmarshal([]byte(runOK(t, "simbox", casePath, "--json")), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Origin != "kept in the case" || rep.Threshold != 99 {
		t.Errorf("kept rule book not applied: %+v", rep)
	}
	// --print-config gives the defaults as a file the analyst can edit.
	c, err := analysis.ParseSimBoxConfig([]byte(runOK(t, "simbox", "--print-config")))
	if err != nil || !reflect.DeepEqual(c, analysis.DefaultSimBoxConfig()) {
		t.Errorf("--print-config: %v", err)
	}
	var out2, errOut bytes.Buffer
	if code := run([]string{"simbox", casePath, "--threshold", "high"}, &out2, &errOut); code != 2 {
		t.Errorf("bad threshold: exit %d", code)
	}
}

func TestSimBoxEvalCommand(t *testing.T) {
	out := runOK(t, "simbox-eval", "--seed", "4", "--voice", "100", "--simboxes", "8", "--days", "5",
		"--mimicry", "0,1", "--thresholds", "40,60", "--json")
	var rep casework.SimBoxEvalReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Seed != 4 || len(rep.Rows) != 4 {
		t.Fatalf("seed %d, %d rows", rep.Seed, len(rep.Rows))
	}
	for _, r := range rep.Rows {
		if r.TP+r.FN != 8 || r.FP+r.TN != 100+gen.PlantedVoiceSubscribers {
			t.Errorf("counts do not add up: %+v", r)
		}
	}
	text := runOK(t, "simbox-eval", "--seed", "4", "--voice", "100", "--simboxes", "8", "--days", "5", "--mimicry", "0", "--thresholds", "50")
	if !strings.Contains(text, "honest blocked") || !strings.Contains(text, "100.0%") {
		t.Errorf("table:\n%s", text)
	}
}
