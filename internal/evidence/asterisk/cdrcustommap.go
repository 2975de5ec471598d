package asterisk

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// CustomMapping is one line of cdr_custom.conf's [mappings] section: the
// file cdr_custom writes (a name under cdr-custom/, or an absolute path)
// and the CDR variable of each column its template writes. Administrators
// rewrite this line (the 18-column mapping of the older sample, a handful
// of columns, another order): the columns of the file are the template's.
type CustomMapping struct {
	File string
	Line int
	SQLiteMapping
	// An advanced mapping's record: values separated by Sep, wrapped in
	// Quote, quotes inside escaped by Escape; or JSON, one object a line,
	// each column's value under its key in Keys. A legacy [mappings] line
	// writes ',' '"' '"'.
	Sep, Quote, Escape byte
	JSON               bool
	Keys               []string
	// Written is the 1-based column of ${EPOCH} (0: none read), the time
	// cdr_custom wrote the record; with Duration (its column) it places
	// the start of a mapping that writes no start: EPOCH - duration.
	Written, Duration int
	// Codes names the columns written as numbers (disposition(int64),
	// amaflags(int64)): "disposition", "amaflags" or "".
	Codes []string
}

// ParseCustomMappings reads cdr_custom.conf's legacy [mappings] lines and
// its advanced mappings (a section per file, with fields =).
func ParseCustomMappings(c *Conf) []CustomMapping {
	var out []CustomMapping
	for i := range c.Sections {
		s := &c.Sections[i]
		if !strings.EqualFold(s.Name, "mappings") {
			if s.Name != "" && !s.IsTemplate && !strings.EqualFold(s.Name, "general") {
				if m, ok := parseAdvancedMapping(c, s); ok {
					out = append(out, m)
				}
			}
			continue
		}
		for _, e := range s.Entries {
			m := CustomMapping{File: strings.TrimSpace(e.Key), Line: e.Line, Sep: ',', Quote: '"', Escape: '"'}
			for i, v := range splitTemplates(e.Value) {
				name, epoch, utc, local := templateVar(v)
				m.Columns = append(m.Columns, "column "+strconv.Itoa(i+1))
				m.Vars = append(m.Vars, name)
				m.Epoch = append(m.Epoch, epoch)
				if name == "start" {
					m.UTC, m.Local = utc || epoch, local
				}
			}
			m.ValuesLine = e.Line
			m.placeWritten()
			out = append(out, m)
		}
	}
	return out
}

// Mapper is the mapping's RowMapper: its columns read by their position.
func (m CustomMapping) Mapper() (RowMapper, string, bool) {
	if m.Problem != "" {
		return RowMapper{}, m.Problem, false
	}
	return NewRowMapper(m.Columns, &m.SQLiteMapping)
}

// FitsCustomMapping says whether most non-blank lines of a head have the
// mapping's width and a start the mapping places; reason says how many.
func FitsCustomMapping(head []byte, m CustomMapping) (bool, string) {
	rm, why, ok := m.Mapper()
	if !ok {
		return false, why
	}
	total, fit := 0, 0
	var fields []csvField
	for _, b := range headLines(head) {
		if isBlank(b) {
			continue
		}
		total++
		var vals []string
		var err error
		if vals, fields, err = m.splitRecord(string(bytes.TrimRight(b, "\r")), fields); err != nil || len(vals) != len(m.Columns) {
			continue
		}
		if _, reason := rm.Call(0, vals); reason == "" {
			fit++
		}
	}
	if fit == 0 || fit*2 <= total {
		return false, fmt.Sprintf("%d of %d lines fit the cdr_custom.conf mapping of %s (line %d, %d columns)", fit, total, m.File, m.Line, len(m.Columns))
	}
	return true, fmt.Sprintf("%s: cdr_custom file written by the image's cdr_custom.conf mapping of %s (line %d, %d columns); %d of the first %d lines fit it",
		FormatCDRCustom, m.File, m.Line, len(m.Columns), fit, total)
}

// NewMappedReader reads a cdr_custom file by the columns of its mapping
// m (rm its Mapper): one record per line, no header.
func NewMappedReader(r io.Reader, m CustomMapping, rm RowMapper) *Reader {
	return &Reader{lines: newLineReader(r), format: FormatCDRCustom, mapper: &rm, custom: &m}
}

