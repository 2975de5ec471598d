package evidence

import (
	"strings"
	"testing"
)

// Helpers building the expected Wall values.
func wallDate(y, mo, d int) Wall { return Wall{Year: y, Month: mo, Day: d} }

func wallHM(y, mo, d, h, mi int) Wall {
	return Wall{Year: y, Month: mo, Day: d, Hour: h, Minute: mi, HasTime: true}
}

func wallHMS(y, mo, d, h, mi, s int) Wall {
	w := wallHM(y, mo, d, h, mi)
	w.Second, w.HasSeconds = s, true
	return w
}

func (w Wall) withNano(n int) Wall { w.Nano = n; return w }

func (w Wall) withOffset(sec int) Wall { w.HasOffset, w.Offset = true, sec; return w }

func TestParseDateTimeLayouts(t *testing.T) {
	tests := []struct {
		in    string
		order DateOrder
		want  Wall
	}{
		// ISO and its variants
		{"2014-08-28 19:29:04", DMY, wallHMS(2014, 8, 28, 19, 29, 4)},
		{"2014-08-28T19:29:04", MDY, wallHMS(2014, 8, 28, 19, 29, 4)},
		{"2014-08-28T19:29:04.123Z", "", wallHMS(2014, 8, 28, 19, 29, 4).withNano(123e6).withOffset(0)},
		{"2014-08-28 19:29:04+05:30", DMY, wallHMS(2014, 8, 28, 19, 29, 4).withOffset(19800)},
		{"2014-08-28 19:29:04 +0530", DMY, wallHMS(2014, 8, 28, 19, 29, 4).withOffset(19800)},
		{"2014-08-28 19:29:04-0800", DMY, wallHMS(2014, 8, 28, 19, 29, 4).withOffset(-28800)},
		{"2014-08-28 19:29:04 -03", DMY, wallHMS(2014, 8, 28, 19, 29, 4).withOffset(-10800)},
		{"2014-08-28 19:29:04 UTC", DMY, wallHMS(2014, 8, 28, 19, 29, 4).withOffset(0)},
		{"2014-08-28 19:29:04 +0530 IST", DMY, wallHMS(2014, 8, 28, 19, 29, 4).withOffset(19800)},
		{"2014-08-28 19:29:04 GMT+05:30", DMY, wallHMS(2014, 8, 28, 19, 29, 4).withOffset(19800)},
		{"2014-08-28 19:29:04.123456789", DMY, wallHMS(2014, 8, 28, 19, 29, 4).withNano(123456789)},
		{"2014-08-28 19:29:04,5", DMY, wallHMS(2014, 8, 28, 19, 29, 4).withNano(5e8)},
		// Oracle's default TIMESTAMP: dotted clock, fraction, meridiem
		{"28-AUG-14 07.29.04.000000 PM", "", wallHMS(2014, 8, 28, 19, 29, 4)},
		{"28-AUG-14 07.29.04.250000 AM", "", wallHMS(2014, 8, 28, 7, 29, 4).withNano(25e7)},
		{"2014-08-28 19:29:04.1234567891", DMY, wallHMS(2014, 8, 28, 19, 29, 4).withNano(123456789)},
		{"2014/8/28 9:05", DMY, wallHM(2014, 8, 28, 9, 5)},
		{"2014.08.28", MDY, wallDate(2014, 8, 28)},
		{"2014-Aug-28", "", wallDate(2014, 8, 28)},
		{"2021-04-0212:23:10", DMY, wallHMS(2021, 4, 2, 12, 23, 10)},
		{"2020/2/10 22:41", DMY, wallHM(2020, 2, 10, 22, 41)},
		// numeric with the year last
		{"28/08/2014 19:29:04", DMY, wallHMS(2014, 8, 28, 19, 29, 4)},
		{"9/22/2011 22:54:00", MDY, wallHMS(2011, 9, 22, 22, 54, 0)},
		{"9/22/2011 10:54 PM", MDY, wallHM(2011, 9, 22, 22, 54)},
		{"28.08.2014 19:29", DMY, wallHM(2014, 8, 28, 19, 29)},
		{"28-08-2014", DMY, wallDate(2014, 8, 28)},
		{"05/06/2020", DMY, wallDate(2020, 6, 5)},
		{"05/06/2020", MDY, wallDate(2020, 5, 6)},
		{"28/08/14", DMY, wallDate(2014, 8, 28)},
		{"1/9/2017 16:33:01", DMY, wallHMS(2017, 9, 1, 16, 33, 1)},
		{"28/08/2014, 19:29:04", DMY, wallHMS(2014, 8, 28, 19, 29, 4)},
		{"14/08/28", YMD, wallDate(2014, 8, 28)}, // forced YMD with a two-digit year first
		// order "" or not applicable: the only valid reading is taken
		{"28/08/2014", "", wallDate(2014, 8, 28)},
		{"9/22/2011", "", wallDate(2011, 9, 22)},
		{"9/22/2011", YMD, wallDate(2011, 9, 22)},
		{"05/05/2020", "", wallDate(2020, 5, 5)},
		// month names
		{"28-Aug-2014 19:29:04", MDY, wallHMS(2014, 8, 28, 19, 29, 4)},
		{"28 Aug 2014", MDY, wallDate(2014, 8, 28)},
		{"28 AUGUST 2014", "", wallDate(2014, 8, 28)},
		{"28/Aug/2014:19:29:04 +0530", "", wallHMS(2014, 8, 28, 19, 29, 4).withOffset(19800)},
		{"Aug 28 2014 19:29:04", DMY, wallHMS(2014, 8, 28, 19, 29, 4)},
		{"Aug 28, 2014 7:29 PM", DMY, wallHM(2014, 8, 28, 19, 29)},
		{"Sept 1 2014", DMY, wallDate(2014, 9, 1)},
		{"Thu Aug 28 19:29:04 2014", DMY, wallHMS(2014, 8, 28, 19, 29, 4)},
		{"Thu Aug 28 19:29:04 UTC 2014", DMY, wallHMS(2014, 8, 28, 19, 29, 4).withOffset(0)},
		{"Thu, 28 Aug 2014 19:29:04 +0530", DMY, wallHMS(2014, 8, 28, 19, 29, 4).withOffset(19800)},
		{"28-Aug-14", MDY, wallDate(2014, 8, 28)},
		{"01-Jun-69", "", wallDate(2069, 6, 1)},
		{"01-Jun-70", "", wallDate(1970, 6, 1)},
		{"31-Dec-99", "", wallDate(1999, 12, 31)},
		{"01-JAN-00", "", wallDate(2000, 1, 1)},
		// compact and epoch
		{"20140828192904", DMY, wallHMS(2014, 8, 28, 19, 29, 4)},
		{"201408281929", DMY, wallHM(2014, 8, 28, 19, 29)},
		{"20140828", DMY, wallDate(2014, 8, 28)},
		{"20140828 192904", DMY, wallHMS(2014, 8, 28, 19, 29, 4)},
		{"20140828 1929", DMY, wallHM(2014, 8, 28, 19, 29)},
		{"20140828T19:29:04Z", DMY, wallHMS(2014, 8, 28, 19, 29, 4).withOffset(0)},
		{"1409254144", DMY, wallHMS(2014, 8, 28, 19, 29, 4).withOffset(0)},
		{"1409254144123", DMY, wallHMS(2014, 8, 28, 19, 29, 4).withNano(123e6).withOffset(0)},
		{"1409254144.5", DMY, wallHMS(2014, 8, 28, 19, 29, 4).withNano(5e8).withOffset(0)},
		// wrappings
		{"  '28/08/2014 19:29:04'  ", DMY, wallHMS(2014, 8, 28, 19, 29, 4)},
		{`"2014-08-28 19:29:04"`, DMY, wallHMS(2014, 8, 28, 19, 29, 4)},
		{`="2014-08-28"`, DMY, wallDate(2014, 8, 28)},
		// calendar and clock edges
		{"29/02/2024", DMY, wallDate(2024, 2, 29)},
		{"29/02/2000", DMY, wallDate(2000, 2, 29)},
		{"2024-12-31 23:59:59", DMY, wallHMS(2024, 12, 31, 23, 59, 59)},
		{"2024-01-01 00:00:00", DMY, wallHMS(2024, 1, 1, 0, 0, 0)},
		{"2024-01-01 0:02:40", DMY, wallHMS(2024, 1, 1, 0, 2, 40)},
		{"1/1/2024 12:00 AM", MDY, wallHM(2024, 1, 1, 0, 0)},
		{"1/1/2024 12:30 PM", MDY, wallHM(2024, 1, 1, 12, 30)},
		{"1/1/2024 12:59:59 a.m.", MDY, wallHMS(2024, 1, 1, 0, 59, 59)},
		{"1/1/2024 1:00 pm", MDY, wallHM(2024, 1, 1, 13, 0)},
		{"1/1/2024 11:59:59PM", MDY, wallHMS(2024, 1, 1, 23, 59, 59)},
		// locales' spaces and markers: Spanish-language Excel (es-MX,
		// es-CO) writes "p. m.", often with no-break spaces; ICU (CLDR 42
		// on) puts a narrow no-break space before AM/PM; before, each was
		// refused ("p" after the time is not a zone)
		{"18/03/2024 10:15:02 p. m.", DMY, wallHMS(2024, 3, 18, 22, 15, 2)},
		{"18/03/2024 12:15:02 a. m.", DMY, wallHMS(2024, 3, 18, 0, 15, 2)},
		{"18/03/2024\u00a010:15:02\u00a0p.\u00a0m.", DMY, wallHMS(2024, 3, 18, 22, 15, 2)},
		{"3/18/2024, 10:15:02\u202fPM", MDY, wallHMS(2024, 3, 18, 22, 15, 2)},
		// month names of other languages (before: "not a month name"):
		// Oracle's Spanish, German, Italian abbreviations, Portuguese
		// and Dutch long names
		{"18-ABR-24 10:15:02", DMY, wallHMS(2024, 4, 18, 10, 15, 2)},
		{"18-OKT-24 01.02.03.000000 PM", DMY, wallHMS(2024, 10, 18, 13, 2, 3)},
		{"18-GIU-24", DMY, wallDate(2024, 6, 18)},
		{"18/Out/2024 10:15", DMY, wallHM(2024, 10, 18, 10, 15)},
		{"18 dezembro 2024", DMY, wallDate(2024, 12, 18)},
		{"1 maart 2024", DMY, wallDate(2024, 3, 1)},
		{"18-DIC-24", DMY, wallDate(2024, 12, 18)},
	}
	for _, tt := range tests {
		got, err := ParseDateTime(tt.in, tt.order)
		if err != nil {
			t.Errorf("ParseDateTime(%q, %q): %v", tt.in, tt.order, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseDateTime(%q, %q) = %+v, want %+v", tt.in, tt.order, got, tt.want)
		}
	}
}

func TestParseDateTimeErrors(t *testing.T) {
	tests := []struct {
		in, order, wantErr string
	}{
		{"31/02/2020", "DMY", "day 31 does not exist in February 2020"},
		{"29/02/2023", "DMY", "day 29 does not exist in February 2023"},
		{"29/02/1900", "DMY", "day 29 does not exist in February 1900"},
		{"13/13/2020", "DMY", "month 13 out of range (date order DMY)"},
		{"9/22/2011", "DMY", "month 22 out of range (date order DMY)"},
		{"28/08/2014", "MDY", "month 28 out of range (date order MDY)"},
		{"00/08/2014", "DMY", "day 0 out of range"},
		{"2014-13-01", "DMY", "month 13 out of range"},
		{"2014-02-30", "", "day 30 does not exist in February 2014"},
		{"05/06/2020", "", "5 June 2020 (DMY) or May 6 2020 (MDY)"},
		{"13/13/2020", "", "neither day-month-year"},
		{"2014-08-28 24:00:00", "DMY", "hour 24 out of range"},
		{"2014-08-28 23:60:00", "DMY", "minute 60 out of range"},
		{"2014-08-28 23:59:60", "DMY", "leap second"},
		{"2014-08-28 23:59:61", "DMY", "second 61 out of range"},
		{"1/1/2024 13:00 PM", "MDY", "hour 13 with PM"},
		{"1/1/2024 0:30 PM", "MDY", "hour 0 with PM"},
		{"2014-08-28 19:29:04 +0530 IST x", "DMY", `unexpected " IST x" after the time`},
		{"2014-08-28 19:29:04 +15:00", "DMY", "UTC offset 15:00 out of range"},
		{"2000-1-1 0.00+1410", "DMY", "UTC offset 14:10 out of range"},
		{"2014-08-28 19:29:04 (Thu)", "DMY", `unexpected " (Thu)" after the time`},
		{"2014-08-28 19", "DMY", "expected ':' after the hour"},
		{"2014-08-28 19:2", "DMY", "the minutes need two digits"},
		{"2021-04-212:23:10", "DMY", "the day has 3 digits"},
		{"28-Foo-2014", "DMY", `"Foo" is not a month name`},
		{"Nov 4 18:30:40", "DMY", "expected a year after the time"},
		{"0214-08-28", "DMY", "year 214 outside 1900-2199"},
		{"28/08/201", "DMY", "year has 3 digits"},
		{"9871808000", "DMY", "falls in 2282"},
		{"8801712345678", "DMY", "epoch milliseconds falls in 2248"},
		{"919871808000", "DMY", "year 9198 outside 1900-2199"},
		{"123456", "DMY", "a 6-digit number is not a date"},
		{"45678.4375", "DMY", "a spreadsheet's date serial, if it is one, counts days from 1899-12-30 or from 1904-01-01"},
		{"45678", "", "a spreadsheet's date serial"},
		{"10.1.2.3", "DMY", "year has 1 digits"},
		{"12 34 2014", "DMY", "numbers separated by spaces"},
		{"abc", "DMY", `"abc" is not a month name`},
		{"Thu", "DMY", "value ends early"},
		{"Thu,", "DMY", "value ends early"},
		{"", "DMY", "empty"},
		{`""`, "DMY", "empty"},
		{"-5", "DMY", "unexpected character '-'"},
	}
	for _, tt := range tests {
		w, err := ParseDateTime(tt.in, DateOrder(tt.order))
		if err == nil {
			t.Errorf("ParseDateTime(%q, %q) = %+v, want error containing %q", tt.in, tt.order, w, tt.wantErr)
			continue
		}
		if !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("ParseDateTime(%q, %q) error %q, want it to contain %q", tt.in, tt.order, err, tt.wantErr)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		order   DateOrder
		want    Wall
		wantErr string
	}{
		{in: "28/08/2014", order: DMY, want: wallDate(2014, 8, 28)},
		{in: "'15/04/2026'", order: DMY, want: wallDate(2026, 4, 15)},
		{in: "20140828", order: DMY, want: wallDate(2014, 8, 28)},
		{in: "28 Aug 2014", order: MDY, want: wallDate(2014, 8, 28)},
		{in: "28/08/2014 00:00:00", order: DMY, want: wallDate(2014, 8, 28)},
		{in: "8/28/2014 12:00:00 AM", order: MDY, want: wallDate(2014, 8, 28)},
		{in: "28/08/2014 19:29:04", order: DMY, wantErr: "expected a date only"},
		{in: "2014-08-28T00:00:00Z", order: DMY, wantErr: "expected a date only"},
		{in: "1409254144", order: DMY, wantErr: "expected a date only"},
		{in: "29/02/2023", order: DMY, wantErr: "day 29 does not exist in February 2023"},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in, tt.order)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseDate(%q) = %+v, %v; want error containing %q", tt.in, got, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseDate(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseTimeOfDay(t *testing.T) {
	tests := []struct {
		in       string
		sec      int
		nano     int
		wantErr  string
		wantNote string
	}{
		{in: "19:29:04", sec: 19*3600 + 29*60 + 4},
		{in: "0:02:40", sec: 160},
		{in: "00:00:00", sec: 0},
		{in: "23:59:59", sec: 86399},
		{in: "7:05 PM", sec: 19*3600 + 5*60},
		{in: "07:05:09 am", sec: 7*3600 + 5*60 + 9},
		{in: "12:00 AM", sec: 0},
		{in: "12:00:01 am", sec: 1},
		{in: "12:30 PM", sec: 12*3600 + 30*60},
		{in: "11:59 P.M.", sec: 23*3600 + 59*60},
		{in: "19:29:04.250", sec: 19*3600 + 29*60 + 4, nano: 250e6},
		{in: "19:29:04,000000001", sec: 19*3600 + 29*60 + 4, nano: 1},
		{in: "192904", sec: 19*3600 + 29*60 + 4},
		{in: "000000", sec: 0},
		{in: "19.29.04", sec: 19*3600 + 29*60 + 4},
		{in: "19.29.04,5", sec: 19*3600 + 29*60 + 4, nano: 5e8},
		{in: " '19:29' ", sec: 19*3600 + 29*60},
		{in: "24:00:00", wantErr: "hour 24 out of range"},
		{in: "12:60", wantErr: "minute 60 out of range"},
		{in: "13:00 PM", wantErr: "hour 13 with PM"},
		{in: "19.29", wantErr: "needs seconds"},
		{in: "1929", wantErr: "the hour has 4 digits"},
		{in: "19:29:04 +05:30", wantErr: "unexpected"},
		{in: "2014-08-28 19:29:04", wantErr: "the hour has 4 digits"},
		{in: "19:29:04 ZZ", wantErr: "unexpected"},
		{in: "noon", wantErr: "expected a time of day"},
		{in: "", wantErr: "empty"},
	}
	for _, tt := range tests {
		sec, nano, err := ParseTimeOfDay(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseTimeOfDay(%q) = %d, %d, %v; want error containing %q", tt.in, sec, nano, err, tt.wantErr)
			}
			continue
		}
		if err != nil || sec != tt.sec || nano != tt.nano {
			t.Errorf("ParseTimeOfDay(%q) = %d, %d, %v; want %d, %d", tt.in, sec, nano, err, tt.sec, tt.nano)
		}
	}
}

