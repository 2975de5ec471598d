package simbox

import (
	"context"
	"strconv"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// The records behind a feature on a case on ClickHouse: the first
// remoteLimit of them in time order, read once from the cluster
// (casework.SimBoxEvidence), with the columns recordSource gives them on a
// local case.

// remoteLimit bounds the records the view holds.
const remoteLimit = 10_000

// remoteRecordsMsg is the records behind a feature, read.
type remoteRecordsMsg struct {
	tag   uint64
	recs  []store.VoiceEvidence
	total int64
	err   error
}

func (p *Pane) remoteRecords() tea.Cmd {
	p.records = table.New(remoteRecordSource(nil), p.env.Styles,
		table.EnvOptions(p.env, "simbox-records-"+p.selected.MSISDN+"-"+p.feature, "reading the records from the cluster…"))
	p.view = viewRecords
	p.resize()
	st, sim, feature, cfg := p.env.Case, p.selected, p.feature, p.report.Config
	p.recsJob.Key = "simbox-records"
	work := p.recsJob.Run(p.env.Context, func(ctx context.Context, tag uint64) tea.Msg {
		recs, total, err := casework.SimBoxEvidence(ctx, st, sim, feature, cfg, remoteLimit)
		return remoteRecordsMsg{tag: tag, recs: recs, total: total, err: err}
	})
	return tea.Batch(p.records.Init(), uikit.Busy(p.recsJob.Key, true), work)
}

func (p *Pane) remoteRecordsLoaded(msg remoteRecordsMsg) tea.Cmd {
	done := uikit.Busy(p.recsJob.Key, false)
	if !p.recsJob.Current(msg.tag) || p.records == nil {
		return done
	}
	if msg.err != nil {
		return tea.Batch(done, uikit.Fail(msg.err))
	}
	p.records = table.New(remoteRecordSource(msg.recs), p.env.Styles,
		table.EnvOptions(p.env, "simbox-records-"+p.selected.MSISDN+"-"+p.feature, "no record stands behind this feature"))
	p.resize()
	if msg.total > int64(len(msg.recs)) {
		return tea.Batch(done, p.records.Init(), uikit.Status("the first "+table.Thousands(int64(len(msg.recs)))+" of "+
			table.Thousands(msg.total)+" records in time order (a ClickHouse case's list holds at most that many)"))
	}
	return tea.Batch(done, p.records.Init())
}

// remoteRecordSource lists voice records as recordSource does.
func remoteRecordSource(recs []store.VoiceEvidence) *table.SliceSource {
	src := &table.SliceSource{Cols: []table.Column{
		{Title: "Wall clock", Sortable: true},
		{Title: "Type", Sortable: true},
		{Title: "Other party", Sortable: true},
		{Title: "Dur s", Right: true, Sortable: true},
		{Title: "Line", Right: true},
		{Title: "Source file", MaxWidth: 50},
		{Title: "Cell", MaxWidth: 28},
	}}
	for _, r := range recs {
		dur := ""
		if r.Duration >= 0 {
			dur = strconv.FormatInt(r.Duration, 10)
		}
		src.Rows = append(src.Rows, table.Row{
			Cells: []string{table.WallClock(r.Start + int64(r.Offset)), r.CallType, r.Other, dur, strconv.FormatInt(r.Line, 10), r.Source, r.Cell},
			Ref:   r.ID,
		})
	}
	return src
}
