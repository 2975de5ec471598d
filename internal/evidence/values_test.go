package evidence

import (
	"errors"
	"strings"
	"testing"
)

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  hello  ", "hello"},
		{`"VM-HDFCBK"`, "VM-HDFCBK"},
		{"'9714499703'", "9714499703"},
		{`="00123"`, "00123"},
		{` " padded " `, "padded"},
		{`""`, ""},
		{`"`, `"`},
		{`'it's'`, "it's"},
		{"'leading apostrophe", "'leading apostrophe"}, // text keeps it
		{`"""eletro"""`, `""eletro""`},                 // one pair only
		{"8107924651\xa5\xa5b", "8107924651\xa5\xa5b"}, // invalid UTF-8 kept
		{"a\x00b\tc", "a\x00b\tc"},                     // control bytes kept
		{"\u00a0 42\u00a0", "42"},                      // no-break spaces trimmed
		{"\t\r\n", ""},
	}
	for _, tt := range tests {
		if got := CleanText(tt.in); got != tt.want {
			t.Errorf("CleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// identifierCase is one input to an identifier parser: want is the result,
// or wantErr a part of the error message; lost says errors.Is(err,
// ErrPrecisionLost) must hold.
type identifierCase struct {
	in, want, wantErr string
	lost              bool
}

func checkIdentifier(t *testing.T, name string, parse func(string) (string, error), tests []identifierCase) {
	t.Helper()
	for _, tt := range tests {
		got, err := parse(tt.in)
		switch {
		case tt.wantErr == "" && !tt.lost:
			if err != nil || got != tt.want {
				t.Errorf("%s(%q) = %q, %v; want %q", name, tt.in, got, err, tt.want)
			}
		case err == nil:
			t.Errorf("%s(%q) = %q; want an error", name, tt.in, got)
		case tt.lost && !errors.Is(err, ErrPrecisionLost):
			t.Errorf("%s(%q) error %q does not wrap ErrPrecisionLost", name, tt.in, err)
		case !strings.Contains(err.Error(), tt.wantErr):
			t.Errorf("%s(%q) error %q, want it to contain %q", name, tt.in, err, tt.wantErr)
		}
	}
}

func TestParseMSISDN(t *testing.T) {
	checkIdentifier(t, "ParseMSISDN", ParseMSISDN, []identifierCase{
		{in: "9871808000", want: "9871808000"},
		{in: "+919871808000", want: "919871808000"},
		{in: "00919871808000", want: "00919871808000"},
		{in: "+91 98718 08000", want: "919871808000"},
		{in: "98718-08000", want: "9871808000"},
		{in: "98.71.80.80.00", want: "9871808000"},
		{in: "'9714499703'", want: "9714499703"},
		{in: "'9714499703", want: "9714499703"},
		{in: `="9714499703"`, want: "9714499703"},
		{in: `  "89245555937"  `, want: "89245555937"},
		{in: `"'9714499703'"`, want: "9714499703"},
		{in: `="'9714499703"`, want: "9714499703"},
		{in: "1", want: "1"},
		{in: "123456789012345", want: "123456789012345"},
		{in: "+1 234 567 890 123 45", want: "123456789012345"},
		{in: "9.18E+11", wantErr: "precision lost", lost: true},
		{in: "9,18E+11", wantErr: "precision lost", lost: true},
		{in: "9.19871808E11", wantErr: "precision lost", lost: true},
		{in: "919871808000.0", wantErr: "decimal number"},
		{in: "919871808000.00", wantErr: "decimal number"},
		{in: "1234567890123456", wantErr: "16 digits (at most 15)"},
		{in: "+91 9871 8080 0012 34", wantErr: "16 digits (at most 15)"},
		{in: "VM-HDFCBK", wantErr: "unexpected character 'V' at position 1"},
		{in: "98718O8000", wantErr: "unexpected character 'O' at position 6"},
		{in: "+91  98718", wantErr: "unexpected character ' '"},
		{in: "98718-", wantErr: "unexpected character '-'"},
		{in: "+", wantErr: "no digits"},
		{in: "++91", wantErr: "unexpected character '+'"},
		{in: "8107924651\xa5\xa5b", wantErr: "unexpected byte 0xA5 at position 11"},
		{in: "", wantErr: "empty"},
		{in: "  ''  ", wantErr: "empty"},
	})
}

func TestParseIMSI(t *testing.T) {
	checkIdentifier(t, "ParseIMSI", ParseIMSI, []identifierCase{
		{in: "404100433218196", want: "404100433218196"},
		{in: "40419866162966", want: "40419866162966"},
		{in: "'404100433218196'", want: "404100433218196"},
		{in: "40999000001", wantErr: "IMSI has 11 digits (want 14 or 15)"},
		{in: "8942702111507910702", wantErr: "IMSI has 19 digits (at most 15); an ICCID?"},
		{in: "894270211150791070", wantErr: "18 digits (at most 15); an ICCID?"},
		{in: "1234567890123456", wantErr: "IMSI has 16 digits (at most 15)"},
		{in: "4.04100433218196E+14", wantErr: "precision lost", lost: true},
		{in: "404100433218196.0", wantErr: "decimal number"},
		{in: "404-10-0433218196", wantErr: "unexpected character '-'"},
		{in: "", wantErr: "empty"},
	})
}

func TestParseIMEI(t *testing.T) {
	checkIdentifier(t, "ParseIMEI", ParseIMEI, []identifierCase{
		{in: "356408037586752", want: "356408037586752"},
		{in: "35640803758675", want: "35640803758675"},
		{in: "3564080375867501", want: "3564080375867501"},
		{in: "35-209900-176148-1", want: "352099001761481"},
		{in: "35 209900 176148 1", want: "352099001761481"},
		{in: "356999000009909", want: "356999000009909"}, // failed Luhn is kept
		{in: "3562549800598", wantErr: "IMEI has 13 digits"},
		{in: "35640803758675012", wantErr: "IMEI has 17 digits"},
		{in: "3-5-6-4-0-8-0-3-7-5-8-6-7-5-2-1-2-3-4-5-6", wantErr: "IMEI has 21 digits"},
		{in: "3.56408E+14", wantErr: "precision lost", lost: true},
		{in: "356408037586752.0", wantErr: "decimal number"},
		{in: "35640803758675X", wantErr: "unexpected character 'X' at position 15"},
		{in: "", wantErr: "empty"},
	})
}

func TestIMEILuhnOK(t *testing.T) {
	// Expected values computed independently with a Luhn implementation in Python.
	tests := []struct {
		imei string
		want bool
	}{
		{"490154203237518", true},
		{"352099001761481", true},
		{"356408037586752", true},
		{"356408037588725", true},
		{"490154203237510", false},
		{"123456789012345", false},
		{"356999000009909", false},
		{"35640803758675", false},   // 14 digits: no check digit
		{"3564080375867501", false}, // IMEISV
		{"35640803758675a", false},
	}
	for _, tt := range tests {
		if got := IMEILuhnOK(tt.imei); got != tt.want {
			t.Errorf("IMEILuhnOK(%q) = %v, want %v", tt.imei, got, tt.want)
		}
	}
}

func BenchmarkParseMSISDN(b *testing.B) {
	values := []string{"9871808000", "'9714499703'", "+919871808000", "89245555937", "+91 98718 08000"}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := ParseMSISDN(values[i%len(values)]); err != nil {
			b.Fatal(err)
		}
	}
}
