package evidence

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// readText sniffs text as a whole file and reads it: each row written by
// row, each rejection by reject (its error's text when reject is nil). The
// reader is returned read to its end, for its report lines.
func readText(t *testing.T, text string, row func(*Row) string, reject func(*RowError) string) ([]string, *Reader) {
	t.Helper()
	rd := NewReader(strings.NewReader(text), sniffText(t, text, Options{}))
	var got []string
	for {
		r, err := rd.Next()
		if err == io.EOF {
			return got, rd
		}
		var re *RowError
		switch {
		case errors.As(err, &re) && reject != nil:
			got = append(got, reject(re))
		case errors.As(err, &re):
			got = append(got, re.Error())
		case err != nil:
			t.Fatal(err)
		default:
			got = append(got, row(r))
		}
	}
}
