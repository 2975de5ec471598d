package evidence

import (
	"fmt"
	"strings"
)

// Some exports give a session's addresses in two columns, one for IPv4 and
// one for IPv6 (Destination_IP beside Destination_IP6, Source_Public_IP
// beside Source_Public_IPv6), filling the one the session used. The IPv6
// column is then read as a second column of the same field: the record
// takes its address when the IPv4 column is empty, so that no address is
// lost. A file with only the IPv6 column, or one column holding either
// kind, reads it as the field itself. Both kinds are stored in one address
// model: the canonical text of net/netip, which the hunt compares as
// addresses and prefixes.

// The IPv6 columns of the address fields.
const (
	FPrivateIP6 Field = "private_ip6"
	FPublicIP6  Field = "public_ip6"
	FDestIP6    Field = "dest_ip6"
)

// ipv6Of pairs each address field with its IPv6 column.
var ipv6Of = map[Field]Field{FPrivateIP: FPrivateIP6, FPublicIP: FPublicIP6, FDestIP: FDestIP6}

func init() {
	fieldAliases[FDestIP6] = []string{"destip6", "destipv6", "destinationip6", "destinationipv6", "dstip6", "dstipv6",
		"destinationipv6address", "destipv6address", "serveripv6", "remoteipv6"}
	fieldAliases[FPublicIP6] = []string{"publicip6", "publicipv6", "sourcepublicip6", "sourcepublicipv6", "publicipv6address",
		"natipv6", "translatedipv6", "publicipv6prefix"}
	fieldAliases[FPrivateIP6] = []string{"privateip6", "privateipv6", "sourceip6", "sourceipv6", "srcipv6", "ueipv6",
		"privateipv6address", "servedpdpaddressipv6", "pdpaddressipv6", "mobileipv6", "ipv6address"}
	for f, names := range fieldAliases {
		if f == FDestIP6 || f == FPublicIP6 || f == FPrivateIP6 {
			for _, n := range names {
				aliasIndex[normalizeHeader(n)] = f
			}
		}
	}
	dataFields = append(dataFields, FDestIP6, FPublicIP6, FPrivateIP6)
}

// ipv6Header reports whether a header names an IPv6-only column
// ("Destination_IP6", "Source Public IPv6"), not one for either kind
// ("Dest IP (v4/v6)").
func ipv6Header(h string) bool {
	n := normalizeHeader(h)
	return (strings.Contains(n, "ip6") || strings.Contains(n, "ipv6") || strings.HasSuffix(n, "v6")) &&
		!strings.Contains(n, "ip4") && !strings.Contains(n, "ipv4") && !strings.Contains(n, "v4")
}

// wordsIPv6Field turns an address field read from a header's words into
// its IPv6 column when the header names IPv6 only.
func wordsIPv6Field(f Field, header string) Field {
	if v6, ok := ipv6Of[f]; ok && ipv6Header(header) {
		return v6
	}
	return f
}

// promoteIPv6Columns makes an IPv6 column the field itself when the file
// has no other column for it.
func promoteIPv6Columns(cols map[Field]int, byWords map[Field]bool) {
	for f, v6 := range ipv6Of {
		c, ok := cols[v6]
		if _, has := cols[f]; !ok || has {
			continue
		}
		cols[f] = c
		delete(cols, v6)
		if byWords[v6] {
			byWords[f] = true
			delete(byWords, v6)
		}
	}
}

// addressWithIPv6 is an address field of the current row: its column, or
// its IPv6 column when that one is empty. When both hold an address and
// they differ, the record keeps the first and the second is reported as
// dropped with the reason, never lost in silence.
func (rd *Reader) addressWithIPv6(row *Row, f Field) string {
	v := rd.ip(row, f)
	v6f := ipv6Of[f]
	if !rd.has(v6f) {
		return v
	}
	v6 := rd.ip(row, v6f)
	switch {
	case v6 == "" || v6 == v:
		return v
	case v == "":
		return v6
	}
	row.issue(v6f, v6, fmt.Errorf("the row gives two addresses (%s in %s); the record keeps %s", v, f, v))
	return v
}
