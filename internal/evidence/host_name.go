package evidence

import "net/netip"

// hostName reports a value written as a DNS name of two labels or more
// ("web.colombiamovil.com.co", "internet.movistar.com.co"): letters,
// digits and hyphens between dots, the last label with a letter. Such a
// value where a party is expected is an access point name or a host, never
// a telephone number (whose dots group digits: "300.572.2406") nor an
// address (an IP is not a name).
func hostName(v string) bool {
	if len(v) < 3 || len(v) > 253 {
		return false
	}
	if _, err := netip.ParseAddr(v); err == nil {
		return false
	}
	labels, label, letter := 0, 0, false
	for i := 0; i <= len(v); i++ {
		if i == len(v) || v[i] == '.' {
			if label == 0 {
				return false
			}
			labels++
			if i < len(v) {
				label, letter = 0, false
			}
			continue
		}
		switch c := v[i]; {
		case isLetterByte(c):
			letter = true
		case isDigitByte(c), c == '-':
		default:
			return false
		}
		label++
	}
	return labels >= 2 && letter
}
