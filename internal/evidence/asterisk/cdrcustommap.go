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
