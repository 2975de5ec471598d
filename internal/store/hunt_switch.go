package store

import (
	"context"
	"strings"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/ident"
)

// SwitchCellHints says, of the cells a scene or hunt named exactly that
// the case does not hold, which are the bare number of CDMA cells kept
// with their switch, and names those cells.
func (s *Store) SwitchCellHints(ctx context.Context, unknown []string) ([]analysis.SwitchCellHint, error) {
	return s.switchCellHints(ctx, unknown)
}

// switchCellHints looks, for each cell a hunt named exactly that the case
// does not hold (unknown), for CDMA cells of that bare number kept with
// their switch ("2083" and "2083 (switch 210, repoll 17)"), read on the
// cells table's unique index. The hunt is never widened to them: a cell
// number is unique only on its switch, so which one was meant is the
// analyst's to say.
func (s *Store) switchCellHints(ctx context.Context, unknown []string) ([]analysis.SwitchCellHint, error) {
	var hints []analysis.SwitchCellHint
	for _, bare := range unknown {
		if bare == "" || strings.ContainsAny(bare, " ()") {
			continue // already written with its switch, or no bare number
		}
		h := analysis.SwitchCellHint{Cell: bare}
		err := queryEach(ctx, s, "SELECT id, cell FROM cells WHERE cell >= ? AND cell < ? ORDER BY cell",
			[]any{bare + " (", bare + " )"}, func(_ int64, cell string) {
				if _, ok := ident.SwitchCellKey(cell); ok {
					h.Cells = append(h.Cells, cell)
				}
			})
		if err != nil {
			return nil, err
		}
		if len(h.Cells) > 0 {
			hints = append(hints, h)
		}
	}
	return hints, nil
}
