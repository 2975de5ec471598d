package asterisk

import (
	"strings"
)

// Recipient sources, as returned by Call.Recipient.
const (
	FromDst           = "dst"             // the dst column as written
	FromLastData      = "lastdata"        // a number in the Dial() target
	FromDstWithoutSrc = "dst-without-src" // dst with a leading copy of src removed
)

// dialApps are the applications whose data names channels to call.
var dialApps = map[string]bool{"dial": true, "retrydial": true, "page": true, "originate": true}

// gsmTechs are channel technologies that are GSM modems or phones.
var gsmTechs = []string{"dongle/", "quectel/", "datacard/", "mobile/"}

// endpointTechs are channel technologies of phones and peers (not Local
// helper channels, not modems, not DAHDI spans that may be trunks).
var endpointTechs = []string{"sip/", "pjsip/", "iax2/", "skinny/", "mgcp/", "console/", "unistim/"}

// Context words that show which way a call went, checked in this order.
var (
	outboundWords = map[string]bool{"out": true, "outbound": true, "outgoing": true, "dialout": true, "to": true}
	inboundWords  = map[string]bool{"in": true, "incoming": true, "inbound": true, "pstn": true, "trunk": true,
		"dongle": true, "gsm": true, "did": true, "external": true, "gateway": true, "provider": true}
	internalWords = map[string]bool{"internal": true, "phones": true, "phone": true, "local": true,
		"users": true, "extensions": true, "office": true, "staff": true}
)

// Recipient returns the number called and which field it came from
// (FromDst, FromLastData, FromDstWithoutSrc; "" and "" when there is no
// number). dst wins when it is a number, unless it is src with the real
// destination glued on (a known quirk of modem set-ups): then the number in
// the Dial() data wins, and without one dst minus the src prefix is used
// when src is long enough (7+ digits) to be a real number. When dst is not a
// number (s, t, ch1, &) the first number dialled in lastdata is used
// (Dial(Dongle/dongle0/0123456789,30) -> 0123456789).
func (c Call) Recipient() (number, from string) {
	dst := strings.TrimSpace(c.Dst)
	dialled := c.dialledNumbers()
	// A glued src+dst may pass the 20 digits of a single number.
	if d := strings.TrimPrefix(dst, "+"); len(d) < 3 || len(d) > 40 || !isDigits(d) {
		if len(dialled) > 0 {
			return dialled[0], FromLastData
		}
		return "", ""
	}
	src := strings.TrimSpace(c.Src)
	if !isPhoneNumber(src) || len(dst)-len(src) < 3 || !strings.HasPrefix(dst, src) {
		return dst, FromDst
	}
	rest := dst[len(src):]
	for _, n := range dialled {
		if n == dst {
			return dst, FromDst
		}
	}
	for _, n := range dialled {
		if n == rest {
			return rest, FromLastData
		}
	}
	if len(dialled) > 0 {
		return dialled[0], FromLastData
	}
	if len(strings.TrimPrefix(src, "+")) >= 7 {
		return rest, FromDstWithoutSrc
	}
	return dst, FromDst
}

// dialledNumbers returns the numbers named by a Dial-like lastapp's
// targets, in order.
func (c Call) dialledNumbers() []string {
	if !dialApps[strings.ToLower(strings.TrimSpace(c.LastApp))] {
		return nil
	}
	return DialTargetNumbers(c.LastData)
}

