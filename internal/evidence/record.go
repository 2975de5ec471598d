// Package evidence reads operator evidence files: it detects their layout
// from content (delimiter, header aliases, date order, preamble lines),
// validates every value, and turns each line into a typed record that
// remembers the line it came from. It does no I/O beyond the reader it is
// given and knows nothing of SQL or terminals.
package evidence

// Kind names what a source holds.
type Kind string

// The kinds of evidence cdrtui imports.
const (
	KindData  Kind = "ipdr"  // GPRS/IPDR data sessions (Table I of the paper)
	KindVoice Kind = "voice" // voice and SMS CDRs
)

// Absent marks a numeric field the file did not give (ports, volumes).
const Absent = -1

// DataRecord is one GPRS/IPDR data session.
type DataRecord struct {
	Line        int64  // physical line number in the source, 1-based
	MSISDN      string // digits only
	MSISDNAs    string // the MSISDN as written when that is not MSISDN itself ("+91 97144 99703"), else ""
	IMSI        string // digits, "" if absent or invalid
	IMEI        string // digits, "" if absent or invalid
	PrivateIP   string // canonical text form, "" if absent
	PrivatePort int    // Absent if not given
	PublicIP    string
	PublicPort  int
	DestIP      string
	DestPort    int
	Start       int64 // Unix seconds
	End         int64 // Unix seconds; valid only if HasEnd
	HasEnd      bool
	WallOffset  int32        // seconds to add to Start to get the wall clock written in the evidence
	Cell        string       // cell identity as written (CGI, or MCC-MNC-LAC-CI composed from parts)
	Site        CellPosition // the cell's position when the row gives it
	Uplink      int64        // bytes, Absent if not given
	Downlink    int64
	Total       int64
	RAT         string // radio access type as written (2G, 3G, LTE, 6 ...)
	Domain      string // host, domain or APN when the file names one
	DeviceID    string // a device identifier that is not an IMEI (a MAC address), as written
}

// VoiceRecord is one voice call or SMS seen from the subscriber's side.
type VoiceRecord struct {
	Line       int64
	MSISDN     string // the subscriber the record belongs to (target / A party)
	MSISDNAs   string // the MSISDN as written when that is not MSISDN itself, else ""
	Other      string // the other party as written (digits when it is a number)
	OtherAs    string // the other party as written when Other is its digits and they differ ("+91 97144 99703"), else ""
	CallType   string // VOICE_IN, VOICE_OUT, SMS_IN, SMS_OUT, or the file's own word in upper case
	Start      int64  // Unix seconds
	WallOffset int32
	Duration   int64 // seconds, Absent if not given
	Cell       string
	Site       CellPosition
	IMSI       string
	IMEI       string
}

// Normalised call types.
const (
	VoiceIn  = "VOICE_IN"
	VoiceOut = "VOICE_OUT"
	SMSIn    = "SMS_IN"
	SMSOut   = "SMS_OUT"
)

// FieldIssue reports a value that was not kept although its row was: the row
// is imported without that field, and the issue is written to the case's
// rejects with the line so nothing is silently lost.
type FieldIssue struct {
	Field  string
	Value  string
	Reason string
	Kept   bool // the value was kept (as written) and is only flagged
}

// CellPosition is a cell's position as a record gives it (a CDR's "First
// CGI Lat/Long"); Set false when the row gives none.
type CellPosition struct {
	Set        bool
	Lat, Lon   float64
	Azimuth    float64
	HasAzimuth bool
	Name       string // the site's name written beside its position (Jazz's "name|lat|long"), "" when none
}
