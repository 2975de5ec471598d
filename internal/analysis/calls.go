package analysis

import (
	"cmp"
	"slices"
	"strings"

	"github.com/cdrtui/cdrtui/internal/ident"
)

// CallEvent is one voice record (call or SMS) of a subscriber as the call
// analyses read it, with the file and line it came from.
type CallEvent struct {
	ID       int64  // voice.id
	Start    int64  // Unix seconds
	Offset   int32  // Start+Offset is the wall clock written in the evidence
	Type     string // VOICE_IN, VOICE_OUT, SMS_IN, SMS_OUT, or another type kept as written
	Other    string // the other party as written ("" when none)
	OtherKey string // its E.164 key, "" when it has none (alphanumeric sender, short code)
	Duration int64  // seconds; 0 when not given
	Cell     string // the cell as written, "" when none
	CellKey  string // MCC-MNC-LAC-CI, "" when the cell has no key
	IMSI     string // the record's SIM, "" when not given
	IMEI     string // the record's handset, "" when not given
	SourceID int64
	Line     int64
}

// Moment is the record's start with its wall offset.
func (e CallEvent) Moment() Moment { return Moment{Unix: e.Start, Offset: e.Offset} }

// Party is the other party's identity for grouping: its E.164 key, or as
// written when it has none. "" when the record names no other party.
func (e CallEvent) Party() string {
	if e.OtherKey != "" {
		return e.OtherKey
	}
	return strings.TrimSpace(e.Other)
}

// IsCall reports a voice call either way.
func (e CallEvent) IsCall() bool { return e.Type == "VOICE_OUT" || e.Type == "VOICE_IN" }

// IsAlphanumeric reports an other party written with letters (an SMS
// sender's name such as VM-HDFCBK), which no numbering plan keys.
func IsAlphanumeric(written string) bool {
	if written == "" {
		return false
	}
	_, _, ok := ident.SplitNumber(written)
	return !ok
}

// NightWindow is the night of the call analyses' night share: 22:00 to
// 06:00 on the wall clock.
var NightWindow = ClockWindow{From: 22 * 3600, To: 6 * 3600}

// CallContact is everything A's records say about one other party.
type CallContact struct {
	Number   string   `json:"number"`          // as written (the form most records wrote)
	Key      string   `json:"key"`             // E.164 key, "" when it has none
	Forms    []string `json:"forms,omitempty"` // every form written, when more than one
	Alpha    bool     `json:"alphanumeric"`    // an alphanumeric sender (letters), grouped apart
	CallsOut int      `json:"calls_out"`
	CallsIn  int      `json:"calls_in"`
	SMSOut   int      `json:"sms_out"`
	SMSIn    int      `json:"sms_in"`
	OtherRec int      `json:"other_records"` // records of other types (USSD, forwards ...)
	TalkS    int64    `json:"talk_s"`        // sum of call durations, both ways
	First    Moment   `json:"-"`
	Last     Moment   `json:"-"`
	FirstW   string   `json:"first"`
	LastW    string   `json:"last"`
	Night    int      `json:"night_records"` // records 22:00..05:59 on the wall clock
	NightPct float64  `json:"night_share"`   // Night / records, 0..1
	Cells    []string `json:"cells"`         // A's cells for this party, most records first
	Records  int      `json:"records"`
	Country  string   `json:"country_code,omitempty"` // E.164 country code of the key
	forms    map[string]int
	cells    map[string]int
}

// Interactions is calls plus SMS, both ways.
func (c *CallContact) Interactions() int { return c.CallsOut + c.CallsIn + c.SMSOut + c.SMSIn }

