package analysis

import (
	"errors"
	"math/rand/v2"
	"net/netip"
	"slices"
	"strings"
	"testing"
)

func TestParseHuntDests(t *testing.T) {
	tests := []struct {
		in      string
		want    []string // HuntDest.String() of each
		wantErr string
	}{
		{"104.198.99.79", []string{"104.198.99.79"}, ""},
		{"104.198.99.79:443", []string{"104.198.99.79:443"}, ""},
		{" 104.198.99.79:443 ,104.198.99.80;\n104.198.99.81 ", []string{"104.198.99.79:443", "104.198.99.80", "104.198.99.81"}, ""},
		{"104.198.96.0/20", []string{"104.198.96.0/20"}, ""},
		{"104.198.99.79/24", []string{"104.198.99.0/24"}, ""}, // host bits: the network
		{"104.198.96.0/20:443", []string{"104.198.96.0/20:443"}, ""},
		{"010.001.002.003", []string{"10.1.2.3"}, ""}, // leading zeros are decimal, as on import
		{"::ffff:104.198.99.79", []string{"104.198.99.79"}, ""},
		{"::ffff:104.198.0.0/112", []string{"104.198.0.0/16"}, ""},
		{"2001:DB8::1", []string{"2001:db8::1"}, ""},
		{"[2001:db8::1]:443", []string{"[2001:db8::1]:443"}, ""},
		{"2001:db8::/32", []string{"2001:db8::/32"}, ""},
		{"[2001:db8::/32]:443", []string{"[2001:db8::/32]:443"}, ""},
		{"104.198.99.79, 104.198.99.79", []string{"104.198.99.79"}, ""}, // repeats once
		{"104.198.99.79:443 104.198.99.79:80", []string{"104.198.99.79:443", "104.198.99.79:80"}, ""},
		// registry ranges: the fewest networks covering exactly the range
		{"104.196.0.0 - 104.199.255.255", []string{"104.196.0.0/14"}, ""},
		{"10.0.0.1-10.0.0.6", []string{"10.0.0.1", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6"}, ""},
		{"", nil, ""},
		{"104.198.99", nil, "has 3 parts"},
		{"104.198.99.256", nil, "out of range"},
		{"104.198.99.79:99999", nil, "out of range"},
		{"104.198.99.79:", nil, "expected :PORT"},
		{"104.198.99.0/33", nil, "0 to 32"},
		{"::ffff:104.198.0.0/80", nil, "/96 or longer"},
		{"blue-whale.example", nil, "not an IP address"},
		{"whale", nil, "not an IP address"},
		{"[2001:db8::1", nil, "without ']'"},
		{"10.0.0.9-10.0.0.1", nil, "ends before it starts"},
		{"10.0.0.1-2001:db8::1", nil, "mixes IPv4 and IPv6"},
	}
	for _, tt := range tests {
		got, err := ParseHuntDests(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseHuntDests(%q) error = %v, want one containing %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseHuntDests(%q): %v", tt.in, err)
			continue
		}
		var s []string
		for _, d := range got {
			s = append(s, d.String())
		}
		if !slices.Equal(s, tt.want) {
			t.Errorf("ParseHuntDests(%q) = %q, want %q", tt.in, s, tt.want)
		}
	}
}

// RangePrefixes covers exactly the range: checked address by address
// against the range itself on random small ranges.
func TestRangePrefixesExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		base := uint32(rng.IntN(1 << 12))
		lo := base + uint32(rng.IntN(300))
		hi := lo + uint32(rng.IntN(600))
		ps := RangePrefixes(v4(lo), v4(hi))
		for a := base; a < hi+300; a++ {
			in := a >= lo && a <= hi
			covered := 0
			for _, p := range ps {
				if p.Contains(v4(a)) {
					covered++
				}
			}
			if (covered == 1) != in || covered > 1 {
				t.Fatalf("range %v-%v as %v: address %v covered %d times", v4(lo), v4(hi), ps, v4(a), covered)
			}
		}
	}
}

func v4(n uint32) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)})
}

