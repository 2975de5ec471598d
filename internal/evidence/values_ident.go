package evidence

import (
	"errors"
	"fmt"

	"github.com/cdrtui/cdrtui/internal/ident"
)

// maxMSISDNDigits is the longest E.164 number.
const maxMSISDNDigits = 15

// ParseMSISDN reads a subscriber number and returns its digits as written,
// without a leading '+' (an "00" international prefix is kept). Single
// spaces, hyphens or dots between digit groups are removed
// ("+91 98718 08000", "98718-08000"), and an area code in parentheses
// read ("(404) 555-0177"; "+44 (0)20 …" without its trunk 0: unparenthesized).
// The value may be wrapped in quotes,
// the ="..." text guard or a leading apostrophe. It fails on an empty
// value, on letters (naming the character), on more than 15 digits, on a
// decimal part ("919871808000.0", a spreadsheet float) and, wrapping
// ErrPrecisionLost, on scientific notation (9.18E+11). A cell holding a
// number and, after it, numbers marked with a letter in brackets (AT&T's
// "(D)", the dialled number) reads as its first number.
func ParseMSISDN(s string) (string, error) {
	v := unwrapValue(s)
	if v == "" {
		return "", errEmptyValue
	}
	if first, isAnnotated := annotatedMSISDN(v); isAnnotated {
		v = first // the party's number; the marked ones are noted by the reader
	}
	if n, isURI := ident.URINumber(v); isURI {
		if n == "" {
			return "", errors.New("a SIP address whose user part is not a telephone number")
		}
		v = n // an IMS record's tel: or sip: URI: its telephone number
	}
	if u, ok := unparenthesized(v); ok {
		v = u // "(404) 555-0177", "+44 (0)20 7946 0000"
	}
	body := v
	if body[0] == '+' {
		body = body[1:]
	}
	if plainDigits(body) {
		if len(body) > maxMSISDNDigits {
			return "", fmt.Errorf("MSISDN has %d digits (at most %d)", len(body), maxMSISDNDigits)
		}
		return body, nil
	}
	if err := spreadsheetNumber(v); err != nil {
		return "", err
	}
	d, n, err := groupedDigits(v, len(v)-len(body), " -.")
	if err != nil {
		return "", err
	}
	if n > maxMSISDNDigits {
		return "", fmt.Errorf("MSISDN has %d digits (at most %d)", n, maxMSISDNDigits)
	}
	return d, nil
}

// ParseIMSI reads an IMSI (MCC + MNC + MSIN). It accepts 14 or 15 digits:
// 15 is what every current network issues, 14 occurs with a two-digit MNC
// and a short MSIN. Other lengths fail with the reason; 18 to 20 digits are
// flagged as a probable ICCID (SIM serial) put in the IMSI field.
// Scientific notation fails wrapping ErrPrecisionLost.
func ParseIMSI(s string) (string, error) {
	v := unwrapValue(s)
	if v == "" {
		return "", errEmptyValue
	}
	if !plainDigits(v) {
		if err := spreadsheetNumber(v); err != nil {
			return "", err
		}
		return "", badCharacter(v, firstNonDigit(v))
	}
	switch n := len(v); {
	case n == 14 || n == 15:
		return v, nil
	case n >= 18 && n <= 20:
		return "", fmt.Errorf("IMSI has %d digits (at most 15); an ICCID?", n)
	case n > 15:
		return "", fmt.Errorf("IMSI has %d digits (at most 15)", n)
	default:
		return "", fmt.Errorf("IMSI has %d digits (want 14 or 15)", n)
	}
}

// ParseIMEI reads an IMEI: 14 digits (no check digit), 15 (with the check
// digit, which is not verified because operators often write 0 there) or
// 16 (IMEISV). Hyphens or spaces between groups are removed
// (35-209900-176148-1). Other lengths fail naming the length; scientific
// notation fails wrapping ErrPrecisionLost.
func ParseIMEI(s string) (string, error) {
	v := unwrapValue(s)
	if v == "" {
		return "", errEmptyValue
	}
	d, n := v, len(v)
	if !plainDigits(v) {
		if err := spreadsheetNumber(v); err != nil {
			return "", err
		}
		var err error
		if d, n, err = groupedDigits(v, 0, " -"); err != nil {
			return "", err
		}
	}
	if n < 14 || n > 16 {
		return "", fmt.Errorf("IMEI has %d digits (want 14, 15 with check digit, or 16 for IMEISV)", n)
	}
	return d, nil
}

// IMEILuhnOK reports whether a 15-digit IMEI's check digit is right. It is
// for display: a failed check does not make an IMEI invalid.
func IMEILuhnOK(imei string) bool {
	if len(imei) != 15 || !plainDigits(imei) {
		return false
	}
	sum := 0
	for i := 0; i < 14; i++ {
		d := int(imei[i] - '0')
		if i%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return (10-sum%10)%10 == int(imei[14]-'0')
}

// plainDigits reports whether s is one or more ASCII digits.
func plainDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigitByte(s[i]) {
			return false
		}
	}
	return true
}

func firstNonDigit(s string) int {
	for i := 0; i < len(s); i++ {
		if !isDigitByte(s[i]) {
			return i
		}
	}
	return len(s)
}

// spreadsheetNumber recognises the two ways a spreadsheet mangles a long
// identifier: scientific notation (precision lost) and a float's ".0".
func spreadsheetNumber(v string) error {
	if isScientific(v) {
		return fmt.Errorf("%s: %w", v, ErrPrecisionLost)
	}
	body := v
	if body != "" && body[0] == '+' {
		body = body[1:]
	}
	if zeroDecimal(body) {
		return fmt.Errorf("%s is written as a decimal number (a spreadsheet stored it as a float)", v)
	}
	return nil
}

var errNoDigits = errors.New("no digits")

// groupedDigits reads s from index start, removing single separators (any
// byte of seps) that stand between digits. It returns the digits (at most
// the first 32, enough for any identifier) and how many digits there were,
// for the caller's length check. Any other byte is an error naming it.
func groupedDigits(s string, start int, seps string) (string, int, error) {
	var buf [32]byte
	n := 0
	for i := start; i < len(s); i++ {
		b := s[i]
		if isDigitByte(b) {
			if n < len(buf) {
				buf[n] = b
			}
			n++
			continue
		}
		if isSeparatorOf(b, seps) && i > start && isDigitByte(s[i-1]) && i+1 < len(s) && isDigitByte(s[i+1]) {
			continue
		}
		return "", 0, badCharacter(s, i)
	}
	if n == 0 {
		return "", 0, errNoDigits
	}
	return string(buf[:min(n, len(buf))]), n, nil
}

func isSeparatorOf(b byte, seps string) bool {
	for i := 0; i < len(seps); i++ {
		if seps[i] == b {
			return true
		}
	}
	return false
}
