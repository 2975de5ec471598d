package ui

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui/importer"
	"github.com/cdrtui/cdrtui/internal/ui/start"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// ShellOptions configure the shell.
type ShellOptions struct {
	// Styles are the styles of the terminal (one renderer).
	Styles *uikit.Styles
	// Context bounds everything; each open case gets a child of it.
	Context context.Context
	// RecentFile keeps the recent cases (casework.RecentFile(); "" keeps none).
	RecentFile string
	// Store, when set, is a case already opened (cdrtui CASE.db): the shell
	// starts on its workbench instead of the start screen. The shell owns
	// it from then on (Close closes it).
	Store *store.Store
	// Case, when set and Store is not, is a case on ClickHouse already
	// opened (cdrtui clickhouse://HOST:PORT/DB): the workbench starts on it
	// with the panes whose analyses work there. The shell owns it too.
	Case casework.Case
	Demo bool
	// Panes builds the panes of a workbench (Panes when nil).
	Panes func(env *uikit.Env) []uikit.Pane
	// ImportDir is where the import picker starts ("" the working directory).
	ImportDir string
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

// Shell is the program's model: the start screen or the workbench of one
// open case, and that case's background import. Every command of a
// workbench is tagged with the workbench's generation, so that results
// still in flight when a case is closed, or when the panes are rebuilt
// (an import landed, the time scope changed), are dropped instead of
// reaching the new panes.
type Shell struct {
	opts   ShellOptions
	start  *start.Model
	wb     *Model
	env    *uikit.Env
	cancel context.CancelFunc
	// wbCancel stops the background work of the workbench shown: a
	// rebuild (a new time scope) starts its panes afresh, so what the old
	// panes were computing is cancelled, not left to run to the end.
	wbCancel context.CancelFunc
	gen      uint64
	imp      *importer.Model
	impOn    bool // the import dialog is shown
	width    int
	height   int
}

// NewShell returns the shell.
func NewShell(opts ShellOptions) *Shell {
	if opts.Panes == nil {
		opts.Panes = Panes
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Context == nil {
		opts.Context = context.Background()
	}
	s := &Shell{opts: opts, width: 80, height: 24}
	switch {
	case opts.Store != nil:
		s.attach(opts.Store, opts.Demo) // its panes start in Init
	case opts.Case != nil:
		s.attachCase(opts.Case, nil, false)
	default:
		s.showStart(nil)
	}
	return s
}

// Messages between the workbench and the shell.
type (
	// startScreenMsg asks for the start screen (O).
	startScreenMsg struct{}
	// importDialogMsg asks for the import dialog (I).
	importDialogMsg struct{}
	// scopeMsg asks for the panes over a new time scope (T).
	scopeMsg struct{ scope casework.TimeScope }
	// openedMsg is a case opened (or the error why not) for the start screen.
	openedMsg struct {
		st   *store.Store
		demo bool
		err  error
	}
	// genMsg is a message of workbench generation gen.
	genMsg struct {
		gen uint64
		msg tea.Msg
	}
)

func (s *Shell) showStart(err error) {
	recent, lerr := casework.LoadRecent(s.opts.RecentFile)
	s.start = start.New(s.opts.Styles, recent, lerr)
	s.start.SetSize(s.width, s.height)
	s.start.SetError(err)
}

// attach builds the workbench over an open case; its panes start with the
// workbench's Init (the caller's to run).
func (s *Shell) attach(st *store.Store, demo bool) tea.Cmd { return s.attachCase(st, st, demo) }

// attachCase is attach for any case: local is the same case when it is
// local, nil for a case on ClickHouse (not remembered among the recent
// cases, which are files, and without the import dialog).
func (s *Shell) attachCase(c casework.Case, local *store.Store, demo bool) tea.Cmd {
	ctx, cancel := context.WithCancel(s.opts.Context)
	ports, err := casework.PortDictionary(ctx, c)
	if err != nil {
		cancel()
		c.Close()
		s.showStart(err)
		return nil
	}
	s.cancel = cancel
	s.env = &uikit.Env{Case: c, Store: local, Styles: s.opts.Styles, Ports: ports, ExportDir: casework.ExportDir(c), Context: ctx, Demo: demo,
		Recording: &sync.WaitGroup{}}
	s.start = nil
	if local != nil {
		s.imp = importer.New(s.env, s.opts.ImportDir)
		_ = casework.RememberCase(s.opts.RecentFile, c.Path(), demo, s.opts.Now())
	}
	s.build(nil)
	return nil
}

// rebuild makes a new workbench over s.env, keeping what the analyst had
// (the pane in front, A and B) from old when given.
func (s *Shell) rebuild(old *Model) tea.Cmd {
	s.build(old)
	return s.tag(s.wb.Init())
}

func (s *Shell) build(old *Model) {
	s.gen++
	if s.wbCancel != nil {
		s.wbCancel()
	}
	env := *s.env // the panes' own context, under the case's
	env.Context, s.wbCancel = context.WithCancel(s.env.Context)
	wb := New(&env, s.opts.Panes(&env))
	if old != nil {
		wb.active, wb.focusA, wb.focusB = old.active, old.focusA, old.focusB
		wb.focusGen = 1
	}
	if s.imp != nil {
		wb.note = s.imp.Note()
	}
	s.wb = wb
	wb.Update(tea.WindowSizeMsg{Width: s.width, Height: s.height})
}

// detach closes the open case and shows the start screen.
func (s *Shell) detach() tea.Cmd {
	if s.imp != nil && s.imp.Running() {
		return uikit.Fail(errors.New("an import is running: wait for it, or stop it (I, then ctrl+x), before leaving the case"))
	}
	s.closeCase(false)
	s.showStart(nil)
	return nil
}

// closeCase closes the open case once the audit-trail writes in flight are
// done: at once when wait, else in the background (the start screen shows
// meanwhile).
func (s *Shell) closeCase(wait bool) {
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
	if s.env != nil {
		c, wg := s.env.Case, s.env.Recording
		done := func() {
			if wg != nil {
				wg.Wait()
			}
			c.Close()
		}
		if wait {
			done()
		} else {
			go done()
		}
	}
	s.gen++
	s.wb, s.env, s.imp, s.impOn = nil, nil, nil, false
}

// Close closes the case the shell holds (after the program ends).
func (s *Shell) Close() { s.closeCase(true) }

// Init starts the workbench or nothing (the start screen needs no I/O).
func (s *Shell) Init() tea.Cmd {
	if s.wb != nil {
		return s.tag(s.wb.Init())
	}
	return nil
}

// Update routes messages to the start screen, the import dialog or the
// workbench.
func (s *Shell) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case genMsg:
		if msg.gen != s.gen || s.wb == nil {
			return s, nil // from a closed case or replaced panes
		}
		return s, s.route(msg.msg)
	case tea.WindowSizeMsg:
		s.width, s.height = msg.Width, msg.Height
		if s.start != nil {
			s.start.SetSize(msg.Width, msg.Height)
		}
		if s.imp != nil {
			s.imp.SetSize(msg.Width, max(3, msg.Height-1))
		}
		if s.wb != nil {
			s.wb.Update(msg)
		}
		return s, nil
	case start.OpenMsg:
		return s, s.open(msg)
	case openedMsg:
		if msg.err != nil {
			if s.start != nil {
				s.start.SetError(msg.err)
			}
			return s, nil
		}
		s.attach(msg.st, msg.demo)
		if s.wb == nil {
			return s, nil
		}
		return s, s.tag(s.wb.Init())
	}
	if importer.Handles(msg) {
		if s.imp == nil {
			return s, nil
		}
		cmd := s.imp.Update(msg)
		if s.wb != nil {
			s.wb.note = s.imp.Note()
		}
		if done, ok := msg.(importer.DoneMsg); ok && s.wb != nil {
			// recorded in the audit trail as the command records its run
			// (the write starts now: quitting at once still records it)
			var audit tea.Cmd
			if len(done.Results) > 0 {
				audit = s.wb.record(uikit.AuditMsg{Action: "import",
					Params: map[string]any{"paths": done.Paths, "absolute_paths": casework.AbsolutePaths(done.Paths...), "options": done.Options, "from": "workbench"},
					Result: map[string]any{"files": done.Results}})
			}
			rebuilt := s.rebuild(s.wb)
			s.wb.status = "import landed: the panes show the new records"
			return s, tea.Batch(cmd, rebuilt, audit)
		}
		return s, cmd
	}
	if s.start != nil {
		return s, s.start.Update(msg)
	}
	return s, s.route(msg)
}

