package trends

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui/records"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// The connections on a case on ClickHouse: the first records.RemoteLimit
// of them, read once from the cluster (the local case pages through them).

func (p *Pane) remoteConnections(sel store.DataSelection, opts records.Options) tea.Cmd {
	p.conns = table.New(records.Slice(nil, p.env.Ports, opts), p.env.Styles,
		table.EnvOptions(p.env, "connections-"+fileSafe(p.result.app), "reading the connections from the cluster…"))
	p.resize()
	p.connsJob.Key = busyKey + "-connections"
	return tea.Batch(p.conns.Init(), records.Load(p.env.Context, &p.connsJob, p.env.Case, p.env.Ports, sel, opts))
}

func (p *Pane) connectionsLoaded(msg records.LoadedMsg) tea.Cmd {
	if msg.Key != p.connsJob.Key {
		return nil // another pane's
	}
	done := uikit.Busy(p.connsJob.Key, false)
	if !p.connsJob.Current(msg.Tag) || p.result == nil {
		return done
	}
	if msg.Err != nil {
		return tea.Batch(done, uikit.Fail(msg.Err))
	}
	p.conns = table.New(msg.Src, p.env.Styles, table.EnvOptions(p.env, "connections-"+fileSafe(p.result.app), "no connections"))
	p.conns.SetExportInfo("connections of "+p.result.app, p.exportParams)
	p.resize()
	if note := msg.Note(); note != "" {
		return tea.Batch(done, p.conns.Init(), uikit.Status(note))
	}
	return tea.Batch(done, p.conns.Init())
}
