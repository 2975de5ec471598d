package asterisk

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// CEL fields, named as the cel table of cel_odbc and cel_pgsql names its
// columns (contrib/realtime's cel table; Wazo's call-logd reads the same).
const (
	CELEventType   = "eventtype"
	CELEventEnum   = "eventenum"
	CELEventTime   = "eventtime"
	CELUserDefType = "userdeftype"
	CELCIDName     = "cid_name"
	CELCIDNum      = "cid_num"
	CELCIDAni      = "cid_ani"
	CELCIDRdnis    = "cid_rdnis"
	CELCIDDnid     = "cid_dnid"
	CELExten       = "exten"
	CELContext     = "context"
	CELChanName    = "channame"
	CELAppName     = "appname"
	CELAppData     = "appdata"
	CELAMAFlags    = "amaflags"
	CELAccountCode = "accountcode"
	CELPeerAccount = "peeraccount"
	CELUniqueID    = "uniqueid"
	CELLinkedID    = "linkedid"
	CELUserField   = "userfield"
	CELPeer        = "peer"
	CELExtra       = "extra"
)

// celNames reads a column or field name as a CEL field: the cel table's
// names, cel_sqlite3_custom's (cidname, eventextra ...), and the field
// names of cel_custom's advanced mappings (CIDName, AcctCode, PeerAcct,
// UserEventName ...), compared without case or underscores.
var celNames = map[string]string{
	"eventtype": CELEventType, "eventenum": CELEventEnum, "eventtime": CELEventTime,
	"userdeftype": CELUserDefType, "usereventname": CELUserDefType,
	"cidname": CELCIDName, "cidnum": CELCIDNum, "cidani": CELCIDAni, "cidrdnis": CELCIDRdnis, "ciddnid": CELCIDDnid,
	"exten": CELExten, "context": CELContext, "channame": CELChanName, "appname": CELAppName, "appdata": CELAppData,
	"amaflags": CELAMAFlags, "accountcode": CELAccountCode, "acctcode": CELAccountCode,
	"peeraccount": CELPeerAccount, "peeracct": CELPeerAccount, "uniqueid": CELUniqueID, "linkedid": CELLinkedID,
	"userfield": CELUserField, "peer": CELPeer, "bridgepeer": CELPeer, "extra": CELExtra, "eventextra": CELExtra,
}

// CELField names a column as a CEL field, "" when it is none.
func CELField(name string) string {
	return celNames[strings.ToLower(strings.ReplaceAll(strings.TrimSpace(name), "_", ""))]
}

// CELMapping is how a CEL file's columns are read: the CEL field of each
// column ("" for a literal or a column cdrtui does not read), and how a
// record is written. From is where the mapping came from (a line of the
// image's cel_custom.conf, the file's own header, or the stock mapping
// assumed); Problem, when set, says why the file cannot be read by it.
type CELMapping struct {
	File               string
	Line               int
	Fields             []string
	Sep, Quote, Escape byte
	// JSON: one object a line, each column's value under its key in Keys
	// (the field as the mapping names it; "" for a literal).
	JSON    bool
	Keys    []string
	From    string
	Problem string
}

// celVarRE finds the CEL value a legacy template writes: ${CALLERID(x)},
// ${CHANNEL(x)} or a variable ${x} (CSV_QUOTE around it is passed over:
// "${CSV_QUOTE(" is followed by "(", not "}").
var celVarRE = regexp.MustCompile(`\$\{(?:(CALLERID|CHANNEL)\(([A-Za-z_]+)\)|([A-Za-z_]+))\}`)

