package uikit

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"

	tea "github.com/charmbracelet/bubbletea"
)

// Place is where the workbench showed an item, kept with a bookmark so
// that the Notes view can go back to it: the pane, the subscribers in
// focus, and what the pane needs to find the item again.
type Place struct {
	Pane   string            `json:"pane"`
	A      string            `json:"a,omitempty"`
	B      string            `json:"b,omitempty"`
	Kind   string            `json:"kind"`   // subscriber, record, pair, hunt, call, artefact, source, view ...
	Target string            `json:"target"` // the item's key: an MSISDN, "ipdr 1234", a hunt name ...
	Label  string            `json:"label"`  // the item as the pane showed it
	Extra  map[string]string `json:"extra,omitempty"`
}

// Bookmarker is a pane that can name the item under its cursor. A pane
// that is not one is bookmarked as the view of its focus.
type Bookmarker interface {
	Bookmark() (Place, bool)
}

// Locator is a pane that can go back to a bookmarked place (after the
// root has shown it and restored the focus). Locate is asked again a few
// times while it answers false (the pane still loading).
type Locator interface {
	Locate(p Place) bool
}

// AuditMsg asks the root to record, in the case's audit trail, a pane
// action whose parameter change produced a result now shown.
type AuditMsg struct {
	Action string // "pane correlation window", "export" ...
	Params any
	Result any // its SHA-256 is recorded
}

// Audit returns a command recording a pane action.
func Audit(action string, params, result any) tea.Cmd {
	return func() tea.Msg { return AuditMsg{Action: action, Params: params, Result: result} }
}

// AuditFiles records an export of files: it hashes each (off the UI
// goroutine) and records the action with each file's SHA-256 in its
// parameters.
func AuditFiles(action string, params map[string]any, paths ...string) tea.Cmd {
	return func() tea.Msg {
		files := map[string]string{}
		for _, p := range paths {
			h, err := fileSHA256(p)
			if err != nil {
				return ErrorMsg{Err: err}
			}
			files[p] = h
		}
		if params == nil {
			params = map[string]any{}
		}
		params["files"] = files
		return AuditMsg{Action: action, Params: params, Result: files}
	}
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
