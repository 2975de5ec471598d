package correlation

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// Busy keys of the pane's background work.
const (
	busyPair     = "correlation"
	busyContacts = "correlation-contacts"
)

// pairMsg carries a pair loaded from the case and its figures at window.
type pairMsg struct {
	tag    uint64
	pair   *casework.PairData
	window int64
	res    *casework.Correlation
	apps   *table.SliceSource
	pairs  *table.SliceSource
	listed int
	err    error
}

// computedMsg carries the figures of the kept pair at a new window.
type computedMsg struct {
	tag    uint64
	pair   *casework.PairData
	res    *casework.Correlation
	apps   *table.SliceSource
	pairs  *table.SliceSource
	listed int
}

// contactsMsg carries A's contacts ranked at a window, and the set they
// were ranked from (kept for smaller windows).
type contactsMsg struct {
	tag  uint64
	set  *casework.ContactSet
	list *casework.ContactList
	src  *table.SliceSource
	err  error
	// rerank: the same contacts of A ranked at another window, so the
	// table keeps its sort and row
	rerank bool
}

// slideMsg fires when the slider has rested for debounceDelay.
type slideMsg struct{ seq uint64 }

// figures computes everything the pane shows of a pair at window; it runs
// off the UI goroutine (tables' rows are formatted here too).
func figures(pair *casework.PairData, window int64) (*casework.Correlation, *table.SliceSource, *table.SliceSource, int) {
	res := pair.At(window)
	rows := pair.Matches(window, listLimit)
	return res, appsSource(res), pairsSource(rows), len(rows)
}

// startPair loads A and B from the case (after a focus or match change).
// The figures of the previous pair are dropped at once: they describe
// other subscribers.
func (p *Pane) startPair() tea.Cmd {
	p.compute.Cancel() // computations on the previous pair are stale
	p.pair, p.result, p.pairErr, p.listed = nil, nil, nil, 0
	p.rebuildChart()
	empty := tea.Batch(p.apps.SetSource(appsSource(nil)), p.pairs.SetSource(pairsSource(nil)))
	if p.a == "" || p.b == "" {
		p.loadPair.Cancel()
		p.pendingPair = false
		return empty
	}
	p.pendingPair = true
	env, a, b, match, window := p.env, p.a, p.b, p.match, p.Window()
	load := p.loadPair.Run(env.Context, func(ctx context.Context, tag uint64) tea.Msg {
		pair, err := casework.LoadPairIn(ctx, env.Case, env.Ports, a, b, match, env.Scope)
		if err != nil {
			return pairMsg{tag: tag, err: err}
		}
		res, apps, pairs, listed := figures(pair, window)
		return pairMsg{tag: tag, pair: pair, window: window, res: res, apps: apps, pairs: pairs, listed: listed}
	})
	return tea.Batch(empty, uikit.Busy(busyPair, true), load)
}

func (p *Pane) pairLoaded(msg pairMsg) tea.Cmd {
	done := uikit.Busy(busyPair, false)
	if !p.loadPair.Current(msg.tag) {
		return done // A, B or the match changed since
	}
	p.pendingPair = false
	if msg.err != nil {
		p.pairErr = msg.err
		return tea.Batch(done, uikit.Fail(msg.err))
	}
	p.pair = msg.pair
	audit := uikit.Audit("pane correlation", map[string]any{"a": msg.res.A, "b": msg.res.B, "window_s": msg.res.WindowS, "match": msg.res.Match}, msg.res)
	cmd := tea.Batch(p.show(msg.res, msg.apps, msg.pairs, msg.listed), audit)
	if msg.window != p.Window() {
		cmd = tea.Batch(cmd, p.recompute()) // the slider moved during the load
	}
	return tea.Batch(done, cmd)
}

// recompute sweeps the kept pair at the slider's window, off the UI
// goroutine; no SQL, no sort.
func (p *Pane) recompute() tea.Cmd {
	if p.pair == nil {
		return nil // a load is in flight or there is no pair; it will use the new window
	}
	pair, window := p.pair, p.Window()
	p.pendingPair = true
	return tea.Batch(uikit.Busy(busyPair, true), p.compute.Run(p.env.Context, func(_ context.Context, tag uint64) tea.Msg {
		res, apps, pairs, listed := figures(pair, window)
		return computedMsg{tag: tag, pair: pair, res: res, apps: apps, pairs: pairs, listed: listed}
	}))
}

