package asterisk

import (
	"cmp"
	"fmt"
	"io"
	"strings"
)

// FormatCDRTable is the cdr table of a CDR database (MySQL/MariaDB
// asteriskcdrdb.cdr as FreePBX and Issabel keep it, PostgreSQL, a CDR
// viewer's export) written out with a header row naming its columns
// (calldate, clid, src, dst, dcontext, channel, dstchannel, lastapp,
// lastdata, duration, billsec, disposition, uniqueid, linkedid ...) in any
// order, any subset, with extra columns.
const FormatCDRTable Format = "asterisk-cdr-table"

// cdrTableFields maps a header name (lower case, without spaces, '_' and
// '-') to the Call field it fills.
var cdrTableFields = map[string]string{
	"calldate": "start", "start": "start", "starttime": "start", "startdate": "start", "callstart": "start",
	"answer": "answer", "answertime": "answer", "answerdate": "answer",
	"end": "end", "endtime": "end", "enddate": "end", "hangupdate": "end",
	"clid": "clid", "callerid": "clid", "src": "src", "source": "src", "dst": "dst", "destination": "dst",
	"dcontext": "dcontext", "channel": "channel", "dstchannel": "dstchannel", "lastapp": "lastapp", "lastdata": "lastdata",
	"duration": "duration", "billsec": "billsec", "disposition": "disposition", "amaflags": "amaflags",
	"accountcode": "accountcode", "uniqueid": "uniqueid", "userfield": "userfield", "peeraccount": "peeraccount",
	"linkedid": "linkedid", "sequence": "sequence",
	// a Grandstream UCM's downloaded CDR file names the same variables
	// for people: Caller Number (Call From before) and Callee Number (Call
	// To), Context, Source and Dest Channel, Call time (start to end, in
	// seconds) and Talk time (answer to end)
	"callernumber": "src", "calleenumber": "dst", "callfrom": "src", "callto": "dst", "context": "dcontext",
	"sourcechannel": "channel", "destchannel": "dstchannel", "calltime": "duration", "talktime": "billsec",
}

// cdrTableColumns is a header's mapping: field -> 0-based column.
type cdrTableColumns struct {
	cols  map[string]int
	delim byte
	width int
	// headerless: the cdr table's own order, no header (rows may be wider)
	headerless bool
}

// tableDelim picks the delimiter of a header line: the one of ',', '\t',
// ';', '|' that splits it into most cells.
func tableDelim(line string) byte {
	best, n := byte(','), strings.Count(line, ",")
	for _, d := range []byte{'\t', ';', '|'} {
		if c := strings.Count(line, string(d)); c > n {
			best, n = d, c
		}
	}
	return best
}

// splitTable splits a line by delim: CSV quoting for ',', otherwise plain
// cells with surrounding double quotes removed.
func splitTable(line string, delim byte, dst []csvField) ([]csvField, error) {
	if delim == ',' {
		return splitCSV(line, dst)
	}
	dst = dst[:0]
	for _, v := range strings.Split(line, string(delim)) {
		q := len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"'
		if q {
			v = strings.ReplaceAll(v[1:len(v)-1], `""`, `"`)
		}
		dst = append(dst, csvField{val: v, quoted: q})
	}
	return dst, nil
}

// parseCDRTableHeader reads a header row; ok when it names a start time,
// src and dst and at least two of the other cdr columns.
//
// aliases (column name, lower case -> CDR variable) are cdr_adaptive_odbc's
// "alias src => source" lines: the table's own names for the variables.
func parseCDRTableHeader(line string, aliases map[string]string) (cdrTableColumns, bool) {
	h := cdrTableColumns{cols: map[string]int{}, delim: tableDelim(line)}
	cells, err := splitTable(line, h.delim, nil)
	if err != nil {
		return h, false
	}
	h.width = len(cells)
	for i, c := range cells {
		name := strings.ToLower(strings.NewReplacer(" ", "", "_", "", "-", "", "`", "").Replace(strings.TrimSpace(c.val)))
		if v, ok := aliases[strings.ToLower(strings.TrimSpace(c.val))]; ok {
			name = v
		}
		if f, ok := cdrTableFields[name]; ok {
			if _, dup := h.cols[f]; !dup {
				h.cols[f] = i
			}
		}
	}
	others := 0
	for _, f := range []string{"dcontext", "channel", "dstchannel", "lastapp", "lastdata", "disposition", "billsec", "uniqueid", "clid"} {
		if _, ok := h.cols[f]; ok {
			others++
		}
	}
	_, s := h.cols["start"]
	_, src := h.cols["src"]
	_, dst := h.cols["dst"]
	return h, s && src && dst && others >= 2
}

// DetectCDRTable says whether a head is a cdr table export: its first
// non-blank line is such a header and most rows below have a date-time in
// the start column.
func DetectCDRTable(head []byte) (ok bool, reason string) {
	return DetectCDRTableAliases(head, nil)
}

