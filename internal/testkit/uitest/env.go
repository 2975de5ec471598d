// Package uitest holds what the tests of the workbench's panes share: a
// case and the environment the panes run in with a fixed, colourless
// profile, and the keys and waits of a teatest session. Only _test.go files
// import it. It imports store, casework, uikit and analysis and never a
// pane, so the tests of every pane (and of the root model) can use it.
package uitest

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// Styles are the workbench's styles on a renderer that writes nowhere with
// the Ascii profile: what tests see has no colour codes, whatever the
// terminal running them.
func Styles() *uikit.Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return uikit.NewStyles(r, uikit.DefaultPalette())
}

// Env is the environment the workbench runs in over st: Styles, the
// default port dictionary, exports into "exports" beside the case file and
// a background context.
func Env(t testing.TB, st *store.Store) *uikit.Env {
	t.Helper()
	return &uikit.Env{Case: st, Store: st, Styles: Styles(), Ports: analysis.DefaultDictionary(),
		ExportDir: filepath.Join(filepath.Dir(st.Path()), "exports"), Context: context.Background()}
}

// CaseEnv is Env with the port dictionary the case holds, read as the
// workbench reads it on opening a case (a case with none gets cdrtui's
// defaults stored, and panes name them as such).
func CaseEnv(t testing.TB, st *store.Store) *uikit.Env {
	t.Helper()
	env := Env(t, st)
	ports, err := casework.PortDictionary(env.Context, st)
	if err != nil {
		t.Fatal(err)
	}
	env.Ports = ports
	return env
}

// Case opens a new case file in a temporary directory (closed when the
// test ends) and imports paths into it. It fails the test when the import
// fails or a file could not be read; what each file gave (rows, rejected
// lines) is returned for the test to check.
func Case(t testing.TB, paths ...string) (*store.Store, []store.FileResult) {
	t.Helper()
	st, err := store.Create(filepath.Join(t.TempDir(), "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	res, err := st.Import(context.Background(), paths, store.ImportOptions{})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	for _, r := range res {
		if r.Error != "" {
			t.Fatalf("import %s: %s", r.Path, r.Error)
		}
	}
	return st, res
}

// TextCase writes text as an evidence file called name in a temporary
// directory and imports it into a new case, as Case does.
func TextCase(t testing.TB, name, text string) (*store.Store, []store.FileResult) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return Case(t, path)
}
