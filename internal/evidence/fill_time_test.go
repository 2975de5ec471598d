package evidence

import (
	"fmt"
	"strings"
	"testing"
)

// Date and time columns where one holds more than its part, as a
// spreadsheet's cells do (a date-time cell shown as a date; a time cell
// that holds its day): the record's clock when they agree, refused naming
// both when they do not, never one of the two taken silently.
func TestDateAndTimeColumnsDisagree(t *testing.T) {
	text := "Target No,B Party No,Call Type,Date,Time,Duration\n" +
		"919812345678,919900000001,MO,2024-03-20 00:00:00,12:00:00,61\n" + // a date written at midnight: the time column's clock
		"919812345678,919900000002,MO,2024-03-20 06:00:00,12:00:00,62\n" + // two clocks: refused
		"919812345678,919900000003,MO,2024-03-20 14:00:00,14:00:00,63\n" + // the same clock twice
		"919812345678,919900000004,MO,2024-03-20,13:00:00,64\n" +
		"919812345678,919900000005,MO,2024-03-20,2024-03-20 13:30:00,65\n" + // a time cell holding its day
		"919812345678,919900000006,MO,2024-03-20,2024-03-21 13:00:00,66\n" + // another day: refused
		"919812345678,919900000007,MO,2024-03-20 15:00:00,2024-03-21 15:00:00,67\n" +
		"919812345678,919900000008,MO,2024-03-21,09:00:00,68\n"
	got, _ := readText(t, text, func(row *Row) string {
		return fmt.Sprintf("%d %s %d", row.Line, row.Voice.Other, row.Voice.Start)
	}, nil)
	// 2024-03-20 00:00:00 UTC is 1710892800
	want := []string{
		"2 919900000001 1710936000", // 12:00
		`line 3: start time: date "2024-03-20 06:00:00" holds a time of day and the time column "12:00:00" another: which is the record's is not known`,
		"4 919900000003 1710943200", // 14:00
		"5 919900000004 1710939600", // 13:00
		"6 919900000005 1710941400", // 13:30
		`line 7: start time: time "2024-03-21 13:00:00" is dated another day than date "2024-03-20": which day is the record's is not known`,
		`line 8: start time: time "2024-03-21 15:00:00" is dated another day than date "2024-03-20 15:00:00": which day is the record's is not known`,
		"9 919900000008 1711011600", // 2024-03-21 09:00
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