// legacyCELVar reads one column template of a legacy mapping.
func legacyCELVar(t string) string {
	m := celVarRE.FindStringSubmatch(t)
	if m == nil {
		return ""
	}
	if m[1] == "" {
		return CELField(m[3])
	}
	if strings.EqualFold(m[1], "CALLERID") {
		switch strings.ToLower(m[2]) {
		case "name":
			return CELCIDName
		case "num", "number":
			return CELCIDNum
		case "ani":
			return CELCIDAni
		case "rdnis":
			return CELCIDRdnis
		case "dnid":
			return CELCIDDnid
		}
		return ""
	}
	return CELField(m[2])
}

// ParseCELMappings reads cel_custom.conf: the legacy [mappings] lines
// (File => ${CSV_QUOTE(${eventtype})},...) and the advanced sections
// (a section per file with fields = EventType,EventTime,...). A JSON
// advanced mapping is kept with a Problem: cdrtui does not read it.
func ParseCELMappings(c *Conf) []CELMapping {
	var out []CELMapping
	for i := range c.Sections {
		s := &c.Sections[i]
		if strings.EqualFold(s.Name, "mappings") {
			for _, e := range s.Entries {
				m := CELMapping{File: strings.TrimSpace(e.Key), Line: e.Line, Sep: ',', Quote: '"', Escape: '"'}
				for _, t := range splitTemplates(e.Value) {
					m.Fields = append(m.Fields, legacyCELVar(t))
				}
				m.From = fmt.Sprintf("etc/asterisk/cel_custom.conf line %d (the mapping of %s)", e.Line, m.File)
				m.check()
				out = append(out, m)
			}
			continue
		}
		if s.Name == "" || s.IsTemplate || strings.EqualFold(s.Name, "general") {
			continue
		}
		fields, ok := c.SectionGet(s, "fields")
		if !ok {
			continue
		}
		get := func(k string) string { v, _ := c.SectionGet(s, k); return strings.TrimSpace(v) }
		m := CELMapping{File: s.Name, Line: s.Line, Sep: ',', Quote: '"', Escape: '"',
			From: fmt.Sprintf("etc/asterisk/cel_custom.conf line %d (the advanced mapping [%s])", s.Line, s.Name)}
		switch f := strings.ToLower(get("format")); f {
		case "", "csv", "dsv":
		case "json":
			m.JSON = true
		default:
			m.Problem = "format = " + f + ", which cel_custom does not write"
		}
		m.Sep, m.Quote, m.Escape = advancedChars(get, m.Sep, m.Quote)
		for _, f := range splitTemplates(fields) {
			if strings.HasPrefix(f, `"`) {
				m.Fields = append(m.Fields, "")
				m.Keys = append(m.Keys, "")
				continue
			}
			m.Fields = append(m.Fields, CELField(f))
			m.Keys = append(m.Keys, strings.TrimSpace(f))
		}
		m.check()
		out = append(out, m)
	}
	return out
}

// check sets Problem when the mapping lacks what places an event: its
// type and its time.
func (m *CELMapping) check() {
	if m.Problem != "" {
		return
	}
	if m.col(CELEventType) < 0 && m.col(CELEventEnum) < 0 {
		m.Problem = "the mapping writes no event type (${eventtype})"
	} else if m.col(CELEventTime) < 0 {
		m.Problem = "the mapping writes no event time (${eventtime})"
	}
}

// col is the 0-based column of a field, -1 when the mapping has none.
func (m CELMapping) col(field string) int {
	for i, f := range m.Fields {
		if f == field {
			return i
		}
	}
	return -1
}

// Describe names the mapping's columns in order ("-" for one not read).
func (m CELMapping) Describe() string {
	out := make([]string, len(m.Fields))
	for i, f := range m.Fields {
		out[i] = f
		if f == "" {
			out[i] = "-"
		}
	}
	return strconv.Itoa(len(m.Fields)) + " columns: " + strings.Join(out, ", ")
}

