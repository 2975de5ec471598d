package store

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
)

// rotatedOf undoes logrotate's suffixes and nothing else.
func TestRotatedOf(t *testing.T) {
	for name, want := range map[string]string{
		"Master.csv": "Master.csv", "Master.csv.1": "Master.csv", "Master.csv.12.gz": "Master.csv",
		"Master.csv-20240301": "Master.csv", "Master.csv-2024030112.gz": "Master.csv", "Master.csv.gz": "Master.csv",
		"cdr.2024.csv": "cdr.2024.csv", "Master.csv-2024": "Master.csv-2024", "Master.csv.bak": "Master.csv.bak",
	} {
		if got := rotatedOf(name); got != want {
			t.Errorf("rotatedOf(%q) = %q, want %q", name, got, want)
		}
	}
}

// The image's cdr_custom.conf maps Master.csv in the stock order but for
// billsec written before duration; logrotate left Master.csv.1 and
// Master.csv-20240201.gz beside it. The rotated copies are the same
// mapping's: read by it, not by the stock order (which read billsec 40 as
// the duration and refused the row, its talk time longer than the call).
// By hand: three calls, talk time 60 + 30 + 30 = 120 s, duration 65 + 40
// + 40 = 145 s.
func TestCDRCustomMappingReadsRotatedCopies(t *testing.T) {
	var vars []string
	for _, v := range []string{"clid", "src", "dst", "dcontext", "channel", "dstchannel", "lastapp", "lastdata", "start", "answer", "end",
		"billsec", "duration", "disposition", "amaflags", "accountcode", "uniqueid", "userfield"} {
		vars = append(vars, "${CSV_QUOTE(${CDR("+v+")})}")
	}
	conf := "[mappings]\nMaster.csv => " + strings.Join(vars, ",") + ",${CDR(sequence)}\n"
	row := func(src, start, answer, end, bill, dur, uid string) string {
		return `"""` + src + `"" <` + src + `>","` + src + `","203","phones","SIP/` + src + `-00000001","SIP/203-00000002","Dial","SIP/203,30","` +
			start + `","` + answer + `","` + end + `","` + bill + `","` + dur + `","ANSWERED","DOCUMENTATION","","` + uid + `","",1` + "\n"
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(row("202", "2024-01-31 10:00:00", "2024-01-31 10:00:10", "2024-01-31 10:00:40", "30", "40", "1706695200.5")))
	zw.Close()
	st, byName := importImageByName(t, map[string]string{
		"etc/timezone":                                       "UTC\n",
		"etc/asterisk/cdr_custom.conf":                       conf,
		"var/log/asterisk/cdr-custom/Master.csv":             row("201", "2024-03-01 10:00:00", "2024-03-01 10:00:05", "2024-03-01 10:01:05", "60", "65", "1709287200.1"),
		"var/log/asterisk/cdr-custom/Master.csv.1":           row("202", "2024-02-01 10:00:00", "2024-02-01 10:00:10", "2024-02-01 10:00:40", "30", "40", "1706781600.3"),
		"var/log/asterisk/cdr-custom/Master.csv-20240201.gz": gz.String(),
	})
	for _, n := range []string{"Master.csv", "Master.csv.1", "Master.csv-20240201.gz"} {
		if r := byName[n]; r.Rows != 1 || r.Rejected != 0 || !strings.Contains(r.Format, "mapping of Master.csv") {
			t.Errorf("%s: rows %d rejected %d format %q", n, r.Rows, r.Rejected, r.Format)
		}
	}
	var billsec, duration int
	st.DB().QueryRow("SELECT sum(billsec), sum(duration) FROM ast_calls").Scan(&billsec, &duration)
	if billsec != 120 || duration != 145 {
		t.Errorf("talk time %d s, duration %d s, want 120 and 145", billsec, duration)
	}
	var notes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE path LIKE '%Master.csv.1'").Scan(&notes)
	if !strings.Contains(notes, "A rotated copy of Master.csv, read by its mapping") {
		t.Errorf("Master.csv.1 notes %q", notes)
	}
}
