package evidence

import (
	"strings"
	"testing"
)

// Report text before the first record (preamble) and after the last
// (footer) is set apart; between records the same kind of line is a
// rejected row, and so is a record with a bad value anywhere.
func TestReportLinesSetApart(t *testing.T) {
	text := "MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION\n" + // 1
		"Report generated on 21/06/2026\n" + // 2 preamble
		"919714499703,VOICE_OUT,919812345678,18/03/2024,10:00:00,60\n" + // 3
		"Page 1 of 2\n" + // 4 between records: rejected
		"9.1971E+11,VOICE_OUT,919812345678,18/03/2024,10:30:00,60\n" + // 5 bad record
		"919714499703,VOICE_IN,919812345679,18/03/2024,11:00:00,30\n" + // 6
		"\n" + // 7
		"Total Records : 3,,\n" + // 8 footer
		"*** End of Report ***\n" // 9 footer
	got, rd := readText(t, text, func(row *Row) string { return "row " + itoa(row.Line) },
		func(re *RowError) string { return "reject " + itoa(re.Line) })
	if want := "row 3|reject 4|reject 5|row 6"; strings.Join(got, "|") != want {
		t.Errorf("got %s, want %s", strings.Join(got, "|"), want)
	}
	var report []string
	for _, r := range rd.ReportLines() {
		kind := "preamble"
		if r.Footer {
			kind = "footer"
		}
		report = append(report, kind+" "+itoa(r.Line)+" "+r.Text)
	}
	if want := "preamble 2 Report generated on 21/06/2026|footer 8 Total Records : 3,,|footer 9 *** End of Report ***"; strings.Join(report, "|") != want {
		t.Errorf("report lines %q, want %q", strings.Join(report, "|"), want)
	}
}

func itoa(n int64) string {
	s := ""
	for {
		s = string(rune('0'+n%10)) + s
		n /= 10
		if n == 0 {
			return s
		}
	}
}
