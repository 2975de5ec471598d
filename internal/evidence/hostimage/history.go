package hostimage

import (
	"bytes"
	"io"
	"strconv"

	"github.com/cdrtui/cdrtui/internal/evidence/textline"
)

// HistoryLine is one command line of a shell history file.
type HistoryLine struct {
	Line    int64  // physical line, 1-based
	Command string // the line as written (bytes that are not UTF-8 kept)
	// Time is the Unix time the shell recorded for the command: from the
	// "#1700000000" line bash writes before each command when HISTTIMEFORMAT
	// is set, or from zsh's extended ": 1700000000:0;command" form. 0 when
	// the file carries no time for it.
	Time     int64
	TimeLine int64 // the line the time was read from; 0 when none
}

// HistoryReader reads a shell history file one command line at a time.
// Bash writes one line per command (a multi-line command spans lines, each
// returned on its own with the same time); with HISTTIMEFORMAT set a
// "#<epoch>" line precedes each command and is not returned itself. Blank
// lines are skipped.
type HistoryReader struct {
	tr       *textline.Reader
	line     int64
	time     int64
	timeLine int64
}

// NewHistoryReader reads history from r.
func NewHistoryReader(r io.Reader) *HistoryReader {
	return &HistoryReader{tr: textline.NewReader(r)}
}

// Next returns the next command line or io.EOF. A line longer than
// textline.MaxLine is a *textline.TooLong error: the caller records it and
// calls Next again.
func (h *HistoryReader) Next() (HistoryLine, error) {
	for {
		b, err := h.readLine()
		if err != nil {
			return HistoryLine{}, err
		}
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		if t, ok := bashStamp(b); ok {
			h.time, h.timeLine = t, h.line
			continue
		}
		if t, cmd, ok := zshExtended(b); ok {
			return HistoryLine{Line: h.line, Command: string(cmd), Time: t, TimeLine: h.line}, nil
		}
		return HistoryLine{Line: h.line, Command: string(b), Time: h.time, TimeLine: h.timeLine}, nil
	}
}

// readLine returns the next physical line without "\n" or "\r\n"; a line
// longer than textline.MaxLine is a *textline.TooLong error.
func (h *HistoryReader) readLine() ([]byte, error) {
	b, n, err := h.tr.Next()
	h.line = n
	return b, err
}

// bashStamp reads bash's "#1700000000" time line: '#' and 9 to 11 digits
// (2001 to 5138), nothing else.
func bashStamp(b []byte) (int64, bool) {
	if len(b) < 10 || len(b) > 12 || b[0] != '#' {
		return 0, false
	}
	t, err := strconv.ParseInt(string(b[1:]), 10, 64)
	if err != nil || b[1] == '+' || b[1] == '-' {
		return 0, false
	}
	return t, true
}

// zshExtended reads ": 1700000000:0;command".
func zshExtended(b []byte) (int64, []byte, bool) {
	if !bytes.HasPrefix(b, []byte(": ")) {
		return 0, nil, false
	}
	rest := b[2:]
	colon := bytes.IndexByte(rest, ':')
	semi := bytes.IndexByte(rest, ';')
	if colon < 1 || semi < colon+2 {
		return 0, nil, false
	}
	t, err := strconv.ParseInt(string(rest[:colon]), 10, 64)
	if err != nil || rest[0] == '+' || rest[0] == '-' {
		return 0, nil, false
	}
	if _, err := strconv.ParseUint(string(rest[colon+1:semi]), 10, 64); err != nil {
		return 0, nil, false
	}
	return t, rest[semi+1:], true
}