func (p *Pane) computed(msg computedMsg) tea.Cmd {
	done := uikit.Busy(busyPair, false)
	if !p.compute.Current(msg.tag) || msg.pair != p.pair {
		return done // a newer window or another pair was asked for since
	}
	p.pendingPair = false
	p.showFigures(msg.res, msg.listed)
	// the same pair at another window: the tables keep their sort and row;
	// the new figures shown are recorded in the case's audit trail
	audit := uikit.Audit("pane correlation window", map[string]any{"a": msg.res.A, "b": msg.res.B, "window_s": msg.res.WindowS, "match": msg.res.Match}, msg.res)
	return tea.Batch(done, p.apps.Refresh(msg.apps), p.pairs.Refresh(msg.pairs), audit)
}

// show puts the figures of a newly loaded pair on screen.
func (p *Pane) show(res *casework.Correlation, apps, pairs *table.SliceSource, listed int) tea.Cmd {
	p.showFigures(res, listed)
	return tea.Batch(p.apps.SetSource(apps), p.pairs.SetSource(pairs))
}

func (p *Pane) showFigures(res *casework.Correlation, listed int) {
	p.result, p.listed = res, listed
	p.layout()
	p.rebuildChart()
}

// startContacts loads what ranking A's contacts at the slider's window
// needs (after a focus or match change, or a window larger than the one
// loaded): for every window of the slider at once, so that moving the
// slider re-ranks from the set loaded.
func (p *Pane) startContacts() tea.Cmd {
	if p.a == "" {
		p.loadContact.Cancel()
		p.pendingContacts = false
		p.contactSet, p.contactList = nil, nil
		return p.contacts.SetSource(contactsSource(nil))
	}
	p.pendingContacts = true
	env, a, match, window := p.env, p.a, p.match, p.Window()
	load := p.loadContact.Run(env.Context, func(ctx context.Context, tag uint64) tea.Msg {
		set, err := casework.LoadContactsIn(ctx, env.Case, env.Ports, a, casework.ContactsLoadWindow(window), match, env.Scope)
		if err != nil {
			return contactsMsg{tag: tag, err: err}
		}
		list := set.At(window, 0)
		return contactsMsg{tag: tag, set: set, list: list, src: contactsSource(list)}
	})
	return tea.Batch(uikit.Busy(busyContacts, true), load)
}

// refreshContacts ranks again at the slider's window: from the kept set
// when it covers the window, otherwise by loading anew.
func (p *Pane) refreshContacts() tea.Cmd {
	if p.a == "" {
		return nil
	}
	set, window := p.contactSet, p.Window()
	if set == nil || !set.Covers(window) || set.Match != p.match {
		return p.startContacts()
	}
	p.pendingContacts = true
	return tea.Batch(uikit.Busy(busyContacts, true), p.loadContact.Run(p.env.Context, func(_ context.Context, tag uint64) tea.Msg {
		list := set.At(window, 0)
		return contactsMsg{tag: tag, set: set, list: list, src: contactsSource(list), rerank: true}
	}))
}

func (p *Pane) contactsLoaded(msg contactsMsg) tea.Cmd {
	done := uikit.Busy(busyContacts, false)
	if !p.loadContact.Current(msg.tag) {
		return done
	}
	p.pendingContacts = false
	if msg.err != nil {
		return tea.Batch(done, uikit.Fail(msg.err))
	}
	// the same contacts of A at another window, whether ranked from the kept
	// set or from one loaded anew for a wider window
	rerank := msg.rerank || (p.contactSet != nil && msg.set != nil && p.contactSet.A == msg.set.A && p.contactSet.Match == msg.set.Match)
	p.contactSet, p.contactList = msg.set, msg.list
	if msg.list != nil && msg.list.RecordsA == 0 {
		p.contacts.SetEmpty("A has no data (IPDR) records: no one coincides with A, none ranked")
	} else {
		p.contacts.SetEmpty(noContacts)
	}
	if msg.list != nil { // contacts shown: in the trail
		done = tea.Batch(done, uikit.Audit("pane contacts", map[string]any{"a": msg.list.A, "window_s": msg.list.WindowS, "match": msg.list.Match}, msg.list))
	}
	if rerank {
		return tea.Batch(done, p.contacts.Refresh(msg.src))
	}
	return tea.Batch(done, p.contacts.SetSource(msg.src))
}
