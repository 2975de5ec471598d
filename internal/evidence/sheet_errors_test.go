package evidence

import (
	"fmt"
	"strings"
	"testing"
)

// A spreadsheet's error value where a formula of the sheet failed (#N/A
// from a lookup that found nothing) is no value: never a B party kept as
// written, never a duration; the row keeps its good values and lists the
// dropped one, and a row whose start is one is rejected naming it.
func TestSheetErrorValues(t *testing.T) {
	text := "Target No,B Party No,Call Type,Start Time,Duration\n" +
		"919812345678,919900000001,MO,2024-03-20 12:00:00,61\n" +
		"919812345678,#N/A,MO,2024-03-20 13:00:00,62\n" +
		"919812345678,919900000002,MO,#VALUE!,63\n" +
		"919812345678,919900000003,MO,2024-03-20 15:00:00,#DIV/0!\n" +
		"919812345678,Err:502,MO,2024-03-20 16:00:00,64\n" +
		"919812345678,#HASHTAG,MO,2024-03-20 17:00:00,65\n"
	got, _ := readText(t, text, func(row *Row) string {
		s := row.Voice.Other + " " + fmt.Sprint(row.Voice.Duration)
		for _, is := range row.Issues {
			s += " | " + is.Field + " " + is.Value + ": " + is.Reason
		}
		return s
	}, nil)
	want := []string{
		"919900000001 61",
		" 62 | other " + "#N/A: the spreadsheet's error value #N/A (a formula of the sheet that failed), not a value",
		"line 4: start time: empty; column \"Start Time\" held the spreadsheet's error value #VALUE! (a formula of the sheet that failed), not a value",
		"919900000003 -1 | duration #DIV/0!: the spreadsheet's error value #DIV/0! (a formula of the sheet that failed), not a value",
		" 64 | other Err:502: the spreadsheet's error value Err:502 (a formula of the sheet that failed), not a value",
		"#HASHTAG 65", // not an error value: kept as written
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
