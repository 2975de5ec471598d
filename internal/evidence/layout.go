package evidence

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/ident"
)

// Layout is what detection learned about a delimited evidence file: enough
// to read every row of it the same way, and to say afterwards how it was read.
type Layout struct {
	Kind       Kind
	Delimiter  byte
	HeaderLine int64    // physical line of the header row
	Header     []string // header cells as written
	Columns    map[Field]int
	DateOrder  DateOrder // "" when the file has no all-numeric dates
	BOM, CRLF  bool
	Zone       *time.Location // nil: wall clock kept as written
	// PLMN is the serving network the analyst named (--plmn), MCC and MNC,
	// for cells of a file with no MCC and MNC columns; zero when none.
	PLMN ident.Cell
	// VolumeUnits are the size units volume columns declare in their
	// header ("Uplink Volume (KB)"), applied to values written without one.
	VolumeUnits map[Field]string
	// DurationScale is the seconds in one unit of the duration column when
	// its header names a unit other than the second ("Duration (ms)": 0.001).
	DurationScale float64
	// FritzBox says the file is a FRITZ!Box call list (fritzbox.go): its
	// durations are hours:minutes, its own number the subscriber's.
	FritzBox bool
	// FritzPush says it is the list the push service mails ("Typ; Datum;
	// ..."), whose type codes are not the web list's (1 outgoing, 2
	// incoming, per JFritz): they are kept as written.
	FritzPush bool
	// DurationMark is the duration column's decimal mark in a
	// semicolon-separated file, ',' or '.', 0 when no value decides
	// (decimal_mark.go).
	DurationMark byte
	// Hemisphere are the latitude and longitude columns whose header
	// names the south or the west ("longitud_w"): their unsigned values
	// are read in it (hemisphere.go).
	Hemisphere map[Field]byte
	// BareCoords says the cell's latitude and longitude are read from a
	// bare "Latitude"/"Longitude" pair beside the cell column; NotRead
	// are the coordinate columns not read, each with why
	// (record_coords.go).
	BareCoords bool
	NotRead    []string
	// Unfilled are the fields records of this kind usually carry that no
	// column fills; Refused the columns whose name offered a field their
	// values did not fit.
	Unfilled []Field
	Refused  []string
	// DirectionCodes maps the codes of a carrier's direction column
	// (Verizon's 0, 1, 3, 6) to IN or OUT; CodesOf names the table.
	DirectionCodes map[string]string
	CodesOf        string
	// VoicemailColumns are a T-Mobile layout's party columns, where an
	// outgoing entry to its voicemail system marks an incoming call
	// forwarded there (tmobile_voicemail.go).
	VoicemailColumns []int
	// ServiceCodes maps the codes of a service column to what they name
	// (GSMA TAP's teleServiceCode: 11 telephony, 21 SMS MT, 22 SMS MO).
	ServiceCodes map[string]string
	// Target is the number every record of a call file with both parties
	// and no target column holds (AT&T's returns): the subscriber, who
	// called when it is the originating number and was called otherwise.
	Target string
	// AServed says the device and cell columns are the A party's ("IMEI
	// A", "First Cell ID A": an Indian tower dump's A/B layout): every
	// record is the A party's, whatever its direction, so the A party is
	// its subscriber and the B party the other.
	AServed bool
	// CallerParty says the file's one party column names the caller
	// ("caller", "Calling Number") and no column the called party: an
	// incoming record then names no subscriber (callerOnlyParty).
	CallerParty bool
	// CalledColumns are the called party's IMSI, IMEI and cell columns
	// beside the calling party's in Columns ("callingSubscriberIMSI",
	// "calledSubscriberIMSI"): an incoming record, whose subscriber is the
	// called party, is read from them.
	CalledColumns map[Field]int
	// CallerOnly are the IMSI, IMEI and cell fields whose column is the
	// calling party's with no called party's beside it: an incoming record
	// has none of them (callerOnlyColumns).
	CallerOnly map[Field]bool
	// CalleeOnly are those whose column is the called party's with no
	// calling party's beside it: an outgoing record has none of them.
	CalleeOnly map[Field]bool
	// ZoneFromHeader says the start column's header names UTC ("(UTC)
	// Time", "Conn. Time(UTC)"): the file is read in UTC whatever --tz says.
	ZoneFromHeader bool
	// PartyDirection says the direction column holds only codes nothing
	// explains (Verizon VoLTE's CallDirection 0, 1): a record's direction
	// is read from where the subscriber stands among its parties
	// (party_direction.go).
	PartyDirection bool
	// ServiceAll is the service of every record where no column gives one:
	// "SMS" for Verizon's text-message returns (verizon_text.go).
	ServiceAll string
	// Joined are identities a decoder split into sub-columns
	// (callingSubscriberIMSI.mcc, .mnc, .msin), read through a column
	// index past the header's (split_identity.go).
	Joined map[int]joinedColumn
	// AddressPrefix are the party columns whose numbers are written after
	// their address header ("19" international, "18" as dialled: ZTE's
	// mediation records, address_prefix.go); nil when numbers are plain.
	AddressPrefix map[int]bool
	// HexColumns are the LAC and cell columns whose values are all read
	// as hexadecimal, decided over the whole file (cell_base.go).
	HexColumns   map[int]bool
	pendingOrder *orderEvidence // set while the date order is undecided
	cellBase     *cellBase      // the LAC and cell columns' evidence (cell_base.go)
}

