package asterisk

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// The raw viewer shows at most this much of a file (decompressed for a
// gzipped one); the whole file is still hashed.
const (
	maxRawBytes = 16 << 20
	maxRawLines = 400_000
)

// rawFile is an artefact read for the viewer: its lines as stored, and
// whether it still has the SHA-256 recorded at import.
type rawFile struct {
	path      string
	lines     []string
	note      string // how it was read (gzip, link text)
	verdict   string // the hash check, in words
	matches   bool
	truncated bool
	err       error
}

// readRaw reads path for the viewer without ever writing to it or
// following a link: a symbolic link shows its own text. want is the
// SHA-256 the case holds for it. located is where the file was at import
// (absolute), tried when path, as given then, is not reachable from here.
func readRaw(path, located, want string) *rawFile {
	f := &rawFile{path: path}
	fi, err := os.Lstat(path)
	if err != nil && located != "" && located != path {
		if lfi, lerr := os.Lstat(located); lerr == nil {
			path, fi, err = located, lfi, nil
		}
	}
	if err != nil {
		f.err = fmt.Errorf("the file is not reachable at %s (is the image still mounted?): %v", path, err)
		return f
	}
	var content []byte
	sum := sha256.New()
	if fi.Mode()&fs.ModeSymlink != 0 {
		target, err := os.Readlink(path)
		if err != nil {
			f.err = err
			return f
		}
		content = []byte(target)
		sum.Write(content)
		f.note = "a symbolic link: its own text, not followed"
	} else {
		file, err := os.Open(path) // read-only
		if err != nil {
			f.err = err
			return f
		}
		defer file.Close()
		var head bytes.Buffer
		if _, err := io.Copy(io.MultiWriter(sum, &limitedWriter{w: &head, left: maxRawBytes}), file); err != nil {
			f.err = err
			return f
		}
		content = head.Bytes()
		if bytes.HasPrefix(content, []byte{0x1f, 0x8b}) {
			if zr, err := gzip.NewReader(bytes.NewReader(content)); err == nil {
				if plain, err := io.ReadAll(io.LimitReader(zr, maxRawBytes)); len(plain) > 0 || err == nil {
					content = plain
					f.note = "gzip-compressed: shown decompressed, hashed as stored"
				}
			}
		}
		f.truncated = fi.Size() > maxRawBytes
	}
	got := hex.EncodeToString(sum.Sum(nil))
	f.matches = got == want
	switch {
	case want == "":
		f.verdict = "sha256 " + got[:12] + "… (no hash recorded)"
	case f.matches:
		f.verdict = "✓ sha256 matches the case"
	default:
		f.verdict = "✗ sha256 " + got[:12] + "… differs from the case's " + want[:min(12, len(want))] + "…: the file changed since the import"
	}
	text := strings.TrimSuffix(string(content), "\n")
	f.lines = strings.Split(text, "\n")
	if len(f.lines) > maxRawLines {
		f.lines, f.truncated = f.lines[:maxRawLines], true
	}
	for i, l := range f.lines {
		f.lines[i] = strings.TrimSuffix(l, "\r")
	}
	return f
}

// limitedWriter keeps the first left bytes and discards the rest.
type limitedWriter struct {
	w    io.Writer
	left int
}

func (l *limitedWriter) Write(b []byte) (int, error) {
	n := len(b)
	if l.left > 0 {
		k := min(l.left, n)
		l.w.Write(b[:k])
		l.left -= k
	}
	return n, nil
}

// rawViewer scrolls and searches one file.
type rawViewer struct {
	file      *rawFile
	top       int
	left      int // display columns scrolled past (long lines)
	cursor    int // the line marked (a search hit, the line jumped to)
	searching bool
	input     textinput.Model
	query     string
	status    string
}

// openRaw reads a file off the UI goroutine and shows it at line (1-based,
// 0 for the top); esc returns to back.
func (p *Pane) openRaw(path string, line int64, back view) tea.Cmd {
	want, located := "", ""
	if s := p.tree.byPath(path); s != nil {
		want, located = s.SHA256, s.Location
	}
	p.rawBack, p.view = back, viewRaw
	p.raw = &rawViewer{file: &rawFile{path: path}, status: "reading…"}
	p.rawTag.Key = "asterisk-raw"
	return tea.Batch(uikit.Busy("asterisk-raw", true), p.rawTag.Run(p.env.Context, func(_ context.Context, tag uint64) tea.Msg {
		return rawMsg{tag: tag, file: readRaw(path, located, want), line: line}
	}))
}

func (p *Pane) rawLoaded(msg rawMsg) tea.Cmd {
	done := uikit.Busy("asterisk-raw", false)
	if !p.rawTag.Current(msg.tag) || p.raw == nil {
		return done
	}
	in := textinput.New()
	in.Prompt = "/"
	in.CharLimit = 200
	p.raw = &rawViewer{file: msg.file, input: in, cursor: -1} // no line marked
	if msg.line > 0 {
		p.raw.cursor = int(msg.line) - 1
		p.raw.top = max(0, p.raw.cursor-3)
	}
	return done
}

