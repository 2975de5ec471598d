package asterisk

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Advanced mappings (cdr_custom.conf since Asterisk 20.13, 21.8 and 22.3):
// a section named for the file it writes, holding
//
//	format = dsv | json
//	separator_character = ,        (\t for a tab)
//	quote_character = "
//	quote_escape_character = "
//	fields = clid,"Some Literal",src, dst, ..., start(int64), uniqueid(noquote), ds_type(uservar)
//
// A field is a CDR field name with optional qualifiers in parentheses,
// joined by '^': int64 or double (a time as Unix seconds), a strftime
// format (a time as that format writes it), quote/noquote, uservar (a
// variable of the administrator's own). A double-quoted field is a literal
// written as is (in JSON, "name: value"). JSON records are one object per
// line, named by the fields, strings quoted, numbers bare.

// parseAdvancedMapping reads one advanced-mapping section; ok is false when
// the section has no fields key (it is not one).
func parseAdvancedMapping(c *Conf, s *Section) (CustomMapping, bool) {
	fields, ok := c.SectionGet(s, "fields")
	if !ok {
		return CustomMapping{}, false
	}
	get := func(k string) string { v, _ := c.SectionGet(s, k); return strings.TrimSpace(v) }
	m := CustomMapping{File: s.Name, Line: s.Line, Sep: ',', Quote: '"', Escape: '"'}
	m.ValuesLine = s.Line
	switch f := strings.ToLower(get("format")); f {
	case "", "dsv":
	case "json":
		m.JSON, m.Escape = true, '\\'
	default:
		m.Problem = fmt.Sprintf("format = %s, which cdr_custom does not write", f)
	}
	if !m.JSON {
		m.Sep, m.Quote, m.Escape = advancedChars(get, m.Sep, m.Quote)
	}
	for i, f := range splitTemplates(fields) {
		m.Columns = append(m.Columns, "column "+strconv.Itoa(i+1))
		name, key, epoch, local := advancedField(f)
		code := ""
		if (name == "disposition" || name == "amaflags") && strings.Contains(strings.ToLower(f), "int64") {
			code = name
		}
		m.Codes = append(m.Codes, code)
		m.Vars = append(m.Vars, name)
		m.Keys = append(m.Keys, key)
		m.Epoch = append(m.Epoch, epoch)
		if name == "start" {
			m.UTC, m.Local = epoch, local
		}
	}
	return m, true
}

// confChar reads a one-character setting; "\t" is a tab.
// advancedChars reads an advanced mapping's separator_character,
// quote_character and quote_escape_character (cdr_custom's and
// cel_custom's alike), sep and quote when unset; the escape is the quote
// unless named.
func advancedChars(get func(string) string, sep, quote byte) (byte, byte, byte) {
	if v := get("separator_character"); v != "" {
		sep = confChar(v)
	}
	if v := get("quote_character"); v != "" {
		quote = confChar(v)
	}
	escape := quote
	if v := get("quote_escape_character"); v != "" {
		escape = confChar(v)
	}
	return sep, quote, escape
}

func confChar(v string) byte {
	switch v {
	case `\t`:
		return '\t'
	case `\\`:
		return '\\'
	}
	return v[0]
}

// advancedField reads one entry of fields=: the CDR variable it writes
// ("" for a literal or a uservar), its JSON key, whether it is a time in
// Unix seconds (int64, double) and whether a time is written in local time
// (the default %Y-%m-%d %T, or a strftime format).
func advancedField(f string) (name, key string, epoch, local bool) {
	f = strings.TrimSpace(f)
	if strings.HasPrefix(f, `"`) {
		lit := strings.Trim(f, `"`)
		k, _, _ := strings.Cut(lit, ":")
		return "", strings.TrimSpace(k), false, false
	}
	base, quals, _ := strings.Cut(f, "(")
	quals = strings.TrimSuffix(quals, ")")
	name = strings.ToLower(strings.TrimSpace(base))
	key = strings.TrimSpace(base)
	local = true
	for _, q := range strings.Split(quals, "^") {
		switch strings.ToLower(strings.TrimSpace(q)) {
		case "int64", "double":
			epoch, local = true, false
		case "uservar":
			name = ""
		}
	}
	if name != "start" && name != "answer" && name != "end" {
		epoch, local = false, false
	}
	return name, key, epoch, local
}