// Options are the analyst's instructions for reading a file.
type Options struct {
	DateOrder DateOrder        // forced date order, "" to detect
	Map       map[Field]string // field -> column (header name or 1-based number)
	Zone      *time.Location   // zone the wall clock is in; nil keeps it as written
	Kind      Kind             // forced kind (--kind), "" to decide from the fields
	// PLMN is the serving network (--plmn MCC-MNC, "310-260") of records
	// whose file names none: the network of their LTE and LAC-CI cells.
	PLMN string
}

// ZoneName is the name stored for the zone a file was read in: "" when none
// was given and wall clocks are kept as written.
func (l *Layout) ZoneName() string {
	if l.Zone == nil {
		return ""
	}
	return l.Zone.String()
}

// Describe says in words how the file is read, for the sources table.
func (l *Layout) Describe() string {
	var parts []string
	parts = append(parts, fmt.Sprintf("%s, delimiter %s, header on line %d", l.Kind, delimName(l.Delimiter), l.HeaderLine))
	if l.DateOrder != "" {
		parts = append(parts, "dates "+string(l.DateOrder))
	}
	if l.BOM {
		parts = append(parts, "BOM")
	}
	if l.CRLF {
		parts = append(parts, "CRLF")
	}
	if l.DurationScale != 0 {
		parts = append(parts, "duration in "+durationUnitName(l.DurationScale))
	}
	if l.FritzBox {
		parts = append(parts, "FRITZ!Box call list: durations in hours:minutes")
	}
	if l.DurationMark == ',' && l.Has(FDuration) {
		parts = append(parts, "durations with a decimal comma")
	}
	for _, f := range []Field{FUplink, FDownlink, FTotal} {
		if u := l.VolumeUnits[f]; u != "" {
			parts = append(parts, fmt.Sprintf("%s in %s", f, u))
		}
	}
	if l.ZoneFromHeader {
		parts = append(parts, "times in UTC as the header says")
	}
	if l.ServiceAll != "" {
		parts = append(parts, "every record "+l.ServiceAll+" (Verizon text messages)")
	}
	if s := l.hemisphereFormat(); s != "" {
		parts = append(parts, s)
	}
	parts = append(parts, l.coordFormat()...)
	if l.Target != "" {
		parts = append(parts, "target "+l.Target+" (a party of every record)")
	}
	if l.AServed {
		parts = append(parts, "records of the A party (its IMEI and cell columns)")
	}
	if len(l.CalledColumns) > 0 {
		parts = append(parts, "identity of an incoming record from the called party's columns")
	}
	if len(l.CallerOnly) > 0 {
		parts = append(parts, "no "+callerOnlyNames(l.CallerOnly)+" for an incoming record (the column is the caller's)")
	}
	if len(l.CalleeOnly) > 0 {
		parts = append(parts, "no "+callerOnlyNames(l.CalleeOnly)+" for an outgoing record (the column is the called party's)")
	}
	if s := l.lteCellFormat(); s != "" {
		parts = append(parts, s)
	}
	if s := l.switchCellFormat(); s != "" {
		parts = append(parts, s)
	}
	if s := l.plmnFormat(); s != "" {
		parts = append(parts, s)
	}
	if s := l.hexFormat(); s != "" {
		parts = append(parts, s)
	}
	if s := l.addressPrefixFormat(); s != "" {
		parts = append(parts, s)
	}
	if l.CodesOf != "" {
		parts = append(parts, "direction codes of "+l.CodesOf)
	}
	if len(l.Unfilled) > 0 {
		parts = append(parts, "no column for "+fieldList(l.Unfilled))
	}
	if len(l.Refused) > 0 {
		parts = append(parts, "columns refused: "+strings.Join(l.Refused, "; "))
	}
	return strings.Join(parts, ", ")
}

func fieldList(fs []Field) string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = UnfilledName(f)
	}
	return strings.Join(names, " ")
}

// UnfilledName names a field of Layout.Unfilled: "volume" for the volumes
// (uplink, downlink or total), the field's name otherwise.
func UnfilledName(f Field) string {
	if f == FTotal {
		return "volume"
	}
	return string(f)
}

