package uikit

import (
	"context"
	"sync"
	"time"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
)

// Pane is one screen of the workbench. The root model owns layout, focus
// and key routing; a pane draws into the size it is given and handles the
// messages the root passes it (every message reaches every pane; keys and
// mouse reach only the active one).
type Pane interface {
	// ID is a stable lower-case name ("overview", "persona" ...).
	ID() string
	// Title is the tab's label.
	Title() string
	Init() tea.Cmd
	Update(msg tea.Msg) tea.Cmd
	View() string
	SetSize(width, height int)
	// KeyMap lists the pane's keys for the help line and the full help.
	KeyMap() help.KeyMap
	// Editing reports that a text field has the keyboard: the root then
	// passes every key but ctrl+c to the pane (so typing "q" or "3" in a
	// filter does not quit or switch panes).
	Editing() bool
}

// Env is what panes share: the case, the styles, the port dictionary.
type Env struct {
	// Case is the open case, local or on a ClickHouse cluster: the panes
	// whose analyses take a casework.Case ask it.
	Case casework.Case
	// Store is the same case when it is local (SQLite), nil for a case on
	// ClickHouse: what only a local case answers (keyset-paged tables of
	// records, notes, the audit trail, PBX artefacts) asks it.
	Store  *store.Store
	Styles *Styles
	Ports  *analysis.Dictionary
	// ExportDir is where exports are written (never an evidence folder).
	ExportDir string
	// Context bounds background work; cancelled when the workbench quits.
	Context context.Context
	// Recording counts the audit-trail writes in flight: they outlive
	// Context (a result shown is recorded even if the analyst quits at
	// once), and the case is closed only when they are done.
	Recording *sync.WaitGroup
	// Demo says the case is the built-in demo (the status line says so).
	Demo bool
	// Scope is the case-wide time scope every pane passes to its analysis
	// (set with T; a change rebuilds the panes with the new scope).
	Scope casework.TimeScope
}

// Local reports whether the case is a local (SQLite) case.
func (e *Env) Local() bool { return e.Store != nil }

// NotOnClickHouse is the line a pane or view shows on a case on
// ClickHouse where its analysis works on a local case only.
func NotOnClickHouse(what string) string {
	return what + ": not available on a ClickHouse case yet"
}

// Role names the two subscribers the workbench keeps in focus.
type Role int

// The focus roles: A is "the" focused subscriber every pane follows; B is
// the second one the correlation and trends panes compare A with.
const (
	RoleA Role = iota
	RoleB
)

// FocusMsg tells every pane who is in focus. The root sends it after any
// change.
type FocusMsg struct{ A, B string }

// RequestFocusMsg asks the root to put a subscriber in focus.
type RequestFocusMsg struct {
	Role   Role
	MSISDN string
	// Open switches to the pane with this ID afterwards ("" stays).
	Open string
}

// RequestFocus returns a command asking the root to focus msisdn.
func RequestFocus(role Role, msisdn, open string) tea.Cmd {
	return func() tea.Msg { return RequestFocusMsg{Role: role, MSISDN: msisdn, Open: open} }
}

// HuntMsg asks the Hunt pane to run the hunt of Form (the palette sends
// it for an IP address or a cell found in the case).
type HuntMsg struct{ Form analysis.HuntForm }

// PBXCallsMsg asks the Asterisk pane to list the calls of seized PBXs a
// number is a party of (the palette sends it for a number only PBX calls
// hold): on its key under the case's numbering plan when Keyed, else as
// written.
type PBXCallsMsg struct {
	Number string
	Keyed  bool
}

// ShowSourceMsg asks the Overview to show a source among the sources (the
// palette sends it for a file name found in the case).
type ShowSourceMsg struct {
	ID   int64
	Path string
}

// StatusMsg puts a line of information in the status bar.
type StatusMsg struct{ Text string }

// ErrorMsg reports an error in the status bar (the last one stays shown).
type ErrorMsg struct{ Err error }

// Status returns a command that shows text in the status bar.
func Status(text string) tea.Cmd { return func() tea.Msg { return StatusMsg{Text: text} } }

// Fail returns a command that reports err in the status bar.
func Fail(err error) tea.Cmd { return func() tea.Msg { return ErrorMsg{Err: err} } }

// BusyMsg starts (Busy true) or ends work shown by the status bar's
// spinner. Key names the work so overlapping jobs are counted apart.
type BusyMsg struct {
	Key  string
	Busy bool
}

// Busy returns a command that marks work key as running or done.
func Busy(key string, busy bool) tea.Cmd {
	return func() tea.Msg { return BusyMsg{Key: key, Busy: busy} }
}

// Ticket tags asynchronous requests so that a result arriving after a newer
// request was made is recognised as stale and dropped.
type Ticket struct{ n uint64 }

// Next starts a new request and returns its tag.
func (t *Ticket) Next() uint64 { t.n++; return t.n }

// Tag is the newest request's tag, for follow-up requests of the same
// generation (the next page of the same query).
func (t *Ticket) Tag() uint64 { return t.n }

// Current reports whether tag is the newest request's.
func (t *Ticket) Current(tag uint64) bool { return tag == t.n }

// Debounce returns a command that delivers msg after d; the pane compares
// the tag inside msg with its Ticket to act only on the last one.
func Debounce(d time.Duration, msg tea.Msg) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return msg })
}

// Wall formats an instant as the wall clock the evidence wrote.
func Wall(unix int64, offset int32) string {
	return analysis.Moment{Unix: unix, Offset: offset}.String()
}
