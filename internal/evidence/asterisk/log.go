package asterisk

import (
	"errors"
	"io"
	"strings"

	"github.com/cdrtui/cdrtui/internal/evidence/textline"
)

// LogEntry is one entry of an Asterisk log (/var/log/asterisk/messages,
// full, or syslog lines written by Asterisk), with its continuation lines.
//
// Lines that are not Asterisk output are not lost: a `#` comment line (as
// in fail2ban's sample logs) and a line without a timestamp that has no
// entry to continue come back as entries of their own with Stamp "", Level
// "" and Text the whole line. Restart banners ("Asterisk 11.7.0 built by
// ...") are timestamped entries with Level "" (see IsStartBanner).
type LogEntry struct {
	Line     int64  // line of the entry's first line
	EndLine  int64  // last line (continuation lines are joined to their entry)
	Stamp    string // the timestamp as written
	Month    int    // 1-12; 0 when there is no timestamp
	Day      int
	Hour     int
	Minute   int
	Second   int
	Year     int    // 0 when the timestamp has no year ([Mar 24 15:52:44], syslog "Nov  4 18:30:40")
	Level    string // NOTICE, WARNING, ERROR, VERBOSE, DEBUG, SECURITY, DTMF ...
	Thread   string // "22382" from NOTICE[22382] or "NOTICE [22382]"
	CallID   string // "C-00000001" when present
	File     string // "chan_sip.c" or "chan_sip.c:1234", source file (and line) when present
	Function string // "handle_request_invite" when present
	Text     string // the message (continuation lines appended with "\n")
	Host     string // syslog host when the line is syslog style
	Program  string // syslog program tag ("asterisk") when the line is syslog style
	PID      string // syslog process id ("32229" from asterisk[32229]:)

	json bool // one JSON object per line: never continued
}

// IsStartBanner reports whether the entry is the line Asterisk logs when it
// starts ("Asterisk 11.7.0 built by ... on ..."), which marks a restart.
func (e LogEntry) IsStartBanner() bool {
	return e.Stamp != "" && e.Level == "" && strings.HasPrefix(e.Text, "Asterisk ") &&
		strings.Contains(e.Text, " built by ")
}

// LogReader reads log entries one at a time.
type LogReader struct {
	lines *lineReader
	cur   LogEntry
	have  bool // cur holds an entry not yet returned
	open  bool // cur may still take continuation lines
	err   error
	more  strings.Builder // continuation lines of cur, each after "\n"
}

// NewLogReader reads entries from r.
func NewLogReader(r io.Reader) *LogReader {
	return &LogReader{lines: newLineReader(r)}
}

// Next returns the next entry or io.EOF. A line with no timestamp is
// appended to the timestamped entry before it (with "\n"), extending
// EndLine. Blank lines are skipped everywhere, also inside a multi-line
// entry.
func (r *LogReader) Next() (LogEntry, error) {
	for {
		if r.have && !r.open {
			r.have = false
			return r.entry(), nil
		}
		if r.err != nil {
			if r.have {
				r.have = false
				return r.entry(), nil
			}
			return LogEntry{}, r.err
		}
		b, n, err := r.lines.next()
		if tl, ok := tooLong(err); ok {
			r.open = false // a line not read ends the entry before it
			return LogEntry{}, &RowError{Line: n, Reason: tl.Reason(), Raw: tl.Sample}
		}
		if err != nil {
			r.err = err
			continue
		}
		if isBlank(b) {
			continue
		}
		line := string(b)
		e, kind := parseLogLine(line, n)
		if kind == logText && r.have && r.open && len(r.cur.Text)+r.more.Len()+len(line) < textline.MaxLine {
			r.more.WriteByte('\n')
			r.more.WriteString(line)
			r.cur.EndLine = n
			continue
		}
		out, emit := r.entry(), r.have
		r.cur, r.have, r.open = e, true, kind == logEntry && !e.json
		if emit {
			return out, nil
		}
	}
}

// entry is the current entry with its continuation lines. An entry holds
// at most textline.MaxLine bytes of text: a further continuation line
// starts an entry of its own.
func (r *LogReader) entry() LogEntry {
	if r.more.Len() > 0 {
		r.cur.Text += r.more.String()
		r.more.Reset()
	}
	return r.cur
}

// ReadLogRejects reads every entry of r, and the lines that could not be
// read (longer than textline.MaxLine).
func ReadLogRejects(r io.Reader) ([]LogEntry, []*RowError, error) {
	lr := NewLogReader(r)
	var out []LogEntry
	var rejects []*RowError
	for {
		e, err := lr.Next()
		var rowErr *RowError
		if errors.As(err, &rowErr) {
			rejects = append(rejects, rowErr)
			continue
		}
		if err == io.EOF {
			return out, rejects, nil
		}
		if err != nil {
			return out, rejects, err
		}
		out = append(out, e)
	}
}

// ReadLog reads every entry of r; lines too long to read are left out.
func ReadLog(r io.Reader) ([]LogEntry, error) {
	es, _, err := ReadLogRejects(r)
	return es, err
}
