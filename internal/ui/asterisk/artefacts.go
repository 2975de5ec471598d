package asterisk

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// treeLine is one line of the artefact tree: a folder or a file.
type treeLine struct {
	depth int
	name  string
	src   *store.Source // nil for a folder
}

// notLoadedTag follows the name of a configuration file Asterisk never
// loaded, in the tree.
const notLoadedTag = " ⊘ not loaded"

// label is the line's name as the tree shows it: a configuration file
// Asterisk never loaded (a leftover sip_custom_old.conf no #include
// reaches) marked so.
func (l treeLine) label() string {
	if l.src != nil && l.src.NotLoaded() {
		return l.name + notLoadedTag
	}
	return l.name
}

// artefactTree is the PBX-side sources laid out under the folder they
// share, with a cursor.
type artefactTree struct {
	root    string
	lines   []treeLine
	cursor  int
	top     int
	sources []store.Source
}

// buildTree lays the sources out as a tree under their common folder.
func buildTree(sources []store.Source) *artefactTree {
	t := &artefactTree{sources: sources}
	if len(sources) == 0 {
		return t
	}
	paths := make([]string, len(sources))
	for i, s := range sources {
		paths[i] = filepath.Clean(s.Path)
	}
	t.root = commonDir(paths)
	order := make([]int, len(sources))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return paths[order[a]] < paths[order[b]] })
	var prev []string
	for _, i := range order {
		rel, err := filepath.Rel(t.root, paths[i])
		if err != nil {
			rel = paths[i]
		}
		parts := strings.Split(filepath.ToSlash(rel), "/")
		same := 0
		for same < len(prev) && same < len(parts)-1 && prev[same] == parts[same] {
			same++
		}
		for d := same; d < len(parts)-1; d++ {
			t.lines = append(t.lines, treeLine{depth: d, name: parts[d] + "/"})
		}
		t.lines = append(t.lines, treeLine{depth: len(parts) - 1, name: parts[len(parts)-1], src: &sources[i]})
		prev = parts[:len(parts)-1]
	}
	for i, l := range t.lines {
		if l.src != nil {
			t.cursor = i
			break
		}
	}
	return t
}

// commonDir is the deepest folder holding every path.
func commonDir(paths []string) string {
	dir := filepath.Dir(paths[0])
	for _, p := range paths[1:] {
		for dir != "." && dir != string(filepath.Separator) && !strings.HasPrefix(p, dir+string(filepath.Separator)) {
			dir = filepath.Dir(dir)
		}
	}
	return dir
}

// byPath finds the source read from path.
func (t *artefactTree) byPath(path string) *store.Source {
	for i := range t.sources {
		if t.sources[i].Path == path {
			return &t.sources[i]
		}
	}
	return nil
}

func (p *Pane) treeKey(msg tea.KeyMsg) tea.Cmd {
	t := p.tree
	km := p.keys
	page := max(1, p.bodyHeight()-p.treeDetailLines()-1)
	switch {
	case key.Matches(msg, km.Up):
		t.cursor--
	case key.Matches(msg, km.Down):
		t.cursor++
	case key.Matches(msg, km.PageUp):
		t.cursor -= page
	case key.Matches(msg, km.PageDown):
		t.cursor += page
	case key.Matches(msg, km.Top):
		t.cursor = 0
	case key.Matches(msg, km.Bottom):
		t.cursor = len(t.lines) - 1
	case key.Matches(msg, km.Open):
		if t.cursor >= 0 && t.cursor < len(t.lines) && t.lines[t.cursor].src != nil {
			return p.openRaw(t.lines[t.cursor].src.Path, 0, viewArtefacts)
		}
	}
	t.cursor = min(max(t.cursor, 0), max(len(t.lines)-1, 0))
	return nil
}

// treeDetailLines is the height of the selected file's details: a rule,
// its hash whole with its size (two lines below 100 columns), its path
// and its notes.
func (p *Pane) treeDetailLines() int {
	if p.width < 100 {
		return 5
	}
	return 4
}