// Disposition and AMA flags as numbers (disposition(int64),
// amaflags(int64)): the codes of asterisk/asterisk include/asterisk/cdr.h
// (enum ast_cdr_disposition: NOANSWER 0, NULL 1, FAILED 2, BUSY 4,
// ANSWERED 8, CONGESTION 16) and include/asterisk/channel.h (enum
// ama_flags: NONE 0, OMIT 1, BILLING 2, DOCUMENTATION 3), read as the
// names main/cdr.c's ast_cdr_disp2str and main/channel.c's
// ast_channel_amaflags2string write in place of them (NULL as "NO
// ANSWER", NONE as "Unknown").
var (
	dispositionCodes = map[string]string{"0": "NO ANSWER", "1": "NO ANSWER", "2": "FAILED", "4": "BUSY", "8": "ANSWERED", "16": "CONGESTION"}
	amaFlagCodes     = map[string]string{"0": "Unknown", "1": "OMIT", "2": "BILLING", "3": "DOCUMENTATION"}
)

// splitRecord splits one line of the mapping's file into its values, a
// disposition or AMA flags written as a number read as its name.
func (m CustomMapping) splitRecord(line string, dst []csvField) ([]string, []csvField, error) {
	vals, fields, err := m.splitValues(line, dst)
	if err != nil {
		return vals, fields, err
	}
	if len(vals) == len(m.Columns) {
		if err := m.startFromWritten(vals); err != nil {
			return vals, fields, err
		}
	}
	if len(m.Codes) != len(vals) {
		return vals, fields, nil
	}
	for i, code := range m.Codes {
		codes := dispositionCodes
		switch code {
		case "":
			continue
		case "amaflags":
			codes = amaFlagCodes
		}
		v := strings.TrimSpace(vals[i])
		name, ok := codes[v]
		if !ok {
			return vals, fields, fmt.Errorf("column %d: %s(int64) %q is not one of Asterisk's codes for it", i+1, code, v)
		}
		vals[i] = name
	}
	return vals, fields, nil
}

// splitValues splits one line of the mapping's file into its values.
func (m CustomMapping) splitValues(line string, dst []csvField) ([]string, []csvField, error) {
	if m.JSON {
		return m.splitJSON(line)
	}
	if m.Sep == 0 || m.Sep == ',' && m.Quote == '"' && m.Escape == '"' { // a legacy mapping
		fields, err := splitCSV(line, dst)
		if err != nil {
			return nil, fields, err
		}
		vals := make([]string, len(fields))
		for i, f := range fields {
			vals[i] = f.val
		}
		return vals, fields, nil
	}
	vals, err := splitDSV(line, m.Sep, m.Quote, m.Escape)
	return vals, dst, err
}

// splitDSV splits a line on sep, values optionally wrapped in quote with
// inner quotes escaped by esc (doubled when esc is the quote).
func splitDSV(line string, sep, quote, esc byte) ([]string, error) {
	var out []string
	var b strings.Builder
	for i := 0; ; {
		b.Reset()
		if i < len(line) && line[i] == quote {
			i++
			closed := false
			for i < len(line) && !closed {
				c := line[i]
				switch {
				case c == esc && esc != quote && i+1 < len(line):
					b.WriteByte(line[i+1])
					i += 2
				case c == quote && esc == quote && i+1 < len(line) && line[i+1] == quote:
					b.WriteByte(quote)
					i += 2
				case c == quote:
					closed = true
					i++
				default:
					b.WriteByte(c)
					i++
				}
			}
			if !closed {
				return out, fmt.Errorf("column %d: quoted value not closed", len(out)+1)
			}
			if i < len(line) && line[i] != sep {
				return out, fmt.Errorf("column %d: text after the closing quote", len(out)+1)
			}
		} else {
			end := strings.IndexByte(line[i:], sep)
			if end < 0 {
				end = len(line) - i
			}
			b.WriteString(line[i : i+end])
			i += end
		}
		out = append(out, b.String())
		if i >= len(line) {
			return out, nil
		}
		i++ // the separator
		if i == len(line) {
			return append(out, ""), nil
		}
	}
}

// splitJSON reads one JSON record into the mapping's columns by key; a
// key the record lacks is an error (cdr_custom writes every field).
func (m CustomMapping) splitJSON(line string) ([]string, []csvField, error) {
	dec := json.NewDecoder(strings.NewReader(line))
	dec.UseNumber()
	var rec map[string]any
	if err := dec.Decode(&rec); err != nil {
		return nil, nil, fmt.Errorf("not a JSON record: %v", err)
	}
	vals := make([]string, len(m.Keys))
	for i, k := range m.Keys {
		v, ok := rec[k]
		if !ok {
			return nil, nil, fmt.Errorf("the JSON record has no %q, which the mapping writes", k)
		}
		switch v := v.(type) {
		case string:
			vals[i] = v
		case json.Number:
			vals[i] = v.String()
		case nil:
		default:
			b, _ := json.Marshal(v)
			vals[i] = string(bytes.TrimSpace(b))
		}
	}
	return vals, nil, nil
}
