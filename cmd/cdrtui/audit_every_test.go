package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// notAnalyses are the commands that compute no result of the case: they
// import, generate, print, manage the case's memory, or report (each
// records what it must in tests of its own).
var notAnalyses = []string{"import", "gen", "summary", "simbox-eval", "note", "audit", "report", "cells", "demo", "upgrade", "ports"}

// Every analysis command records its run in the case's trail, with the
// SHA-256 of exactly what its --json printed: the list below names every
// command of the CLI that is not in notAnalyses, so a command added later
// without its run recorded (or without a line here) fails this test.
func TestEveryAnalysisCommandRecordsItsRun(t *testing.T) {
	casePath, truth := reportCaseFile(t)
	a, b := truth.Pairs[0].A, truth.Pairs[0].B
	runs := map[string][]string{
		"persona":       {casePath, a, "--json"},
		"correlate":     {casePath, a, b, "--json"},
		"contacts":      {casePath, a, "--json"},
		"trends":        {casePath, a, "--json"},
		"hunt":          {casePath, "--dest", "0.0.0.0/0", "--json"},
		"simbox":        {casePath, "--json"},
		"asterisk":      {casePath, "--json"},
		"location":      {casePath, a, "--json"},
		"graph":         {casePath, a, "--json"},
		"calls":         {casePath, a, "--json"},
		"common":        {casePath, a, b, "--json"},
		"devices":       {casePath, a, "--json"},
		"silences":      {casePath, a, "--json"},
		"chains":        {casePath, a, "--json"},
		"international": {casePath, a, "--json"},
		"colocate":      {casePath, a, b, "--json"},
		"scenes":        {casePath, "--scene", "404-*@2024-01-01..2030-01-01", "--scene", "404-*@2024-01-01..2030-01-01", "--json"},
	}
	for _, c := range commands() {
		if _, ok := runs[c.name]; !ok && !slices.Contains(notAnalyses, c.name) {
			t.Errorf("command %q is neither an analysis checked here nor listed as none", c.name)
		}
	}
	for name, args := range runs {
		n := len(trailEntries(t, casePath))
		var out, errOut bytes.Buffer
		if code := run(append([]string{name}, args...), &out, &errOut); code != 0 {
			t.Errorf("cdrtui %s: exit %d: %s", name, code, errOut.String())
			continue
		}
		es := trailEntries(t, casePath)
		if len(es) != n+1 {
			t.Errorf("cdrtui %s: the trail went from %d to %d entries", name, n, len(es))
			continue
		}
		sum := sha256.Sum256(out.Bytes())
		var params struct{ Args []string }
		json.Unmarshal([]byte(es[n].Params), &params)
		if e := es[n]; e.Action != name || !slices.Equal(params.Args, args) || e.ResultSHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("cdrtui %s recorded %+v; want its args and result %x", name, e, sum)
		}
	}
}

// An import of cell sites is in the trail with the hash of what its --json
// printed, as an import of evidence is.
func TestCellsImportRecordsWhatItPrinted(t *testing.T) {
	dir := t.TempDir()
	cdr := filepath.Join(dir, "cdr.csv")
	sites := filepath.Join(dir, "sites.csv")
	os.WriteFile(cdr, []byte(locationCDR), 0o444)
	os.WriteFile(sites, []byte(locationSites), 0o444)
	casePath := filepath.Join(dir, "case.db")
	runOK(t, "import", casePath, cdr)
	n := len(trailEntries(t, casePath))
	out := runOK(t, "cells", casePath, sites, "--plmn", "404-10", "--json")
	es := trailEntries(t, casePath)
	sum := sha256.Sum256([]byte(out))
	if len(es) != n+1 || es[n].Action != "cells" || es[n].ResultSHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("cells recorded %+v; want result %x (of %s)", es[n:], sum, strings.TrimSpace(out))
	}
}
