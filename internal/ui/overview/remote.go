package overview

import (
	"context"
	"fmt"
	"strconv"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// The Overview of a case on ClickHouse: the case's span and counts (the
// summary, as on a local case), its sources, listed from the summary, and
// its busiest subscribers (at most remoteSubscribers, from one aggregation
// on the shards) with their records, first and last seen: the local
// table's first columns. The palette finds any subscriber by number.

// remoteSubscribers bounds the subscribers the list holds in memory.
const remoteSubscribers = 10_000

func newRemote(env *uikit.Env) *Pane {
	p := &Pane{
		env:     env,
		keys:    newKeyMap(),
		subs:    table.New(remoteSubscriberSource(nil), env.Styles, table.EnvOptions(env, "subscribers", "the case holds no subscribers yet")),
		sources: table.New(remoteSources(nil), env.Styles, table.EnvOptions(env, "sources", "no evidence imported yet")),
	}
	p.subs.SetExportInfo("the busiest subscribers of the case", nil)
	p.sources.SetExportInfo("the evidence files (sources) of the case", nil)
	return p
}

// subscribersMsg is the busiest subscribers, loaded.
type subscribersMsg struct {
	tag   uint64
	rows  []store.SubscriberTotals
	total int64
	err   error
}

// loadSubscribers lists the busiest subscribers off the UI goroutine.
func (p *Pane) loadSubscribers() tea.Cmd {
	st := p.env.Case
	return p.subsJob.Run(p.env.Context, func(ctx context.Context, tag uint64) tea.Msg {
		rows, total, err := casework.BusiestSubscribers(ctx, st, remoteSubscribers)
		return subscribersMsg{tag: tag, rows: rows, total: total, err: err}
	})
}

func (p *Pane) subscribersLoaded(msg subscribersMsg) tea.Cmd {
	if !p.subsJob.Current(msg.tag) {
		return nil
	}
	if msg.err != nil {
		return uikit.Fail(msg.err)
	}
	cmd := p.subs.Refresh(remoteSubscriberSource(msg.rows))
	if msg.total > int64(len(msg.rows)) {
		return tea.Batch(cmd, uikit.Status(fmt.Sprintf("the Overview lists the %s busiest of %s subscribers: find the others with : (palette)",
			table.Thousands(int64(len(msg.rows))), table.Thousands(msg.total))))
	}
	return cmd
}

// remoteSubscriberSource lists subscribers as the local table's first
// columns do, most records first.
func remoteSubscriberSource(rows []store.SubscriberTotals) *table.SliceSource {
	src := &table.SliceSource{Cols: []table.Column{
		{Title: "MSISDN", MinWidth: 8, Sortable: true},
		{Title: "Records", Right: true, Sortable: true},
		{Title: "Data", Right: true, Sortable: true},
		{Title: "Voice", Right: true, Sortable: true},
		{Title: "First seen", Sortable: true},
		{Title: "Last seen", Sortable: true},
	}, SortCol: 1, SortDesc: true}
	for _, t := range rows {
		src.Rows = append(src.Rows, table.Row{
			Cells: []string{t.MSISDN, table.Thousands(t.DataRecords + t.VoiceRecords), table.Thousands(t.DataRecords), table.Thousands(t.VoiceRecords),
				table.WallClock(t.First.Unix + int64(t.First.Offset)), table.WallClock(t.Last.Unix + int64(t.Last.Offset))},
			Values: []any{t.MSISDN, t.DataRecords + t.VoiceRecords, t.DataRecords, t.VoiceRecords, nil, nil},
			Ref:    t.MSISDN,
		})
	}
	return src
}

// remoteSources lists the sources as the local case's source table does
// (its columns, the hash cut to 12 characters).
func remoteSources(srcs []store.Source) *table.SliceSource {
	src := &table.SliceSource{Cols: []table.Column{
		{Title: "#", Right: true, Sortable: true},
		{Title: "Path", MaxWidth: 48, Sortable: true, TruncLeft: true},
		{Title: "Kind", Sortable: true},
		{Title: "SHA-256"},
		{Title: "Rows", Right: true, Sortable: true},
		{Title: "Rejected", Right: true, Sortable: true},
		{Title: "Dropped", Right: true, Sortable: true},
		{Title: "Zone"},
		{Title: "Format", MaxWidth: 60},
	}}
	for _, s := range srcs {
		zone := s.Zone
		if zone == "" {
			zone = "as written"
		}
		hash := s.SHA256
		if len(hash) > 12 {
			hash = hash[:12] + "…"
		}
		src.Rows = append(src.Rows, table.Row{
			Cells: []string{strconv.FormatInt(s.ID, 10), s.Path, s.Kind, hash, table.Thousands(s.Rows),
				table.Thousands(s.Rejected), table.Thousands(s.Dropped), zone, s.Format},
			Ref: s.ID,
		})
	}
	return src
}
