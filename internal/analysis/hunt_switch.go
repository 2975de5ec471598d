package analysis

import (
	"fmt"
	"strings"
)

// SwitchCellHint says that a cell a hunt named exactly matches no cell as
// written, but is the bare cell number of CDMA cells the case keeps with
// their switch (Sprint, Verizon): cell 2083 on two switches is two cells,
// and the hunt is not widened to both. Without the hint an empty answer
// would read as "nobody was there".
type SwitchCellHint struct {
	Cell  string   `json:"cell"`  // as the hunt named it
	Cells []string `json:"cells"` // the case's cells of that number, as written
}

// Message says it in full, for the command line and reports.
func (h SwitchCellHint) Message() string {
	each, them := "each unique only on its switch", "one of them"
	if len(h.Cells) == 1 {
		each, them = "unique only on its switch", "it"
	}
	// a hunt's list splits on spaces and commas: the written cell is
	// hunted in double quotes
	return fmt.Sprintf("%s matches no cell as written; it is the cell number of %s, %s: %s — hunt by %s, in double quotes",
		h.Cell, Plural(int64(len(h.Cells)), "CDMA cell", "CDMA cells"), each, strings.Join(h.Cells, ", "), them)
}

// ShortLines says it in two short lines, for a pane: what the cell is,
// then the cells to hunt by.
func (h SwitchCellHint) ShortLines() [2]string {
	return [2]string{
		fmt.Sprintf("%s is no cell as written: the number of %s, one per switch;", h.Cell, Plural(int64(len(h.Cells)), "CDMA cell", "CDMA cells")),
		"hunt one \"in quotes\": " + strings.Join(h.Cells, ", "),
	}
}
