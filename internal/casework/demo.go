package casework

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
)

// demoVersion names the demo case's recipe; bump it when the generator or
// the schema changes what the demo should hold, and a new demo is built.
const demoVersion = "v9" // v9: integer destination keys (schema 15); v8: whole-case summaries (schema 14); v7: plausible movement and a planted clone, ipdr_by_cell (schema 13); v6: cell sites and places, the planted call network, the voice_by_other_key index (schema 12); v3: canonical keys, record sources, PBX directions, notes and audit (schema 9)

// DemoConfig is the recipe of the built-in demo case: small enough to build
// in a second or two, rich enough that every pane has something to show.
func DemoConfig() gen.Config {
	c := gen.DefaultConfig()
	c.Seed = 7
	c.Subscribers = 80
	c.Days = 14
	c.Records = 40_000
	c.VoiceSubscribers = 150
	c.AsteriskImage = true
	c.Geography = true
	return c
}

// DemoDir is where the demo case lives: the user's cache directory, or the
// system temporary directory when there is none.
func DemoDir() string {
	base, err := os.UserCacheDir()
	if err != nil || base == "" {
		base = os.TempDir()
	}
	return filepath.Join(base, "cdrtui", "demo-"+demoVersion)
}

// EnsureDemo returns the demo case file, building it on first use: the
// synthetic evidence is generated into DemoDir()/evidence and imported into
// DemoDir()/demo.db. A half-built demo (an interrupted first run) is
// rebuilt. rebuild forces a fresh build.
func EnsureDemo(ctx context.Context, rebuild bool) (string, error) {
	dir := DemoDir()
	casePath := filepath.Join(dir, "demo.db")
	done := filepath.Join(dir, "complete")
	if !rebuild {
		if _, err := os.Stat(done); err == nil {
			return casePath, nil
		}
	}
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	evidenceDir := filepath.Join(dir, "evidence")
	if _, err := gen.Generate(evidenceDir, DemoConfig()); err != nil {
		return "", fmt.Errorf("generating the demo evidence: %w", err)
	}
	st, err := store.Create(casePath)
	if err != nil {
		return "", err
	}
	defer st.Close()
	results, err := st.Import(ctx, []string{evidenceDir}, store.ImportOptions{})
	if err != nil {
		return "", err
	}
	var problems []error
	for _, r := range results {
		if r.Error != "" {
			problems = append(problems, fmt.Errorf("%s: %s", r.Path, r.Error))
		}
	}
	cells, err := st.ImportCells(ctx, []string{filepath.Join(evidenceDir, gen.FileOperatorSites), filepath.Join(evidenceDir, gen.FileCellTowers)}, store.CellImportOptions{})
	if err != nil {
		return "", err
	}
	for _, r := range cells {
		if r.Error != "" {
			problems = append(problems, fmt.Errorf("%s: %s", r.Path, r.Error))
		}
	}
	if len(problems) > 0 {
		return "", fmt.Errorf("importing the demo evidence: %w", errors.Join(problems...))
	}
	if err := os.WriteFile(done, []byte(demoVersion+"\n"), 0o644); err != nil {
		return "", err
	}
	return casePath, nil
}