// route gives a message to the workbench (or the import dialog in front of
// it) and handles the workbench's requests to the shell.
func (s *Shell) route(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case startScreenMsg:
		return s.detach()
	case importDialogMsg:
		if s.imp == nil {
			return uikit.Status("the import dialog works on a local case; import into a ClickHouse case with cdrtui import clickhouse://HOST:PORT/DB FILES")
		}
		s.impOn = true
		s.imp.SetSize(s.width, max(3, s.height-1))
		if s.imp.Running() {
			return nil
		}
		return s.imp.Reset()
	case importer.CloseMsg:
		s.impOn = false
		return nil
	case scopeMsg:
		s.env.Scope = msg.scope
		cmd := s.rebuild(s.wb)
		s.wb.status = "time scope cleared: the whole case"
		if msg.scope.Set() {
			s.wb.status = "time scope " + msg.scope.String() + ": the analyses count only the records in it (the Overview lists the whole case)"
		}
		return cmd
	case tea.KeyMsg, tea.MouseMsg:
		if k, ok := msg.(tea.KeyMsg); ok && k.Type == tea.KeyCtrlC {
			return tea.Quit // an import under way is rolled back, file by file
		}
		if s.impOn {
			return s.imp.Update(msg)
		}
	}
	return s.tag(s.wb.update(msg))
}

