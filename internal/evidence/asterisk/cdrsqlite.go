package asterisk

import (
	"fmt"
	"strings"
)

// FormatCDRSQLite is the cdr table of the SQLite database (master.db) that
// cdr_sqlite3_custom writes, its columns filled as cdr_sqlite3_custom.conf's
// [master] section maps them (table, columns, values), or, without that
// file, named as the cdr table's columns (calldate or start, clid, src,
// dst, ...), as the older cdr_sqlite3 wrote them.
const FormatCDRSQLite Format = "asterisk-cdr-sqlite3"

// SQLiteMapping is cdr_sqlite3_custom.conf's [master] section: the table
// the module writes, its columns and, for each, the CDR variable its value
// template holds.
type SQLiteMapping struct {
	Table   string   // "cdr" when the file does not say
	Columns []string // as the columns line names them
	// Vars is the CDR variable each column's value holds ("start",
	// "clid" ...; "" when the template names none the reader knows).
	Vars []string
	// Epoch marks columns written as Unix seconds (${CDR(start,u)}): read
	// as UTC.
	Epoch []bool
	// UTC says the start is written in UTC (a STRFTIME(...,GMT,...)
	// template, or Unix seconds); Local says it is the PBX's local time
	// (${CDR(start)}, or STRFTIME with no zone).
	UTC, Local bool
	// Lines of the table, columns and values keys (0: absent);
	// BusyTimeout is kept as written (it only tells how long Asterisk waited
	// on a locked database).
	TableLine, ColumnsLine, ValuesLine int
	BusyTimeout                        string
	// Problem says why the mapping cannot be used as written ("" when it
	// can): columns and values of different lengths, say.
	Problem string
}

// ParseSQLiteMapping reads the [master] section of cdr_sqlite3_custom.conf;
// nil when the file has no such section.
func ParseSQLiteMapping(c *Conf) *SQLiteMapping {
	var m *SQLiteMapping
	for _, s := range c.Sections {
		if !strings.EqualFold(s.Name, "master") {
			continue
		}
		if m == nil {
			m = &SQLiteMapping{Table: "cdr"}
		}
		for _, e := range s.Entries {
			switch strings.ToLower(e.Key) {
			case "table":
				m.Table, m.TableLine = strings.TrimSpace(e.Value), e.Line
			case "columns":
				m.Columns, m.ColumnsLine = nil, e.Line
				for _, col := range strings.Split(e.Value, ",") {
					m.Columns = append(m.Columns, strings.Trim(strings.TrimSpace(col), "`\"[]"))
				}
			case "values":
				m.Vars, m.Epoch, m.ValuesLine = nil, nil, e.Line
				m.UTC, m.Local = false, false
				for _, v := range splitTemplates(e.Value) {
					name, epoch, utc, local := templateVar(v)
					m.Vars = append(m.Vars, name)
					m.Epoch = append(m.Epoch, epoch)
					if name == "start" {
						m.UTC, m.Local = utc || epoch, local
					}
				}
			case "busy_timeout":
				m.BusyTimeout = e.Value
			}
		}
	}
	if m != nil && m.Columns != nil && len(m.Columns) != len(m.Vars) {
		m.Problem = fmt.Sprintf("cdr_sqlite3_custom.conf names %d columns (line %d) but %d values (line %d)", len(m.Columns), m.ColumnsLine, len(m.Vars), m.ValuesLine)
	}
	return m
}

// splitTemplates splits a values line at the commas between its quoted
// templates ('${CDR(start)}','${CDR(clid)}'), never inside quotes, braces
// or parentheses.
func splitTemplates(s string) []string {
	var out []string
	depth, quote, from := 0, byte(0), 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '{' || c == '(':
			depth++
		case c == '}' || c == ')':
			depth--
		case c == ',' && depth <= 0:
			out = append(out, strings.TrimSpace(s[from:i]))
			from = i + 1
		}
	}
	return append(out, strings.TrimSpace(s[from:]))
}

// templateVar reads the CDR variable a value template holds: ${CDR(name)},
// ${CDR(name,u)} (Unix seconds: epoch), ${CDR(name,f)}, a STRFTIME of it
// with GMT or UTC (utc) or with no zone (local), or a channel variable
// ${name}. name is lower case, "" when none is found.
func templateVar(t string) (name string, epoch, utc, local bool) {
	t = strings.Trim(strings.TrimSpace(t), `'"`)
	up := strings.ToUpper(t)
	i := strings.Index(up, "CDR(")
	if i < 0 && strings.Contains(up, "${EPOCH}") {
		return "epoch", true, true, false // the time the template is substituted
	}
	if i < 0 {
		if strings.HasPrefix(t, "${") && strings.HasSuffix(t, "}") {
			return strings.ToLower(t[2 : len(t)-1]), false, false, false
		}
		return "", false, false, false
	}
	rest := t[i+4:]
	end := strings.IndexAny(rest, ")")
	if end < 0 {
		return "", false, false, false
	}
	arg := rest[:end]
	name, flags, _ := strings.Cut(arg, ",")
	name = strings.ToLower(strings.TrimSpace(name))
	epoch = strings.Contains(flags, "u")
	if strings.Contains(up, "STRFTIME(") {
		epoch = false
		zone := up[strings.Index(up, "STRFTIME(")+9:]
		if j := strings.Index(zone, "},"); j >= 0 {
			zone = zone[j+2:]
		}
		zone, _, _ = strings.Cut(zone, ",")
		zone = strings.TrimSpace(zone)
		utc, local = zone == "GMT" || zone == "UTC" || zone == "ETC/UTC", zone == ""
		return name, false, utc, local
	}
	return name, epoch, false, !epoch
}

