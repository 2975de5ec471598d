package casework

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/cdrtui/cdrtui/internal/store"
)

// ExportDir is where the workbench writes exports: beside the case file
// (never beside the evidence), or the home directory when the case's
// directory cannot be written (a case on read-only media) or the case is
// not a file (a case on ClickHouse).
func ExportDir(st Case) string {
	if _, local := st.(*store.Store); local && !st.ReadOnly() && dirWritable(filepath.Dir(st.Path())) {
		return filepath.Join(filepath.Dir(st.Path()), "cdrtui-exports")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, "cdrtui-exports")
	}
	return filepath.Join(os.TempDir(), "cdrtui-exports")
}

func dirWritable(dir string) bool {
	f, err := os.CreateTemp(dir, ".cdrtui-write-test-*")
	if err != nil {
		return false
	}
	name := f.Name()
	f.Close()
	os.Remove(name)
	return true
}

// NotIntoEvidence refuses an output path (an export, a report) that is
// one of the case's sources or lies in the folder of one: evidence is
// never written, nor written beside.
func NotIntoEvidence(ctx context.Context, st interface {
	Sources(ctx context.Context) ([]store.Source, error)
}, out string) error {
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	srcs, err := st.Sources(ctx)
	if err != nil {
		return err
	}
	for _, s := range srcs {
		loc := s.Location
		if loc == "" {
			continue
		}
		if abs == loc || filepath.Dir(abs) == filepath.Dir(loc) {
			return fmt.Errorf("%s is in an evidence folder (%s): write it elsewhere", out, filepath.Dir(loc))
		}
	}
	return nil
}