func (p *Pane) rawKey(msg tea.KeyMsg) tea.Cmd {
	v, km := p.raw, p.keys
	if v == nil {
		return nil
	}
	page := max(1, p.bodyHeight()-2)
	switch {
	case key.Matches(msg, km.Back):
		p.view = p.rawBack
		return nil
	case key.Matches(msg, km.Search):
		v.searching = true
		v.input.SetValue(v.query)
		v.input.CursorEnd()
		return v.input.Focus()
	case key.Matches(msg, km.NextMatch):
		v.find(1)
	case key.Matches(msg, km.PrevMatch):
		v.find(-1)
	case key.Matches(msg, km.Up):
		v.top--
	case key.Matches(msg, km.Down):
		v.top++
	case key.Matches(msg, km.PageUp):
		v.top -= page
	case key.Matches(msg, km.PageDown):
		v.top += page
	case key.Matches(msg, km.Top):
		v.top = 0
	case key.Matches(msg, km.Bottom):
		v.top = len(v.file.lines) - page
	case key.Matches(msg, km.table.Left):
		v.left = max(0, v.left-sideStep)
	case key.Matches(msg, km.table.Right):
		v.left += sideStep
	}
	v.top = min(max(v.top, 0), max(0, len(v.file.lines)-1))
	return nil
}

// searchKey edits the search; enter looks for it from the marked line.
func (v *rawViewer) searchKey(msg tea.KeyMsg) {
	switch msg.Type {
	case tea.KeyEsc:
		v.searching = false
		v.input.Blur()
		return
	case tea.KeyEnter:
		v.searching = false
		v.input.Blur()
		v.query = v.input.Value()
		v.cursor = max(v.cursor, 0) - 1 // from the marked line itself, or the first
		v.find(1)
		return
	}
	v.input, _ = v.input.Update(msg)
}

// find marks the next (dir 1) or previous (-1) line holding the query,
// without regard to case, wrapping around the file.
func (v *rawViewer) find(dir int) {
	q := strings.ToLower(v.query)
	n := len(v.file.lines)
	if q == "" || n == 0 {
		v.status = "no search: / to search"
		return
	}
	from := v.cursor
	if from < 0 && dir < 0 {
		from = 0 // nothing marked: back from the first line is the last
	}
	for k := 1; k <= n; k++ {
		i := ((from+dir*k)%n + n) % n
		if strings.Contains(strings.ToLower(v.file.lines[i]), q) {
			v.cursor = i
			v.top = max(0, i-3)
			v.status = fmt.Sprintf("“%s” on line %s", v.query, table.Thousands(int64(i+1)))
			return
		}
	}
	v.status = fmt.Sprintf("“%s” not found", v.query)
}

func (p *Pane) rawView(h int) string {
	st := p.env.Styles
	v := p.raw
	if v == nil {
		return ""
	}
	f := v.file
	head := st.Subtitle.Render(keepEnd(inert.String(f.path), p.width))
	if f.err != nil {
		return uikit.FitBlock(head+"\n"+st.Bad.Render(inert.String(f.err.Error())), p.width, h)
	}
	if f.lines == nil {
		return uikit.FitBlock(head+"\n"+st.Muted.Render(v.status), p.width, h)
	}
	verdict := st.Good.Render(f.verdict)
	if !f.matches {
		verdict = st.Warn.Render(f.verdict)
	}
	info := verdict + fmt.Sprintf(" · %s lines", table.Thousands(int64(len(f.lines))))
	if f.note != "" {
		info += st.Muted.Render(" · " + f.note)
	}
	if f.truncated {
		info += st.Warn.Render(" · only the first part is shown")
	}
	lines := []string{st.Subtitle.Render(keepEnd(inert.String(f.path), p.width)), uikit.FitLine(info, p.width)}
	numW := len(fmt.Sprint(len(f.lines)))
	for i := v.top; i < len(f.lines) && len(lines) < h-1; i++ {
		body := inert.String(expandTabs(f.lines[i]))
		if v.left > 0 {
			if ansi.StringWidth(body) <= v.left {
				body = ""
			} else {
				body = "«" + ansi.TruncateLeft(body, v.left+1, "")
			}
		}
		mark := " " // the marked line is marked in the gutter too: without colour a highlight is lost
		if i == v.cursor {
			mark = "▶"
		}
		text := fmt.Sprintf("%s%*d │ %s", mark, numW, i+1, body)
		text = uikit.FitLine(text, p.width)
		if i == v.cursor {
			text = st.Selected.Render(text)
		}
		lines = append(lines, text)
	}
	for len(lines) < h-1 {
		lines = append(lines, "")
	}
	side := "←/→ sideways"
	if v.left > 0 {
		side = fmt.Sprintf("from column %d (←/→)", v.left+1)
	}
	at := fmt.Sprintf("line %s of %s", table.Thousands(int64(v.top+1)), table.Thousands(int64(len(f.lines))))
	if v.cursor >= 0 && v.cursor < len(f.lines) {
		// the line jumped to or found, apart from the first line shown
		at = fmt.Sprintf("▶ line %s · from %s", table.Thousands(int64(v.cursor+1)), at)
	}
	footer := st.Muted.Render(at + fmt.Sprintf(" · %s · / search · n/p next/previous · esc back", side))
	if v.status != "" {
		footer = st.Text.Render(inert.String(v.status)) + "  " + footer
	}
	if v.searching {
		footer = v.input.View()
	}
	lines = append(lines, uikit.FitLine(footer, p.width))
	return strings.Join(lines, "\n")
}

// sideStep is how far ←/→ scroll a long line.
const sideStep = 8

// expandTabs writes tabs as the spacing they stand for (stops every 8
// columns), as an editor shows a configuration file; every other control
// character is left for inert to show as an escape.
func expandTabs(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	col := 0
	for _, r := range s {
		if r == '\t' {
			n := 8 - col%8
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		b.WriteRune(r)
		col++
	}
	return b.String()
}

// keepEnd cuts s to w cells from the left ("…/asterisk/messages"): a
// path's end says most.
func keepEnd(s string, w int) string {
	r := []rune(s)
	if len(r) <= w || w < 2 {
		return s
	}
	return "…" + string(r[len(r)-w+1:])
}
