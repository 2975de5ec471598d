package table

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// auditExport records an export in the case's audit trail: the table, the
// file, its filter and sort, and the SHA-256 of the file written.
func (m *Model) auditExport(msg exportDoneMsg) tea.Cmd {
	name, filter, sort, desc := m.opts.Name, m.filter, m.sort, m.desc
	return func() tea.Msg {
		f, err := os.Open(msg.path)
		if err != nil {
			return uikit.ErrorMsg{Err: err}
		}
		defer f.Close()
		h := sha256.New()
		if _, err := io.Copy(h, f); err != nil {
			return uikit.ErrorMsg{Err: err}
		}
		return uikit.AuditMsg{Action: "export", Params: map[string]any{"table": name, "file": msg.path, "rows": msg.rows,
			"filter": filter, "sort_column": sort, "descending": desc}, Result: casework.Digest(hex.EncodeToString(h.Sum(nil)))}
	}
}
