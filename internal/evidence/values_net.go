package evidence

import (
	"fmt"
	"net/netip"
	"strings"
)

// ParseIP reads an IPv4 or IPv6 address and returns its canonical text
// form (netip.Addr.String()). It accepts IPv6 in brackets ("[2001:db8::1]"),
// IPv4 with leading zeros ("010.001.002.003", read as decimal, not octal)
// and IPv4-mapped IPv6 ("::ffff:10.1.2.3", returned as 10.1.2.3). An
// address with a port ("10.1.2.3:443") is refused: ports have their own
// columns. Errors say what is wrong.
func ParseIP(s string) (string, error) {
	v := unwrapValue(s)
	if v == "" {
		return "", errEmptyValue
	}
	if v[0] == '[' {
		end := strings.IndexByte(v, ']')
		switch {
		case end < 0:
			return "", fmt.Errorf("%q has '[' without ']'", v)
		case end != len(v)-1:
			if v[end+1] == ':' {
				return "", fmt.Errorf("%q carries a port (%s); give the port in its own column", v, v[end+1:])
			}
			return "", fmt.Errorf("%q has text after ']'", v)
		}
		v = v[1:end]
		if strings.IndexByte(v, ':') < 0 {
			return "", fmt.Errorf("%q: only IPv6 addresses are written in brackets", s)
		}
	}
	if strings.IndexByte(v, ':') < 0 || isIPv4WithPort(v) {
		return parseIPv4(v)
	}
	a, err := netip.ParseAddr(v)
	if err != nil {
		return "", fmt.Errorf("not an IPv6 address: %s", ipErrorReason(err))
	}
	if a.Zone() != "" {
		return "", fmt.Errorf("%q has a zone (%%%s), which evidence addresses never need", v, a.Zone())
	}
	a = a.Unmap()
	if out := a.String(); out != v {
		return out, nil
	}
	return v, nil
}

// isIPv4WithPort reports whether v is digits and dots followed by one colon.
func isIPv4WithPort(v string) bool {
	colon := strings.IndexByte(v, ':')
	if colon <= 0 || strings.IndexByte(v[colon+1:], ':') >= 0 {
		return false
	}
	return strings.IndexByte(v[:colon], '.') > 0
}

// parseIPv4 reads four dotted decimal parts; leading zeros are decimal.
func parseIPv4(v string) (string, error) {
	var parts [4]byte
	canonical := true
	c := valueCursor{s: v}
	for k := 0; k < 4; k++ {
		if k > 0 && !c.accept('.') {
			if c.done() {
				return "", fmt.Errorf("IPv4 address %q has %d parts (want 4)", v, k)
			}
			return "", ipv4Trailer(v, c)
		}
		if c.peek() == '0' && isDigitByte(c.peekAt(1)) {
			canonical = false
		}
		start := c.i
		n, nd := c.digits(4)
		switch {
		case nd == 0 && c.done():
			return "", fmt.Errorf("IPv4 address %q ends with a dot", v)
		case nd == 0 && k == 0:
			return "", fmt.Errorf("not an IP address: %v", badCharacter(v, c.i))
		case nd == 0:
			return "", fmt.Errorf("IPv4 address %q: %v", v, badCharacter(v, c.i))
		case nd > 3 || n > 255:
			return "", fmt.Errorf("IPv4 address %q: part %s out of range (0-255)", v, v[start:c.i+c.digitRun()])
		}
		parts[k] = byte(n)
	}
	if !c.done() {
		if c.peek() == '.' {
			return "", fmt.Errorf("IPv4 address %q has more than 4 parts", v)
		}
		return "", ipv4Trailer(v, c)
	}
	if canonical {
		return v, nil
	}
	return netip.AddrFrom4(parts).String(), nil
}

// ipv4Trailer explains what follows an address where nothing should.
func ipv4Trailer(v string, c valueCursor) error {
	switch c.peek() {
	case ':':
		return fmt.Errorf("%q carries a port (%s); give the port in its own column", v, v[c.i:])
	case '/':
		return fmt.Errorf("%q is a network (prefix %s), not one address", v, v[c.i:])
	}
	return fmt.Errorf("IPv4 address %q: %v", v, badCharacter(v, c.i))
}

// ipErrorReason keeps the informative tail of a netip error.
func ipErrorReason(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, "): "); i >= 0 {
		return msg[i+3:]
	}
	return msg
}

// ParsePort reads a port number 0..65535. A spreadsheet's "443.0" is
// accepted because it is exact; anything else fails.
func ParsePort(s string) (int, error) {
	v := unwrapValue(s)
	if v == "" {
		return 0, errEmptyValue
	}
	c := valueCursor{s: v}
	n, nd := c.digits(len(v))
	if nd == 0 {
		if v[0] == '-' {
			return 0, fmt.Errorf("port %s is negative", v)
		}
		return 0, fmt.Errorf("port %q: %v", v, badCharacter(v, 0))
	}
	if !c.done() {
		if !zeroDecimal(v) {
			if c.peek() == '.' {
				return 0, fmt.Errorf("port %s is not a whole number", v)
			}
			return 0, fmt.Errorf("port %q: %v", v, badCharacter(v, c.i))
		}
	}
	if nd > 5 || n > 65535 {
		return 0, fmt.Errorf("port %s out of range (0-65535)", v)
	}
	return n, nil
}
