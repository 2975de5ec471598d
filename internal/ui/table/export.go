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
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/analysis"
)

type exportDoneMsg struct {
	id   uint64
	path string
	rows int
	err  error
}

func exportReport(m exportDoneMsg) string {
	return fmt.Sprintf("exported %s to %s", analysis.Plural(int64(m.rows), "row", "rows"), m.path)
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
		meta := m.meta(req)
		return func() tea.Msg {
			if m.opts.Case != nil {
				if err := meta.fillCase(ctx, m.opts.Case); err != nil {
					return exportDoneMsg{id: id, path: path, err: err}
				}
			}
			n, err := Export(ctx, src, cols, req, path, meta)
			return exportDoneMsg{id: id, path: path, rows: n, err: err}
		}
	}
	var cmd tea.Cmd
	m.exportInput, cmd = m.exportInput.Update(msg)
	return cmd
}

// Export writes every row matching req (not just the loaded page) to path:
// JSON when the name ends in .json, CSV otherwise, each saying what it is
// (meta). Values are data, not screen text: a number is written as a
// number (no thousands separators), a cell a source typed (Row.Values) as
// that value; in CSV a text cell that a spreadsheet would run as a formula
// (=, +, -, @ first) gets a leading apostrophe. The file is written under
// a temporary name and renamed when complete.
func Export(ctx context.Context, src Source, cols []Column, req PageRequest, path string, meta *Meta) (int, error) {
	if meta == nil {
		meta = &Meta{}
	}
	meta.complete(cols, req)
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
		n, err = exportJSON(ctx, f, src, cols, req, meta)
	} else {
		n, err = exportCSV(ctx, f, src, cols, req, meta)
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

func exportCSV(ctx context.Context, w io.Writer, src Source, cols []Column, req PageRequest, meta *Meta) (int, error) {
	if err := meta.writeCSVHeader(w); err != nil {
		return 0, err
	}
	cw := csv.NewWriter(w)
	titles := make([]string, len(cols))
	for i, c := range cols {
		titles[i] = c.Title
	}
	// A reader skipping the "# " lines that say what the file is (pandas
	// comment="#") would skip a header beginning with "#" too (the SIM-box
	// ranking's and the sources' "#" column): it is written "No.".
	if len(titles) > 0 && strings.HasPrefix(titles[0], "#") {
		titles[0] = "No." + strings.TrimPrefix(titles[0], "#")
	}
	if err := cw.Write(titles); err != nil {
		return 0, err
	}
	n := 0
	err := src.Each(ctx, req, func(r Row) error {
		rec := make([]string, len(cols))
		for i, c := range cols {
			rec[i] = csvText(ExportValue(r, i, c))
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

func exportJSON(ctx context.Context, w io.Writer, src Source, cols []Column, req PageRequest, meta *Meta) (int, error) {
	head, err := json.MarshalIndent(meta, "  ", "  ")
	if err != nil {
		return 0, err
	}
	titles, _ := json.Marshal(columnTitles(cols))
	if _, err := fmt.Fprintf(w, "{\n  \"meta\": %s,\n  \"columns\": %s,\n  \"rows\": [\n", head, titles); err != nil {
		return 0, err
	}
	n := 0
	err = src.Each(ctx, req, func(r Row) error {
		var b strings.Builder
		b.WriteByte('{')
		for i, c := range cols {
			if i > 0 {
				b.WriteString(", ")
			}
			k, _ := json.Marshal(c.Title)
			val, err := json.Marshal(jsonValue(ExportValue(r, i, c)))
			if err != nil {
				return err
			}
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
		_, err := io.WriteString(w, sep+"    "+b.String())
		return err
	})
	if err != nil {
		return n, err
	}
	_, err = fmt.Fprintf(w, "\n  ],\n  \"row_count\": %d\n}\n", n)
	return n, err
}

func columnTitles(cols []Column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Title
	}
	return out
}
