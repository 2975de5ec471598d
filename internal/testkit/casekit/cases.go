// Package casekit builds synthetic cases for tests and benchmarks: small
// ones in temporary directories, large ones once into the user cache
// directory. Only _test.go files import it.
package casekit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
)

// GeneratedCase generates a synthetic case with cfg into a temporary
// directory, imports it into a new case file, and returns the case (open),
// the evidence directory and the planted truth. A file the import could not
// read fails the test.
func GeneratedCase(t testing.TB, cfg gen.Config) (*store.Store, string, *gen.Truth) {
	t.Helper()
	return GeneratedCaseWith(t, cfg, CaseOptions{})
}

// CaseOptions are what GeneratedCaseWith checks beyond GeneratedCase.
type CaseOptions struct {
	// NoRejects also fails the test when a file had a line rejected, for
	// tests that count on every planted record being in the case.
	NoRejects bool
}

// GeneratedCaseWith is GeneratedCase with the checks of opts.
func GeneratedCaseWith(t testing.TB, cfg gen.Config, opts CaseOptions) (*store.Store, string, *gen.Truth) {
	t.Helper()
	dir := t.TempDir()
	evidence := filepath.Join(dir, "evidence")
	truth, err := gen.Generate(evidence, cfg)
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	st, err := store.Create(filepath.Join(dir, "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	res, err := st.Import(context.Background(), []string{evidence}, store.ImportOptions{})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	for _, r := range res {
		if r.Error != "" {
			t.Fatalf("import %s: %s", r.Path, r.Error)
		}
		if opts.NoRejects && r.Rejected != 0 {
			t.Fatalf("import %s: %+v", r.Path, r)
		}
	}
	return st, evidence, truth
}

// BenchCase returns the path of a generated case built with cfg, built once
// into the user's cache directory (outside the repository) and reused by
// later runs: large cases (10,000,000 records) take minutes to build. The
// directory name is derived from the configuration and the schema version,
// so a change of either builds a new case.
func BenchCase(b testing.TB, cfg gen.Config) (casePath string, truth *gen.Truth) {
	b.Helper()
	key, _ := json.Marshal(struct {
		Cfg    gen.Config
		Schema int
		Gen    string
	}{cfg, store.SchemaVersion(), gen.Version})
	sum := sha256.Sum256(key)
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	dir := filepath.Join(base, "cdrtui", "bench", hex.EncodeToString(sum[:8]))
	casePath = filepath.Join(dir, "case.db")
	done := filepath.Join(dir, "complete")
	// make bench runs packages in parallel processes: one builds the case,
	// the others wait for it instead of removing its half-built files.
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		b.Fatal(err)
	}
	unlock, err := lockFile(dir + ".lock")
	if err != nil {
		b.Fatal(err)
	}
	defer unlock()
	if _, err := os.Stat(done); err == nil {
		t, err := gen.ReadTruth(filepath.Join(dir, "evidence", "truth.json"))
		if err != nil {
			b.Fatal(err)
		}
		return casePath, t
	}
	os.RemoveAll(dir)
	if older := olderBuild(filepath.Dir(dir), cfg); older != "" {
		// the same case built by an earlier schema: a copy of it upgraded,
		// in minutes less than a new build; the earlier build is only read
		b.Logf("upgrading a copy of %s into %s (once)", older, dir)
		t, err := upgradeCopy(older, dir)
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(done, key, 0o644); err != nil {
			b.Fatal(err)
		}
		return casePath, t
	}
	b.Logf("building benchmark case in %s (once)", dir)
	evidence := filepath.Join(dir, "evidence")
	truth, err = gen.Generate(evidence, cfg)
	if err != nil {
		b.Fatal(err)
	}
	st, err := store.Create(casePath)
	if err != nil {
		b.Fatal(err)
	}
	res, err := st.Import(context.Background(), []string{evidence}, store.ImportOptions{})
	st.Close()
	if err != nil {
		b.Fatal(err)
	}
	for _, r := range res {
		if r.Error != "" {
			b.Fatalf("import %s: %s", r.Path, r.Error)
		}
	}
	if err := os.WriteFile(done, key, 0o644); err != nil {
		b.Fatal(err)
	}
	return casePath, truth
}

