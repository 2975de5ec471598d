package evidence

import (
	"errors"
	"strings"
	"testing"
)

// quantityCase is one input to ParseVolume or ParseDuration.
type quantityCase struct {
	in      string
	want    int64
	wantErr string
	lost    bool
}

func checkQuantity(t *testing.T, name string, parse func(string) (int64, error), tests []quantityCase) {
	t.Helper()
	for _, tt := range tests {
		got, err := parse(tt.in)
		switch {
		case tt.wantErr == "":
			if err != nil || got != tt.want {
				t.Errorf("%s(%q) = %d, %v; want %d", name, tt.in, got, err, tt.want)
			}
		case err == nil:
			t.Errorf("%s(%q) = %d; want error containing %q", name, tt.in, got, tt.wantErr)
		case tt.lost && !errors.Is(err, ErrPrecisionLost):
			t.Errorf("%s(%q) error %q does not wrap ErrPrecisionLost", name, tt.in, err)
		case !strings.Contains(err.Error(), tt.wantErr):
			t.Errorf("%s(%q) error %q, want it to contain %q", name, tt.in, err, tt.wantErr)
		}
	}
}

func TestParseVolume(t *testing.T) {
	checkQuantity(t, "ParseVolume", ParseVolume, []quantityCase{
		{in: "10819", want: 10819},
		{in: "0", want: 0},
		{in: "'1702305'", want: 1702305},
		{in: "1,234,567", want: 1234567},
		{in: "12,345", want: 12345},
		{in: "1234.0", want: 1234},
		{in: "1234.", want: 1234},
		{in: "1.5 KB", want: 1536},
		{in: "1.5kb", want: 1536},
		{in: "2 MB", want: 2 << 20},
		{in: "3 GB", want: 3 << 30},
		{in: "3GiB", want: 3 << 30},
		{in: "1 TB", want: 1 << 40},
		{in: "512 B", want: 512},
		{in: "512 bytes", want: 512},
		{in: ".5 MB", want: 1 << 19},
		{in: "1,234.5 KB", want: 1264128},
		{in: "0.001 KB", want: 1}, // 1.024 bytes rounds to 1
		{in: "9223372036854775807", want: 9223372036854775807},
		{in: "-5", wantErr: "negative"},
		{in: "1,23", wantErr: "comma does not separate thousands"},
		{in: "1234,567", wantErr: "comma does not separate thousands"},
		{in: "1,2345", wantErr: "comma does not separate thousands"},
		{in: "12.5", wantErr: "fraction of a byte"},
		{in: "1.2E+09", wantErr: "precision lost", lost: true},
		{in: "5 XB", wantErr: `unknown unit "XB"`},
		{in: "9223372036854775808", wantErr: "too large"},
		{in: "9000000000 GB", wantErr: "too large"},
		{in: "8589934591.9 GB", want: 9223372036747401626},
		{in: "8589934591.99999999999 GB", wantErr: "too large"},
		{in: "1 2", wantErr: "unexpected character '2'"},
		{in: "abc", wantErr: "not a number"},
		{in: "", wantErr: "empty"},
	})
}

func TestParseDuration(t *testing.T) {
	checkQuantity(t, "ParseDuration", ParseDuration, []quantityCase{
		{in: "554", want: 554},
		{in: "0", want: 0},
		{in: "'27'", want: 27},
		{in: "00:09:14", want: 554},
		{in: "9:14", want: 554},
		{in: "1:02:03", want: 3723},
		{in: "25:00:00", want: 90000},
		{in: "00:00:14.6", want: 15},
		{in: "554.0", want: 554},
		{in: "12.6", want: 13},
		{in: "12.4", want: 12},
		{in: "9m14s", want: 554},
		{in: "1h2m3s", want: 3723},
		{in: "14s", want: 14},
		{in: "2m", want: 120},
		{in: "2 min 5 sec", want: 125},
		{in: "1H 5M", want: 3900},
		// a duration kept in a date-time type: the clock on a zero date
		{in: "1970-01-01 00:02:18", want: 138},
		{in: "1970-01-01T01:00:05", want: 3605},
		{in: "1900-01-01 00:00:45", want: 45},
		{in: "1899-12-31 00:00:45", want: 45},
		{in: "2019-03-14 00:02:18", wantErr: "duration"},
		{in: "-5", wantErr: "negative"},
		{in: "9:60", wantErr: "00 to 59"},
		{in: "9:5", wantErr: "two digits"},
		{in: "1:02:03:04", wantErr: "more than three fields"},
		{in: "9s14m", wantErr: "units out of order"},
		{in: "1m1m", wantErr: "units out of order"},
		{in: "5 days", wantErr: `unknown unit "days"`},
		{in: "9:14x", wantErr: "unexpected character 'x'"},
		{in: "abc", wantErr: "unexpected character 'a'"},
		{in: "5.54E+02", wantErr: "precision lost", lost: true},
		{in: "1234567890123", wantErr: "too large"},
		{in: "", wantErr: "empty"},
	})
}
