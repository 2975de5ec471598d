package analysis

import (
	"strings"
	"testing"
)

func TestParseWallTime(t *testing.T) {
	tests := []struct {
		in      string
		end     bool
		want    string // the wall clock, 2006-01-02 15:04:05
		wantErr string
	}{
		{"2017-05-02T10:02:11", false, "2017-05-02 10:02:11", ""},
		{"2017-05-02T10:02:11", true, "2017-05-02 10:02:11", ""},
		{"2017-05-02 10:02:11", false, "2017-05-02 10:02:11", ""},
		{"  2017-05-02   10:02:11 ", false, "2017-05-02 10:02:11", ""},
		{"2017-05-02 10:02", false, "2017-05-02 10:02:00", ""},
		{"2017-05-02 10:02", true, "2017-05-02 10:02:59", ""},
		{"2017-05-02T10", true, "2017-05-02 10:59:59", ""},
		{"2017-05-02", false, "2017-05-02 00:00:00", ""},
		{"2017-05-02", true, "2017-05-02 23:59:59", ""},
		{"2017/05/02 9:05", false, "2017-05-02 09:05:00", ""},
		{"2017.05.02", false, "2017-05-02 00:00:00", ""},
		{"20170502100211", false, "2017-05-02 10:02:11", ""},
		{"20170502", true, "2017-05-02 23:59:59", ""},
		{"2 May 2017 10:02", false, "2017-05-02 10:02:00", ""},
		{"2 may 2017", true, "2017-05-02 23:59:59", ""},
		{"May 2, 2017 10:02:11", false, "2017-05-02 10:02:11", ""},
		{"02-May-2017 10:02:11", false, "2017-05-02 10:02:11", ""},
		{"2 September 2017", false, "2017-09-02 00:00:00", ""},
		{"2016-02-29", false, "2016-02-29 00:00:00", ""},
		{"13/05/2017 10:02", false, "2017-05-13 10:02:00", ""}, // only D/M reads
		{"05/13/2017", false, "2017-05-13 00:00:00", ""},       // only M/D reads
		{"05/05/2017", false, "2017-05-05 00:00:00", ""},       // both readings agree
		{"02/05/2017", false, "", "read two ways (2017-05-02 or 2017-02-05)"},
		{"2017-05-02T10:02:11Z", false, "", "carries a zone (Z)"},
		{"2017-05-02T10:02:11+01:00", false, "", "carries a zone (+01:00)"},
		{"2017-05-02 10:02 UTC", false, "", "carries a zone (UTC)"},
		{"2017-02-30", false, "", "out of range"},
		{"2017-05-02 25:00", false, "", "out of range"},
		{"10:02", false, "", "has no date"},
		{"tomorrow", false, "", "not a time"},
		{"2 May 17", false, "", "not a time"}, // two-digit years are refused
		{"", false, "", "empty"},
	}
	for _, tt := range tests {
		got, err := ParseWallTime(tt.in, tt.end)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseWallTime(%q) error = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseWallTime(%q, %v): %v", tt.in, tt.end, err)
			continue
		}
		if s := (Moment{Unix: got}).String(); s != tt.want {
			t.Errorf("ParseWallTime(%q, %v) = %s, want %s", tt.in, tt.end, s, tt.want)
		}
	}
}