// olderBuild is the directory of a complete build of cfg by this
// generator at an earlier schema (the newest such), "" when there is none.
func olderBuild(cache string, cfg gen.Config) string {
	entries, err := os.ReadDir(cache)
	if err != nil {
		return ""
	}
	best, bestSchema := "", 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		body, err := os.ReadFile(filepath.Join(cache, e.Name(), "complete"))
		if err != nil {
			continue
		}
		var k struct {
			Cfg    gen.Config
			Schema int
			Gen    string
		}
		if json.Unmarshal(body, &k) != nil || k.Cfg != cfg || k.Gen != gen.Version || k.Schema >= store.SchemaVersion() || k.Schema <= bestSchema {
			continue
		}
		best, bestSchema = filepath.Join(cache, e.Name()), k.Schema
	}
	return best
}

// upgradeCopy copies the case of an earlier build into dir (its evidence
// linked, not copied: evidence is never written), opens the copy, which
// migrates it, and returns the build's truth. The earlier build's files
// are only read.
func upgradeCopy(older, dir string) (*gen.Truth, error) {
	if err := os.MkdirAll(filepath.Join(dir, "evidence"), 0o755); err != nil {
		return nil, err
	}
	evs, err := os.ReadDir(filepath.Join(older, "evidence"))
	if err != nil {
		return nil, err
	}
	for _, e := range evs {
		from, to := filepath.Join(older, "evidence", e.Name()), filepath.Join(dir, "evidence", e.Name())
		if err := os.Link(from, to); err != nil {
			if err := copyFile(from, to); err != nil {
				return nil, err
			}
		}
	}
	for _, suffix := range []string{"", "-wal"} {
		from := filepath.Join(older, "case.db"+suffix)
		if _, err := os.Stat(from); err != nil && suffix != "" {
			continue
		}
		if err := copyFile(from, filepath.Join(dir, "case.db"+suffix)); err != nil {
			return nil, err
		}
	}
	st, err := store.Open(filepath.Join(dir, "case.db"))
	if err != nil {
		return nil, err
	}
	if err := st.Close(); err != nil {
		return nil, err
	}
	return gen.ReadTruth(filepath.Join(dir, "evidence", "truth.json"))
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// TenMillion is the configuration of the 10,000,000-record benchmark case.
func TenMillion() gen.Config {
	c := gen.DefaultConfig()
	c.Seed = 10
	c.Subscribers = 5000
	c.Days = 30
	c.Records = 10_000_000
	c.VoiceSubscribers = 2000
	return c
}

// OneMillion is a 1,000,000-record case of TenMillion's recipe with a tenth
// of the subscribers, so that each has as many records as in the
// 10,000,000-record case: a subscriber's analyses at the 10M size, the
// case-wide ones at a tenth.
func OneMillion() gen.Config {
	c := TenMillion()
	c.Records, c.Subscribers, c.VoiceSubscribers = 1_000_000, 500, 200
	return c
}

// TenMillionVoice is the 10,000,000-record case of issue 16's call
// benchmarks: about 5,000,000 IPDR and 5,000,000 voice records over two
// weeks (22,800 honest voice subscribers, 228 of them call-centre heavy,
// and 12 SIM-box SIMs). Over two weeks a call centre calls some 400..760
// distinct numbers, so the case holds subscribers with about 500
// contacts (the 2-hop graph benchmark's centre). Voice records scale with
// VoiceSubscribers x Days (about 16 a subscriber a day).
func TenMillionVoice() gen.Config {
	c := gen.DefaultConfig()
	c.Seed = 16
	c.Subscribers = 5000
	c.Days = 14
	c.Records = 5_000_000
	c.VoiceSubscribers = 22_800
	return c
}
