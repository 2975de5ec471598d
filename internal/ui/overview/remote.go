package overview

import (
	"strconv"

	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// The Overview of a case on ClickHouse: the case's span and counts (the
// summary, as on a local case) and its sources, listed from the summary.
// The subscriber table (keyset pages over the subscribers' summaries) is
// not on ClickHouse yet: its line says how to put a subscriber in focus
// instead (the palette finds one by number).

// subscribersNotHere is what the subscriber list says on a case on
// ClickHouse.
const subscribersNotHere = "not available on a ClickHouse case yet: find a subscriber with : (palette)"

func newRemote(env *uikit.Env) *Pane {
	p := &Pane{
		env:     env,
		keys:    newKeyMap(),
		subs:    table.New(&table.SliceSource{Cols: []table.Column{{Title: "MSISDN", MinWidth: 8}}}, env.Styles, table.EnvOptions(env, "subscribers", subscribersNotHere)),
		sources: table.New(remoteSources(nil), env.Styles, table.EnvOptions(env, "sources", "no evidence imported yet")),
	}
	p.sources.SetExportInfo("the evidence files (sources) of the case", nil)
	return p
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
