package store

import (
	"net/netip"
	"strconv"
	"strings"
)

// textRange is a range of ipdr.dest_ip texts: exactly one address when
// exact (lo), else every text t with lo <= t < hi.
type textRange struct {
	lo, hi string
	exact  bool
}

// maxTextRanges bounds the ranges one network is split into; a network
// that would need more is answered another way.
const maxTextRanges = 128

// prefixTextRanges returns ranges of canonical address texts (as the
// importer stores them: netip.Addr.String()) that together hold the text
// of every address in p. The index ipdr_by_dest(dest_ip, ...) answers each
// range by a seek. For IPv4 the ranges hold exactly p's addresses: an
// octet-aligned network is one range ("104.198." up to "104.198/", '/'
// being the byte after '.'), and a network between octets is split into
// the octet-aligned networks it holds (a /20 is sixteen /24s, a /26 is 64
// addresses). For IPv6 the ranges may hold more than p (the caller filters
// exactly): canonical IPv6 text compresses zeros, so only the leading
// groups that p fixes and that are not zero give a reliable text prefix.
// ok is false when no range narrows the search (0.0.0.0/0, or an IPv6
// network whose first group is zero or not fixed).
func prefixTextRanges(p netip.Prefix) (ranges []textRange, ok bool) {
	p = p.Masked()
	if p.Addr().Is4() {
		return v4TextRanges(p)
	}
	return v6TextRanges(p)
}

func v4TextRanges(p netip.Prefix) ([]textRange, bool) {
	bits := p.Bits()
	if bits == 32 {
		return []textRange{{lo: p.Addr().String(), exact: true}}, true
	}
	if bits == 0 {
		return nil, false
	}
	a := p.Addr().As4()
	full := bits / 8 // octets fixed whole
	if bits%8 == 0 {
		return []textRange{octetRange(a[:full])}, true
	}
	n := 1 << (8 - bits%8) // values the partly fixed octet takes
	if n > maxTextRanges {
		return nil, false
	}
	out := make([]textRange, 0, n)
	for v := range n {
		octets := append(a[:full:full], a[full]+byte(v))
		if len(octets) == 4 {
			out = append(out, textRange{lo: netip.AddrFrom4([4]byte(octets)).String(), exact: true})
		} else {
			out = append(out, octetRange(octets))
		}
	}
	return out, true
}

// octetRange is the range of addresses beginning with the given octets.
func octetRange(octets []byte) textRange {
	var b strings.Builder
	for _, o := range octets {
		b.WriteString(strconv.Itoa(int(o)))
		b.WriteByte('.')
	}
	lo := b.String()
	return textRange{lo: lo, hi: lo[:len(lo)-1] + "/"}
}

func v6TextRanges(p netip.Prefix) ([]textRange, bool) {
	if p.Bits() == 128 {
		return []textRange{{lo: p.Addr().String(), exact: true}}, true
	}
	a := p.Addr().As16()
	var b strings.Builder
	for g := 0; g < p.Bits()/16; g++ {
		group := uint16(a[2*g])<<8 | uint16(a[2*g+1])
		if group == 0 {
			break
		}
		b.WriteString(strconv.FormatUint(uint64(group), 16))
		b.WriteByte(':')
	}
	if b.Len() == 0 {
		return nil, false
	}
	lo := b.String()
	return []textRange{{lo: lo, hi: lo[:len(lo)-1] + ";"}}, true // ';' is the byte after ':'
}
