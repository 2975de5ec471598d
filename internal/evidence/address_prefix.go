package evidence

import (
	"fmt"
	"strings"
)

// Numbers with their address header in front. A ZTE MSC's records, as an
// operator's mediation database keeps them (mediation.zte: servedMSISDN,
// callingNumber, calledNumber), write each number as the octets of its
// 3GPP address, nibble-swapped like the digits after it: the first octet
// (extension bit, type of number, numbering plan: 0x91 international, 0x81
// unknown, both ISDN/E.164) comes out "19" or "18", so a subscriber
// +231 77 012 3456 is "19231770123456". A calling party number whose
// first octet has the extension bit clear (0x11, 0x01, 0x21) has a second
// octet (presentation and screening, 3GPP TS 24.008 §10.5.4.9) before the
// digits: four characters, "1100…". The operator's own queries cut them
// off (substring(servedMSISDN,3); substring(callingNumber,5); a local
// subscriber is servedMSISDN LIKE '1923177%').
//
// A file is read so only when its subscriber column is servedMSISDN and
// every sampled value of it is such a number: 1 (the plan) and a header
// character, then digits, 12 characters or more. No plain number is so:
// the one country code starting with 1, NANP's, has 11 digits with it. A
// column where some values are so and others not is refused: which form
// a value is in could not be told.

// addressPrefixOf says which party columns of l write the address header
// before the digits; nil when the file's numbers are plain, an error when
// its subscriber column mixes both forms.
func addressPrefixOf(l *Layout, byCol map[int][]string) (map[int]bool, error) {
	if l.Kind != KindVoice {
		return nil, nil
	}
	c, ok := l.Columns[FMSISDN]
	if !ok || c >= len(l.Header) || normHeader(l.Header[c]) != "servedmsisdn" {
		return nil, nil
	}
	var headed, plain string
	for _, v := range byCol[c] {
		v = strings.TrimSpace(v)
		switch {
		case v == "":
		case looksHeaded(v):
			if headed == "" {
				headed = v
			}
		case plain == "":
			plain = v
		}
	}
	if headed == "" {
		return nil, nil
	}
	if plain != "" {
		return nil, &LayoutError{Reason: fmt.Sprintf("%s mixes numbers written after their address header (%q: 19 and the international number, as ZTE's mediation writes them) with numbers that are not (%q): which form a value is in cannot be told, so the file is not read",
			l.Header[c], headed, plain)}
	}
	out := map[int]bool{c: true}
	for _, f := range []Field{FAParty, FBParty, FOther} {
		if pc, ok := l.Columns[f]; ok {
			out[pc] = true
		}
	}
	return out, nil
}

// looksHeaded says whether v can only be a number after its address
// header: "1", a header character, digits, 12 characters or more.
func looksHeaded(v string) bool {
	return len(v) >= 12 && v[0] == '1' && isHexDigit(v[1]) && plainDigits(v[2:])
}

func isHexDigit(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F'
}

// normHeader is a header cell lower-cased without spaces, '_', '-' and '.'.
func normHeader(h string) string {
	return strings.ToLower(strings.NewReplacer(" ", "", "_", "", "-", "", ".", "").Replace(strings.TrimSpace(h)))
}

// decodeAddress reads a number written with its address header: the
// international number with its '+' ("19" + digits: "+231770123456"), or
// the digits as dialled when the type of number is unknown ("18" +
// "0770654321": "0770654321", read by the country's numbering plan). why
// says why a value is not read: another numbering plan or type of number
// (a national number's country code is not written), or no digits.
func decodeAddress(v string) (number, why string) {
	if len(v) < 3 {
		return "", "too short for an address header and digits"
	}
	if v[0] != '1' {
		return "", fmt.Sprintf("the header %q names no ISDN/E.164 numbering plan (its first character, the plan, is not 1)", v[:2])
	}
	if !isHexDigit(v[1]) {
		return "", fmt.Sprintf("the header %q is no address octet's", v[:2])
	}
	nib := v[1] - '0'
	if nib > 9 {
		nib = v[1]&^0x20 - 'A' + 10
	}
	head := 2
	if nib < 8 { // extension bit clear: presentation and screening follow
		head = 4
	}
	if len(v) <= head {
		return "", "an address header and no digits"
	}
	digits := v[head:]
	if !plainDigits(digits) || len(digits) > maxMSISDNDigits {
		return "", fmt.Sprintf("%q after the header %q is not a number of up to %d digits", digits, v[:head], maxMSISDNDigits)
	}
	switch nib & 7 {
	case 1:
		return "+" + digits, ""
	case 0:
		return digits, ""
	case 2:
		return "", fmt.Sprintf("the header %q says a national number: its country code is not written", v[:head])
	case 3:
		return "", fmt.Sprintf("the header %q says a network-specific number, not a telephone number", v[:head])
	case 4:
		return "", fmt.Sprintf("the header %q says a dedicated access or short code, not a telephone number", v[:head])
	}
	return "", fmt.Sprintf("the header %q says a reserved type of number (%d)", v[:head], nib&7)
}

// addressWhy is the raw cell of f and why it is not read, when the
// layout's column writes an address header and the cell's does not decode
// (rd.cell returns such a cell as written); why is "" otherwise.
func (rd *Reader) addressWhy(f Field) (raw, why string) {
	if rd.l.AddressPrefix == nil {
		return "", ""
	}
	s := rd.slot(f)
	c := s.c
	if s.hasCC && rd.called {
		c = s.cc
	} else if s.callerOnly && rd.called || s.calleeOnly && rd.calling {
		return "", ""
	}
	if !s.ok || !rd.l.AddressPrefix[c] || c >= len(rd.cells) || rd.cells[c] == "" {
		return "", ""
	}
	raw = rd.cells[c]
	if _, why = decodeAddress(raw); why == "" {
		return "", ""
	}
	return raw, why
}

// addressPrefixFormat says how the file's numbers are written, for
// Describe; "" when they are plain.
func (l *Layout) addressPrefixFormat() string {
	if len(l.AddressPrefix) == 0 {
		return ""
	}
	return "numbers after their address header (19 international, 18 as dialled; 4 characters when a second octet follows), as ZTE's mediation writes them"
}
