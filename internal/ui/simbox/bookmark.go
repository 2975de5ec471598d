package simbox

import (
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// Bookmark names the row under the cursor (the m key of the workbench).
func (p *Pane) Bookmark() (uikit.Place, bool) { return table.BookmarkRow(p.current(), "") }

// Locate selects a bookmarked row again once its table has loaded it.
func (p *Pane) Locate(pl uikit.Place) bool { return table.LocateRow(p.current(), pl) }
