package evidence

import "fmt"

// RADIUS counts a session's octets in 32 bits: Acct-Input-Octets and
// Acct-Output-Octets wrap at 4 GiB, and Acct-Input-Gigawords and
// Acct-Output-Gigawords say how many times (RFC 2869 §5.1, 5.2).
// FreeRADIUS's radacct table stores the two folded into one number; a
// log that keeps them apart gives the octets modulo 2^32 in the octets
// column, a number too small by 4 GiB for every wrap.

// gigawordsApart sets aside a volume read from an octets column when a
// gigawords column of the same direction stands beside it.
func gigawordsApart(l *Layout, forced map[Field]string) {
	pairs := []struct {
		f                 Field
		octets, gigawords string
	}{
		{FUplink, "acctinputoctets", "acctinputgigawords"},
		{FDownlink, "acctoutputoctets", "acctoutputgigawords"},
	}
	for _, p := range pairs {
		c, ok := l.Columns[p.f]
		if _, isForced := forced[p.f]; !ok || isForced || normalizeHeader(l.Header[c]) != p.octets {
			continue
		}
		for _, h := range l.Header {
			if normalizeHeader(h) == p.gigawords {
				delete(l.Columns, p.f)
				l.Refused = append(l.Refused, fmt.Sprintf("%q not %s (the octets modulo 2^32; %q counts the wraps, and they are not added)", l.Header[c], p.f, h))
				break
			}
		}
	}
}
