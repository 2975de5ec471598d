package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
)

// generatedCaseFile generates and imports a small case of data records
// through the CLI (once for the package: each test has its own copy of
// the case file).
func generatedCaseFile(t *testing.T) (string, *gen.Truth) {
	t.Helper()
	return sharedGenCase(t, "--seed", "5", "--subscribers", "40", "--records", "12000", "--voice", "0", "--simboxes", "0")
}

func runJSON(t *testing.T, args []string, into any) {
	t.Helper()
	var out, errOut bytes.Buffer
	if code := run(args, &out, &errOut); code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, errOut.String())
	}
	if err := json.Unmarshal(out.Bytes(), into); err != nil {
		t.Fatalf("%v: %v\n%s", args, err, out.String())
	}
}

// The JSON of correlate and contacts holds exactly what casework returns,
// and every spelling of a window means the same seconds.
func TestCorrelateAndContactsJSON(t *testing.T) {
	casePath, truth := generatedCaseFile(t)
	pair := truth.Pairs[0]
	st, err := store.Create(casePath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	dict := analysis.DefaultDictionary()

	for _, tc := range []struct {
		window string
		secs   int64
		match  casework.Match
	}{{"3m", 180, casework.MatchApp}, {"180", 180, casework.MatchApp}, {"45s", 45, casework.MatchPort}, {"1h", 3600, casework.MatchApp}} {
		want, err := casework.Correlate(ctx, st, dict, pair.A, pair.B, tc.secs, tc.match)
		if err != nil {
			t.Fatal(err)
		}
		var got casework.Correlation
		runJSON(t, []string{"correlate", casePath, pair.A, pair.B, "--window", tc.window, "--match", string(tc.match), "--json"}, &got)
		if !reflect.DeepEqual(&got, want) {
			t.Errorf("--window %s --match %s: JSON %+v\nwant %+v", tc.window, tc.match, got, *want)
		}
		// The fields the issue names, read as a script would.
		var raw map[string]any
		runJSON(t, []string{"correlate", casePath, pair.A, pair.B, "--window", tc.window, "--match", string(tc.match), "--json"}, &raw)
		for _, k := range []string{"a", "b", "window_s", "match", "pairs", "per_app", "expected"} {
			if _, ok := raw[k]; !ok {
				t.Errorf("correlate JSON lacks %q", k)
			}
		}
		if raw["window_s"].(float64) != float64(tc.secs) || int(raw["pairs"].(float64)) != want.Pairs {
			t.Errorf("window_s %v pairs %v", raw["window_s"], raw["pairs"])
		}
	}

	want, err := casework.Contacts(ctx, st, dict, pair.A, 180, 5)
	if err != nil {
		t.Fatal(err)
	}
	var got casework.ContactList
	runJSON(t, []string{"contacts", casePath, pair.A, "--window", "180s", "--top", "5", "--json"}, &got)
	if !reflect.DeepEqual(&got, want) {
		t.Errorf("contacts JSON %+v\nwant %+v", got, *want)
	}
	if len(got.Contacts) != 5 || got.Contacts[0].MSISDN != pair.B {
		t.Errorf("contacts = %+v, want 5 with %s first", got.Contacts, pair.B)
	}
}

func TestCorrelateCLIErrors(t *testing.T) {
	casePath, truth := generatedCaseFile(t)
	a := truth.Pairs[0].A
	tests := []struct {
		args []string
		code int
		text string
	}{
		{[]string{"correlate", casePath, a}, 2, "two MSISDNs"},
		{[]string{"correlate", casePath, a, a, "--window", "-3s"}, 2, "negative"},
		{[]string{"correlate", casePath, a, a, "--window", "1.5s"}, 2, "whole seconds"},
		{[]string{"correlate", casePath, a, a, "--match", "exact"}, 2, "app or port"},
		{[]string{"correlate", casePath, a, "0000"}, 1, "no such subscriber"},
		{[]string{"correlate", casePath, a, a}, 2, "A and B are the same subscriber"},
		{[]string{"contacts", casePath}, 2, "an MSISDN"},
		{[]string{"contacts", filepath.Join(t.TempDir(), "none.db"), a}, 1, "no case file"},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		if code := run(tt.args, &out, &errOut); code != tt.code || !strings.Contains(errOut.String(), tt.text) {
			t.Errorf("%v: exit %d %q, want %d containing %q", tt.args, code, errOut.String(), tt.code, tt.text)
		}
	}
	// The text report names both subscribers, the figures and the sources.
	var out, errOut bytes.Buffer
	if code := run([]string{"correlate", casePath, a, truth.Pairs[0].B, "--list", "3"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	for _, w := range []string{"expected by chance", "WhatsApp", "matched pairs (3 of", "ipdr"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("text output lacks %q:\n%s", w, out.String())
		}
	}
}