// nextMapped turns a line into a call through the mapping.
func (r *Reader) nextMapped(raw string, line int64) (Call, error) {
	vals, fields, err := r.custom.splitRecord(raw, r.fields)
	r.fields = fields
	if err != nil {
		return Call{}, &RowError{Line: line, Reason: err.Error(), Raw: raw}
	}
	if len(vals) != r.mapper.h.width {
		return Call{}, &RowError{Line: line, Reason: fmt.Sprintf("%d columns; the cdr_custom.conf mapping writes %d", len(vals), r.mapper.h.width), Raw: raw}
	}
	c, reason := r.mapper.Call(line, vals)
	if reason != "" {
		return Call{}, &RowError{Line: line, Reason: reason, Raw: raw}
	}
	c.Raw = raw
	return c, nil
}

// placeWritten reads a legacy mapping's ${EPOCH} column, as the older
// sample's Simple.csv writes it (asterisk/asterisk
// configs/samples/cdr_custom.conf.sample: "Simple.csv =>
// ${CSV_QUOTE(${EPOCH})},${CSV_QUOTE(${CDR(src)})},${CSV_QUOTE(${CDR(dst)})}").
// cdr_custom substitutes the template when it writes the record
// (cdr_custom.c's custom_log, on a dummy channel), so ${EPOCH} is the post
// time: the hang-up when cdr.conf does not batch (the default). A mapping
// that writes the start needs none of it; one that writes a duration has
// its start at EPOCH - duration; one with neither is refused, naming why.
func (m *CustomMapping) placeWritten() {
	written, duration, hasStart := 0, 0, false
	for i, v := range m.Vars {
		switch v {
		case "epoch":
			if written == 0 {
				written = i + 1
			}
			m.Vars[i] = ""
		case "start":
			hasStart = true
		case "duration":
			duration = i + 1
		}
	}
	switch {
	case written == 0 || hasStart:
	case duration > 0:
		m.Written, m.Duration = written, duration
		m.Vars[written-1], m.Epoch[written-1], m.UTC, m.Local = "start", true, true, false
	default:
		m.Problem = fmt.Sprintf("its only time, ${EPOCH} (column %d), is when cdr_custom wrote the record (the hang-up, or a batch's post with cdr.conf batch=yes), "+
			"not the call's start, and the mapping writes no duration to go back from: not read as calls", written)
	}
}

// startFromWritten turns the ${EPOCH} value into the start, EPOCH -
// duration, in Unix seconds.
func (m CustomMapping) startFromWritten(vals []string) error {
	if m.Written == 0 || m.Written > len(vals) || m.Duration > len(vals) {
		return nil
	}
	w, err := strconv.ParseInt(strings.TrimSpace(vals[m.Written-1]), 10, 64)
	if err != nil || w < 0 {
		return fmt.Errorf("column %d: ${EPOCH} %q is not Unix seconds", m.Written, vals[m.Written-1])
	}
	d, ok := parseSeconds(strings.TrimSpace(vals[m.Duration-1]))
	if !ok || d > w {
		return fmt.Errorf("column %d: duration %q is not a number of seconds", m.Duration, vals[m.Duration-1])
	}
	vals[m.Written-1] = strconv.FormatInt(w-d, 10)
	return nil
}

// DetectSimpleCSV says whether a head is the older sample's Simple.csv
// with no cdr_custom.conf to say so: every non-blank line three quoted
// values (CSV_QUOTE), the first Unix seconds. The reason says why such a
// file is not read as calls: its one time is when the record was written.
func DetectSimpleCSV(head []byte) (ok bool, reason string) {
	total := 0
	var fields []csvField
	for _, b := range headLines(head) {
		if isBlank(b) {
			continue
		}
		total++
		var err error
		fields, err = splitCSV(string(bytes.TrimRight(b, "\r")), fields)
		if err != nil || len(fields) != 3 || !fields[0].quoted || !fields[1].quoted || !fields[2].quoted {
			return false, ""
		}
		if n := len(fields[0].val); n < 9 || n > 11 || !isDigits(fields[0].val) {
			return false, ""
		}
	}
	if total == 0 {
		return false, ""
	}
	return true, "the cdr_custom layout of the older sample's Simple.csv mapping (\"${EPOCH}\",\"src\",\"dst\": every line three quoted values, " +
		"the first Unix seconds): its only time, ${EPOCH}, is when cdr_custom wrote the record (the hang-up, or a batch's post with cdr.conf batch=yes), " +
		"not the call's start, and it writes no duration to go back from: not read as calls"
}
