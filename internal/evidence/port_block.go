package evidence

import (
	"fmt"
	"slices"
	"strings"
)

// A carrier-grade NAT that allocates ports in blocks (port block
// allocation: FortiOS's IPPOOLPBA logs, Juniper's secured PBA) logs a
// block per subscriber address: the public address and a range of ports,
// "portbegin" to "portend", held from allocation to release. One port of
// the range is not the session's port: taken for the public port, the
// range's first port would tie every connection from the block to a
// port it never used, and hide those from the others.

var (
	rangeStartWords = []string{"begin", "start", "first", "low", "from", "min"}
	rangeEndWords   = []string{"end", "last", "high", "to", "max"}
)

// portBlockColumns finds two columns that name the ends of a port range
// (portbegin and portend, "Port Block Start" and "Port Block End"). A file
// with no subscriber column is refused by name: it is a NAT's allocation
// log, whose private address must first be tied to a subscriber by a
// RADIUS or IPDR record of who held it. Otherwise the range's columns are
// never a port of the record: taken for none, and said so.
func portBlockColumns(l *Layout, forced map[Field]string) error {
	begin, end := -1, -1
	for i, h := range l.Header {
		w := headerWords(h)
		if !slices.ContainsFunc(w, func(x string) bool { return strings.HasPrefix(x, "port") }) {
			continue
		}
		has := func(set []string) bool {
			return slices.ContainsFunc(w, func(x string) bool { return slices.Contains(set, x) }) ||
				slices.ContainsFunc(set, func(x string) bool { return slices.Contains(w, "port"+x) })
		}
		switch {
		case begin < 0 && has(rangeStartWords):
			begin = i
		case end < 0 && has(rangeEndWords):
			end = i
		}
	}
	if begin < 0 || end < 0 {
		return nil
	}
	if !l.Has(FMSISDN) && !l.Has(FAParty) {
		return &LayoutError{
			Reason: fmt.Sprintf("a NAT's port-block allocation log (%q to %q: a block of public ports per private address, as FortiOS's IPPOOLPBA and Juniper's PBA logs give it): "+
				"no column gives a subscriber; find who held the private address in a RADIUS or IPDR record, then the block in this log", l.Header[begin], l.Header[end]),
			Found: l.Header,
		}
	}
	for _, f := range []Field{FPublicPort, FPrivatePort, FDestPort} {
		c, ok := l.Columns[f]
		if _, isForced := forced[f]; !ok || isForced || (c != begin && c != end) {
			continue
		}
		delete(l.Columns, f)
		l.Refused = append(l.Refused, fmt.Sprintf("%q not %s (one end of the port block %q to %q)", l.Header[c], f, l.Header[begin], l.Header[end]))
	}
	return nil
}
