package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
)

// huntCLICase generates a small case with the planted hunt and imports it
// with the import command (once for the package: each test has its own
// copy of the case file).
func huntCLICase(t *testing.T) (string, *gen.Truth) {
	t.Helper()
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Subscribers, cfg.Days, cfg.Records, cfg.VoiceSubscribers, cfg.SimBoxes = 9, 40, 4, 6000, 0, 0
	return sharedCase(t, "hunt", func(dir string) (string, *gen.Truth, error) { return genConfigImport(dir, cfg) })
}

func runHuntCLI(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(append([]string{"hunt"}, args...), &out, &errOut)
	return out.String(), errOut.String(), code
}

// The JSON of `cdrtui hunt` is casework.Hunt's result, and holds exactly
// the planted visitors with their record counts.
func TestHuntCommandJSON(t *testing.T) {
	casePath, truth := huntCLICase(t)
	h := truth.Hunt
	dest := h.DestIP + ":" + strconv.Itoa(h.DestPort)
	from := h.From.Format("2006-01-02T15:04:05")
	to := h.To.Add(-time.Second).Format("2006-01-02T15:04:05")
	out, errOut, code := runHuntCLI(t, casePath, "--dest", dest, "--cell", h.CellPrefix+"*", "--from", from, "--to", to, "--json")
	if code != 0 {
		t.Fatalf("hunt: %d %s", code, errOut)
	}
	var got struct {
		Subscribers []struct {
			MSISDN  string   `json:"msisdn"`
			IMSIs   []string `json:"imsis"`
			IMEIs   []string `json:"imeis"`
			Cells   []string `json:"cells"`
			First   string   `json:"first"`
			Last    string   `json:"last"`
			Records int64    `json:"records"`
		} `json:"subscribers"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]int64{}
	for _, m := range h.Visitors {
		want[m.MSISDN] = int64(m.Records)
	}
	if len(got.Subscribers) != len(want) {
		t.Fatalf("%d subscribers, want %d", len(got.Subscribers), len(want))
	}
	for _, s := range got.Subscribers {
		if want[s.MSISDN] != s.Records || len(s.IMEIs) == 0 || len(s.Cells) == 0 || s.First == "" {
			t.Errorf("subscriber %+v, planted %d records", s, want[s.MSISDN])
		}
	}

	// the same numbers as casework
	st, err := store.Create(casePath)
	if err != nil {
		t.Fatal(err)
	}
	q, err := analysis.HuntForm{Dests: dest, Cells: h.CellPrefix + "*", From: from, To: to}.Parse()
	if err != nil {
		t.Fatal(err)
	}
	res, err := casework.Hunt(context.Background(), st, q)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	var wantJSON bytes.Buffer
	if err := writeJSON(&wantJSON, res); err != nil {
		t.Fatal(err)
	}
	if out != wantJSON.String() {
		t.Errorf("CLI JSON differs from casework's:\n%s\nvs\n%s", out, wantJSON.String())
	}

	// the text output: a table and the statements
	text, _, code := runHuntCLI(t, casePath, "--dest", dest, "--cell", h.CellPrefix+"*", "--from", from, "--to", to, "--records")
	if code != 0 || !strings.Contains(text, "found "+strconv.Itoa(len(want))+" subscribers") || !strings.Contains(text, "statements:\n1. MSISDN ") ||
		!strings.Contains(text, "records:\n") {
		t.Errorf("text output:\n%s", text)
	}
}

func TestHuntCommandSavedHunts(t *testing.T) {
	casePath, truth := huntCLICase(t)
	h := truth.Hunt
	dest := h.DestIP + ":" + strconv.Itoa(h.DestPort)
	cells := filepath.Join(t.TempDir(), "cells.txt")
	if err := os.WriteFile(cells, []byte(strings.Join(h.Cells, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := runHuntCLI(t, casePath, "--dest", dest, "--cell", "@"+cells, "--from", h.From.Format("2006-01-02T15:04:05"),
		"--to", h.To.Add(-time.Second).Format("2006-01-02 15:04:05"), "--save", "blue whale", "--json")
	if code != 0 || !strings.Contains(errOut, `hunt saved as "blue whale"`) {
		t.Fatalf("save: %d %s", code, errOut)
	}
	out, _, code := runHuntCLI(t, casePath, "--saved", "--json")
	var saved []casework.SavedHuntView
	if err := json.Unmarshal([]byte(out), &saved); err != nil || code != 0 {
		t.Fatalf("saved: %v %s", err, out)
	}
	if len(saved) != 1 || saved[0].Name != "blue whale" || saved[0].Subscribers != int64(len(h.Visitors)) {
		t.Errorf("saved hunts %+v", saved)
	}
	out, _, code = runHuntCLI(t, casePath, "--rerun", "blue whale")
	if code != 0 || !strings.Contains(out, "(unchanged)") {
		t.Errorf("rerun: %d\n%s", code, out)
	}
	if _, _, code = runHuntCLI(t, casePath, "--delete", "blue whale"); code != 0 {
		t.Errorf("delete: %d", code)
	}
	if _, errOut, code = runHuntCLI(t, casePath, "--rerun", "blue whale"); code != 1 || !strings.Contains(errOut, "no saved hunt") {
		t.Errorf("rerun after delete: %d %s", code, errOut)
	}
}

func TestHuntCommandUsageErrors(t *testing.T) {
	casePath, _ := huntCLICase(t)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{casePath}, "name a --dest, --port or --cell"},
		{[]string{casePath, "--dest", "104.198.99"}, "--dest: IPv4 address \"104.198.99\" has 3 parts"},
		{[]string{casePath, "--dest", "104.198.99.79", "--from", "02/05/2017"}, "--from: \"02/05/2017\" can be read two ways"},
		{[]string{casePath, "--dest", "1.2.3.4", "--from", "2017-05-03", "--to", "2017-05-02"}, "the window ends"},
		{[]string{casePath, "--saved", "--dest", "1.2.3.4"}, "one at a time"},
		{[]string{casePath, "--rerun", "x", "--save", "y"}, "--save keeps a new hunt"},
	}
	for _, tt := range tests {
		_, errOut, code := runHuntCLI(t, tt.args...)
		if code != 2 || !strings.Contains(errOut, tt.want) {
			t.Errorf("hunt %q: exit %d, %q; want 2 and %q", tt.args, code, errOut, tt.want)
		}
	}
}
