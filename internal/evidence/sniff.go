package evidence

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
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
	plmn, err := ParsePLMN(opts.PLMN)
	if err != nil {
		return nil, err
	}
	if err := bareCRError(head); err != nil {
		return nil, err
	}
	records := headRecords(head, complete)
	if len(records) == 0 {
		return nil, &LayoutError{Reason: "the file is empty"}
	}
	best := findHeader(records, opts)
	if best == nil {
		best = fritzBoxHeader(records) // German names no alias knows
	}
	if best == nil {
		for _, r := range records {
			if NoDataLine(r.text) {
				return nil, &EmptyReturnError{Line: r.line}
			}
		}
		if err := aggregateHeadError(records); err != nil {
			return nil, err
		}
		if err := radiusDetailError(head); err != nil {
			return nil, err
		}
		return nil, noHeaderError(records)
	}
	l := &Layout{
		Delimiter:  best.delim,
		HeaderLine: best.line,
		Header:     best.cells,
		Columns:    best.columns,
		Zone:       opts.Zone,
		PLMN:       plmn,
	}
	l.BOM = bytes.HasPrefix(head, []byte("\xef\xbb\xbf"))
	l.CRLF = bytes.Contains(head[:min(len(head), 64<<10)], []byte("\r\n"))
	seen := l.Header
	if len(seen) == 0 && len(records) > 0 {
		seen = splitStrings(records[0].text, l.Delimiter)
	}
	if m := fritzBoxMap(l.Header, opts.Map); m != nil {
		// its columns read as named (fritzbox.go); the Typ is no call type
		opts.Map, l.FritzBox = m, true
		l.FritzPush = bytes.Contains(records[best.index].text, []byte("; "))
	}
	if err := applyMap(l, opts.Map, seen); err != nil {
		return nil, err
	}
	byCol := sampleColumns(records[best.index+1:], l, best.cands)
	chooseColumns(l, best.cands, byCol, opts.Map)
	enodebCellColumns(l, byCol, opts.Map)
	verizonTextColumns(l, opts.Map)
	if l.FritzBox {
		fritzBoxColumns(l)
	}
	recordCoordColumns(l, records[best.index+1:], byCol, opts.Map)
	hemisphereColumns(l, byCol)
	sample := make(map[Field][]string, len(l.Columns))
	for f, c := range l.Columns {
		sample[f] = byCol[c]
	}
	l.VolumeUnits = volumeUnitsOf(l)
	l.DurationScale = durationScaleOf(l)
	l.DurationMark = durationMarkOf(l, sample[FDuration])
	refineTimeColumns(l, sample, best.cands, byCol, opts.Map)
	eventOverSession(l, best.cands, byCol, opts.Map)
	utcOverLocal(l, best.cands, byCol, opts.Map)
	recordOpeningOverSession(l, best.cands, byCol, opts.Map)
	gigawordsApart(l, opts.Map)
	if err := portBlockColumns(l, opts.Map); err != nil {
		return nil, err
	}
	if err := decideKind(l, opts.Kind); err != nil {
		return nil, err
	}
	pstnUsageParties(l, opts.Map)
	if l.headerSaysUTC() {
		l.Zone, l.ZoneFromHeader = time.UTC, true
	}
	l.AServed = aPartyServed(l)
	l.CallerParty = callerOnlyParty(l)
	partyColumns(l, best.cands, byCol, opts.Map)
	splitIdentities(l, opts.Map)
	callerOnlyColumns(l, opts.Map)
	minutesSecondsDuration(l, records[best.index+1:], opts.Map)
	if l.AddressPrefix, err = addressPrefixOf(l, byCol); err != nil {
		return nil, err
	}
	if l.cellBase = newCellBase(l); l.cellBase != nil {
		for _, r := range records[best.index+1:] {
			l.cellBase.add(splitStrings(r.text, l.Delimiter), r.line)
		}
		if l.cellBase.pending = !complete; complete {
			l.cellBase.decide(l)
		}
	}
	l.Unfilled = unfilled(l)
	l.DirectionCodes = directionCodesOf(l)
	l.VoicemailColumns = voicemailColumns(l)
	l.PartyDirection = unexplainedDirections(l, byCol)
	l.ServiceCodes = serviceCodesOf(l)
	if !l.AServed { // after the codes: a record's own direction can rule a number out
		l.Target = targetOf(records[best.index+1:], l)
	}
	if err := checkForcedOrder(records[best.index+1:], l, opts.DateOrder); err != nil {
		return nil, err
	}
	order := opts.DateOrder
	if order == "" {
		order = l.headerDateOrder()
	}
	if order == "" && l.FritzBox {
		order = DMY // its Datum is dd.mm.yy
	}
	if err := decideDateOrder(l, sample, order); err != nil {
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
	cands   map[Field][]candidate
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
			cols, cands, score := mapHeader(cells)
			if score < 2 {
				continue
			}
			c := &headerCandidate{delim: d, index: i, line: records[i].line, cells: cells, columns: cols, cands: cands, score: score}
			c.steady = steadyRows(records[i+1:], d, len(cells))
			if best == nil || c.score > best.score || (c.score == best.score && c.steady > best.steady) {
				best = c
			}
		}
	}
	if best == nil && len(opts.Map) > 0 {
		if c := headerNamedByMap(records, opts.Map); c != nil {
			return c
		}
		return headerlessCandidate(records, opts.Map)
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

// candidate is a column that may hold a field, by its name: an alias
// (rank: its place in the field's alias list) or the words of the header.
type candidate struct {
	col     int
	rank    int
	byWords bool
	strict  bool // a localized alias: taken only when its values fit
}

// mapHeader maps header cells to fields. Every cell that names a field is
// a candidate for it, the closer names first: aliases before names read by
// their words (fieldByWords), an alias listed earlier before a later one
// (cell_id before tower_id), then the leftmost. The first candidate of
// each field is its provisional column; chooseColumns settles the choice
// by the values.
func mapHeader(cells []string) (cols map[Field]int, cands map[Field][]candidate, score int) {
	cols = make(map[Field]int)
	cands = make(map[Field][]candidate)
	for i, c := range cells {
		if i >= maxWordColumns {
			break
		}
		n := normalizeHeader(c)
		if f, ok := aliasIndex[n]; ok {
			cands[f] = append(cands[f], candidate{col: i, rank: aliasRank(f, n), strict: strictAlias[n]})
			continue
		}
		if f, ok := aliasIndex[withoutHemisphere(c)]; ok && (f == FCellLat || f == FCellLon) {
			// "Cell Site Long W": the alias with the hemisphere it is read in
			cands[f] = append(cands[f], candidate{col: i, rank: aliasRank(f, withoutHemisphere(c))})
			continue
		}
		if _, ok := statedDirectionCodes(c); ok { // "DIRECCION: O SALIENTE/ I ENTRANTE"
			cands[FDirection] = append(cands[FDirection], candidate{col: i})
			continue
		}
		if f, ok := fieldByWords(c); ok {
			f = wordsIPv6Field(f, c)
			cands[f] = append(cands[f], candidate{col: i, rank: wordRank(f, c), byWords: true})
			continue
		}
		if formatOfHeader(c).dated && formatOfHeader(c).timed {
			// "TIME1 (dd/MM/yyyy HH:mm:ss)": a date-time by the format it states
			cands[FStart] = append(cands[FStart], candidate{col: i, rank: len(fieldAliases[FStart]) + 1, byWords: true})
		}
	}
	dropBareBesideQualified(cells, cands)
	for f, cs := range cands {
		sort.SliceStable(cs, func(a, b int) bool {
			if cs[a].byWords != cs[b].byWords {
				return !cs[a].byWords
			}
			if cs[a].rank != cs[b].rank {
				return cs[a].rank < cs[b].rank
			}
			return cs[a].col < cs[b].col
		})
		cols[f] = cs[0].col
	}
	byWords := make(map[Field]bool)
	for f, cs := range cands {
		byWords[f] = cs[0].byWords
	}
	promoteIPv6Columns(cols, byWords)
	for f, v6 := range ipv6Of { // an IPv6 column promoted to its field brings its candidates
		if _, kept := cols[v6]; !kept && len(cands[f]) == 0 && len(cands[v6]) > 0 {
			cands[f] = cands[v6]
			delete(cands, v6)
		}
	}
	return cols, cands, len(cols)
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

// refineTimeColumns settles what time columns hold by their values: a
// "Start Time" column of full date-times is the start, but next to a
// START_DATE column holding times of day it is the time part. Two columns
// of one name (start_date_time, start_date_time), one of dates and one of
// times of day, are the date and the time.
func refineTimeColumns(l *Layout, sample map[Field][]string, cands map[Field][]candidate, byCol map[int][]string, forced map[Field]string) {
	pairs := []struct{ full, date, tod Field }{{FStart, FStartDate, FStartTime}, {FEnd, FEndDate, FEndTime}}
	for _, p := range pairs {
		if c, ok := l.Columns[p.full]; ok && !l.Has(p.date) && !l.Has(p.tod) && mostlyDated(sample[p.full]) && !mostlyTimed(sample[p.full]) {
			for _, cd := range cands[p.full] {
				if cd.col != c && mostlyTimeOfDay(byCol[cd.col]) {
					delete(l.Columns, p.full)
					l.Columns[p.date], l.Columns[p.tod] = c, cd.col
					sample[p.date], sample[p.tod] = sample[p.full], byCol[cd.col]
					delete(sample, p.full)
					break
				}
			}
		}
		if _, isForced := forced[p.full]; isForced {
			continue // the analyst's column stands
		}
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
		// a date-time column found by its words beside date and time
		// columns named as such: the closer names win
		if l.Has(p.full) && l.Has(p.date) && l.Has(p.tod) {
			if cs := cands[p.full]; len(cs) > 0 && cs[0].byWords {
				delete(l.Columns, p.full)
			}
		}
	}
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

// decideKind reads the kind of records from the whole set of fields: a
// call record has the other party and a call type or direction (or a
// duration); a data session a destination or volumes. A VoWiFi UE address
// beside a B party and a call type leaves a file a call record. forced
// (--kind) overrides.
func decideKind(l *Layout, forced Kind) error {
	hasAny := func(fs []Field) bool {
		for _, f := range fs {
			if l.Has(f) {
				return true
			}
		}
		return false
	}
	count := func(groups ...[]Field) int {
		n := 0
		for _, g := range groups {
			if hasAny(g) {
				n++
			}
		}
		return n
	}
	if err := aggregateCountsError(l.Header); err != nil {
		return err // whatever --kind says: counts are no records
	}
	if err := abEndsError(l); err != nil {
		return err
	}
	voice := count([]Field{FOther, FBParty}, []Field{FCallType, FDirection, FService}, []Field{FDuration})
	data := count([]Field{FDestIP}, []Field{FDestPort}, []Field{FUplink, FDownlink, FTotal})
	switch {
	case forced != "":
		l.Kind = forced
	case voice >= 2 && voice > data && !volumesWithoutParty(l):
		l.Kind = KindVoice
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
	if err := oneUserFileError(l); err != nil {
		return err
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
