package evidence

import (
	"slices"
	"strings"
	"unicode"
)

// Header names no alias list foresees ("up_bytes", "SessionStartEpoch",
// "Dst. IP Addr") are read by their words: a rule names the words a
// header must have, one from each group, and those it must not have. A
// column matched this way is kept only if most of its values read as the
// field (confirmByValues), so that a word rule can widen what is
// recognised without misreading a column.

// maxHeaderName is the longest header cell read by its words.
const maxHeaderName = 64

// headerWords splits a header into lower-case words: at every character
// that is not a letter or a digit, where lower case turns upper
// (SessionStart: session, start), before the last capital of a run that
// goes on in lower case (IMSINumber: imsi, number) and between letters and
// digits. Each piece between separators counts as a word too, so that
// "NATed" is "nated" as well as "na" and "ted"; a piece all in lower case
// (or all in upper case) that ends in "time" is also its two words, as a
// switch's field names are written when a database folds their case
// ("seizuretime", "SEIZURETIME": seizure, time).
func headerWords(s string) []string {
	if len(s) > maxHeaderName {
		return nil // a sentence or a value, not a column's name
	}
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	runes := []rune(strings.TrimPrefix(s, "\ufeff"))
	pieceStart := 0
	piece := func(end int) {
		if p := strings.ToLower(string(runes[pieceStart:end])); p != "" && !slices.Contains(words, p) {
			words = append(words, p)
		}
		if glued := strings.ToLower(string(runes[pieceStart:end])); gluedTime(string(runes[pieceStart:end])) {
			words = append(words, strings.TrimSuffix(glued, "time"), "time")
		}
	}
	for i, r := range runes {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush()
			piece(i)
			pieceStart = i + 1
			continue
		}
		if len(cur) > 0 {
			prev := runes[i-1]
			switch {
			case unicode.IsLower(prev) && unicode.IsUpper(r),
				unicode.IsLetter(prev) != unicode.IsLetter(r):
				flush()
			case unicode.IsUpper(prev) && unicode.IsUpper(r) && i+1 < len(runes) && unicode.IsLower(runes[i+1]):
				flush() // IMSINumber: imsi, number
			}
		}
		cur = append(cur, r)
	}
	flush()
	piece(len(runes))
	return words
}

// gluedTime reports a name in one case that is a word run into "time"
// ("answertime", "RELEASETIME"), at least three letters before it.
func gluedTime(p string) bool {
	if len(p) < len("time")+3 || !strings.HasSuffix(strings.ToLower(p), "time") {
		return false
	}
	lower, upper := 0, 0
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c >= 'a' && c <= 'z':
			lower++
		case c >= 'A' && c <= 'Z':
			upper++
		default:
			return false
		}
	}
	return lower == 0 || upper == 0
}

// wordRule maps a header to field when it has a word of every group in
// all and none of the words in none.
type wordRule struct {
	field Field
	all   [][]string
	none  []string
}

var (
	destWords    = []string{"dest", "destination", "dst", "server", "remote", "svr", "target"}
	publicWords  = []string{"public", "nat", "nated", "natted", "translated", "pub", "external"}
	privateWords = []string{"private", "source", "src", "client", "ue", "local", "user", "subscriber", "priv", "internal", "mobile"}
	ipWords      = []string{"ip", "ipv4", "ipv6", "addr", "address"}
	portWords    = []string{"port"}
	volumeWords  = []string{"bytes", "byte", "volume", "vol", "octets", "data", "traffic", "usage", "kb", "mb"}
	startWords   = []string{"start", "begin", "beginning", "opening", "open", "started", "setup", "seizure"}
	endWords     = []string{"end", "stop", "close", "closing", "ended", "finish", "release", "disconnect", "termination"}
	timeWords    = []string{"time", "timestamp", "ts", "datetime", "epoch", "unix", "utc", "gmt", "stamp", "at", "dt", "local"}
	placeWords   = []string{"cell", "cgi", "ecgi", "lac", "tac", "ip", "port", "imei", "imsi", "site", "tower", "location"}
	// "prty": Verizon's VoLTE returns abbreviate it ("Called Prty Addr")
	numberWords = []string{"number", "no", "num", "nbr", "msisdn", "party", "prty", "phone", "mobile"}
	// notPartyWords mark numbers that are not the other party of a call:
	// routing numbers, translations, the original party of a forwarded
	// call, message centres.
	notPartyWords = []string{"imei", "imsi", "cell", "lrn", "translation", "translated", "routing", "original", "forwarding",
		"forwarded", "forward", "fow", "fwd", "smsc", "sms", "centre", "center", "msc", "switch", "roaming"}
	// notCellWords mark the columns about a cell that are not its identity:
	// its address, position and name.
	notCellWords = []string{"address", "addr", "lat", "long", "latitude", "longitude", "azimuth", "city", "state", "zip", "lac", "tac"}
)

