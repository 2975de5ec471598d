package evidence

import (
	"fmt"
	"slices"
)

// pstnUsageParties reads the Phone number column of Microsoft's PSTN usage
// report (Skype for Business Online's "PSTN usage details", exported from
// the admin center: Call ID, User ID, Phone number, User location, Caller
// ID, Call type, Domestic/International, Destination dialed, …) as the
// called party, never the subscriber: Microsoft's report documentation
// says Phone number is "the phone number that received the call for
// inbound calls or the number dialed for outbound calls", and Caller ID
// is the caller's number for inbound calls and the user's for outbound
// ones. With Caller ID the A party and Call type's user_in / user_out
// (conf_, ucap_ likewise) the direction, the subscriber is the caller of
// an outgoing call and the callee of an incoming one. The report is told
// by its Caller ID, Phone number and Call type columns beside
// Destination dialed or Domestic/International (the destination's
// country, not a number); a column the analyst named (--map) stands.
func pstnUsageParties(l *Layout, forced map[Field]string) {
	phone, ok := l.Columns[FMSISDN]
	if !ok || l.Kind != KindVoice || normalizeHeader(l.Header[phone]) != "phonenumber" {
		return
	}
	for _, f := range []Field{FMSISDN, FAParty, FBParty, FOther} {
		if _, named := forced[f]; named {
			return
		}
	}
	caller, hasCaller := l.Columns[FAParty]
	_, hasType := l.Columns[FCallType]
	if !hasCaller || normalizeHeader(l.Header[caller]) != "callerid" || !hasType || l.Has(FBParty) || l.Has(FOther) {
		return
	}
	if !slices.ContainsFunc(l.Header, func(h string) bool {
		n := normalizeHeader(h)
		return n == "destinationdialed" || n == "domesticinternational"
	}) {
		return
	}
	delete(l.Columns, FMSISDN)
	l.Columns[FBParty] = phone
	l.Refused = append(l.Refused, fmt.Sprintf("%q not %s (Microsoft's PSTN usage report: the number called, the user's own only on an incoming call; read as the called party)",
		l.Header[phone], FMSISDN))
}
