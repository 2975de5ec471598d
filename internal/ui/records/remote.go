package records

import (
	"context"
	"path/filepath"
	"strconv"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// The drill-down on a case on ClickHouse: the first RemoteLimit selected
// records in time order, read once (EachDataRecord) and held as a slice
// with the local table's columns, instead of keyset pages over SQLite.

// RemoteLimit bounds the records a drill-down on a case on ClickHouse
// holds.
const RemoteLimit = 10_000

// LoadedMsg is a drill-down's records, read from a case on ClickHouse.
// Every pane sees it: Key (the job's) says whose it is.
type LoadedMsg struct {
	Key  string
	Tag  uint64
	Src  *table.SliceSource
	Rows int  // records listed
	More bool // the selection holds more than RemoteLimit
	Err  error
}

// Load reads the selected records of st off the UI goroutine, as a run
// of job (a newer run makes this one's result stale: check job.Current,
// and that the message's Key is the job's).
// The job's Key is its busy mark: the pane ends it (uikit.Busy(key,
// false)) when the message arrives.
func Load(parent context.Context, job *uikit.Job, st casework.Case, ports *analysis.Dictionary, sel store.DataSelection, opts Options) tea.Cmd {
	key := job.Key
	work := job.Run(parent, func(ctx context.Context, tag uint64) tea.Msg {
		recs, more, err := casework.DataRecords(ctx, st, sel, RemoteLimit)
		return LoadedMsg{Key: key, Tag: tag, Src: Slice(recs, ports, opts), Rows: len(recs), More: more, Err: err}
	})
	return tea.Batch(uikit.Busy(job.Key, true), work)
}

// Note is what the status line says of a drill-down cut at RemoteLimit.
func (m LoadedMsg) Note() string {
	if !m.More {
		return ""
	}
	return "the first " + table.Thousands(int64(m.Rows)) + " records in time order (a ClickHouse case's drill-down holds at most that many)"
}

// Slice is the drill-down's table over records already read, with the
// columns Source gives.
func Slice(recs []store.DataRecord, ports *analysis.Dictionary, opts Options) *table.SliceSource {
	cols := []table.Column{{Title: "Time (wall clock)", MinWidth: 19, Sortable: true}}
	if opts.MSISDN {
		cols = append(cols, table.Column{Title: "MSISDN", Sortable: true})
	}
	cols = append(cols,
		table.Column{Title: "Dest IP", MaxWidth: 39, Sortable: true},
		table.Column{Title: "Port", Right: true, Sortable: true},
		table.Column{Title: "App", MaxWidth: 18},
		table.Column{Title: "Cell", MaxWidth: 24, Sortable: true},
		table.Column{Title: "File", MaxWidth: 28},
		table.Column{Title: "Line", Right: true})
	if opts.Devices {
		cols = append(cols, table.Column{Title: "IMEI"}, table.Column{Title: "IMSI"})
	}
	cols = append(cols, table.Column{Title: "Bytes", Right: true, Sortable: true}, table.Column{Title: "Path", MaxWidth: 80})
	src := &table.SliceSource{Cols: cols}
	for _, r := range recs {
		port, bytes := "", ""
		if r.DestPort >= 0 {
			port = strconv.Itoa(r.DestPort)
		}
		if r.Bytes >= 0 {
			bytes = table.Thousands(r.Bytes)
		}
		cells := []string{table.WallClock(r.Start.Unix + int64(r.Start.Offset))}
		if opts.MSISDN {
			cells = append(cells, r.MSISDN)
		}
		cells = append(cells, r.DestIP, port, ports.App(r.DestPort), r.Cell, filepath.Base(r.Source), strconv.FormatInt(r.Line, 10))
		if opts.Devices {
			cells = append(cells, r.IMEI, r.IMSI)
		}
		cells = append(cells, bytes, r.Source)
		src.Rows = append(src.Rows, table.Row{Cells: cells, Ref: r.ID})
	}
	return src
}
