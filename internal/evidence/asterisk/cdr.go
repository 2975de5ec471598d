package asterisk

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Format names a call-record layout.
type Format string

// The call-record layouts this package reads.
const (
	// FormatCDRCSV is cdr_csv's Master.csv (and per-account files such as
	// 100.csv): no header, 16 base columns, then uniqueid and userfield
	// (loguniqueid, loguserfield) and peeraccount, linkedid, sequence
	// (newcdrcolumns), 16 to 21 columns in all.
	FormatCDRCSV Format = "asterisk-cdr-csv"
	// FormatCDRCustom is cdr_custom with the stock cdr_custom.conf mapping:
	// clid, src, dst, dcontext, channel, dstchannel, lastapp, lastdata,
	// start, answer, end, duration, billsec, disposition, amaflags,
	// accountcode, uniqueid, userfield, sequence (19 columns, every value
	// quoted except the trailing sequence).
	FormatCDRCustom Format = "asterisk-cdr-custom"
	// FormatFreeSWITCH is FreeSWITCH mod_cdr_csv's default template, a
	// confuser that is also called Master.csv. See NewReader for how its
	// columns land in Call.
	FormatFreeSWITCH Format = "freeswitch-cdr-csv"
)

// Call is one CDR row. Times are wall-clock strings exactly as written
// ("2024-01-27 15:07:24"; "" when empty): zones are applied by the caller,
// with ParseTime.
type Call struct {
	Line int64 // physical line, 1-based

	AccountCode, Src, Dst, DContext, CLID  string
	Channel, DstChannel, LastApp, LastData string

	Start, Answer, End string
	// Duration is the whole call (ringing and talk) in seconds,
	// NoDuration (-1) when the records do not give it (an export with the
	// talk time only); BillSec is the talk time, NoBillsec (-1) when the
	// records do not give it (a Kamailio acc_cdrs row, whose start may be
	// the INVITE; an answered call whose end is not in the records).
	Duration, BillSec int64

	Disposition, AMAFlags                      string
	UniqueID, UserField, PeerAccount, LinkedID string

	Sequence int64 // -1 when absent
	// StatedDirection is the direction the file itself states (inbound,
	// outbound, internal: FusionPBX's direction column), "" when it
	// states none; Classify takes it over its own reasoning.
	StatedDirection string
	// Kind is "" for a call, "bye" for a Kamailio acc BYE record, which
	// ends the call of the same UniqueID (its callid) at Start.
	Kind    string
	Columns int    // how many columns the row had
	Raw     string // the raw line without its line ending
	// At is when the call started, once its start is read: include =>
	// time restrictions are judged at it.
	At Moment
}

// NoDuration is Call.Duration when the records give no whole duration:
// the store keeps it as NULL, never as the talk time or 0.
const NoDuration = -1

// NoBillsec is Call.BillSec when the records give no talk time: the store
// keeps it as NULL, never as 0 or the whole duration.
const NoBillsec = -1

// RowError is a row that could not be read as a call. The caller records
// it and goes on calling Next.
type RowError struct {
	Line        int64
	Reason, Raw string
}

// Error says which line failed and why.
func (e *RowError) Error() string {
	return fmt.Sprintf("line %d: %s", e.Line, e.Reason)
}

// Reader reads calls of one detected format.
type Reader struct {
	lines  *lineReader
	format Format
	fields []csvField
	table  *cdrTableColumns // FormatCDRTable: the header, once read
	sw     *switchState     // FormatCUCM, FormatKamailioAcc: the header, once read
	passed int64            // FormatKamailioAccLog: lines passed over
	zeroed int64            // lines read after the zero bytes they began with
	mapper *RowMapper       // a cdr_custom file read by its cdr_custom.conf mapping
	custom *CustomMapping   // that mapping (its separator, quotes, JSON)
	// aliases are cdr_adaptive_odbc's column names of a table export
	aliases map[string]string
}

// ZeroPadded counts the lines that began with a run of zero bytes (what
// an unclean shutdown leaves in a file being appended to), read after it.
func (r *Reader) ZeroPadded() int64 { return r.zeroed }

// PassedOver counts the lines a system log held that are not acc records of
// INVITE or BYE (other programs' lines, other methods).
func (r *Reader) PassedOver() int64 { return r.passed }

