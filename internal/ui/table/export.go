package table

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"github.com/cdrtui/cdrtui/internal/inert"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

type exportDoneMsg struct {
	id   uint64
	path string
	rows int
	err  error
}

func exportReport(m exportDoneMsg) string {
	return fmt.Sprintf("exported %d rows to %s", m.rows, m.path)
}

// startExport opens the prompt with a default file name in the export
// directory; .json writes JSON, anything else CSV.
func (m *Model) startExport() tea.Cmd {
	name := m.opts.Name
	if name == "" {
		name = "table"
	}
	dir := m.opts.ExportDir
	if dir == "" {
		dir = "."
	}
	m.exporting = true
	m.exportInput.SetValue(filepath.Join(dir, fmt.Sprintf("%s-%s.csv", name, time.Now().Format("20060102-150405"))))
	m.exportInput.CursorEnd()
	return m.exportInput.Focus()
}

func (m *Model) exportKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Cancel):
		m.exporting = false
		m.exportInput.Blur()
		return nil
	case key.Matches(msg, m.keys.Accept):
		m.exporting = false
		m.exportInput.Blur()
		path := strings.TrimSpace(m.exportInput.Value())
		if path == "" {
			return nil
		}
		req := PageRequest{Sort: m.sort, Desc: m.desc, Filter: m.filter}
		id, src, cols, ctx := m.id, m.src, m.cols, m.opts.Context
		return func() tea.Msg {
			n, err := Export(ctx, src, cols, req, path)
			return exportDoneMsg{id: id, path: path, rows: n, err: err}
		}
	}
	var cmd tea.Cmd
	m.exportInput, cmd = m.exportInput.Update(msg)
	return cmd
}

// Export writes every row matching req (not just the loaded page) to path:
// JSON when the name ends in .json, CSV otherwise. Values are written as
// the evidence holds them; in CSV a text cell that a spreadsheet would run
// as a formula (=, +, -, @ first) gets a leading apostrophe. The file is
// written under a temporary name and renamed when complete.
func Export(ctx context.Context, src Source, cols []Column, req PageRequest, path string) (int, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return 0, err
	}
	tmp := path + ".partial"
	f, err := os.Create(tmp)
	if err != nil {
		return 0, err
	}
	var n int
	if strings.EqualFold(filepath.Ext(path), ".json") {
		n, err = exportJSON(ctx, f, src, cols, req)
	} else {
		n, err = exportCSV(ctx, f, src, cols, req)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return 0, err
	}
	return n, os.Rename(tmp, path)
}

func exportCSV(ctx context.Context, w io.Writer, src Source, cols []Column, req PageRequest) (int, error) {
	cw := csv.NewWriter(w)
	titles := make([]string, len(cols))
	for i, c := range cols {
		titles[i] = c.Title
	}
	if err := cw.Write(titles); err != nil {
		return 0, err
	}
	n := 0
	err := src.Each(ctx, req, func(r Row) error {
		rec := make([]string, len(cols))
		for i := range cols {
			if i < len(r.Cells) {
				rec[i] = defuseFormula(r.Cells[i])
			}
		}
		n++
		return cw.Write(rec)
	})
	cw.Flush()
	if err == nil {
		err = cw.Error()
	}
	return n, err
}

// defuseFormula prefixes an apostrophe to text a spreadsheet would
// evaluate; numbers such as -5 are left alone.
func defuseFormula(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return s
		}
		return "'" + s
	}
	return s
}

func exportJSON(ctx context.Context, w io.Writer, src Source, cols []Column, req PageRequest) (int, error) {
	if _, err := io.WriteString(w, "[\n"); err != nil {
		return 0, err
	}
	n := 0
	err := src.Each(ctx, req, func(r Row) error {
		var b strings.Builder
		b.WriteByte('{')
		for i, c := range cols {
			if i > 0 {
				b.WriteString(", ")
			}
			k, _ := json.Marshal(c.Title)
			v := ""
			if i < len(r.Cells) {
				v = r.Cells[i]
			}
			val, _ := json.Marshal(v)
			b.Write(inert.JSON(k))
			b.WriteString(": ")
			b.Write(inert.JSON(val))
		}
		b.WriteByte('}')
		sep := ",\n"
		if n == 0 {
			sep = ""
		}
		n++
		_, err := io.WriteString(w, sep+"  "+b.String())
		return err
	})
	if err != nil {
		return n, err
	}
	_, err = io.WriteString(w, "\n]\n")
	return n, err
}
