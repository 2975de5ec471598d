package evidence

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// SniffBytes is how much of a file detection reads before deciding.
const SniffBytes = 256 << 10

// headerSearchLines is how many records may precede the header (banners,
// report titles, blank lines).
const headerSearchLines = 60

// sampleRows is how many data rows after the header detection looks at.
const sampleRows = 2000

var candidateDelimiters = []byte{',', ';', '\t', '|'}

// Sniff detects the layout of a delimited operator file from its first
// bytes (up to SniffBytes; complete says head is the whole file). The
// decision rests on content only: the delimiter and header row that name
// the most known fields, then the values under them.
//
// When the dates of the head read equally well in two orders, the layout
// comes back with NeedsDateOrder set and the caller must scan the rest of
// the file with ResolveDateOrder before reading rows.
func Sniff(head []byte, complete bool, opts Options) (*Layout, error) {
	records := headRecords(head, complete)
	if len(records) == 0 {
		return nil, &LayoutError{Reason: "the file is empty"}
	}
	best := findHeader(records, opts)
	if best == nil {
		return nil, noHeaderError(records)
	}
	l := &Layout{
		Delimiter:  best.delim,
		HeaderLine: best.line,
		Header:     best.cells,
		Columns:    best.columns,
		Zone:       opts.Zone,
	}
	l.BOM = bytes.HasPrefix(head, []byte("\xef\xbb\xbf"))
	l.CRLF = bytes.Contains(head[:min(len(head), 64<<10)], []byte("\r\n"))
	if err := applyMap(l, opts.Map); err != nil {
		return nil, err
	}
	sample := sampleValues(records[best.index+1:], l)
	for f := range opts.Map {
		delete(best.byWords, f) // the analyst's word stands
	}
	confirmByValues(l, best.byWords, sample)
	l.VolumeUnits = volumeUnitsOf(l)
	l.DurationScale = durationScaleOf(l)
	refineTimeColumns(l, sample)
	if err := decideKind(l); err != nil {
		return nil, err
	}
	if err := decideDateOrder(l, sample, opts.DateOrder); err != nil {
		return nil, err
	}
	if err := refuseZoneNames(l, sample); err != nil {
		return nil, err
	}
	return l, nil
}

// headerCandidate is one (delimiter, row) reading of the head.
type headerCandidate struct {
	delim   byte
	index   int   // index in records
	line    int64 // physical line
	cells   []string
	columns map[Field]int
	byWords map[Field]bool // columns matched by the words of their header, not an alias
	score   int
	steady  int // following rows with the header's field count
}

type record struct {
	line int64
	text []byte
}

func headRecords(head []byte, complete bool) []record {
	if !complete {
		if i := bytes.LastIndexByte(head, '\n'); i >= 0 {
			head = head[:i+1]
		}
	}
	lr := NewLineReader(bytes.NewReader(head), ',')
	var out []record
	for len(out) < headerSearchLines+sampleRows {
		rec, line, err := lr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			continue
		}
		out = append(out, record{line: line, text: append([]byte(nil), rec...)})
	}
	return out
}

func findHeader(records []record, opts Options) *headerCandidate {
	var best *headerCandidate
	limit := min(len(records), headerSearchLines)
	for _, d := range candidateDelimiters {
		for i := 0; i < limit; i++ {
			if len(bytes.TrimSpace(records[i].text)) == 0 {
				continue
			}
			cells := splitStrings(records[i].text, d)
			if len(cells) < 2 {
				continue
			}
			cols, byWords, score := mapHeader(cells)
			if score < 2 {
				continue
			}
			c := &headerCandidate{delim: d, index: i, line: records[i].line, cells: cells, columns: cols, byWords: byWords, score: score}
			c.steady = steadyRows(records[i+1:], d, len(cells))
			if best == nil || c.score > best.score || (c.score == best.score && c.steady > best.steady) {
				best = c
			}
		}
	}
	if best == nil && len(opts.Map) > 0 {
		return headerlessCandidate(records)
	}
	return best
}

