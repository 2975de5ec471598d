package analysis

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/cdrtui/cdrtui/internal/evidence"
)

// HuntForm is a hunt as the analyst writes it: one text per field. Lists
// (destinations, ports, cells) are separated by commas, semicolons, spaces
// or new lines, so a column pasted from a spreadsheet or a report reads as
// it is.
type HuntForm struct {
	Dests string `json:"destinations"`
	Ports string `json:"ports"`
	Cells string `json:"cells"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// The hunt form's fields, as HuntFieldError names them.
const (
	HuntFieldDests = "destinations"
	HuntFieldPorts = "ports"
	HuntFieldCells = "cells"
	HuntFieldFrom  = "from"
	HuntFieldTo    = "to"
)

// HuntFieldError is what is wrong with one field of the hunt form.
type HuntFieldError struct {
	Field string
	Err   error
}

func (e HuntFieldError) Error() string { return e.Field + ": " + e.Err.Error() }

func (e HuntFieldError) Unwrap() error { return e.Err }

// HuntFormErrors lists every field in error, in form order.
type HuntFormErrors []HuntFieldError

func (e HuntFormErrors) Error() string {
	parts := make([]string, len(e))
	for i, fe := range e {
		parts[i] = fe.Error()
	}
	return strings.Join(parts, "; ")
}

// Parse reads every field and returns the query, or HuntFormErrors naming each
// field in error (or the hunt-wide problem Validate finds).
func (f HuntForm) Parse() (*HuntQuery, error) {
	q := &HuntQuery{}
	var errs HuntFormErrors
	var err error
	if q.Dests, err = ParseHuntDests(f.Dests); err != nil {
		errs = append(errs, HuntFieldError{HuntFieldDests, err})
	}
	if q.Ports, err = ParseHuntPorts(f.Ports); err != nil {
		errs = append(errs, HuntFieldError{HuntFieldPorts, err})
	}
	if q.Cells, err = ParseHuntCells(f.Cells); err != nil {
		errs = append(errs, HuntFieldError{HuntFieldCells, err})
	}
	if strings.TrimSpace(f.From) != "" {
		if q.From, err = ParseWallTime(f.From, false); err != nil {
			errs = append(errs, HuntFieldError{HuntFieldFrom, err})
		}
		q.HasFrom = err == nil
	}
	if strings.TrimSpace(f.To) != "" {
		if q.To, err = ParseWallTime(f.To, true); err != nil {
			errs = append(errs, HuntFieldError{HuntFieldTo, err})
		}
		q.HasTo = err == nil
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if err := q.Validate(); err != nil {
		return nil, err
	}
	return q, nil
}

// ParseHuntDests reads a list of destinations: addresses (104.198.99.79,
// 2001:db8::1), networks (104.198.96.0/20, 2001:db8::/32), either with a
// port (104.198.99.79:443, [2001:db8::1]:443, 104.198.96.0/20:443), and
// address ranges as registries print them (104.196.0.0 - 104.199.255.255),
// read as the networks that cover exactly that range. Leading zeros in
// IPv4 are decimal, as in the evidence; IPv4-mapped IPv6 is read as IPv4.
// A network written with host bits (104.198.99.79/24) means its network.
func ParseHuntDests(s string) ([]HuntDest, error) {
	var out []HuntDest
	for _, tok := range huntSplitList(huntTightenDashes(s)) {
		ds, err := parseHuntDest(tok)
		if err != nil {
			return nil, err
		}
		for _, d := range ds {
			if !slices.Contains(out, d) {
				out = append(out, d)
			}
		}
	}
	return out, nil
}

func parseHuntDest(tok string) ([]HuntDest, error) {
	if lo, hi, ok := strings.Cut(tok, "-"); ok {
		return huntParseAddrRange(tok, lo, hi)
	}
	body, port := tok, AnyPort
	if strings.HasPrefix(tok, "[") {
		end := strings.IndexByte(tok, ']')
		if end < 0 {
			return nil, fmt.Errorf("%q opens '[' without ']'", tok)
		}
		body = tok[1:end]
		if rest := tok[end+1:]; rest != "" {
			p, err := huntParsePortSuffix(tok, rest)
			if err != nil {
				return nil, err
			}
			port = p
		}
	} else if slash := strings.IndexByte(tok, '/'); slash >= 0 {
		if colon := strings.IndexByte(tok[slash:], ':'); colon >= 0 {
			p, err := huntParsePortSuffix(tok, tok[slash+colon:])
			if err != nil {
				return nil, err
			}
			body, port = tok[:slash+colon], p
		}
	} else if strings.Count(tok, ":") == 1 {
		addr, rest, _ := strings.Cut(tok, ":")
		p, err := huntParsePortSuffix(tok, ":"+rest)
		if err != nil {
			return nil, err
		}
		body, port = addr, p
	}
	prefix, err := huntParsePrefix(body)
	if err != nil {
		return nil, err
	}
	return []HuntDest{{Prefix: prefix, Port: port}}, nil
}

func huntParsePortSuffix(tok, rest string) (int, error) {
	if !strings.HasPrefix(rest, ":") || len(rest) == 1 {
		return 0, fmt.Errorf("%q: expected :PORT after the address", tok)
	}
	p, err := evidence.ParsePort(rest[1:])
	if err != nil {
		return 0, fmt.Errorf("%q: %v", tok, err)
	}
	return p, nil
}

// huntParsePrefix reads an address (a /32 or /128) or ADDRESS/BITS.
func huntParsePrefix(s string) (netip.Prefix, error) {
	addrText, bitsText, isNet := strings.Cut(s, "/")
	addr, mapped, err := parseHuntAddr(addrText)
	if err != nil {
		return netip.Prefix{}, err
	}
	bits := addr.BitLen()
	if isNet {
		n, err := strconv.Atoi(bitsText)
		full := addr.BitLen()
		if mapped {
			full = 128
		}
		if err != nil || n < 0 || n > full {
			return netip.Prefix{}, fmt.Errorf("%q: the prefix length must be a number from 0 to %d", s, full)
		}
		if mapped {
			if n < 96 {
				return netip.Prefix{}, fmt.Errorf("%q: an IPv4-mapped network needs a prefix of /96 or longer", s)
			}
			n -= 96
		}
		bits = n
	}
	return netip.PrefixFrom(addr, bits).Masked(), nil
}

// parseHuntAddr reads one address the way the evidence importer does;
// mapped reports an IPv4-mapped IPv6 address, returned as IPv4.
func parseHuntAddr(s string) (addr netip.Addr, mapped bool, err error) {
	if s == "" {
		return netip.Addr{}, false, fmt.Errorf("empty address")
	}
	if strings.Contains(s, ":") {
		if a, err := netip.ParseAddr(s); err == nil && a.Is4In6() {
			return a.Unmap(), true, nil
		}
	}
	canonical, err := evidence.ParseIP(s)
	if err != nil {
		if strings.Count(s, ".") == 0 && strings.Count(s, ":") == 0 {
			return netip.Addr{}, false, fmt.Errorf("%q is not an IP address (write 104.198.99.79, 104.198.99.0/24 or 104.198.99.79:443)", s)
		}
		return netip.Addr{}, false, err
	}
	a, err := netip.ParseAddr(canonical)
	if err != nil {
		return netip.Addr{}, false, fmt.Errorf("%q: %v", s, err)
	}
	return a, false, nil
}

// huntParseAddrRange reads FIRST-LAST as the fewest networks covering exactly
// that range.
func huntParseAddrRange(tok, loText, hiText string) ([]HuntDest, error) {
	lo, _, err := parseHuntAddr(loText)
	if err != nil {
		return nil, fmt.Errorf("range %q: %v", tok, err)
	}
	hi, _, err := parseHuntAddr(hiText)
	if err != nil {
		return nil, fmt.Errorf("range %q: %v", tok, err)
	}
	if lo.Is4() != hi.Is4() {
		return nil, fmt.Errorf("range %q mixes IPv4 and IPv6", tok)
	}
	if hi.Less(lo) {
		return nil, fmt.Errorf("range %q ends before it starts", tok)
	}
	var out []HuntDest
	for _, p := range RangePrefixes(lo, hi) {
		out = append(out, HuntDest{Prefix: p, Port: AnyPort})
	}
	return out, nil
}

// RangePrefixes returns the fewest networks whose union is exactly the
// addresses lo..hi (inclusive, one family, lo <= hi), in order.
func RangePrefixes(lo, hi netip.Addr) []netip.Prefix {
	var out []netip.Prefix
	for {
		// the largest network starting at lo that stays within hi
		bits := lo.BitLen()
		for bits > 0 {
			p := netip.PrefixFrom(lo, bits-1)
			if p.Masked().Addr() != lo || huntLastAddr(p).Compare(hi) > 0 {
				break
			}
			bits--
		}
		p := netip.PrefixFrom(lo, bits)
		out = append(out, p)
		last := huntLastAddr(p)
		if last.Compare(hi) >= 0 {
			return out
		}
		lo = last.Next()
	}
}

// huntLastAddr is the highest address of a network.
func huntLastAddr(p netip.Prefix) netip.Addr {
	b := p.Masked().Addr().AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}

// ParseHuntPorts reads a list of ports and ranges (443, 8000-8100), sorted
// and merged.
func ParseHuntPorts(s string) ([]PortRange, error) {
	var out []PortRange
	for _, tok := range huntSplitList(huntTightenDashes(s)) {
		loText, hiText, isRange := strings.Cut(tok, "-")
		lo, err := evidence.ParsePort(loText)
		if err != nil {
			return nil, err
		}
		hi := lo
		if isRange {
			if hi, err = evidence.ParsePort(hiText); err != nil {
				return nil, err
			}
			if hi < lo {
				return nil, fmt.Errorf("port range %s ends before it starts", tok)
			}
		}
		out = append(out, PortRange{lo, hi})
	}
	slices.SortFunc(out, func(a, b PortRange) int { return a.Lo - b.Lo })
	merged := out[:0]
	for _, r := range out {
		if n := len(merged); n > 0 && r.Lo <= merged[n-1].Hi+1 {
			merged[n-1].Hi = max(merged[n-1].Hi, r.Hi)
			continue
		}
		merged = append(merged, r)
	}
	return merged, nil
}

// ParseHuntCells reads a list of cells: exact IDs as the evidence writes
// them, or prefixes written with a trailing * (234-15-101-*). A cell
// holding spaces or commas is written in double quotes.
func ParseHuntCells(s string) ([]CellSpec, error) {
	var out []CellSpec
	for _, tok := range huntSplitList(s) {
		spec := CellSpec{Text: tok}
		if strings.HasSuffix(tok, "*") {
			spec = CellSpec{Text: strings.TrimSuffix(tok, "*"), Prefix: true}
		}
		switch {
		case spec.Prefix && spec.Text == "":
			return nil, fmt.Errorf("* alone would be every cell: name cells or a prefix (234-15-101-*); a hunt searches everywhere when it names none")
		case strings.Contains(spec.Text, "*"):
			return nil, fmt.Errorf("cell %q: only a trailing * (a prefix) is understood", tok)
		}
		if !slices.Contains(out, spec) {
			out = append(out, spec)
		}
	}
	return out, nil
}

// huntSplitList splits a pasted list on commas, semicolons and white space;
// text in double quotes stays whole ("" inside quotes is one quote).
func huntSplitList(s string) []string {
	var out []string
	var cur strings.Builder
	quoted, inQuotes := false, false
	flush := func() {
		if cur.Len() > 0 || quoted {
			out = append(out, cur.String())
		}
		cur.Reset()
		quoted = false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inQuotes && c == '"' && i+1 < len(s) && s[i+1] == '"':
			cur.WriteByte('"')
			i++
		case c == '"':
			inQuotes = !inQuotes
			quoted = true
		case !inQuotes && (c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\n' || c == '\r'):
			flush()
		default:
			cur.WriteByte(c)
		}
	}
	flush()
	return out
}

// huntTightenDashes removes white space around '-' so that a range printed as
// "104.196.0.0 - 104.199.255.255" or "8000 - 8100" stays one item.
func huntTightenDashes(s string) string {
	if !strings.Contains(s, "-") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if huntIsSpace(c) {
			j := i
			for j < len(s) && huntIsSpace(s[j]) {
				j++
			}
			if j < len(s) && s[j] == '-' || b.Len() > 0 && strings.HasSuffix(b.String(), "-") {
				i = j - 1
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

func huntIsSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