// Mapping lists field=column pairs in field order, for the sources table.
func (l *Layout) Mapping() string {
	fields := make([]string, 0, len(l.Columns))
	for f, c := range l.Columns {
		name := fmt.Sprintf("#%d", c+1)
		if j, ok := l.Joined[c]; ok {
			name = j.names()
		} else if c < len(l.Header) {
			name = l.Header[c]
			if l.nameRepeats(c) {
				// two columns of one name: the number says which
				name = fmt.Sprintf("%s (column %d)", name, c+1)
			}
		}
		fields = append(fields, fmt.Sprintf("%s=%s", f, name))
	}
	for f, c := range l.CalledColumns {
		if j, ok := l.Joined[c]; ok {
			fields = append(fields, fmt.Sprintf("%s of the called party=%s", f, j.names()))
		} else if c < len(l.Header) {
			fields = append(fields, fmt.Sprintf("%s of the called party=%s", f, l.Header[c]))
		}
	}
	sort.Strings(fields)
	return strings.Join(fields, "; ")
}

// headerSaysUTC reports whether the header of the column the start's time
// is read from names UTC or GMT.
func (l *Layout) headerSaysUTC() bool {
	for _, f := range []Field{FStart, FStartTime} {
		c, ok := l.Columns[f]
		if !ok || c >= len(l.Header) {
			continue
		}
		for _, w := range headerWords(l.Header[c]) {
			if w == "utc" || w == "gmt" {
				return true
			}
		}
	}
	return false
}

// nameRepeats reports whether another column has the name of column c.
func (l *Layout) nameRepeats(c int) bool {
	n := normalizeHeader(l.Header[c])
	for i, h := range l.Header {
		if i != c && normalizeHeader(h) == n {
			return true
		}
	}
	return false
}

// Has reports whether the layout maps f to a column.
func (l *Layout) Has(f Field) bool {
	_, ok := l.Columns[f]
	return ok
}

func delimName(d byte) string {
	switch d {
	case '\t':
		return "tab"
	case ',':
		return "comma"
	case ';':
		return "semicolon"
	case '|':
		return "pipe"
	}
	return fmt.Sprintf("%q", d)
}

// LayoutError explains why a file could not be read as evidence: which
// required fields no column names, and what was found instead.
type LayoutError struct {
	Reason  string
	Missing []Field
	Found   []string // header cells of the best candidate row
	Hint    string
}

func (e *LayoutError) Error() string {
	var b strings.Builder
	b.WriteString("unknown layout: ")
	b.WriteString(e.Reason)
	if len(e.Missing) > 0 {
		names := make([]string, len(e.Missing))
		for i, f := range e.Missing {
			names[i] = string(f)
		}
		fmt.Fprintf(&b, "; required fields not found: %s", strings.Join(names, ", "))
	}
	if len(e.Found) > 0 {
		found := e.Found
		if len(found) > 24 {
			found = found[:24]
		}
		fmt.Fprintf(&b, "; columns seen: %s", strings.Join(found, " | "))
	}
	if e.Hint != "" {
		b.WriteString("; ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// AmbiguousDatesError says the file's dates read equally well day-first and
// month-first, so the analyst must choose.
type AmbiguousDatesError struct {
	Orders []DateOrder
	Sample string
	// Hint names the order the layout's country writes, when the layout is
	// one only that country's operators write: a suggestion, never taken
	// by itself (a copy saved again by a spreadsheet in another locale
	// writes the other order).
	Hint string
}

func (e *AmbiguousDatesError) Error() string {
	names := make([]string, len(e.Orders))
	for i, o := range e.Orders {
		names[i] = string(o)
	}
	s := fmt.Sprintf("ambiguous date order: every date in the file (e.g. %q) reads as %s; give --date-order %s",
		e.Sample, strings.Join(names, " or "), strings.Join(names, "|"))
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

// countryDateOrders are the orders in which a country's operators write
// numeric dates in their returns.
var countryDateOrders = map[string]DateOrder{"US": MDY, "CA": MDY, "IN": DMY, "GB": DMY, "PK": DMY}

// dateOrderHint is AmbiguousDatesError's hint for layout l among orders.
func dateOrderHint(l *Layout, orders []DateOrder) string {
	iso, why := l.Country()
	o, ok := countryDateOrders[iso]
	if !ok || !slices.Contains(orders, o) {
		return ""
	}
	return why + "; that country's returns write " + string(o) + ": --date-order " + string(o) + ", unless this copy was saved again in another locale"
}

// DateOrderError says the date order the analyst gave (--date-order)
// cannot read a date of the file: every row would be rejected, so the file
// is refused before any is read.
type DateOrderError struct {
	Order DateOrder
	Value string // the date as written
	Line  int64  // its physical line
	Fits  []DateOrder
}

func (e *DateOrderError) Error() string {
	fits := ""
	if len(e.Fits) > 0 {
		names := make([]string, len(e.Fits))
		for i, o := range e.Fits {
			names[i] = string(o)
		}
		fits = " (it reads only as " + strings.Join(names, " or ") + ")"
	}
	return fmt.Sprintf("--date-order %s contradicts the file: %q on line %d is no date in %s%s", e.Order, e.Value, e.Line, e.Order, fits)
}

// EmptyReturnError says a file is an operator's return holding no records:
// no header, and a line such as "No Data Found".
type EmptyReturnError struct {
	Line int64
}

func (e *EmptyReturnError) Error() string {
	return fmt.Sprintf("an operator's empty return: line %d says no data was found", e.Line)
}