// wordRules are tried in order; the first that fits a header wins.
var wordRules = []wordRule{
	{field: FIMEI, all: [][]string{{"imei", "imeisv"}}},
	{field: FIMSI, all: [][]string{{"imsi"}}},
	{field: FDestPort, all: [][]string{destWords, portWords}},
	{field: FDestIP, all: [][]string{destWords, ipWords}},
	{field: FPublicPort, all: [][]string{publicWords, portWords}},
	{field: FPublicIP, all: [][]string{publicWords, ipWords}},
	{field: FPrivatePort, all: [][]string{privateWords, portWords}},
	{field: FPrivateIP, all: [][]string{privateWords, ipWords}},
	{field: FUplink, all: [][]string{{"up", "ul", "uplink", "upload", "uploaded", "tx", "sent", "upstream", "outbound"}, volumeWords}, none: []string{"down", "dl", "total"}},
	{field: FDownlink, all: [][]string{{"down", "dl", "downlink", "download", "downloaded", "rx", "received", "recv", "downstream", "inbound"}, volumeWords}, none: []string{"up", "ul", "total"}},
	{field: FTotal, all: [][]string{{"total", "sum", "overall", "transferred"}, volumeWords}}, // data_transferred_mb: both ways
	// "Session Start date & time": a date and a time in one column
	{field: FStart, all: [][]string{startWords, {"date", "day"}, {"time", "timestamp"}}, none: append(slices.Clone(placeWords), "duration")},
	{field: FEnd, all: [][]string{endWords, {"date", "day"}, {"time", "timestamp"}}, none: append(slices.Clone(placeWords), "duration")},
	{field: FStartDate, all: [][]string{startWords, {"date", "day"}}, none: append(slices.Clone(placeWords), "time", "timestamp", "datetime")},
	{field: FStart, all: [][]string{startWords}, none: append(slices.Clone(placeWords), "date", "duration")},
	{field: FStart, all: [][]string{{"event", "record", "session", "call", "usage"}, timeWords}, none: append(append(slices.Clone(placeWords), endWords...), "duration", "date")},
	{field: FEndDate, all: [][]string{endWords, {"date", "day"}}, none: append(slices.Clone(placeWords), "time", "timestamp", "datetime")},
	{field: FEnd, all: [][]string{endWords}, none: append(slices.Clone(placeWords), "date", "duration")},
	{field: FDuration, all: [][]string{{"duration", "dur", "elapsed", "holding", "conversation", "talk", "billsec"}}},
	{field: FLAC, all: [][]string{{"lac", "tac"}}},
	// an eNodeB's id ("Mkt Enodeb Id", "eNB ID"): the site of an LTE cell,
	// never the cell (enodeb_cell.go)
	{field: FLTESite, all: [][]string{{"enodeb", "enb"}}, none: append(slices.Clone(notCellWords), "name")},
	{field: FCell, all: [][]string{{"cell", "cgi", "ecgi", "ncgi", "tower", "bts", "sector", "eci", "ci"}}, none: notCellWords},
	// 3GPP's "firstCallingLocationInformation": the location area and cell
	{field: FCell, all: [][]string{{"location"}, {"information", "info"}}, none: notCellWords},
	{field: FRAT, all: [][]string{{"rat", "radio"}}},
	{field: FCallType, all: [][]string{{"call", "event", "record", "service", "usage", "cdr", "traffic"}, {"type", "kind", "category", "class"}}},
	{field: FDirection, all: [][]string{{"direction", "dir"}}},
	{field: FOther, all: [][]string{{"b", "bparty", "other", "called", "dialled", "dialed", "opposite", "remote", "peer", "callee", "receiver"}, numberWords}, none: notPartyWords},
	{field: FAParty, all: [][]string{{"a", "aparty", "calling", "caller", "originating"}, numberWords}, none: notPartyWords},
	{field: FMSISDN, all: [][]string{{"msisdn", "mdn", "msisdnno"}}},
	{field: FMSISDN, all: [][]string{{"target", "subscriber", "mobile", "served", "user", "customer"}, {"number", "no", "num", "nbr", "phone", "mobile"}}, none: []string{"imei", "imsi", "ip", "port"}},
}

// cellNameWords mark a cell column that may hold the cell's name rather
// than its identity ("First Cell ID-Name/Location", "Cell Name"): taken
// only when no other column names the cell.
var cellNameWords = []string{"name", "location", "place", "site"}

// siteOnlyWords name a cell's site or antenna rather than the cell: a
// header with one and no cellIdentityWords ("BTS_ID", "SECTOR", "Tower")
// is a cell column only when no other names the cell. WOM Colombia's data
// records give BTS_ID (the eNodeB: 11648) before CELL_ID_VOZ (its cell,
// 11648×256+7 = 2981895): the leftmost would key every session under its
// site's number taken for a cell.
var (
	siteOnlyWords     = []string{"bts", "tower", "sector", "site"}
	cellIdentityWords = []string{"cell", "cgi", "ecgi", "ncgi", "eci", "ci"}
)

