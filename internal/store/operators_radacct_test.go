package store

import (
	"strings"
	"testing"
)

// FreeRADIUS's radacct table (RADIUS accounting: which address a
// subscriber held, from when to when) as psql's COPY … CSV HEADER writes
// it, timestamptz values with their offset. A mobile data session's
// Calling-Station-Id is the MSISDN (3GPP TS 29.061 §16.4.7), its
// Framed-IP-Address the subscriber's address; Acct-Input-Octets are what
// the user's port received (RFC 2866 §5.3): the uplink. FreeRADIUS keeps
// the gigawords folded in (line 4: 5 GiB up, 1 GiB down). A broadband
// line's Calling-Station-Id is a MAC address (line 5): rejected, never a
// subscriber. Before: the file was refused as voice records ("servicetype"
// a service, ConnectInfo_start and _stop taken for the start and end).
func TestOperatorFreeRADIUSRadacct(t *testing.T) {
	c := operatorLayoutCase{"freeradius_radacct.csv", "ipdr", []string{"dates YMD"}, []string{
		"2|919812300001|||100.70.1.2||||||2026-03-14 21:05:10|2026-03-14 21:35:10||2048|8192|10240|||",
		"3|919812300002|||100.70.1.3||||||2026-03-14 22:00:00|2026-03-14 22:10:00||100|300|400|||",
		"4|919812300001|||100.70.9.20||||||2026-03-15 08:00:00|2026-03-15 09:30:00||5368709120|1073741824|6442450944|||",
	}, []string{`5|row|msisdn "AA-BB-CC-DD-EE-FF": unexpected character 'A' at position 1`}}
	st, _ := checkOperatorLayoutWith(t, c, ImportOptions{Country: "IN"})
	for _, want := range []string{"uplink=acctinputoctets", "downlink=acctoutputoctets", "start=acctstarttime", "end=acctstoptime", "private_ip=framedipaddress", "msisdn=callingstationid"} {
		var m string
		if err := st.DB().QueryRow("SELECT mapping FROM sources").Scan(&m); err != nil || !strings.Contains(m, want) {
			t.Errorf("mapping %q lacks %s (%v)", m, want, err)
		}
	}
	// The offsets are kept: 21:05:10+05:30 is 15:35:10 UTC (1773502510),
	// the wall clock 19800 s ahead.
	want := []string{"2|1773502510|1773504310|19800", "3|1773505800|1773506400|19800", "4|1773541800|1773547200|19800"}
	if got := readRows(t, st, `SELECT line, start, "end", wall_offset FROM ipdr ORDER BY line`); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("UTC times\n got  %s\n want %s", strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
}