// headerlessCandidate reads a file with no header row, for --map with column
// numbers: the delimiter is the one giving the most rows an equal, plural
// field count.
func headerlessCandidate(records []record) *headerCandidate {
	var best *headerCandidate
	for _, d := range candidateDelimiters {
		n := len(splitStrings(records[0].text, d))
		if n < 2 {
			continue
		}
		steady := steadyRows(records, d, n)
		if best == nil || steady > best.steady {
			best = &headerCandidate{delim: d, index: -1, line: 0, columns: map[Field]int{}, steady: steady}
		}
	}
	return best
}

func steadyRows(records []record, d byte, n int) int {
	steady := 0
	for i := 0; i < len(records) && i < 50; i++ {
		if len(splitStrings(records[i].text, d)) == n {
			steady++
		}
	}
	return steady
}

// maxWordColumns is how many cells of a row are read by their words: no
// operator header is wider, and a hostile row of many cells stays cheap.
const maxWordColumns = 512

// mapHeader maps header cells to fields. When two cells name the same field
// the alias listed first wins (cell_id over tower_id), then the leftmost.
// Cells that are no alias are then read by their words (fieldByWords), for
// the fields no alias gave a column; those are returned in byWords.
func mapHeader(cells []string) (cols map[Field]int, byWords map[Field]bool, score int) {
	cols = make(map[Field]int)
	rank := make(map[Field]int)
	aliased := make([]bool, len(cells))
	for i, c := range cells {
		n := normalizeHeader(c)
		f, ok := aliasIndex[n]
		if !ok {
			continue
		}
		aliased[i] = true
		r := aliasRank(f, n)
		if old, seen := rank[f]; seen && old <= r {
			continue
		}
		cols[f] = i
		rank[f] = r
	}
	byWords = make(map[Field]bool)
	for i, c := range cells {
		if i >= maxWordColumns {
			break
		}
		if aliased[i] {
			continue
		}
		if f, ok := fieldByWords(c); ok {
			f = wordsIPv6Field(f, c)
			if _, taken := cols[f]; !taken {
				cols[f], byWords[f] = i, true
			}
		}
	}
	promoteIPv6Columns(cols, byWords)
	return cols, byWords, len(cols)
}

func aliasRank(f Field, normalized string) int {
	for i, a := range fieldAliases[f] {
		if normalizeHeader(a) == normalized {
			return i
		}
	}
	return len(fieldAliases[f])
}

func splitStrings(rec []byte, d byte) []string {
	fields := SplitFields(nil, rec, d)
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = strings.TrimSpace(string(f))
	}
	return out
}

// applyMap applies --map FIELD=COLUMN: COLUMN is a header name or a 1-based
// column number.
func applyMap(l *Layout, m map[Field]string) error {
	for f, col := range m {
		if n, err := strconv.Atoi(col); err == nil {
			if n < 1 {
				return fmt.Errorf("--map %s=%s: column numbers start at 1", f, col)
			}
			l.Columns[f] = n - 1
			continue
		}
		found := false
		for i, h := range l.Header {
			if normalizeHeader(h) == normalizeHeader(col) {
				l.Columns[f], found = i, true
				break
			}
		}
		if !found {
			return fmt.Errorf("--map %s=%s: no column is named %q (columns: %s)", f, col, col, strings.Join(l.Header, " | "))
		}
	}
	return nil
}

// sampleValues collects up to sampleRows values of each mapped column.
func sampleValues(records []record, l *Layout) map[Field][]string {
	out := make(map[Field][]string)
	for _, r := range records {
		if len(bytes.TrimSpace(r.text)) == 0 {
			continue
		}
		cells := splitStrings(r.text, l.Delimiter)
		for f, c := range l.Columns {
			if c < len(cells) && cells[c] != "" {
				out[f] = append(out[f], cells[c])
			}
		}
	}
	return out
}

