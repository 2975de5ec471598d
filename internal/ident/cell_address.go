package ident

import (
	"net/netip"
	"strconv"
	"strings"
)

// CellIsAddress says a value of a cell column is an IP address, not a
// cell: Jio writes the access point's address as the first cell of a call
// over Wi-Fi ("49.47.132.116:10630", "2409:4124:0058:86d4::"). It is an
// IPv6 address; an IPv4 address with a port; or an IPv4 address whose
// first octet is no MCC (200-799): "234.15.100.200" reads as the British
// cell 234-15-100-200 and stays one.
func CellIsAddress(written string) bool {
	s := unwrap(written)
	if s == "" || len(s) > 64 || !strings.ContainsAny(s, ".:") {
		return false // the common cell forms (404-10-7301-12345, 404100730112345) pay nothing
	}
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().IsValid()
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return false
	}
	if a.Is6() && !a.Is4In6() {
		return true
	}
	first, _, _ := strings.Cut(s, ".")
	n, err := strconv.Atoi(first)
	return err == nil && n < 200
}
