package evidence

import (
	"strings"
	"testing"
)

func TestParseIP(t *testing.T) {
	tests := []struct{ in, want, wantErr string }{
		{in: "10.1.4.36", want: "10.1.4.36"},
		{in: "'3.165.223.248'", want: "3.165.223.248"},
		{in: " 142.250.190.78 ", want: "142.250.190.78"},
		{in: "0.0.0.0", want: "0.0.0.0"},
		{in: "255.255.255.255", want: "255.255.255.255"},
		{in: "010.001.002.003", want: "10.1.2.3"},
		{in: "192.168.000.010", want: "192.168.0.10"},
		{in: "2001:DB8::1", want: "2001:db8::1"},
		{in: "2001:0db8:0000:0000:0000:0000:0000:0001", want: "2001:db8::1"},
		{in: "[2001:db8::1]", want: "2001:db8::1"},
		{in: "::ffff:10.1.2.3", want: "10.1.2.3"},
		{in: "::1", want: "::1"},
		{in: "10.1.2.3:443", wantErr: "carries a port (:443)"},
		{in: "[2001:db8::1]:443", wantErr: "carries a port (:443)"},
		{in: "10.1.2", wantErr: "has 3 parts (want 4)"},
		{in: "10.1.2.256", wantErr: "part 256 out of range (0-255)"},
		{in: "1234.1.1.1", wantErr: "part 1234 out of range"},
		{in: "10.1.2.3.4", wantErr: "more than 4 parts"},
		{in: "10.1.2.", wantErr: "ends with a dot"},
		{in: "10.1..2", wantErr: "unexpected character '.'"},
		{in: "10.1.2.3/24", wantErr: "is a network (prefix /24)"},
		{in: "10.1.2.3x", wantErr: "unexpected character 'x'"},
		{in: "fe80::1%eth0", wantErr: "has a zone (%eth0)"},
		{in: "2001:db8::g", wantErr: "not an IPv6 address"},
		{in: "[10.1.2.3]", wantErr: "only IPv6 addresses are written in brackets"},
		{in: "[2001:db8::1", wantErr: "'[' without ']'"},
		{in: "hello", wantErr: "not an IP address: unexpected character 'h'"},
		{in: "", wantErr: "empty"},
	}
	for _, tt := range tests {
		got, err := ParseIP(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseIP(%q) = %q, %v; want error containing %q", tt.in, got, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseIP(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestParsePort(t *testing.T) {
	tests := []struct {
		in      string
		want    int
		wantErr string
	}{
		{in: "443", want: 443},
		{in: "443.0", want: 443},
		{in: "'8080'", want: 8080},
		{in: "0", want: 0},
		{in: "65535", want: 65535},
		{in: "00080", want: 80},
		{in: "65536", wantErr: "out of range (0-65535)"},
		{in: "99999999999999999999", wantErr: "out of range"},
		{in: "443.5", wantErr: "not a whole number"},
		{in: "-1", wantErr: "negative"},
		{in: "http", wantErr: "unexpected character 'h'"},
		{in: "44 3", wantErr: "unexpected character ' '"},
		{in: "", wantErr: "empty"},
	}
	for _, tt := range tests {
		got, err := ParsePort(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParsePort(%q) = %d, %v; want error containing %q", tt.in, got, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParsePort(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}