// NewReader reads calls in format f from r, one physical line per call
// (cdr_csv does not escape newlines, so a value never spans lines here).
// Blank lines are skipped.
//
// FreeSWITCH's default template is read into Call as: caller_id_name ->
// CLID, caller_id_number -> Src, destination_number -> Dst, context ->
// DContext, start_stamp/answer_stamp/end_stamp -> Start/Answer/End,
// duration -> Duration, billsec -> BillSec, hangup_cause -> Disposition
// (NORMAL_CLEARING, USER_BUSY ... kept as written), uuid -> UniqueID,
// bleg_uuid -> DstChannel (it names the other leg), accountcode ->
// AccountCode, read_codec and write_codec -> UserField as "read/write"
// ("PCMU/PCMU"). Channel, LastApp, LastData, AMAFlags, PeerAccount and
// LinkedID stay empty, Sequence is -1; columns after the 15th are ignored
// (Raw keeps them).
func NewReader(r io.Reader, f Format) *Reader {
	return &Reader{lines: newLineReader(r), format: f}
}

// errUnknownFormat is returned by Next for a Format this package lacks.
var errUnknownFormat = errors.New("asterisk: unknown call-record format")

// Next returns the next call, a *RowError for a row that does not fit the
// format (the caller records it and continues), or io.EOF.
func (r *Reader) Next() (Call, error) {
	for {
		b, line, err := r.lines.next()
		if tl, ok := tooLong(err); ok {
			return Call{}, &RowError{Line: line, Reason: tl.Reason(), Raw: tl.Sample}
		}
		if err != nil {
			return Call{}, err
		}
		if isBlank(b) {
			continue
		}
		if rest := strings.TrimLeft(string(b), "\x00"); len(rest) < len(b) && !isBlank([]byte(rest)) {
			// the zeroed blocks an unclean shutdown leaves in a file
			// being appended to, the next record written after them:
			// they are no part of its first column
			b = []byte(rest)
			r.zeroed++
		}
		raw := string(b)
		if r.mapper != nil {
			return r.nextMapped(raw, line)
		}
		if r.format == FormatKamailioAccLog {
			c := Call{Line: line, Raw: raw, Columns: 1, Sequence: -1}
			reason, skip := fillKamailioAccLog(&c, raw)
			switch {
			case skip:
				r.passed++
				continue
			case reason != "":
				return Call{}, &RowError{Line: line, Reason: reason, Raw: raw}
			}
			return c, nil
		}
		if r.format == FormatCDRTable && r.table == nil {
			h, ok := parseCDRTableHeader(raw, r.aliases)
			if ok {
				r.table = &h
				continue
			}
			// no header: the cdr table's own column order
			r.table = &cdrTableColumns{cols: cdrTableOrder, delim: ',', width: len(cdrTableOrder), headerless: true}
		}
		if r.format == FormatIPOfficeSMDR && r.sw == nil {
			// Delta Server's files have a header; the SMDR stream has none
			if f, h, delim, ok := switchHeader(raw); ok && f == FormatIPOfficeSMDR {
				r.sw = &switchState{h: h, delim: delim}
				continue
			}
			r.sw = &switchState{h: ipOfficePositions(), delim: ','}
		}
		if (r.format == FormatCUCM || r.format == FormatKamailioAcc || r.format == FormatFreeSWITCHTable ||
			r.format == FormatKamailioCDRs || r.format == FormatIssabelReport ||
			r.format == FormatThreeCXTable || r.format == FormatYeastarCDR) && r.sw == nil {
			f, h, delim, ok := switchHeader(raw)
			if !ok || f != r.format {
				return Call{}, &RowError{Line: line, Reason: "not the header of " + string(r.format), Raw: raw}
			}
			r.sw = &switchState{h: h, delim: delim}
			continue
		}
		var fields []csvField
		var splitErr error
		if r.sw != nil {
			fields, splitErr = splitTable(raw, r.sw.delim, r.fields)
		} else if r.table != nil {
			fields, splitErr = splitTableRow(raw, r.table.delim, r.fields)
		} else {
			fields, splitErr = splitCSV(raw, r.fields)
		}
		r.fields = fields
		if splitErr != nil {
			return Call{}, &RowError{Line: line, Reason: splitErr.Error(), Raw: raw}
		}
		c := Call{Line: line, Raw: raw, Columns: len(fields), Sequence: -1}
		var reason string
		switch r.format {
		case FormatCDRCSV:
			reason = fillCDRCSV(&c, fields)
		case FormatCDRCustom:
			reason = fillCDRCustom(&c, fields)
		case FormatFreeSWITCH:
			reason = fillFreeSWITCH(&c, fields)
		case FormatFreeSWITCHAsterisk:
			reason = fillFreeSWITCHAsterisk(&c, fields)
		case FormatThreeCX:
			reason = fillThreeCX(&c, fields)
		case FormatCDRTable:
			reason = fillCDRTable(&c, fields, *r.table)
		case FormatCUCM, FormatKamailioAcc, FormatFreeSWITCHTable, FormatKamailioCDRs, FormatIssabelReport, FormatThreeCXTable, FormatYeastarCDR,
			FormatIPOfficeSMDR:
			var skip bool
			if reason, skip = fillOtherSwitch(&c, fields, r.format, r.sw); skip {
				continue
			}
		default:
			return Call{}, fmt.Errorf("%w %q", errUnknownFormat, r.format)
		}
		if reason != "" {
			return Call{}, &RowError{Line: line, Reason: reason, Raw: raw}
		}
		return c, nil
	}
}