// cdrVarField maps a CDR variable (or a column name) to the Call field it
// fills, as the cdr table's header names do.
func cdrVarField(name string) (string, bool) {
	f, ok := cdrTableFields[strings.ToLower(strings.NewReplacer(" ", "", "_", "", "-", "").Replace(name))]
	return f, ok
}

// RowMapper turns the rows of a CDR database table into calls.
type RowMapper struct {
	h     cdrTableColumns
	epoch map[int]bool // columns holding Unix seconds
	// srcFromCLID: the table has no src column, so src is clid's number.
	srcFromCLID bool
	// How says how each field was found, for the notes.
	How string
}

// NewRowMapper maps the columns a table holds to call fields: through m's
// columns and values when m is usable, else by the columns' own names. ok
// is false when no start, src or dst is found, with the reason.
func NewRowMapper(columns []string, m *SQLiteMapping) (rm RowMapper, reason string, ok bool) {
	rm = RowMapper{h: cdrTableColumns{cols: map[string]int{}, width: len(columns)}, epoch: map[int]bool{}}
	byVar := map[string]string{} // column (lower) -> CDR variable
	epochCol := map[string]bool{}
	if m != nil && m.Problem == "" && len(m.Columns) > 0 {
		for i, c := range m.Columns {
			byVar[strings.ToLower(c)] = m.Vars[i]
			epochCol[strings.ToLower(c)] = m.Epoch[i]
		}
	}
	var how []string
	for i, c := range columns {
		name := c
		if v, mapped := byVar[strings.ToLower(c)]; mapped {
			if v == "" {
				continue
			}
			name = v
		}
		f, known := cdrVarField(name)
		if !known {
			continue
		}
		if _, dup := rm.h.cols[f]; dup {
			continue
		}
		rm.h.cols[f] = i
		if epochCol[strings.ToLower(c)] {
			rm.epoch[i] = true
		}
		if !strings.EqualFold(name, c) {
			how = append(how, c+" -> "+f)
		}
	}
	has := func(fs ...string) bool {
		for _, f := range fs {
			if _, ok := rm.h.cols[f]; ok {
				return true
			}
		}
		return false
	}
	// The stock cdr_sqlite3_custom.conf maps no src or dst: the caller is
	// then read from clid, the callee from the Dial() data.
	var missing []string
	for _, need := range [][]string{{"start"}, {"src", "clid"}, {"dst", "lastdata", "dstchannel"}} {
		if !has(need...) {
			missing = append(missing, strings.Join(need, " or "))
		}
	}
	if len(missing) > 0 {
		return rm, fmt.Sprintf("no column holds %s (columns: %s)", strings.Join(missing, ", "), strings.Join(columns, ", ")), false
	}
	if !has("src") {
		rm.srcFromCLID = true
		how = append(how, "no src column: src is the number in clid's <...>")
	}
	if len(how) > 0 {
		rm.How = "columns read through cdr_sqlite3_custom.conf's values and the table's names: " + strings.Join(how, "; ")
	}
	return rm, "", true
}

// Call maps one row (its values as text, in the table's column order) to a
// call; line is the row's rowid. reason is set when the row is not a call.
func (rm RowMapper) Call(line int64, values []string) (Call, string) {
	c := Call{Line: line, Columns: len(values), Sequence: -1}
	parts := make([]string, len(values))
	fields := make([]csvField, len(values))
	for i, v := range values {
		if rm.epoch[i] {
			whole, _, _ := strings.Cut(v, ".")
			if t, ok := epochText(whole); ok {
				v = t
			} else if strings.Trim(v, "0.") == "" && v != "" {
				v = "" // 0 or 0.000000: the zero time Asterisk writes for an unset one (no answer)
			}
		}
		fields[i] = csvField{val: v}
		parts[i] = v
	}
	c.Raw = strings.Join(parts, "|")
	if reason := fillCDRTable(&c, fields, rm.h); reason != "" {
		return Call{}, reason
	}
	if rm.srcFromCLID {
		if i := strings.LastIndexByte(c.CLID, '<'); i >= 0 && strings.HasSuffix(c.CLID, ">") {
			c.Src = c.CLID[i+1 : len(c.CLID)-1]
		} else {
			c.Src = c.CLID
		}
	}
	return c, ""
}