// DetectCDRTableAliases is DetectCDRTable with the column aliases of the
// image's cdr_adaptive_odbc.conf (column, lower case -> CDR variable).
func DetectCDRTableAliases(head []byte, aliases map[string]string) (ok bool, reason string) {
	lines := headLines(head)
	var h cdrTableColumns
	found, rows, fit := false, 0, 0
	var fields []csvField
	for _, b := range lines {
		if isBlank(b) {
			continue
		}
		if !found {
			if h, found = parseCDRTableHeader(string(b), aliases); !found {
				return detectCDRTableOrder(lines)
			}
			continue
		}
		rows++
		var err error
		if fields, err = splitTableRow(string(b), h.delim, fields); err == nil && lazyWidth(fields, h.width) == "" && h.cols["start"] < len(fields) &&
			(isDateTime(fields[h.cols["start"]].val) || isSlashDateTime(fields[h.cols["start"]].val)) {
			fit++
		}
	}
	if !found || rows > 0 && fit*2 <= rows {
		return false, fmt.Sprintf("a cdr table header, but %d of %d rows have a date-time (YYYY-MM-DD HH:MM:SS) in its start column", fit, rows)
	}
	how := ""
	if len(aliases) > 0 {
		how = ", the aliases of cdr_adaptive_odbc.conf applied"
	}
	return true, fmt.Sprintf("%s: CDR database table with a header (%d columns, %d read as cdr fields%s); %d of %d rows have a start date-time",
		FormatCDRTable, h.width, len(h.cols), how, fit, rows)
}

// fillCDRTable maps a row of a cdr table export onto c.
func fillCDRTable(c *Call, f []csvField, h cdrTableColumns) string {
	get := func(name string) string {
		if i, ok := h.cols[name]; ok && i < len(f) {
			return strings.TrimSpace(f[i].val)
		}
		return ""
	}
	if i := h.cols["start"]; i >= len(f) {
		return fmt.Sprintf("%d columns; the header names %d", len(f), h.width)
	}
	if h.headerless {
		if hasLazy(f) && !fitsCDRTableOrder(f) {
			return "a value goes on after its closing quote and the row then does not fit the cdr table's column order"
		}
	} else if reason := lazyWidth(f, h.width); reason != "" {
		return reason
	}
	c.AccountCode, c.Src, c.Dst, c.DContext, c.CLID = get("accountcode"), get("src"), get("dst"), get("dcontext"), get("clid")
	c.Channel, c.DstChannel, c.LastApp, c.LastData = get("channel"), get("dstchannel"), get("lastapp"), get("lastdata")
	c.Start, c.Answer, c.End = get("start"), zeroDate(get("answer")), zeroDate(get("end"))
	for _, v := range []*string{&c.Start, &c.Answer, &c.End} {
		if *v != "" && !isDateTime(*v) && isSlashDateTime(*v) {
			iso, _, err := slashDateISO(*v, get("uniqueid"))
			if err != nil {
				return err.Error()
			}
			*v = iso
		}
	}
	c.Disposition, c.AMAFlags = get("disposition"), get("amaflags")
	c.UniqueID, c.UserField, c.PeerAccount, c.LinkedID = get("uniqueid"), get("userfield"), get("peeraccount"), get("linkedid")
	if reason := fillTimes(c, h.cols["start"]+1); reason != "" {
		return reason
	}
	// a duration or billsec the row does not give (no such column, an
	// empty cell) is not known: NoDuration, NoBillsec, never 0
	dur, bill := get("duration"), get("billsec")
	if reason := fillDurations(c, cmp.Or(dur, "0"), cmp.Or(bill, "0"), h.cols["duration"]+1); reason != "" {
		return reason
	}
	if dur == "" {
		c.Duration = NoDuration
	}
	if bill == "" {
		c.BillSec = NoBillsec
	}
	if s := get("sequence"); s != "" {
		if seq, ok := parseSeconds(s); ok {
			c.Sequence = seq
		}
	}
	return ""
}

// zeroDate: MySQL writes an unset DATETIME as 0000-00-00 00:00:00.
func zeroDate(s string) string {
	if strings.HasPrefix(s, "0000-00-00") || strings.EqualFold(s, "NULL") || s == `\N` {
		return ""
	}
	return s
}

// detectCDRTableOrder recognises an export written without its header in
// the cdr table's column order (FreePBX's CDR report download).
func detectCDRTableOrder(lines [][]byte) (bool, string) {
	fit, total := 0, 0
	var fields []csvField
	for _, b := range lines {
		if isBlank(b) {
			continue
		}
		total++
		var err error
		if fields, err = splitTableRow(string(b), ',', fields); err == nil && fitsCDRTableOrder(fields) {
			fit++
		}
	}
	if fit == 0 || fit*2 <= total {
		return false, "the first line does not name calldate, src, dst and other cdr columns, and the rows are not in the cdr table's order"
	}
	return true, fmt.Sprintf("%s: CDR database table without a header, in the cdr table's column order (calldate, clid, src, dst, dcontext, channel, dstchannel, lastapp, lastdata, duration, billsec, disposition, amaflags, accountcode, uniqueid, userfield ...): %d of %d rows fit",
		FormatCDRTable, fit, total)
}

// NewTableReader reads a cdr table export whose header may name columns by
// cdr_adaptive_odbc's aliases (column, lower case -> CDR variable).
func NewTableReader(r io.Reader, aliases map[string]string) *Reader {
	return &Reader{lines: newLineReader(r), format: FormatCDRTable, aliases: aliases}
}