func (p *Pane) treeView(h int) string {
	st := p.env.Styles
	t := p.tree
	if len(t.lines) == 0 {
		return st.Muted.Render(strings.Join(uikit.WrapWords("no PBX artefacts in this case: cdrtui import CASE.db /mnt/image (the root of the seized disk)", p.width), "\n"))
	}
	listH := max(2, h-p.treeDetailLines()-1)
	rows := listH - 1 // under the root's line
	if t.cursor < t.top {
		t.top = t.cursor
	}
	if t.cursor >= t.top+rows {
		t.top = t.cursor - rows + 1
	}
	nameW, kindW := 0, 14
	for _, l := range t.lines {
		nameW = max(nameW, 2*l.depth+len([]rune(l.label())))
		if l.src != nil {
			kindW = max(kindW, len(l.src.Kind)) // asterisk-queue-log, asterisk-cdr-table
		}
	}
	nameW = min(nameW+2, max(20, p.width/3))
	lines := []string{st.Subtitle.Render(uikit.FitLine(inert.String(t.root)+"/", p.width))}
	for i := t.top; i < len(t.lines) && i < t.top+rows; i++ {
		l := t.lines[i]
		name := strings.Repeat("  ", l.depth) + inert.String(l.label())
		var text string
		if l.src == nil {
			text = st.Muted.Render(uikit.FitLine(" "+name, p.width))
		} else {
			s := l.src
			text = fmt.Sprintf(" %-*s %-*s %8s  sha256 %s…  %s", nameW, uikit.FitLine(name, nameW), kindW, s.Kind, table.Thousands(s.Rows), s.SHA256[:min(12, len(s.SHA256))], inert.String(s.Format))
			text = uikit.FitLine(text, p.width)
		}
		if i == t.cursor {
			text = st.Selected.Render("▸" + uikit.FitLine(strings.TrimPrefix(text, " "), p.width-1))
		}
		lines = append(lines, text)
	}
	for len(lines) < listH {
		lines = append(lines, "")
	}
	lines = append(lines, p.treeDetail()...)
	return uikit.FitBlock(strings.Join(lines, "\n"), p.width, h)
}

// treeDetail shows the selected file in full: path, hash, how it was
// read, notes.
func (p *Pane) treeDetail() []string {
	st := p.env.Styles
	t := p.tree
	out := []string{st.Muted.Render(strings.Repeat("─", max(0, p.width)))}
	if t.cursor < 0 || t.cursor >= len(t.lines) || t.lines[t.cursor].src == nil {
		return append(out, st.Muted.Render("a folder: ↑/↓ to a file, enter to read it"))
	}
	s := t.lines[t.cursor].src
	zone := ""
	if s.Zone != "" {
		zone = " · zone " + s.Zone
	}
	// the hash is read whole; its size and rows beside it, or below it on
	// a narrow screen
	items := []string{st.Subtitle.Render("sha256 ") + s.SHA256, st.Muted.Render(table.Thousands(s.Size) + " bytes"), st.Muted.Render(table.Thousands(s.Rows) + " rows")}
	if zone != "" {
		items = append(items, st.Muted.Render(strings.TrimPrefix(zone, " · ")))
	}
	head := uikit.WrapItems(items, st.Muted.Render(" · "), p.width)
	if len(head) > p.treeDetailLines()-3 {
		head = head[:p.treeDetailLines()-3]
		head[len(head)-1] = uikit.FitLine(head[len(head)-1]+" …", p.width)
	}
	out = append(out, head...)
	out = append(out,
		uikit.FitLine(st.Subtitle.Render("path ")+inert.String(s.Path), p.width),
		uikit.FitLine(st.Subtitle.Render("notes ")+inert.String(orNone(s.Notes))+st.Muted.Render(" · enter: read the file"), p.width))
	return out
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
