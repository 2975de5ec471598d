package trends

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// saveIntervals writes the paper's CSV of three-hour intervals to the
// export directory.
func (p *Pane) saveIntervals() tea.Cmd {
	if p.result == nil {
		return nil
	}
	trends := p.result.trends
	path := p.exportPath("intervals", "csv")
	st, ctx := p.env.Case, p.env.Context
	return func() tea.Msg {
		meta, err := casework.TrendsCSVMetaOf(ctx, st, "the Trends pane", time.Now())
		if err == nil {
			err = writeFile(path, func(f *os.File) error { return casework.WriteTrendsCSV(f, meta, trends...) })
		}
		return savedMsg{path: path, n: 8, what: "three-hour intervals", err: err}
	}
}

// saveConnections writes the connections as text (the paper's Figure 7).
func (p *Pane) saveConnections() tea.Cmd {
	if p.result == nil {
		return nil
	}
	t := *p.result.trends[0]
	t.Selection = p.connectionSelection()
	if len(p.result.trends) > 1 {
		t.MSISDN = strings.Join(p.result.labels, " and ")
	}
	path := p.exportPath("connections", "txt")
	st, ctx := p.env.Case, p.env.Context
	return tea.Batch(uikit.Busy(busyKey+"-save", true), func() tea.Msg {
		var n int64
		err := writeFile(path, func(f *os.File) error {
			var err error
			n, err = casework.WriteConnections(ctx, st, &t, f, false)
			return err
		})
		return savedMsg{path: path, n: n, what: "connections", err: err, busy: true}
	})
}

func (p *Pane) exportPath(what, ext string) string {
	scope := p.result.scope.label()
	if p.result.scope == scopeA || p.result.scope == scopeAB {
		scope = p.focusA
	}
	name := fmt.Sprintf("trends-%s-%s-%s-%s.%s", what, fileSafe(scope), fileSafe(p.result.app), time.Now().Format("20060102-150405"), ext)
	return filepath.Join(p.env.ExportDir, name)
}

// writeFile writes path through fn under a temporary name, renamed when
// complete.
func writeFile(path string, fn func(*os.File) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp := path + ".partial"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	err = fn(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}

// shortPath is the export's folder and name (the folder sits beside the
// case file).
func shortPath(path string) string {
	return filepath.Join(filepath.Base(filepath.Dir(path)), filepath.Base(path))
}

// fileSafe keeps letters, digits and - in a file name part.
func fileSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-':
			return r
		}
		return '_'
	}, s)
}
