package asterisk

import (
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// Bookmark names the row under the cursor (the m key of the workbench):
// in the artefact tree the file selected, with its SHA-256.
func (p *Pane) Bookmark() (uikit.Place, bool) {
	if p.view == viewArtefacts {
		t := p.tree
		if t == nil || t.cursor < 0 || t.cursor >= len(t.lines) || t.lines[t.cursor].src == nil {
			return uikit.Place{}, false
		}
		s := t.lines[t.cursor].src
		return uikit.Place{Kind: "artefact", Target: s.Path, Label: s.Path + " · sha256 " + s.SHA256,
			Extra: map[string]string{"view": "artefacts"}}, true
	}
	return table.BookmarkRow(p.currentTable(), "")
}

// Locate shows a bookmarked artefact or selects a bookmarked row again
// once its table has loaded it.
func (p *Pane) Locate(pl uikit.Place) bool {
	if pl.Extra["view"] == "artefacts" {
		if p.tree == nil {
			return false
		}
		p.view = viewArtefacts
		for i, l := range p.tree.lines {
			if l.src != nil && l.src.Path == pl.Target {
				p.tree.cursor = i
				return true
			}
		}
		return true // no longer in the tree: the view is shown
	}
	return table.LocateRow(p.currentTable(), pl)
}
