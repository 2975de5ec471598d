package overview

import (
	"context"
	"fmt"
	"strconv"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// The Overview of a case on ClickHouse: the case's span and counts (the
// summary, as on a local case), its sources, listed from the summary, and
// its subscribers with the local table's columns, keyset paged on the
// cluster (casework.SubscriberPage): only the page shown comes back.

func newRemote(env *uikit.Env) *Pane {
	p := &Pane{
		env:     env,
		keys:    newKeyMap(),
		subs:    table.New(&remoteSubscribers{env: env}, env.Styles, table.EnvOptions(env, "subscribers", "the case holds no subscribers yet: cdrtui import CASE.db EVIDENCE…")),
		sources: table.New(remoteSources(nil), env.Styles, table.EnvOptions(env, "sources", "no evidence imported yet")),
	}
	p.subs.SetExportInfo("the subscribers of the case", nil)
	p.sources.SetExportInfo("the evidence files (sources) of the case", nil)
	return p
}

// remoteSubscribers pages through the subscriber list on the cluster.
type remoteSubscribers struct{ env *uikit.Env }

// remoteSorts are the list's orders by column (subscriberColumns).
var remoteSorts = []store.SubscriberSort{store.SortMSISDN, store.SortRecords, store.SortData, store.SortVoice,
	store.SortCalls, store.SortSMS, store.SortContacts, store.SortFirst, store.SortLast, store.SortIMEIs, store.SortCells}

// Columns implements table.Source.
func (s *remoteSubscribers) Columns() []table.Column { return subscriberColumns }

// DefaultSort implements table.Source: most records first, as locally.
func (s *remoteSubscribers) DefaultSort() (int, bool) { return 1, true }

// Page implements table.Source.
func (s *remoteSubscribers) Page(ctx context.Context, req table.PageRequest) ([]table.Row, error) {
	sort := store.SortRecords
	if req.Sort >= 0 && req.Sort < len(remoteSorts) {
		sort = remoteSorts[req.Sort]
	}
	rows, sites, err := casework.SubscriberPage(ctx, s.env.Case, store.SubscriberPageQuery{
		Sort: sort, Desc: req.Desc, Filter: req.Filter, After: req.After, Backward: req.Backward, Limit: req.Limit})
	if err != nil {
		return nil, err
	}
	out := make([]table.Row, len(rows))
	for i, r := range rows {
		out[i] = subscriberRow(r, sites, s.env.Ports)
	}
	return out, nil
}

// Each implements table.Source: page after page (the export).
func (s *remoteSubscribers) Each(ctx context.Context, req table.PageRequest, fn func(table.Row) error) error {
	req.After, req.Backward, req.Limit = nil, false, 1000
	for {
		rows, err := s.Page(ctx, req)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if err := fn(r); err != nil {
				return err
			}
		}
		if len(rows) < req.Limit {
			return nil
		}
		req.After = rows[len(rows)-1].Key
	}
}

// Count implements table.Counter.
func (s *remoteSubscribers) Count(ctx context.Context, filter string) (int64, error) {
	return casework.SubscriberCount(ctx, s.env.Case, filter)
}

// subscriberRow writes a subscriber as the local table does: counts with
// thousands separators (IMEIs and cells plain), the wall clock of the
// first and last record, the share placed ("–" when the case has no cell
// sites), the top three applications.
func subscriberRow(r store.SubscriberRow, sites bool, ports *analysis.Dictionary) table.Row {
	placed := "–"
	if sites {
		placed = ""
		if r.Placed.Records > 0 {
			placed = fmt.Sprintf("%.1f%%", 100*r.Placed.Share())
		}
	}
	apps := map[string]int64{}
	for port, n := range r.Ports {
		apps[ports.App(port)] += n
	}
	th := func(n int64) string { return table.Thousands(n) }
	cells := []string{r.MSISDN, th(r.Data + r.Voice), th(r.Data), th(r.Voice), th(r.Calls), th(r.SMS), th(r.Contacts),
		table.WallClock(r.FirstWall), table.WallClock(r.LastWall), strconv.FormatInt(r.IMEIs, 10), strconv.FormatInt(r.Cells, 10),
		placed, topApps(apps, 3)}
	values := make([]any, len(cells))
	values[0], values[9], values[10] = r.MSISDN, r.IMEIs, r.Cells
	if cells[12] == "" {
		values[12] = ""
	}
	return table.Row{Cells: cells, Values: values, Key: []any{r.Key, r.ID}, Ref: r.MSISDN}
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
