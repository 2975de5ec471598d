package store

import (
	"strings"
	"testing"
	"time"
)

// A PGW's charging records (3GPP TS 32.298 PGW-CDR) as an operator's
// decoder writes them, in its published column order (README.md there):
// a record opens at recordOpeningTime and lasts its duration; startTime
// and stopTime are the IP-CAN session's, given only in its first and last
// record (line 3 has no startTime, line 2 no stopTime), never a record's
// start or end. The IMEI is servedIMEISV (the SGSN's "imei" is empty), the
// subscriber's address servedPDPPDNAddress, the cell userLocationInformation
// (hex ULI, TS 29.274 §8.21). Volumes are bytes. Before: the file was read
// as voice calls of type "85" (a recordType and a duration beside the
// volumes), every record dated at startTime (line 3 rejected, its start
// empty), with no IMEI, address or cell.
func TestOperatorPGWDecodedCDR(t *testing.T) {
	c := operatorLayoutCase{"pgw_cdr_decoded.csv", "ipdr", []string{"dates YMD",
		`"startTime" not start (the IP-CAN session's, TS 32.298; the record opens at "recordOpeningTime")`,
		`"stopTime" not end (the IP-CAN session's; the record ends at its opening plus its duration)`}, []string{
		// 09:12:44 + 600 s; 2048 + 8192 bytes
		"2|4915112340001|262011234000001|3520990017614823|10.170.3.4||||||2024-05-14 09:12:44|2024-05-14 09:22:44|1862F210126762F2100A1B2C01|2048|8192|10240|6|internet|",
		"3|4915112340001|262011234000001|3520990017614823|10.170.3.4||||||2024-05-14 09:22:44|2024-05-14 09:27:44|1862F210126762F2100A1B2C02|512|1024|1536|6|internet|",
		"4|4915112340002|262011234000002|3548010012345601|10.170.3.9||||||2024-05-14 10:00:00|2024-05-14 10:01:00|0162F21012673039|100|300|400|2|internet|",
		"5|4915112340002|262011234000002|3548010012345601|10.170.3.9||||||2024-05-14 11:00:00|2024-05-14 11:00:05|1862F210126762F2100A1B2C|0|0|0|6|internet|",
	}, nil}
	st, res := checkOperatorLayoutWith(t, c, ImportOptions{Country: "DE"})
	if !strings.Contains(res.Format, "ipdr,") {
		t.Errorf("format %q", res.Format)
	}
	// The cells keyed from the ULI by hand: flags 0x18 (TAI, ECGI), PLMN
	// 62F210 = 262-01, TAC 0x1267 = 4711, ECI 0x0A1B2C01 = 169552897 and
	// 0x0A1B2C02 = 169552898; line 4 a CGI (flags 0x01): LAC 0x1267, CI
	// 0x3039 = 12345; line 5 an octet short of its flags: not keyed. The
	// handset is the IMEISV's first 14 digits (TAC and serial number).
	want := []string{
		"2|262-01-4711-169552897|35209900176148",
		"3|262-01-4711-169552898|35209900176148",
		"4|262-01-4711-12345|35480100123456",
		"5|null|35480100123456",
	}
	got := queryRows(t, st.DB(), "SELECT line, cell_key, handset FROM ipdr_readable ORDER BY line", "null")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("cells and handsets\n got  %s\n want %s", strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
}

// recordOpeningTime as a decoder writes the TimeStamp's octets in hex
// (TS 32.298: local time, the ASCII sign 2B '+' or 2D '-', the offset):
// read with its offset whatever --tz says. 2405140912442B0200 is 07:12:44
// UTC (1715670764), the wall clock 7200 s ahead; 2405141000002D0130 is
// 11:30:00 UTC (1715686200), 5400 s behind. Before: both rows rejected.
func TestOperatorPGWHexTimeStamp(t *testing.T) {
	path := writeEvidence(t, "pgw_hex.csv", "servedMSISDN,recordOpeningTime,duration,datavolumeGPRSUplink,datavolumeGPRSDownlink\n"+
		"4915112340001,2405140912442B0200,60,100,200\n4915112340001,2405141000002D0130,30,1,2\n")
	st := openTemp(t)
	if res := importOne(t, st, path, ImportOptions{Country: "DE", Zone: time.UTC}); res.Error != "" || res.Rows != 2 || res.Kind != "ipdr" {
		t.Fatalf("%+v", res)
	}
	want := []string{"2|1715670764|1715670824|7200|2024-05-14 09:12:44|100|200", "3|1715686200|1715686230|-5400|2024-05-14 10:00:00|1|2"}
	q := `SELECT r.line, r.start, r."end", r.wall_offset, v.start_wall, r.uplink, r.downlink FROM ipdr r JOIN ipdr_readable v ON v.id = r.id ORDER BY r.line`
	if got := readRows(t, st, q); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got  %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}