// wordRank is the rank of a column a rule matched: after every alias, a
// cell column that may be a name after the other cell columns, and one
// naming only a site or sector after those.
func wordRank(f Field, header string) int {
	r := len(fieldAliases[f])
	if f != FCell {
		return r
	}
	words := headerWords(header)
	has := func(set []string) bool {
		return slices.ContainsFunc(words, func(w string) bool { return slices.Contains(set, w) })
	}
	switch {
	case has(siteOnlyWords) && !has(cellIdentityWords):
		r += 2
	case has(cellNameWords):
		r++
	}
	return r
}

// ruleWords are the words some rule asks for: a header with none of them
// fits no rule.
var ruleWords = func() map[string]bool {
	m := map[string]bool{}
	for _, r := range wordRules {
		for _, g := range r.all {
			for _, w := range g {
				m[w] = true
			}
		}
	}
	return m
}()

// fieldByWords returns the field the first fitting rule gives a header.
func fieldByWords(header string) (Field, bool) {
	words := headerWords(header)
	if !slices.ContainsFunc(words, func(w string) bool { return ruleWords[w] }) {
		return "", false
	}
	has := func(set []string) bool {
		for _, w := range words {
			if slices.Contains(set, w) {
				return true
			}
		}
		return false
	}
	for _, r := range wordRules {
		fits := !has(r.none)
		for _, g := range r.all {
			fits = fits && has(g)
		}
		if fits {
			return r.field, true
		}
	}
	return "", false
}

// valueCheck is how a value of f is recognised, nil for fields whose
// values take any form (cells, call types, RAT names).
func valueCheck(f Field) func(string) bool {
	ok := func(err error) bool { return err == nil }
	switch f {
	case FMSISDN, FOther, FAParty, FBParty:
		return func(v string) bool { _, err := ParseMSISDN(v); return ok(err) }
	case FIMSI:
		return func(v string) bool { _, err := ParseIMSI(v); return ok(err) }
	case FIMEI:
		return func(v string) bool { _, err := ParseIMEI(v); return ok(err) }
	case FPrivateIP, FPublicIP, FDestIP, FPrivateIP6, FPublicIP6, FDestIP6:
		return func(v string) bool { _, err := ParseIP(v); return ok(err) }
	case FPrivatePort, FPublicPort, FDestPort:
		return func(v string) bool { _, err := ParsePort(v); return ok(err) }
	case FUplink, FDownlink, FTotal:
		// KB: 12.5 is a volume under a header that gives the unit
		return func(v string) bool { _, err := ParseVolumeIn(v, "KB"); return ok(err) }
	case FDuration:
		return func(v string) bool { _, err := ParseDuration(v); return ok(err) }
	case FStart, FEnd:
		return func(v string) bool {
			if _, _, err := ParseTimeOfDay(v); err == nil {
				return true
			}
			return DateOrders(v) != 0
		}
	case FStartDate, FEndDate:
		return func(v string) bool { return DateOrders(v) != 0 }
	}
	return nil
}

// headerVolumeUnits are the words a volume column's header may give its
// unit in, and the unit they name.
var headerVolumeUnits = map[string]string{
	"kb": "KB", "kib": "KB", "kbytes": "KB", "kilobytes": "KB", "kbyte": "KB",
	"mb": "MB", "mib": "MB", "mbytes": "MB", "megabytes": "MB", "mbyte": "MB",
	"gb": "GB", "gib": "GB", "gbytes": "GB", "gigabytes": "GB", "gbyte": "GB",
}

// volumeUnitsOf reads the unit each volume column's header declares.
func volumeUnitsOf(l *Layout) map[Field]string {
	var units map[Field]string
	for _, f := range []Field{FUplink, FDownlink, FTotal} {
		c, ok := l.Columns[f]
		if !ok || c >= len(l.Header) {
			continue
		}
		for _, w := range headerWords(l.Header[c]) {
			if u, ok := headerVolumeUnits[w]; ok {
				if units == nil {
					units = map[Field]string{}
				}
				units[f] = u
				break
			}
		}
	}
	return units
}

// headerDurationScales are the words a duration column's header may give
// a unit other than the second in, and the seconds in that unit.
var headerDurationScales = map[string]float64{
	"ms": 0.001, "msec": 0.001, "msecs": 0.001, "millis": 0.001, "millisec": 0.001, "milliseconds": 0.001,
	"min": 60, "mins": 60, "minute": 60, "minutes": 60,
}

// durationScaleOf reads the unit the duration column's header declares: 0
// for seconds or none.
func durationScaleOf(l *Layout) float64 {
	c, ok := l.Columns[FDuration]
	if !ok || c >= len(l.Header) {
		return 0
	}
	for _, w := range headerWords(l.Header[c]) {
		if s, ok := headerDurationScales[w]; ok {
			return s
		}
	}
	return 0
}

func durationUnitName(scale float64) string {
	if scale < 1 {
		return "milliseconds"
	}
	return "minutes"
}