// The stock legacy mappings of cel_custom.conf.sample (commented out
// there: an administrator uncomments one). Asterisk 1.8 to 18 shipped 20
// columns; later samples put a literal, "My Literal", second (21).
var (
	stockCEL20 = []string{CELEventType, CELEventTime, CELCIDName, CELCIDNum, CELCIDAni, CELCIDRdnis, CELCIDDnid,
		CELExten, CELContext, CELChanName, CELAppName, CELAppData, CELAMAFlags, CELAccountCode, CELUniqueID,
		CELLinkedID, CELPeer, CELUserField, CELUserDefType, CELExtra}
	stockCEL21 = append([]string{CELEventType, ""}, stockCEL20[1:]...)
)

// StockCELMappings are the stock mappings a cel-custom file with no
// mapping of its own may have been written by; the caller must say it
// assumed one, and only after the values fit (FitsCEL).
func StockCELMappings(file string) []CELMapping {
	return []CELMapping{
		{File: file, Fields: stockCEL20, Sep: ',', Quote: '"', Escape: '"',
			From: "the stock cel_custom.conf mapping of Asterisk 1.8 to 18 (20 columns), assumed"},
		{File: file, Fields: stockCEL21, Sep: ',', Quote: '"', Escape: '"',
			From: `the stock cel_custom.conf mapping of later samples (21 columns, "My Literal" second), assumed`},
	}
}

// CELHeaderMapping reads the header of a CEL table export (cel_odbc,
// cel_pgsql, a cel table dumped with its column names): comma-, tab- or
// '|'-separated. ok is false when it names no eventtype or no eventtime.
func CELHeaderMapping(line string) (CELMapping, bool) {
	line = strings.TrimPrefix(strings.TrimRight(line, "\r"), "\uFEFF")
	sep := byte(',')
	switch {
	case strings.Count(line, "|") > strings.Count(line, ","):
		sep = '|'
	case strings.Count(line, "\t") > strings.Count(line, ","):
		sep = '\t'
	}
	m := CELMapping{Sep: sep, Quote: '"', Escape: '"', From: "the file's header"}
	for _, f := range strings.Split(line, string(sep)) {
		m.Fields = append(m.Fields, CELField(strings.Trim(strings.TrimSpace(f), `"'`)))
	}
	if m.col(CELEventType) < 0 || m.col(CELEventTime) < 0 {
		return CELMapping{}, false
	}
	return m, true
}

// CELSQLiteMapping is cel_sqlite3_custom.conf's [master]: the table it
// writes (cel when it names none) and the CEL field each of its columns
// holds (columns => name, values => the template of each, in order).
type CELSQLiteMapping struct {
	Table   string
	Line    int               // the line of values =>, 0 when none
	ByName  map[string]string // column (lower case) -> CEL field
	Problem string
}

// ParseCELSQLiteMapping reads cel_sqlite3_custom.conf; nil when it has no
// [master] section.
func ParseCELSQLiteMapping(c *Conf) *CELSQLiteMapping {
	var m *CELSQLiteMapping
	var cols, vals []string
	for _, s := range c.Sections {
		if !strings.EqualFold(s.Name, "master") {
			continue
		}
		if m == nil {
			m = &CELSQLiteMapping{Table: "cel", ByName: map[string]string{}}
		}
		for _, e := range s.Entries {
			switch strings.ToLower(e.Key) {
			case "table":
				m.Table = strings.TrimSpace(e.Value)
			case "columns":
				cols = nil
				for _, col := range strings.Split(e.Value, ",") {
					cols = append(cols, strings.ToLower(strings.Trim(strings.TrimSpace(col), "`\"[]")))
				}
			case "values":
				vals, m.Line = splitTemplates(e.Value), e.Line
			}
		}
	}
	if m == nil {
		return nil
	}
	if len(cols) != len(vals) {
		m.Problem = fmt.Sprintf("cel_sqlite3_custom.conf names %d columns but %d values", len(cols), len(vals))
		return m
	}
	for i, col := range cols {
		if f := legacyCELVar(vals[i]); f != "" {
			m.ByName[col] = f
		}
	}
	return m
}