// DialTargetNumbers returns the phone numbers in the channel list of Dial()
// data: the part before the first ',' (or '|', the separator of Asterisk
// 1.4 and older), split at '&', each target's
// resource parts with any "@host" removed ("Dongle/dongle0/0123456789",
// "SIP/0123456789@trunk", "Local/123@ctx/n").
func DialTargetNumbers(data string) []string {
	if i := strings.IndexAny(data, ",|"); i >= 0 {
		data = data[:i]
	}
	var out []string
	for _, target := range strings.Split(data, "&") {
		parts := strings.Split(strings.TrimSpace(target), "/")
		if len(parts) < 2 {
			continue
		}
		for _, p := range parts[1:] {
			if at := strings.IndexByte(p, '@'); at >= 0 {
				p = p[:at]
			}
			if isPhoneNumber(p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// isPhoneNumber: an optional '+' and 3 to 20 digits.
func isPhoneNumber(s string) bool {
	d := strings.TrimPrefix(s, "+")
	return len(d) >= 3 && len(d) <= 20 && isDigits(d)
}

// Direction classifies a call as "outbound", "inbound", "internal" or
// "unknown" with nothing known of the PBX's configuration: Classify(nil).
func (c Call) Direction() string {
	return c.Classify(nil).Direction
}

// contextDirection reads a direction from the words of a context name and
// returns the word that decided. FreePBX/Issabel's from-did-direct is where
// extension-to-extension calls land too: it says nothing by itself.
func contextDirection(ctx string) (dir, word string) {
	lctx := strings.ToLower(strings.TrimSpace(ctx))
	if strings.HasPrefix(lctx, "from-did-direct") {
		return "", ""
	}
	words := strings.FieldsFunc(lctx, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	for _, set := range []struct {
		words map[string]bool
		dir   string
	}{{outboundWords, "outbound"}, {inboundWords, "inbound"}, {internalWords, "internal"}} {
		for _, w := range words {
			if set.words[w] {
				return set.dir, w
			}
		}
	}
	return "", ""
}

// hasTechPrefix reports whether a channel name starts with one of the
// lower-case "tech/" prefixes, ignoring case.
func hasTechPrefix(channel string, techs []string) bool {
	for _, t := range techs {
		if len(channel) > len(t) && strings.EqualFold(channel[:len(t)], t) {
			return true
		}
	}
	return false
}

// Dongle returns the chan_dongle device name from channel or dstchannel
// ("Dongle/dongle0-0100000001" -> "dongle0"), or "".
func (c Call) Dongle() string {
	for _, ch := range []string{c.Channel, c.DstChannel} {
		const prefix = "dongle/"
		if len(ch) <= len(prefix) || !strings.EqualFold(ch[:len(prefix)], prefix) {
			continue
		}
		name := ch[len(prefix):]
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			name = name[:i]
		}
		return name
	}
	return ""
}

// DedupKey identifies the same CDR copied into Master.csv and a
// per-account file (100.csv): every field of the record. uniqueid alone is
// not enough: the legs of a parallel Dial() (Dial(SIP/301&SIP/200)) are
// separate records sharing uniqueid, start and end, told apart only by
// dstchannel (and sequence, when logged). Line, Raw and Columns never take
// part, so copies at different lines still match. An unknown duration
// takes the talk time's place in the key, and an unknown talk time the
// value it was stored as (the duration of a Kamailio record, else 0),
// as they were before either could be unknown: a file imported again
// into an older case is still kept once.
func (c Call) DedupKey() string {
	const sep = "\x1f"
	bill := c.BillSec
	if bill == NoBillsec {
		// stored before the talk time could be unknown: the duration of
		// a Kamailio acc_cdrs row or cdr log line, 0 for an acc INVITE
		// (no duration), a cdr table without billsec, a 3CX call without
		// its end
		bill = 0
		if c.LastApp == "acc_cdrs" || strings.HasPrefix(c.LastData, accMarker) {
			bill = max(c.Duration, 0)
		}
	}
	dur := c.Duration
	if dur == NoDuration {
		dur = bill
	}
	return strings.Join([]string{
		c.AccountCode, c.Src, c.Dst, c.DContext, c.CLID, c.Channel, c.DstChannel, c.LastApp, c.LastData,
		c.Start, c.Answer, c.End, itoa(dur), itoa(bill), c.Disposition, c.AMAFlags,
		c.UniqueID, c.UserField, c.PeerAccount, c.LinkedID, itoa(c.Sequence),
	}, sep)
}