func TestCombine(t *testing.T) {
	d, err := ParseDate("28/08/2014", DMY)
	if err != nil {
		t.Fatal(err)
	}
	sec, nano, err := ParseTimeOfDay("7:29:04.5 PM")
	if err != nil {
		t.Fatal(err)
	}
	got := Combine(d, sec, nano)
	want := wallHMS(2014, 8, 28, 19, 29, 4).withNano(5e8)
	if got != want {
		t.Errorf("Combine = %+v, want %+v", got, want)
	}
	if s := got.String(); s != "2014-08-28 19:29:04" {
		t.Errorf("String() = %q", s)
	}
}

// The days a date-time type dates a bare time of day are no dates.
func TestZeroDate(t *testing.T) {
	for _, z := range zeroDates {
		w, err := ParseDate(z, YMD)
		if err != nil && z[:4] != "1899" { // 1899 is outside the years read
			t.Fatalf("%s: %v", z, err)
		}
		if err == nil && !ZeroDate(w) {
			t.Errorf("%s is not a zero date", z)
		}
		if w, err := ParseDateTime(z+" 09:12:44", YMD); err == nil && !ZeroDate(w) {
			t.Errorf("%s 09:12:44 is not on a zero date", z)
		}
	}
	for _, d := range []string{"1970-01-02", "1969-12-31", "2019-03-14", "1904-01-02"} {
		if w, err := ParseDate(d, YMD); err != nil || ZeroDate(w) {
			t.Errorf("%s: zero date (%v)", d, err)
		}
	}
}