// ContactsByCalls groups a subscriber's voice records by other party (by
// E.164 key, so one number written as 09812345678 and +91 98123 45678 is
// one contact, shown as most records wrote it) and counts calls and SMS
// each way, talk time, first and last record, night share and the cells
// the subscriber used with each. Numbers come first, most calls and SMS
// first; alphanumeric senders after them (Alpha), also by count. Records
// with no other party are left out.
func ContactsByCalls(recs []CallEvent) []CallContact {
	index := map[string]int{}
	var out []CallContact
	for _, r := range recs {
		p := r.Party()
		if p == "" {
			continue
		}
		i, ok := index[p]
		if !ok {
			i = len(out)
			index[p] = i
			out = append(out, CallContact{Key: r.OtherKey, Alpha: r.OtherKey == "" && IsAlphanumeric(r.Other),
				First: r.Moment(), Last: r.Moment(), forms: map[string]int{}, cells: map[string]int{}})
		}
		c := &out[i]
		c.Records++
		c.forms[strings.TrimSpace(r.Other)]++
		switch r.Type {
		case "VOICE_OUT":
			c.CallsOut++
		case "VOICE_IN":
			c.CallsIn++
		case "SMS_OUT":
			c.SMSOut++
		case "SMS_IN":
			c.SMSIn++
		default:
			c.OtherRec++
		}
		if r.IsCall() {
			c.TalkS += r.Duration
		}
		if r.Start < c.First.Unix {
			c.First = r.Moment()
		}
		if r.Start > c.Last.Unix {
			c.Last = r.Moment()
		}
		if NightWindow.Contains(wallSecond(r.Start, r.Offset)) {
			c.Night++
		}
		if cell := cmp.Or(r.CellKey, r.Cell); cell != "" {
			c.cells[cell]++
		}
	}
	for i := range out {
		c := &out[i]
		c.Number = mostWritten(c.forms)
		if len(c.forms) > 1 {
			for f := range c.forms {
				c.Forms = append(c.Forms, f)
			}
			slices.Sort(c.Forms)
		}
		c.Cells = byCount(c.cells)
		c.FirstW, c.LastW = c.First.String(), c.Last.String()
		c.NightPct = float64(c.Night) / float64(c.Records)
		c.Country = ident.CallingCode(c.Key)
	}
	slices.SortStableFunc(out, func(a, b CallContact) int {
		if a.Alpha != b.Alpha {
			if a.Alpha {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(b.Interactions(), a.Interactions()), cmp.Compare(b.Records, a.Records),
			cmp.Compare(b.TalkS, a.TalkS), strings.Compare(a.Number, b.Number))
	})
	return out
}

// wallSecond is the second of the wall-clock day of an instant.
func wallSecond(unix int64, off int32) int64 {
	s := (unix + int64(off)) % 86400
	if s < 0 {
		s += 86400
	}
	return s
}

// mostWritten is the form with most records (the smallest on a tie).
func mostWritten(forms map[string]int) string {
	best, n := "", -1
	for f, c := range forms {
		if c > n || (c == n && f < best) {
			best, n = f, c
		}
	}
	return best
}

// byCount lists a count map's keys, most counted first (then by value).
func byCount(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b string) int { return cmp.Or(cmp.Compare(m[b], m[a]), strings.Compare(a, b)) })
	return out
}

// ContactColumns are the columns ContactsByCalls results sort by, as the
// pane and `cdrtui calls --sort` name them.
var ContactColumns = []string{"interactions", "calls_out", "calls_in", "sms_out", "sms_in", "talk", "first", "last", "night", "number"}

// SortContacts orders contacts by a column of ContactColumns, descending
// (ascending for first, and for number, which sorts by key), ties in the
// order of ContactsByCalls, alphanumeric senders kept after the numbers. ok is false for a column it does not know.
func SortContacts(cs []CallContact, column string) bool {
	var key func(c *CallContact) int64
	switch column {
	case "interactions", "":
		key = func(c *CallContact) int64 { return int64(c.Interactions()) }
	case "calls_out":
		key = func(c *CallContact) int64 { return int64(c.CallsOut) }
	case "calls_in":
		key = func(c *CallContact) int64 { return int64(c.CallsIn) }
	case "sms_out":
		key = func(c *CallContact) int64 { return int64(c.SMSOut) }
	case "sms_in":
		key = func(c *CallContact) int64 { return int64(c.SMSIn) }
	case "talk":
		key = func(c *CallContact) int64 { return c.TalkS }
	case "first":
		key = func(c *CallContact) int64 { return -c.First.Unix }
	case "last":
		key = func(c *CallContact) int64 { return c.Last.Unix }
	case "night":
		key = func(c *CallContact) int64 { return int64(c.NightPct * 1e6) }
	case "number":
	default:
		return false
	}
	slices.SortStableFunc(cs, func(a, b CallContact) int {
		if a.Alpha != b.Alpha {
			if a.Alpha {
				return 1
			}
			return -1
		}
		if key == nil {
			return cmp.Or(strings.Compare(cmp.Or(a.Key, a.Number), cmp.Or(b.Key, b.Number)), strings.Compare(a.Number, b.Number))
		}
		return cmp.Or(cmp.Compare(key(&b), key(&a)), cmp.Compare(b.Interactions(), a.Interactions()), cmp.Compare(b.Records, a.Records),
			cmp.Compare(b.TalkS, a.TalkS), strings.Compare(a.Number, b.Number))
	})
	return true
}
