package asterisk

import (
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
}

// ParseCustomMappings reads cdr_custom.conf's [mappings] lines.
func ParseCustomMappings(c *Conf) []CustomMapping {
	var out []CustomMapping
	for _, s := range c.Sections {
		if !strings.EqualFold(s.Name, "mappings") {
			continue
		}
		for _, e := range s.Entries {
			m := CustomMapping{File: strings.TrimSpace(e.Key), Line: e.Line}
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
		var err error
		if fields, err = splitCSV(string(b), fields); err != nil || len(fields) != len(m.Columns) {
			continue
		}
		vals := make([]string, len(fields))
		for i, f := range fields {
			vals[i] = f.val
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

// NewMappedReader reads a cdr_custom file by the columns of its mapping:
// one CSV line per call, no header.
func NewMappedReader(r io.Reader, rm RowMapper) *Reader {
	return &Reader{lines: newLineReader(r), format: FormatCDRCustom, mapper: &rm}
}

// nextMapped turns a line into a call through the mapping.
func (r *Reader) nextMapped(raw string, line int64) (Call, error) {
	fields, err := splitCSV(raw, r.fields)
	r.fields = fields
	if err != nil {
		return Call{}, &RowError{Line: line, Reason: err.Error(), Raw: raw}
	}
	if len(fields) != r.mapper.h.width {
		return Call{}, &RowError{Line: line, Reason: fmt.Sprintf("%d columns; the cdr_custom.conf mapping writes %d", len(fields), r.mapper.h.width), Raw: raw}
	}
	vals := make([]string, len(fields))
	for i, f := range fields {
		vals[i] = f.val
	}
	c, reason := r.mapper.Call(line, vals)
	if reason != "" {
		return Call{}, &RowError{Line: line, Reason: reason, Raw: raw}
	}
	c.Raw = raw
	return c, nil
}
