package evidence

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// A zone name after the time is kept as a label, accepted only when the
// zone given with --tz uses that name at that time.
func TestCheckLabel(t *testing.T) {
	kolkata, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	london, _ := time.LoadLocation("Europe/London")
	tests := []struct {
		value   string
		loc     *time.Location
		wantErr string // "" for accepted
	}{
		{"2014-08-28 19:29:04 IST", kolkata, ""},
		{"28/08/2014 7:29:04 PM ist", kolkata, ""},
		{"2014-08-28 19:29:04 IST", nil, "say which with --tz"},
		{"2014-08-28 19:29:04 IST", london, `"IST" is not the zone given with --tz (Europe/London writes BST then)`},
		{"2014-01-28 19:29:04 GMT", london, ""}, // GMT is read as UTC itself
		{"2014-08-28 19:29:04 XYZ", kolkata, `"XYZ" is not the zone given`},
		{"2014-08-28 19:29:04 +0530 IST", nil, ""}, // the offset says everything
		{"2014-08-28 19:29:04", nil, ""},
	}
	for _, tc := range tests {
		w, err := ParseDateTime(tc.value, DMY)
		if err != nil {
			t.Fatalf("%q: %v", tc.value, err)
		}
		got, err := CheckLabel(w, tc.loc)
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("%q in %v: %v", tc.value, tc.loc, err)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("%q in %v: error %v, want one saying %q", tc.value, tc.loc, err, tc.wantErr)
		case err == nil && got.Label != "":
			t.Errorf("%q in %v: label %q left", tc.value, tc.loc, got.Label)
		}
	}
	if _, err := ParseDateTime("2014-08-28 19:29:04 SUPERLONGZONE", DMY); err == nil {
		t.Error("a long word after the time was taken for a zone")
	}
}

// A file whose times carry a zone name is refused whole until --tz says
// which zone it is, then read in it.
func TestSniffRefusesZoneNamesWithoutZone(t *testing.T) {
	head := []byte("MSISDN,Destination IP,Start Time\n919812345678,1.2.3.4,2024-03-18 10:00:00 IST\n")
	_, err := Sniff(head, true, Options{})
	var named *ZoneNameError
	if !errors.As(err, &named) || named.Label != "IST" {
		t.Fatalf("Sniff without a zone: %v, want a ZoneNameError for IST", err)
	}
	kolkata, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	l, err := Sniff(head, true, Options{Zone: kolkata})
	if err != nil {
		t.Fatal(err)
	}
	rd := NewReader(strings.NewReader(string(head)), l)
	row, err := rd.Next()
	if err != nil {
		t.Fatal(err)
	}
	// 10:00 IST is 04:30 UTC.
	if want := time.Date(2024, 3, 18, 4, 30, 0, 0, time.UTC).Unix(); row.Data.Start != want || row.Data.WallOffset != 19800 {
		t.Errorf("start %d offset %d, want %d and 19800", row.Data.Start, row.Data.WallOffset, want)
	}
}