// fillCDRCSV maps a cdr_csv row (16 to 21 columns) onto c.
func fillCDRCSV(c *Call, f []csvField) string {
	n := len(f)
	if n < 16 || n > 21 {
		return fmt.Sprintf("%d columns; cdr_csv writes 16 to 21", n)
	}
	c.AccountCode, c.Src, c.Dst, c.DContext = f[0].val, f[1].val, f[2].val, f[3].val
	c.CLID, c.Channel, c.DstChannel = f[4].val, f[5].val, f[6].val
	c.LastApp, c.LastData = f[7].val, f[8].val
	c.Start, c.Answer, c.End = f[9].val, f[10].val, f[11].val
	c.Disposition, c.AMAFlags = f[14].val, f[15].val
	if reason := fillTimes(c, 10); reason != "" {
		return reason
	}
	if reason := fillOrderedDurations(c, f[12].val, f[13].val, 13); reason != "" {
		return reason
	}
	extra := f[16:]
	// With 17 or 20 columns only one of uniqueid/userfield was logged; the
	// value's shape says which.
	if n == 17 || n == 20 {
		if looksLikeUniqueID(extra[0].val) {
			c.UniqueID = extra[0].val
		} else {
			c.UserField = extra[0].val
		}
		extra = extra[1:]
	} else if n == 18 || n == 21 {
		c.UniqueID, c.UserField = extra[0].val, extra[1].val
		extra = extra[2:]
	}
	if len(extra) == 3 {
		c.PeerAccount, c.LinkedID = extra[0].val, extra[1].val
		seq, ok := parseSeconds(extra[2].val)
		if !ok {
			return fmt.Sprintf("sequence (column %d) %q is not an integer", n, extra[2].val)
		}
		c.Sequence = seq
	}
	return ""
}

// fillCDRCustom maps a stock cdr_custom row (19 columns) onto c.
func fillCDRCustom(c *Call, f []csvField) string {
	if len(f) != 19 {
		return fmt.Sprintf("%d columns; the stock cdr_custom mapping writes 19", len(f))
	}
	c.CLID, c.Src, c.Dst, c.DContext = f[0].val, f[1].val, f[2].val, f[3].val
	c.Channel, c.DstChannel, c.LastApp, c.LastData = f[4].val, f[5].val, f[6].val, f[7].val
	c.Start, c.Answer, c.End = f[8].val, f[9].val, f[10].val
	c.Disposition, c.AMAFlags, c.AccountCode = f[13].val, f[14].val, f[15].val
	c.UniqueID, c.UserField = f[16].val, f[17].val
	if reason := fillTimes(c, 9); reason != "" {
		return reason
	}
	if reason := fillOrderedDurations(c, f[11].val, f[12].val, 12); reason != "" {
		return reason
	}
	if s := f[18].val; s != "" {
		seq, ok := parseSeconds(s)
		if !ok {
			return fmt.Sprintf("sequence (column 19) %q is not an integer", s)
		}
		c.Sequence = seq
	}
	return ""
}