func TestParseHuntPorts(t *testing.T) {
	tests := []struct {
		in      string
		want    string // PortRange strings joined by space
		wantErr string
	}{
		{"443", "443", ""},
		{"443, 80 8080", "80 443 8080", ""},
		{"8000 - 8100, 8050-8200, 8201", "8000-8201", ""},
		{"443.0", "443", ""},
		{"0", "0", ""},
		{"", "", ""},
		{"https", "", "port"},
		{"70000", "", "out of range"},
		{"90-80", "", "ends before it starts"},
	}
	for _, tt := range tests {
		got, err := ParseHuntPorts(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseHuntPorts(%q) error = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		var s []string
		for _, r := range got {
			s = append(s, r.String())
		}
		if err != nil || strings.Join(s, " ") != tt.want {
			t.Errorf("ParseHuntPorts(%q) = %q, %v; want %q", tt.in, s, err, tt.want)
		}
	}
}

func TestParseHuntCells(t *testing.T) {
	tests := []struct {
		in      string
		want    []CellSpec
		wantErr string
	}{
		{"234-15-101-7", []CellSpec{{"234-15-101-7", false}}, ""},
		{"234-15-101-*, 234-15-102-9", []CellSpec{{"234-15-101-", true}, {"234-15-102-9", false}}, ""},
		{"234-15-101-7\n234-15-101-8\r\n234-15-101-7", []CellSpec{{"234-15-101-7", false}, {"234-15-101-8", false}}, ""},
		{`"Site A sector 2", 17`, []CellSpec{{"Site A sector 2", false}, {"17", false}}, ""},
		{`"Site ""B"""*`, []CellSpec{{`Site "B"`, true}}, ""},
		{"*", nil, "every cell"},
		{"234-*-101", nil, "only a trailing *"},
	}
	for _, tt := range tests {
		got, err := ParseHuntCells(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseHuntCells(%q) error = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("ParseHuntCells(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestCellSpecMatches(t *testing.T) {
	exact := CellSpec{Text: "234-15-101-7"}
	prefix := CellSpec{Text: "234-15-101-", Prefix: true}
	tests := []struct {
		spec CellSpec
		cell string
		want bool
	}{
		{exact, "234-15-101-7", true},
		{exact, "234-15-101-70", false}, // an exact cell is not a prefix
		{exact, "", false},
		{prefix, "234-15-101-70", true},
		{prefix, "234-15-102-7", false},
		{prefix, "234-15-101", false},
	}
	for _, tt := range tests {
		if got := tt.spec.Matches(tt.cell); got != tt.want {
			t.Errorf("%v.Matches(%q) = %v, want %v", tt.spec, tt.cell, got, tt.want)
		}
	}
}

func mustQuery(t *testing.T, f HuntForm) *HuntQuery {
	t.Helper()
	q, err := f.Parse()
	if err != nil {
		t.Fatalf("%+v: %v", f, err)
	}
	return q
}

func TestHuntQueryMatch(t *testing.T) {
	at := func(wall string) Moment {
		w, err := ParseWallTime(wall, false)
		if err != nil {
			t.Fatal(err)
		}
		return Moment{Unix: w - 3600, Offset: 3600} // evidence read in UTC+01:00
	}
	blueWhale := mustQuery(t, HuntForm{Dests: "104.198.99.79:443", Cells: "234-15-101-7", From: "2017-05-02 10:00", To: "2017-05-02 12:00"})
	subnet := mustQuery(t, HuntForm{Dests: "104.198.96.0/20", Ports: "443"})
	portOnly := mustQuery(t, HuntForm{Ports: "1194"})
	cellOnly := mustQuery(t, HuntForm{Cells: "234-15-*"})
	tests := []struct {
		name string
		q    *HuntQuery
		ip   string
		port int
		cell string
		at   Moment
		want bool
	}{
		{"the visitor", blueWhale, "104.198.99.79", 443, "234-15-101-7", at("2017-05-02 10:02:11"), true},
		{"first second of the window", blueWhale, "104.198.99.79", 443, "234-15-101-7", at("2017-05-02 10:00:00"), true},
		{"last second of the window (to the minute)", blueWhale, "104.198.99.79", 443, "234-15-101-7", at("2017-05-02 12:00:59"), true},
		{"a second after the window", blueWhale, "104.198.99.79", 443, "234-15-101-7", at("2017-05-02 12:01:00"), false},
		{"a second before the window", blueWhale, "104.198.99.79", 443, "234-15-101-7", at("2017-05-02 09:59:59"), false},
		{"right window, another cell", blueWhale, "104.198.99.79", 443, "234-15-101-8", at("2017-05-02 10:30:00"), false},
		{"same IP, other port", blueWhale, "104.198.99.79", 80, "234-15-101-7", at("2017-05-02 10:30:00"), false},
		{"no port recorded", blueWhale, "104.198.99.79", AnyPort, "234-15-101-7", at("2017-05-02 10:30:00"), false},
		{"no cell recorded", blueWhale, "104.198.99.79", 443, "", at("2017-05-02 10:30:00"), false},
		{"no destination recorded", blueWhale, "", 443, "234-15-101-7", at("2017-05-02 10:30:00"), false},
		{"same subnet, other IP", blueWhale, "104.198.99.80", 443, "234-15-101-7", at("2017-05-02 10:30:00"), false},
		{"subnet: first address", subnet, "104.198.96.0", 443, "", at("2017-05-02 10:30:00"), true},
		{"subnet: last address", subnet, "104.198.111.255", 443, "", at("2017-05-02 10:30:00"), true},
		{"subnet: just above", subnet, "104.198.112.0", 443, "", at("2017-05-02 10:30:00"), false},
		{"subnet: just below", subnet, "104.198.95.255", 443, "", at("2017-05-02 10:30:00"), false},
		{"subnet: the port list applies", subnet, "104.198.100.1", 80, "", at("2017-05-02 10:30:00"), false},
		{"subnet: IPv6 never", subnet, "2001:db8::1", 443, "", at("2017-05-02 10:30:00"), false},
		{"port only", portOnly, "5.6.7.8", 1194, "x", at("2017-05-02 10:30:00"), true},
		{"port only, other port", portOnly, "5.6.7.8", 1195, "x", at("2017-05-02 10:30:00"), false},
		{"cell only: any destination", cellOnly, "", AnyPort, "234-15-9", at("2017-05-02 10:30:00"), true},
		{"cell only: elsewhere", cellOnly, "1.2.3.4", 443, "234-16-9", at("2017-05-02 10:30:00"), false},
	}
	for _, tt := range tests {
		if got := tt.q.Match(tt.ip, tt.port, tt.cell, tt.at); got != tt.want {
			t.Errorf("%s: Match = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestHuntFormParse(t *testing.T) {
	tests := []struct {
		form       HuntForm
		wantFields []string // fields in error, in form order
		wantErr    string
	}{
		{HuntForm{Dests: "104.198.99.79:443", From: "2017-05-02", To: "2017-05-02"}, nil, ""},
		{HuntForm{Dests: "104.198.99", Ports: "x", Cells: "*", From: "tomorrow", To: "10:00"},
			[]string{HuntFieldDests, HuntFieldPorts, HuntFieldCells, HuntFieldFrom, HuntFieldTo}, ""},
		{HuntForm{From: "2017-05-02"}, nil, "name at least a destination"},
		{HuntForm{Dests: "1.2.3.4", From: "2017-05-03", To: "2017-05-02"}, nil, "ends (2017-05-02 23:59:59) before it starts (2017-05-03 00:00:00)"},
	}
	for _, tt := range tests {
		_, err := tt.form.Parse()
		var fe HuntFormErrors
		switch {
		case tt.wantFields != nil:
			if !errors.As(err, &fe) {
				t.Errorf("%+v: error %v, want field errors", tt.form, err)
				continue
			}
			var fields []string
			for _, e := range fe {
				fields = append(fields, e.Field)
			}
			if !slices.Equal(fields, tt.wantFields) {
				t.Errorf("%+v: fields in error %v, want %v", tt.form, fields, tt.wantFields)
			}
		case tt.wantErr != "":
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%+v: error %v, want %q", tt.form, err, tt.wantErr)
			}
		case err != nil:
			t.Errorf("%+v: %v", tt.form, err)
		}
	}
}

// Form writes a query that parses back to itself.
func TestHuntFormRoundTrip(t *testing.T) {
	forms := []HuntForm{
		{Dests: "104.198.99.79:443, 104.198.96.0/20, [2001:db8::/32]:443, 2001:db8::1", Ports: "80 8000-8100",
			Cells: `234-15-101-*, "Site A, north", 17`, From: "2 May 2017 10:02", To: "2017-05-02T11"},
		{Ports: "1194", To: "20170502"},
	}
	for _, f := range forms {
		q := mustQuery(t, f)
		back := q.Form()
		q2 := mustQuery(t, back)
		if back2 := q2.Form(); back2 != back {
			t.Errorf("round trip of %+v: %+v then %+v", f, back, back2)
		}
		if !slices.Equal(q.Dests, q2.Dests) || !slices.Equal(q.Ports, q2.Ports) || !slices.Equal(q.Cells, q2.Cells) ||
			q.From != q2.From || q.To != q2.To || q.HasFrom != q2.HasFrom || q.HasTo != q2.HasTo {
			t.Errorf("round trip of %+v changed the query: %+v vs %+v", f, q, q2)
		}
	}
	q := mustQuery(t, forms[0])
	if got, want := q.Form().To, "2017-05-02 11:59:59"; got != want {
		t.Errorf("to written to the hour: %q, want %q", got, want)
	}
}
