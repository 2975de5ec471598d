package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A stray double quote costs its own line only: the rows after it import,
// and every physical line is accounted for (imported + rejected + header +
// blank = lines of the file). A real quoted field spanning lines still
// joins.
func TestStrayQuoteLosesOneLine(t *testing.T) {
	lines := []string{
		"MSISDN,DESTIP,DESTPORT,START_DATE,START_TIME,NOTE",
		"919871808001,169.60.79.201,5222,13/6/2018,18:50:34,ok",
		`919871808002,169.60.79.201,5222,13/6/2018,18:51:34,"broken note`, // stray quote
	}
	for i := range 40 { // more than the 32 lines a quoted field may span
		lines = append(lines, "9198718081"+twoDigits(i)+",169.60.79.201,443,13/6/2018,19:00:00,plain")
	}
	lines = append(lines,
		"",
		`919871808003,169.60.79.201,5222,14/6/2018,10:00:00,"a note`,
		`on two lines"`,
		`919871808004,169.60.79.201,5222,14/6/2018,11:00:00,"he said ""hi""",`,
	)
	body := strings.Join(lines, "\n") + "\n"
	p := filepath.Join(t.TempDir(), "stray.csv")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	st := openTemp(t)
	res := importOne(t, st, p, ImportOptions{})
	if res.Error != "" {
		t.Fatal(res.Error)
	}
	// by hand: 1 + 40 + the joined pair + the last = 43 rows; the stray line rejected
	if res.Rows != 43 || res.Rejected != 1 {
		t.Fatalf("rows %d rejected %d; want 43 and 1", res.Rows, res.Rejected)
	}
	var line int64
	if err := st.DB().QueryRow("SELECT line FROM rejects").Scan(&line); err != nil || line != 3 {
		t.Errorf("reject at line %d (%v); want line 3", line, err)
	}
	// every physical line: the joined record covers two
	total := int64(strings.Count(body, "\n"))
	header, blank, joinedExtra := int64(1), int64(1), int64(1)
	if got := res.Rows + res.Rejected + header + blank + joinedExtra; got != total {
		t.Errorf("imported %d + rejected %d + header, blank, continuation 3 = %d; the file has %d lines", res.Rows, res.Rejected, got, total)
	}
	if n := count(t, st, "SELECT count(*) FROM ipdr WHERE line = 45"); n != 1 {
		t.Errorf("the quoted field on lines 45-46 was not joined into one row")
	}
}

func twoDigits(i int) string { return string(rune('0'+i/10)) + string(rune('0'+i%10)) }