// fillFreeSWITCH maps a mod_cdr_csv default-template row onto c (see
// NewReader for the mapping).
func fillFreeSWITCH(c *Call, f []csvField) string {
	if len(f) < 11 {
		return fmt.Sprintf("%d columns; mod_cdr_csv's default template writes 15", len(f))
	}
	c.CLID, c.Src, c.Dst, c.DContext = f[0].val, f[1].val, f[2].val, f[3].val
	c.Start, c.Answer, c.End = f[4].val, f[5].val, f[6].val
	c.Disposition, c.UniqueID = f[9].val, f[10].val
	if reason := fillTimes(c, 5); reason != "" {
		return reason
	}
	if reason := fillOrderedDurations(c, f[7].val, f[8].val, 8); reason != "" {
		return reason
	}
	if len(f) > 11 {
		c.DstChannel = f[11].val
	}
	if len(f) > 12 {
		c.AccountCode = f[12].val
	}
	if len(f) > 14 && (f[13].val != "" || f[14].val != "") {
		c.UserField = f[13].val + "/" + f[14].val
	}
	return ""
}

// fillTimes checks Start (required), Answer and End (may be empty) read as
// date-times; startCol is Start's 1-based column for the message.
func fillTimes(c *Call, startCol int) string {
	for i, v := range []string{c.Start, c.Answer, c.End} {
		if v == "" && i > 0 {
			continue
		}
		if !isDateTime(v) {
			name := [...]string{"start", "answer", "end"}[i]
			return fmt.Sprintf("%s (column %d) %q is not a date-time", name, startCol+i, v)
		}
	}
	return ""
}

// fillDurations reads duration and billsec; durCol is duration's 1-based
// column for the message.
func fillDurations(c *Call, dur, bill string, durCol int) string {
	var ok bool
	if c.Duration, ok = parseSeconds(dur); !ok {
		return fmt.Sprintf("duration (column %d) %q is not a number of seconds", durCol, dur)
	}
	if c.BillSec, ok = parseSeconds(bill); !ok {
		return fmt.Sprintf("billsec (column %d) %q is not a number of seconds", durCol+1, bill)
	}
	return ""
}

// fillOrderedDurations is fillDurations for a layout whose order is
// assumed, not named (cdr_csv's, the stock cdr_custom mapping's,
// mod_cdr_csv's): billsec is end - answer and duration end - start, and the
// answer is never before the start, so a row with more talk time than the
// whole call is not in that order (a cdr_custom mapping of the
// administrator's with duration and billsec swapped) and is refused.
func fillOrderedDurations(c *Call, dur, bill string, durCol int) string {
	if reason := fillDurations(c, dur, bill, durCol); reason != "" {
		return reason
	}
	if c.BillSec > c.Duration {
		return fmt.Sprintf("billsec (column %d) %d is more than duration (column %d) %d: the talk time (end - answer) is never longer than the whole call (end - start), so the columns are not in this layout's order",
			durCol+1, c.BillSec, durCol, c.Duration)
	}
	return ""
}

// parseSeconds reads a non-negative integer, or the whole part of a
// decimal such as cdr_custom's high-resolution "31.250".
func parseSeconds(s string) (int64, bool) {
	if i := strings.IndexByte(s, '.'); i > 0 && isDigits(s[i+1:]) {
		s = s[:i]
	}
	if !isDigits(s) || len(s) > 18 {
		return 0, false
	}
	v, err := strconv.ParseInt(s, 10, 64)
	return v, err == nil
}

// isDigits reports whether s is one or more ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// looksLikeUniqueID reports whether s has the shape of an Asterisk
// uniqueid: epoch seconds, a dot and a counter, optionally after a
// "systemname-" prefix ("1706368044.0", "mainserverdss-1706420300.0").
func looksLikeUniqueID(s string) bool {
	if i := strings.LastIndexByte(s, '-'); i >= 0 {
		s = s[i+1:]
	}
	dot := strings.IndexByte(s, '.')
	return dot > 0 && isDigits(s[:dot]) && isDigits(s[dot+1:])
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

// UniqueIDEpoch reads the Unix time a uniqueid begins with (the channel's
// creation): "1706368044.0", "mainserverdss-1706420300.0". ok is false for
// other shapes and for times before 2000.
func UniqueIDEpoch(id string) (int64, bool) {
	if !looksLikeUniqueID(id) {
		return 0, false
	}
	if i := strings.LastIndexByte(id, '-'); i >= 0 {
		id = id[i+1:]
	}
	v, err := strconv.ParseInt(id[:strings.IndexByte(id, '.')], 10, 64)
	if err != nil || v < 946684800 {
		return 0, false
	}
	return v, true
}
