package analysis

import (
	"cmp"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// HuntSource is an evidence file as a statement cites it.
type HuntSource struct {
	ID     int64  `json:"-"`
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Zone   string `json:"zone"` // zone its wall clock was read in; "" when the evidence gave none
}

// HuntRecord is one record a hunt found, its identifiers as text.
type HuntRecord struct {
	MSISDN   string
	IMSI     string // "" when not recorded
	IMEI     string
	DestIP   string // "" when not recorded
	DestPort int    // AnyPort when not recorded
	At       Moment
	Cell     string // "" when not recorded
	Bytes    int64  // total volume; negative when not recorded
	Source   HuntSource
	Line     int64
}

// Destination writes the record's destination as a statement does.
func (r HuntRecord) Destination() string { return huntDestinationText(r.DestIP, r.DestPort) }

func huntDestinationText(ip string, port int) string {
	if ip == "" {
		ip = "an unrecorded address"
	}
	if port == AnyPort {
		return ip + " (port not recorded)"
	}
	if a, err := netip.ParseAddr(ip); err == nil && a.Is6() {
		ip = "[" + ip + "]"
	}
	return ip + ":" + strconv.Itoa(port)
}

// HuntCount is how many of a subscriber's records name one value.
type HuntCount struct {
	Name    string `json:"name"`
	Records int64  `json:"records"`
}

// HuntEvidence is one source of a subscriber's records: the file, its
// hash, and the lines, written compactly (12-15, 40).
type HuntEvidence struct {
	HuntSource
	Records int64  `json:"records"`
	Lines   string `json:"lines"`
}

// HuntSubscriber is one row of a hunt's results: a subscriber and every
// identifier, cell and source involved in its matching records.
type HuntSubscriber struct {
	MSISDN             string         `json:"msisdn"`
	IMSIs              []string       `json:"imsis"`
	IMEIs              []string       `json:"imeis"`
	Cells              []string       `json:"cells"`
	First              string         `json:"first"` // wall clock, 2006-01-02 15:04:05
	Last               string         `json:"last"`
	Records            int64          `json:"records"`
	Bytes              int64          `json:"bytes"`              // over the records that give a volume
	RecordsWithBytes   int64          `json:"records_with_bytes"` // how many do
	RecordsWithoutCell int64          `json:"records_without_cell"`
	Destinations       []HuntCount    `json:"destinations"` // most contacted first
	CellRecords        []HuntCount    `json:"cell_records"` // most used first
	Evidence           []HuntEvidence `json:"evidence"`
	Clock              string         `json:"clock"` // the wall clock's zone, in words
	Statement          string         `json:"statement"`
	FirstAt            Moment         `json:"-"`
	LastAt             Moment         `json:"-"`
}

// HuntAggregator gathers a hunt's records one by one into one row per
// subscriber, holding per subscriber only counts and line numbers.
type HuntAggregator struct {
	subs map[string]*huntAcc
}

type huntAcc struct {
	msisdn           string
	imsis, imeis     map[string]bool
	cells, dests     map[string]int64
	noCell           int64
	sources          map[int64]*huntSourceAcc
	first, last      Moment
	records          int64
	bytes, withBytes int64
}

type huntSourceAcc struct {
	src   HuntSource
	lines []int64
}

// NewHuntAggregator returns an empty aggregator.
func NewHuntAggregator() *HuntAggregator { return &HuntAggregator{subs: map[string]*huntAcc{}} }

// Add counts one record.
func (g *HuntAggregator) Add(r HuntRecord) {
	a := g.subs[r.MSISDN]
	if a == nil {
		a = &huntAcc{msisdn: r.MSISDN, imsis: map[string]bool{}, imeis: map[string]bool{},
			cells: map[string]int64{}, dests: map[string]int64{}, sources: map[int64]*huntSourceAcc{},
			first: r.At, last: r.At}
		g.subs[r.MSISDN] = a
	}
	if r.IMSI != "" {
		a.imsis[r.IMSI] = true
	}
	if r.IMEI != "" {
		a.imeis[r.IMEI] = true
	}
	if r.Cell == "" {
		a.noCell++
	} else {
		a.cells[r.Cell]++
	}
	a.dests[r.Destination()]++
	s := a.sources[r.Source.ID]
	if s == nil {
		s = &huntSourceAcc{src: r.Source}
		a.sources[r.Source.ID] = s
	}
	s.lines = append(s.lines, r.Line)
	if r.At.Unix < a.first.Unix {
		a.first = r.At
	}
	if r.At.Unix > a.last.Unix {
		a.last = r.At
	}
	a.records++
	if r.Bytes >= 0 {
		a.bytes += r.Bytes
		a.withBytes++
	}
}

// Len is the number of subscribers so far.
func (g *HuntAggregator) Len() int { return len(g.subs) }

// Result returns one row per subscriber, with its statement, in order of
// first contact (then MSISDN).
func (g *HuntAggregator) Result() []HuntSubscriber {
	out := make([]HuntSubscriber, 0, len(g.subs))
	for _, a := range g.subs {
		out = append(out, a.subscriber())
	}
	slices.SortFunc(out, func(x, y HuntSubscriber) int {
		return cmp.Or(cmp.Compare(x.FirstAt.Unix, y.FirstAt.Unix), cmp.Compare(x.MSISDN, y.MSISDN))
	})
	return out
}

func (a *huntAcc) subscriber() HuntSubscriber {
	s := HuntSubscriber{
		MSISDN: a.msisdn, IMSIs: huntSortedKeys(a.imsis), IMEIs: huntSortedKeys(a.imeis),
		First: a.first.String(), Last: a.last.String(), FirstAt: a.first, LastAt: a.last,
		Records: a.records, Bytes: a.bytes, RecordsWithBytes: a.withBytes, RecordsWithoutCell: a.noCell,
		Destinations: huntCountsByRecords(a.dests), CellRecords: huntCountsByRecords(a.cells),
	}
	s.Cells = make([]string, 0, len(a.cells))
	for c := range a.cells {
		s.Cells = append(s.Cells, c)
	}
	slices.Sort(s.Cells)
	for _, src := range a.sources {
		s.Evidence = append(s.Evidence, HuntEvidence{HuntSource: src.src, Records: int64(len(src.lines)), Lines: CompactLines(src.lines)})
	}
	slices.SortFunc(s.Evidence, func(x, y HuntEvidence) int {
		return cmp.Or(cmp.Compare(x.Path, y.Path), cmp.Compare(x.ID, y.ID))
	})
	s.Clock = huntClockPhrase(s.Evidence, a.first, a.last)
	s.Statement = Statement(s)
	return s
}

func huntSortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func huntCountsByRecords(m map[string]int64) []HuntCount {
	out := make([]HuntCount, 0, len(m))
	for k, n := range m {
		out = append(out, HuntCount{Name: k, Records: n})
	}
	slices.SortFunc(out, func(x, y HuntCount) int {
		return cmp.Or(cmp.Compare(y.Records, x.Records), cmp.Compare(x.Name, y.Name))
	})
	return out
}

// CompactLines writes line numbers sorted, without repeats, with runs as
// ranges: 12-15, 40, 77-80.
func CompactLines(lines []int64) string {
	ls := slices.Clone(lines)
	slices.Sort(ls)
	ls = slices.Compact(ls)
	var b strings.Builder
	for i := 0; i < len(ls); {
		j := i
		for j+1 < len(ls) && ls[j+1] == ls[j]+1 {
			j++
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.FormatInt(ls[i], 10))
		if j > i {
			fmt.Fprintf(&b, "-%d", ls[j])
		}
		i = j + 1
	}
	return b.String()
}

// huntClockPhrase says which wall clock a subscriber's times are in: the zone
// the sources were read in and the UTC offset of the first and last
// contact, or that the evidence gave no zone and the times are as written.
func huntClockPhrase(ev []HuntEvidence, first, last Moment) string {
	var zones []string
	unzoned := 0
	for _, e := range ev {
		if e.Zone == "" {
			unzoned++
		} else if !slices.Contains(zones, e.Zone) {
			zones = append(zones, e.Zone)
		}
	}
	offsets := huntUtcOffset(first.Offset)
	if last.Offset != first.Offset {
		offsets += " to " + huntUtcOffset(last.Offset)
	}
	known := len(zones) > 0 || first.Offset != 0 || last.Offset != 0
	switch {
	case !known:
		return "times as written in the evidence, which gives no time zone"
	case unzoned > 0 && len(zones) > 0:
		return "times as each source wrote them: zone " + strings.Join(zones, ", ") + " for some sources, none given for others"
	case len(zones) == 0:
		return "wall clock of the evidence, " + offsets
	}
	return "wall clock of the evidence, " + strings.Join(zones, " and ") + ", " + offsets
}

// huntUtcOffset writes seconds east of UTC as UTC+01:00.
func huntUtcOffset(sec int32) string {
	sign := '+'
	if sec < 0 {
		sign, sec = '-', -sec
	}
	return fmt.Sprintf("UTC%c%02d:%02d", sign, sec/3600, sec%3600/60)
}