// refineTimeColumns settles what time columns hold by their values: a
// "Start Time" column of full date-times is the start, but next to a
// START_DATE column holding times of day it is the time part.
func refineTimeColumns(l *Layout, sample map[Field][]string) {
	pairs := []struct{ full, date, tod Field }{{FStart, FStartDate, FStartTime}, {FEnd, FEndDate, FEndTime}}
	for _, p := range pairs {
		if c, ok := l.Columns[p.full]; ok && mostlyTimeOfDay(sample[p.full]) {
			delete(l.Columns, p.full)
			l.Columns[p.tod] = c
			sample[p.tod] = sample[p.full]
		}
		if c, ok := l.Columns[p.tod]; ok && mostlyDated(sample[p.tod]) {
			delete(l.Columns, p.tod)
			l.Columns[p.full] = c
			sample[p.full] = sample[p.tod]
		}
		if c, ok := l.Columns[p.date]; ok && !l.Has(p.full) && !l.Has(p.tod) && mostlyTimed(sample[p.date]) {
			delete(l.Columns, p.date)
			l.Columns[p.full] = c
			sample[p.full] = sample[p.date]
		}
	}
	// an end time of day with no end date takes the start's date
}

func mostly(values []string, pred func(string) bool) bool {
	if len(values) == 0 {
		return false
	}
	n := 0
	for _, v := range values {
		if pred(v) {
			n++
		}
	}
	return n*2 > len(values)
}

func mostlyTimeOfDay(values []string) bool {
	return mostly(values, func(v string) bool { _, _, err := ParseTimeOfDay(v); return err == nil })
}

func mostlyDated(values []string) bool {
	return mostly(values, func(v string) bool { return DateOrders(v) != 0 })
}

func mostlyTimed(values []string) bool {
	return mostly(values, func(v string) bool {
		w, err := ParseDateTime(v, DMY)
		if err != nil {
			w, err = ParseDateTime(v, MDY)
		}
		return err == nil && w.HasTime
	})
}

func decideKind(l *Layout) error {
	hasAny := func(fs []Field) bool {
		for _, f := range fs {
			if l.Has(f) {
				return true
			}
		}
		return false
	}
	switch {
	case hasAny(dataFields):
		l.Kind = KindData
	case hasAny(voiceFields):
		l.Kind = KindVoice
	default:
		return &LayoutError{
			Reason:  "no column names a data-session field (destination IP or port, volumes) or a call field (call type, direction, other party)",
			Found:   l.Header,
			Missing: []Field{FDestIP, FCallType},
			Hint:    "name them with --map FIELD=COLUMN",
		}
	}
	var missing []Field
	if !l.Has(FMSISDN) && !(l.Kind == KindVoice && l.Has(FAParty)) {
		missing = append(missing, FMSISDN)
	}
	if !l.Has(FStart) && !l.Has(FStartDate) {
		missing = append(missing, FStart)
	}
	if len(missing) > 0 {
		return &LayoutError{
			Reason:  fmt.Sprintf("the header on line %d looks like %s records", l.HeaderLine, l.Kind),
			Missing: missing,
			Found:   l.Header,
			Hint:    "name them with --map FIELD=COLUMN (e.g. --map msisdn=\"Mobile No\" --map start=3)",
		}
	}
	return nil
}

func noHeaderError(records []record) error {
	first := ""
	for _, r := range records {
		if len(bytes.TrimSpace(r.text)) > 0 {
			first = string(r.text)
			break
		}
	}
	if len(first) > 120 {
		first = first[:120]
	}
	return &LayoutError{
		Reason:  fmt.Sprintf("no row among the first %d names two or more known fields (first line: %q)", headerSearchLines, first),
		Missing: []Field{FMSISDN, FStart},
		Hint:    "name the columns with --map FIELD=COLUMN",
	}
}
