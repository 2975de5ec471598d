package overview

import (
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

func (p *Pane) currentTable() *table.Model {
	switch p.view {
	case viewSources:
		return p.sources
	case viewRejects:
		return p.rejects
	}
	return p.subs
}

// Bookmark names the subscriber or source under the cursor.
func (p *Pane) Bookmark() (uikit.Place, bool) { return table.BookmarkRow(p.currentTable(), "") }

// Locate shows the list the place was made in and selects its row.
func (p *Pane) Locate(pl uikit.Place) bool {
	switch pl.Extra["table"] {
	case "subscribers":
		p.view = viewSubscribers
	case "sources":
		p.view = viewSources
	}
	p.resize()
	return table.LocateRow(p.currentTable(), pl)
}
