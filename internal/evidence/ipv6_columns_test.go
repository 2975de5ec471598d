package evidence

import (
	"errors"
	"io"
	"strings"
	"testing"
)

type addrRow struct{ private, public, dest string }

func readAddresses(t *testing.T, text string) ([]addrRow, []string, *Layout) {
	t.Helper()
	l, err := Sniff([]byte(text), true, Options{})
	if err != nil {
		t.Fatal(err)
	}
	rd := NewReader(strings.NewReader(text), l)
	var rows []addrRow
	var issues []string
	for {
		row, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, addrRow{row.Data.PrivateIP, row.Data.PublicIP, row.Data.DestIP})
		for _, is := range row.Issues {
			issues = append(issues, string(is.Field)+" "+is.Value+": "+is.Reason)
		}
	}
	return rows, issues, l
}

// An IPDR whose addresses sit in an IPv4 column or an IPv6 column, the one
// the session used: no address is lost, whatever column holds it.
func TestIPv6ColumnsBesideIPv4(t *testing.T) {
	text := "MSISDN,Start_Time,Source_IP,Source_IPv6,Source_Public_IP,Source_Public_IPv6,Destination_IP,Destination_IP6,Destination_Port\n" +
		"919812345678,2024-03-20 10:00:00,10.1.2.3,,49.36.1.2,,142.250.1.1,,443\n" +
		"919812345678,2024-03-20 10:01:00,,2409:4040:1::5,,2409:4040:ffff::9,,2404:6800:4009:82a::200e,443\n" +
		"919812345678,2024-03-20 10:02:00,,2409:4040:1::5,,2409:4040:ffff::9,,2404:6800:4009:082A:0000:0000:0000:200E,443\n" +
		"919812345678,2024-03-20 10:03:00,10.1.2.3,,49.36.1.2,2409:4040:ffff::9,[2404:6800:4009:82a::200e],,443\n"
	rows, issues, l := readAddresses(t, text)
	for _, f := range []Field{FPrivateIP6, FPublicIP6, FDestIP6} {
		if !l.Has(f) {
			t.Errorf("layout lacks %s: %s", f, l.Mapping())
		}
	}
	want := []addrRow{
		{"10.1.2.3", "49.36.1.2", "142.250.1.1"},
		{"2409:4040:1::5", "2409:4040:ffff::9", "2404:6800:4009:82a::200e"},
		{"2409:4040:1::5", "2409:4040:ffff::9", "2404:6800:4009:82a::200e"}, // written in full: read canonical
		{"10.1.2.3", "49.36.1.2", "2404:6800:4009:82a::200e"},
	}
	if len(rows) != len(want) {
		t.Fatalf("rows %+v", rows)
	}
	for i := range want {
		if rows[i] != want[i] {
			t.Errorf("row %d: %+v, want %+v", i+2, rows[i], want[i])
		}
	}
	// line 5 gives a public IPv4 and a public IPv6: the second is reported
	if len(issues) != 1 || !strings.Contains(issues[0], "public_ip6 2409:4040:ffff::9: the row gives two addresses (49.36.1.2 in public_ip)") {
		t.Errorf("issues %q", issues)
	}
}

// Only IPv6 columns, IPv6 first and IPv4 after, or one column for either
// kind: each read as the field itself or its IPv6 column.
func TestIPv6OnlyAndCombinedColumns(t *testing.T) {
	cases := []struct {
		name, text string
		want       []addrRow
	}{
		{"only IPv6 columns", "MSISDN,Start_Time,Destination_IP6,Destination_Port,Source_Public_IPv6\n" +
			"919812345678,2024-03-20 10:00:00,2001:db8::1,443,2001:db8:ffff::2\n",
			[]addrRow{{"", "2001:db8:ffff::2", "2001:db8::1"}}},
		{"IPv6 column first", "MSISDN,Start_Time,Destination IPv6,Destination IPv4,Destination_Port\n" +
			"919812345678,2024-03-20 10:00:00,2001:db8::1,,443\n" +
			"919812345678,2024-03-20 10:00:00,,192.0.2.7,443\n",
			[]addrRow{{"", "", "2001:db8::1"}, {"", "", "192.0.2.7"}}},
		{"one column for both", "MSISDN,Start_Time,Dest IP (v4/v6),Destination_Port,Public IP Address (v4/v6)\n" +
			"919812345678,2024-03-20 10:00:00,2001:db8::1,443,2001:db8:ffff::2\n" +
			"919812345678,2024-03-20 10:00:00,192.0.2.7,443,198.51.100.1\n",
			[]addrRow{{"", "2001:db8:ffff::2", "2001:db8::1"}, {"", "198.51.100.1", "192.0.2.7"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rows, issues, l := readAddresses(t, c.text)
			if len(issues) != 0 {
				t.Errorf("issues %q (%s)", issues, l.Mapping())
			}
			if len(rows) != len(c.want) {
				t.Fatalf("rows %+v (%s)", rows, l.Mapping())
			}
			for i := range c.want {
				if rows[i] != c.want[i] {
					t.Errorf("row %d: %+v, want %+v (%s)", i+2, rows[i], c.want[i], l.Mapping())
				}
			}
		})
	}
}
