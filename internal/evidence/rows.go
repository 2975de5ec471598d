package evidence

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

// MaxRawBytes bounds the raw text of a rejected line kept in the case.
const MaxRawBytes = 512

// RowError is a line that was not imported: where, why, and what it said.
type RowError struct {
	Line   int64
	Reason string
	Raw    string
	report bool // the line reads as report text (a footer, if no record follows)
}

func (e *RowError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Reason) }

// Row is one imported line: Data or Voice according to the layout's kind,
// plus the values that were dropped from it.
type Row struct {
	Line   int64
	Data   DataRecord
	Voice  VoiceRecord
	Issues []FieldIssue
	raw    []byte
}

// Raw returns the line as written, cut to MaxRawBytes.
func (r *Row) Raw() string { return cutRaw(r.raw) }

func cutRaw(b []byte) string {
	if len(b) > MaxRawBytes {
		b = b[:MaxRawBytes]
	}
	return string(b)
}

// Reader reads the rows of a file whose layout was detected.
type Reader struct {
	lr *LineReader
	l  *Layout
	// sameMemo remembers maySame's answers (same_memo.go)
	sameMemo map[string]bool
	fields   [][]byte
	cells    []string
	// writtenAs is the raw text of the number the last subscriber or
	// otherParty call read, when it differs from the digits returned.
	writtenAs string
	row       Row
	header    string
	first     string // the header's first cell, normalised
	used      []bool // columns some field is mapped to
	// called says the record being filled is the called party's: its
	// identity is read from the layout's CalledColumns.
	called bool
	// calling says it is the calling party's (an outgoing record).
	calling bool
	// NoData says a line of the file states that the return holds no
	// records ("No Data Found").
	NoData bool
	// report holds the report lines set apart (see ReportLines); pending
	// the report-like lines since the last record, which are footers only
	// if no record follows them; queue the lines to return before held.
	report   []ReportLine
	pending  []*RowError
	queue    []*RowError
	held     *Row
	heldErr  error
	seenData bool
	par      *parallel // set when lines are parsed by workers (NewReaderWorkers)
	memo     fieldMemo // where the layout put each field asked (rows_memo.go)
	zone     zoneSpan  // the zone's offset over the last span read in (datetime_dst.go)
	cellBuf  []byte    // the used fields of a line, end to end (splitCells)
	lastDate struct {  // the last date read (rd.date)
		s   string
		w   Wall
		set bool
	}
	cellEnds  []int
	sheetErrs []sheetErrorCell // cells of the row holding a spreadsheet error value (sheet_errors.go)
}

// NewReader reads r, which must start at the beginning of the file, as
// layout l. Lines up to and including the header are skipped.
func NewReader(r io.Reader, l *Layout) *Reader {
	rd := newParser(l)
	rd.lr = NewLineReader(r, l.Delimiter)
	// a quoted field spanning lines is real only when the joined record
	// has the header's width
	rd.lr.Accept = func(rec []byte) bool {
		rd.fields = SplitFields(rd.fields, rec, l.Delimiter)
		return rd.checkWidth() == ""
	}
	return rd
}

// newParser is a Reader of layout l without a line source: what turns one
// line into a row (parseLine).
func newParser(l *Layout) *Reader {
	rd := &Reader{l: l, header: normalizeRow(l.Header)}
	if len(l.Header) > 0 {
		rd.first = normalizeHeader(l.Header[0])
	}
	for _, cols := range []map[Field]int{l.Columns, l.CalledColumns} {
		for _, c := range cols {
			for len(rd.used) <= c {
				rd.used = append(rd.used, false)
			}
			rd.used[c] = true
		}
	}
	for _, j := range l.Joined { // an identity's parts
		for _, c := range j.cols {
			for len(rd.used) <= c {
				rd.used = append(rd.used, false)
			}
			rd.used[c] = true
		}
	}
	return rd
}

// Next returns the next row, a *RowError for a line that could not be
// imported (the caller records it and goes on), or io.EOF. The returned row
// is reused by the following call.
//
// A line that does not read as a record but as the report's text (see
// reportLine) is set apart, not rejected, when no record follows it (a
// footer) or none precedes it (preamble); between records it is a
// rejected row like any other. ReportLines lists them.
func (rd *Reader) Next() (*Row, error) {
	if len(rd.queue) > 0 {
		e := rd.queue[0]
		rd.queue = rd.queue[1:]
		return nil, e
	}
	if rd.held != nil || rd.heldErr != nil {
		row, err := rd.held, rd.heldErr
		rd.held, rd.heldErr = nil, nil
		return row, err
	}
	for {
		row, err := rd.next()
		var rowErr *RowError
		if errors.As(err, &rowErr) && rowErr.report {
			if !rd.seenData {
				rd.report = append(rd.report, ReportLine{Line: rowErr.Line, Text: rowErr.Raw})
			} else {
				rd.pending = append(rd.pending, rowErr)
			}
			continue
		}
		if err == io.EOF {
			for _, e := range rd.pending {
				rd.report = append(rd.report, ReportLine{Line: e.Line, Text: e.Raw, Footer: true})
			}
			rd.pending = nil
			return nil, err
		}
		if err == nil || rowErr != nil {
			rd.seenData = true
		}
		if len(rd.pending) > 0 && (err == nil || rowErr != nil) {
			// records follow: the lines were not a footer
			rd.queue, rd.pending = rd.pending, nil
			rd.held, rd.heldErr = row, err
			e := rd.queue[0]
			rd.queue = rd.queue[1:]
			return nil, e
		}
		return row, err
	}
}

