package spreadsheet

import "testing"

// Cells read as typed, from the stored value and the displayed one; every
// expectation written by hand (45371 is 20 March 2024 in Excel's 1900
// system; 10:15:02 is 36902 s, 0.42710648148148 of a day).
func TestCell(t *testing.T) {
	cases := []struct {
		raw, shown string
		date1904   bool
		want       string
	}{
		{"918123456789", "9.18E+11", false, "918123456789"},                // scientific display, exact value
		{"918123456789", "918123456789", false, "918123456789"},            // General
		{"9.18123456789E+11", "9.18E+11", false, "918123456789"},           // a writer's exponent form, 12 digits
		{"404101234567890", "404101234567890", false, "404101234567890"},   // 15 digits: exact
		{"9181234567891234", "9.18123E+15", false, "9.18123456789123E+15"}, // 16 digits: refused downstream
		{"9.18E+11", "9.18E+11", false, "9.18E+11"},                        // text, or displayed as stored: refused downstream
		{"12.5", "12.50", false, "12.5"},
		{"1234.5", "₹ 1,234.50", false, "1234.5"},
		{"0.25", "25%", false, "0.25"},
		{"45371.42710648148", "20/03/2024 10:15:02", false, "2024-03-20 10:15:02"},
		{"45371.42710648148", "3/20/24 10:15", false, "2024-03-20 10:15:02"}, // display hides the seconds
		{"45371.42710648148", "20-Mar-24", false, "2024-03-20 10:15:02"},     // display hides the time
		{"45371", "20-Mar-24", false, "2024-03-20"},
		{"45371", "03-20-24", false, "2024-03-20"},
		{"0.42710648148148", "10:15:02", false, "10:15:02"},
		{"0", "1904-01-01", true, "1904-01-01"},
		{"200000.5", "7/30/47 12:00", false, "2447-07-30 12:00:00"},               // 154629 days after 45371; past what a Duration holds
		{"43909.42710648148", "20/03/2024 10:15:02", true, "2024-03-20 10:15:02"}, // 1904 system: 1462 days fewer
		{"1", "TRUE", false, "TRUE"},
		{"9.18E+11", "", false, "918000000000"},
		{"", "", false, ""},
		{"JP-JioPay-S", "JP-JioPay-S", false, "JP-JioPay-S"},
		{"2024-03-20 11:00:00", "2024-03-20 11:00:00", false, "2024-03-20 11:00:00"}, // a date typed as text
		{"=cmd|' /C calc'!A0", "=cmd|' /C calc'!A0", false, "=cmd|' /C calc'!A0"},
	}
	for _, c := range cases {
		if got := Cell(c.raw, c.shown, c.date1904); got != c.want {
			t.Errorf("Cell(%q, %q, %v) = %q, want %q", c.raw, c.shown, c.date1904, got, c.want)
		}
	}
}

// Lengths of time and padded numbers, read as the sheet holds them. A day
// is 86400 s: 125 s is 0.00144675925925926 of a day, 25 h (90000 s)
// 1.04166666666667 days, 36 h 1.5 days.
func TestCellElapsedAndPadded(t *testing.T) {
	cases := []struct{ raw, shown, want string }{
		{"1.04166666666667", "25:00:00", "25:00:00"},   // [h]:mm:ss past a day, not 1900-01-01 01:00:00
		{"1.5", "36:00", "36:00:00"},                   // [h]:mm
		{"1", "24:00:00", "24:00:00"},                  // a whole day
		{"0.00144675925925926", "0:02:05", "00:02:05"}, // under a day: as before
		{"0.00144675925925926", "125", "0:02:05"},      // [ss]: 125 s, not 0.0014 s
		{"0.00144675925925926", "2", "0:02:05"},        // [mm]: the seconds the display hides kept
		{"1.5", "36", "36:00:00"},                      // [h]
		{"1", "86400", "24:00:00"},                     // [ss] of a whole day
		{"93320", "093320", "093320"},                  // 000000: an HHMMSS time keeps its zero
		{"0", "000000", "000000"},                      // midnight
		{"9812345678", "09812345678", "09812345678"},   // an MSISDN with its trunk 0
		{"1234567", "123-4567", "1234567"},             // a phone format, not a date of 5280
		{"45371.5", "12:00:00", "2024-03-20 12:00:00"}, // a date-time shown as its time: whole
		{"0.5", "1", "0.5"},                            // 0 decimals: the value, not hours
		{"0", "0.00", "0"},
		{"12", "12.00", "12"},
		{"1500000", "1500", "1500000"}, // scaled by a thousand ("0,")
	}
	for _, c := range cases {
		if got := Cell(c.raw, c.shown, false); got != c.want {
			t.Errorf("Cell(%q, %q) = %q, want %q", c.raw, c.shown, got, c.want)
		}
	}
}
