package clickhouse

import (
	"context"
	"sort"
	"strconv"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
)

// The persona and contacts in a time scope: each scoped question is its
// whole-case twin with the condition wallScope writes added on the shards.

// wallScope is the condition (" AND …") that a record's wall clock (start +
// wall_offset) is in [from, to), 0 bounds being open, as the local case's
// store.wallScopeSQL; "" when both are. The bounds are numbers, written in.
func wallScope(from, to int64) string {
	var c string
	if from != 0 {
		c += " AND (start + wall_offset) >= " + strconv.FormatInt(from, 10)
	}
	if to != 0 {
		c += " AND (start + wall_offset) < " + strconv.FormatInt(to, 10)
	}
	return c
}

// CellUsesIn is CellUses over the records whose wall clock is in [from,
// to) (0: open), as the local case answers it: one use per cell as
// written (most records first, then first used, then id), its key and
// forms not filled.
func (s *Store) CellUsesIn(ctx context.Context, sub int64, from, to int64) ([]store.CellUse, error) {
	uses, err := s.usesOf(ctx, sub, "cell_id", wallScope(from, to))
	if err != nil || len(uses) == 0 {
		return nil, err
	}
	sort.Slice(uses, func(i, j int) bool {
		a, b := uses[i], uses[j]
		if a.data+a.voice != b.data+b.voice {
			return a.data+a.voice > b.data+b.voice
		}
		if a.first != b.first {
			return a.first < b.first
		}
		return a.id < b.id
	})
	names := map[int64]string{}
	err = s.each(ctx, `SELECT id, cell FROM {db}.cells`+completeDims+` AND id IN (`+idList(useIDs(uses))+`)`, func(sc scanner) error {
		var id int64
		var cell string
		err := sc.Scan(&id, &cell)
		names[id] = cell
		return err
	})
	if err != nil {
		return nil, err
	}
	out := make([]store.CellUse, 0, len(uses))
	ms := make([]*analysis.Moment, 0, 2*len(uses))
	for _, u := range uses {
		r := store.CellUse{CellID: u.id, Cell: names[u.id], DataRecords: u.data, VoiceRecords: u.voice}
		r.First.Unix, r.Last.Unix = u.first, u.last
		out = append(out, r)
	}
	for i := range out {
		ms = append(ms, &out[i].First, &out[i].Last)
	}
	return out, s.offsets(ctx, sub, ms)
}