// next reads the next line as a record; a line that fails and reads as
// report text is a *RowError marked report.
func (rd *Reader) next() (*Row, error) {
	if rd.par != nil {
		return rd.par.next(rd)
	}
	for {
		rec, line, err := rd.lr.Next()
		if err == ErrRecordTooLong {
			return nil, &RowError{Line: line, Reason: rd.lr.TooLong().Reason(), Raw: cutRaw(rec)}
		}
		if err != nil {
			return nil, err
		}
		switch row, rowErr, what := rd.parseLine(rec, line, rd.lr.Unbalanced()); what {
		case lineNoData:
			rd.NoData = true
		case lineRow:
			return row, nil
		case lineRejected:
			return nil, rowErr
		}
	}
}

// What a line read as (parseLine).
const (
	lineSkipped  = iota // header, blank, separator, a repeated header
	lineNoData          // says the return holds no records
	lineRow             // a record
	lineRejected        // a *RowError
)

// parseLine reads one logical record, starting on physical line line,
// unbalanced when its quote never closed: a row (valid until the next
// call), a rejection, or a line to skip. It reads nothing but rd's layout
// and its own scratch, so parsers of one layout may run side by side.
func (rd *Reader) parseLine(rec []byte, line int64, unbalanced bool) (*Row, *RowError, int) {
	if line <= rd.l.HeaderLine || len(bytes.TrimSpace(rec)) == 0 {
		return nil, nil, lineSkipped
	}
	if separatorLine(rec) {
		return nil, nil, lineSkipped
	}
	if NoDataLine(rec) {
		return nil, nil, lineNoData
	}
	rd.fields = SplitFields(rd.fields, rec, rd.l.Delimiter)
	if rd.repeatsHeader() {
		return nil, nil, lineSkipped
	}
	if unbalanced {
		return nil, &RowError{Line: line, Reason: "a double quote that is never closed (or closes only across lines into a row of the wrong width): this line is rejected and the next is read on its own", Raw: cutRaw(rec)}, lineRejected
	}
	if reason := rd.checkWidth(); reason != "" {
		return nil, &RowError{Line: line, Reason: reason, Raw: cutRaw(rec), report: reportLine(rec, rd.fields)}, lineRejected
	}
	rd.splitCells()
	rd.sheetErrs = rd.takeSheetErrors(rd.sheetErrs)
	rd.row = Row{Line: line, raw: rec, Issues: rd.row.Issues[:0]}
	var reason string
	if rd.l.Kind == KindVoice {
		reason = rd.fillVoice(&rd.row)
	} else {
		reason = rd.fillData(&rd.row)
	}
	if len(rd.sheetErrs) > 0 {
		reason = rd.sheetErrorsRead(&rd.row, rd.sheetErrs, reason)
	}
	if reason != "" {
		return nil, &RowError{Line: line, Reason: reason, Raw: cutRaw(rec), report: reportLine(rec, rd.fields)}, lineRejected
	}
	if len(rd.row.Issues) > 0 {
		rd.row.raw = append([]byte(nil), rec...)
	}
	return &rd.row, nil, lineRow
}

// checkWidth refuses rows whose field count differs from the header's: a
// shifted row would put values under the wrong names. Extra empty trailing
// fields (a trailing delimiter) are allowed.
func (rd *Reader) checkWidth() string {
	want := len(rd.l.Header)
	if want == 0 {
		for _, c := range rd.l.Columns {
			if c >= len(rd.fields) {
				return fmt.Sprintf("has %d fields; column %d is mapped", len(rd.fields), c+1)
			}
		}
		return ""
	}
	n := len(rd.fields)
	for n > want && len(bytes.TrimSpace(rd.fields[n-1])) == 0 {
		n--
	}
	switch {
	case n > want:
		return fmt.Sprintf("has %d fields where the header has %d", len(rd.fields), want)
	case n < want:
		// A row that stops short of columns no field is read from (an
		// empty last header cell, a trailing Remarks) loses nothing; one
		// that lacks a column a field is read from is not guessed at.
		missing := -1
		for _, c := range rd.l.Columns {
			if _, joined := rd.l.Joined[c]; !joined && c >= n && (missing < 0 || c < missing) {
				missing = c // the first read column the row lacks
			}
		}
		if missing >= 0 {
			name := fmt.Sprintf("column %d", missing+1)
			if missing < len(rd.l.Header) && rd.l.Header[missing] != "" {
				name = fmt.Sprintf("%q", rd.l.Header[missing])
			}
			return fmt.Sprintf("has %d fields where the header has %d (no %s)", len(rd.fields), want, name)
		}
	}
	return ""
}