func (s *Shell) open(req start.OpenMsg) tea.Cmd {
	ctx := s.opts.Context
	return func() tea.Msg {
		var st *store.Store
		var err error
		path := req.Path
		switch {
		case req.Demo:
			if path, err = casework.EnsureDemo(ctx, false); err == nil {
				st, err = casework.OpenCase(path)
			}
		case req.Create:
			st, err = casework.CreateCase(path)
		default:
			st, err = casework.OpenCase(path)
		}
		return openedMsg{st: st, demo: req.Demo, err: err}
	}
}

// View draws the start screen, or the workbench with the import dialog in
// place of its pane when shown.
func (s *Shell) View() string {
	switch {
	case s.start != nil:
		return s.start.View()
	case s.impOn:
		return uikit.FitBlock(s.imp.View(), s.width, s.height-1) + "\n" + s.wb.statusView()
	}
	return s.wb.View()
}

// teaPkg is Bubble Tea's package path: its own messages (quit, batches,
// sequences, window titles) must reach the program untagged.
var teaPkg = reflect.TypeOf(tea.QuitMsg{}).PkgPath()

// tag marks the messages cmd leads to with the current generation.
func (s *Shell) tag(cmd tea.Cmd) tea.Cmd { return tagGen(s.gen, cmd) }

func tagGen(gen uint64, cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		msg := cmd()
		switch m := msg.(type) {
		case nil:
			return nil
		case tea.BatchMsg:
			out := make(tea.BatchMsg, len(m))
			for i, c := range m {
				out[i] = tagGen(gen, c)
			}
			return out
		}
		if t := reflect.TypeOf(msg); t.PkgPath() == teaPkg || importer.Handles(msg) {
			return msg
		}
		return genMsg{gen: gen, msg: msg}
	}
}

// RunShell starts the shell on a terminal and blocks until the analyst
// quits; the case open at the end is closed.
func RunShell(opts ShellOptions, progOpts ...tea.ProgramOption) error {
	progOpts = append([]tea.ProgramOption{tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithContext(opts.Context)}, progOpts...)
	s := NewShell(opts)
	defer s.Close()
	_, err := tea.NewProgram(s, progOpts...).Run()
	return err
}

// caseName is the case on the status line: a case file's name, a case on
// ClickHouse's URL (without its password).
func caseName(env *uikit.Env) string {
	if env.Local() {
		return filepath.Base(env.Store.Path())
	}
	return env.Case.Path()
}