func (rd *Reader) repeatsHeader() bool {
	if rd.header == "" || len(rd.fields) != len(rd.l.Header) || len(rd.fields[0]) > 64 {
		return false
	}
	if normalizeHeader(string(rd.fields[0])) != rd.first {
		return false
	}
	cells := make([]string, len(rd.fields))
	for i, f := range rd.fields {
		cells[i] = string(f)
	}
	return normalizeRow(cells) == rd.header
}

func normalizeRow(cells []string) string {
	if len(cells) == 0 {
		return ""
	}
	var b bytes.Buffer
	for _, c := range cells {
		b.WriteString(normalizeHeader(c))
		b.WriteByte(0)
	}
	return b.String()
}

// cell returns the cleaned value of field f, "" when unmapped or empty.
func (rd *Reader) cell(f Field) string {
	s := rd.slot(f)
	if !s.ok {
		return ""
	}
	c := s.c
	if s.hasCC && rd.called {
		c = s.cc
	} else if s.callerOnly && rd.called || s.calleeOnly && rd.calling {
		return "" // the other party's, not the subscriber's
	}
	if c >= len(rd.cells) {
		if j, ok := rd.l.Joined[c]; ok {
			v, _ := rd.joined(j)
			return v
		}
		return ""
	}
	if rd.l.AddressPrefix != nil && rd.l.AddressPrefix[c] && rd.cells[c] != "" {
		// a number after its address header (address_prefix.go); one
		// that does not decode is returned as written, addressWhy says why
		if n, why := decodeAddress(rd.cells[c]); why == "" {
			return n
		}
	}
	return rd.cells[c]
}

// joinedReason is why the row's identity f, assembled from sub-columns,
// could not be assembled ("" when it was, or f is no such identity).
func (rd *Reader) joinedReason(f Field) (string, string) {
	c, ok := rd.l.Columns[f]
	if cc, has := rd.l.CalledColumns[f]; has && rd.called {
		c = cc
	} else if rd.called && rd.l.CallerOnly[f] || rd.calling && rd.l.CalleeOnly[f] {
		return "", ""
	}
	j, isJoined := rd.l.Joined[c]
	if !ok || !isJoined {
		return "", ""
	}
	return rd.joined(j)
}

func (row *Row) issue(f Field, value string, err error) {
	row.Issues = append(row.Issues, FieldIssue{Field: string(f), Value: value, Reason: err.Error()})
}

// note flags a value kept as written that the analyst should know about.
func (row *Row) note(f Field, value, reason string) {
	row.Issues = append(row.Issues, FieldIssue{Field: string(f), Value: value, Reason: reason, Kept: true})
}

// noDataPhrases are what operators write in place of records when a
// request found nothing.
var noDataPhrases = []string{"nodatafound", "norecordfound", "norecordsfound", "nodataavailable", "norecordsavailable", "nodata"}

// NoDataLine reports whether a line says the return holds no records
// ("No Data Found", "*** No Records Found ***").
func NoDataLine(rec []byte) bool {
	if len(rec) > 80 || !hasNo(rec) {
		return false // the common case, decided without allocating
	}
	n := normalizeHeader(string(rec))
	for _, p := range noDataPhrases {
		if n == p {
			return true
		}
	}
	return false
}

// hasNo reports whether rec holds "no" in any case.
func hasNo(rec []byte) bool {
	for i := 0; i+1 < len(rec); i++ {
		if rec[i]|0x20 == 'n' && rec[i+1]|0x20 == 'o' {
			return true
		}
	}
	return false
}

// separatorLine reports a line drawn of one punctuation character
// ("-----", "=====") under or around a header.
func separatorLine(rec []byte) bool {
	t := bytes.TrimSpace(rec)
	if len(t) < 3 {
		return false
	}
	for _, c := range t {
		if c != t[0] {
			return false
		}
	}
	return t[0] == '-' || t[0] == '=' || t[0] == '_' || t[0] == '*'
}

// identifierReason words an identifier error for a rejected row.
func identifierReason(f Field, value string, err error) string {
	if errors.Is(err, ErrPrecisionLost) {
		return fmt.Sprintf("%s %q: precision lost (a spreadsheet wrote it in scientific notation)", f, value)
	}
	return fmt.Sprintf("%s %q: %v", f, value, err)
}
