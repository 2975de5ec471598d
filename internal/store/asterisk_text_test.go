package store

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/cdrtui/cdrtui/internal/testkit"
)

// A Master.csv whose caller names a Spanish PBX wrote in Windows-1252
// (0xE9 é, 0xF1 ñ, 0xFC ü, 0xE7 ç), and its per-account copy 201.csv
// holding the first call again: both are read as Windows-1252, so the
// caller IDs are text ("José Peña") that a search finds, and the copy is
// still the same call (its caller ID decoded alike), counted once. By
// hand: 2 calls, 1 copy, billsec 60 + 30 = 90.
func TestAsteriskCDRWindows1252(t *testing.T) {
	row1 := `"201","201","600123456","from-internal","""Jos` + "\xe9" + ` Pe` + "\xf1" + `a"" <201>","SIP/201-00000001","SIP/trunk-00000002","Dial","SIP/trunk/600123456,60","2024-03-01 10:00:00","2024-03-01 10:00:05","2024-03-01 10:01:05",65,60,"ANSWERED","DOCUMENTATION","1709283600.1",""` + "\n"
	row2 := `"","202","203","from-internal","""Fran` + "\xe7" + `ois M` + "\xfc" + `ller"" <202>","SIP/202-00000003","SIP/203-00000004","Dial","SIP/203,60","2024-03-01 11:00:00","2024-03-01 11:00:02","2024-03-01 11:00:32",32,30,"ANSWERED","DOCUMENTATION","1709287200.3",""` + "\n"
	st, byName := importImageByName(t, map[string]string{
		"etc/timezone":                        "UTC\n",
		"var/log/asterisk/cdr-csv/Master.csv": row1 + row2,
		"var/log/asterisk/cdr-csv/201.csv":    row1,
	})
	m := byName["Master.csv"]
	if m.Rows != 2 || !strings.Contains(m.Format, "Windows-1252 (told from its bytes") {
		t.Fatalf("Master.csv: rows %d format %q", m.Rows, m.Format)
	}
	if a := byName["201.csv"]; a.Rows != 0 || a.Duplicates != 1 || !strings.Contains(a.Format, "Windows-1252") {
		t.Errorf("201.csv: %+v", a)
	}
	var calls, copies, billsec int
	st.DB().QueryRow("SELECT count(*), sum(billsec) FROM ast_calls").Scan(&calls, &billsec)
	st.DB().QueryRow("SELECT count(*) FROM ast_call_copies").Scan(&copies)
	if calls != 2 || copies != 1 || billsec != 90 {
		t.Errorf("calls %d copies %d billsec %d, want 2, 1, 90", calls, copies, billsec)
	}
	var names []string
	rows, err := st.DB().Query("SELECT clid FROM ast_calls ORDER BY start")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		rows.Scan(&s)
		names = append(names, s)
	}
	if len(names) != 2 || names[0] != `"José Peña" <201>` || names[1] != `"François Müller" <202>` {
		t.Errorf("caller IDs %q", names)
	}
}

// Two bytes of Caller-ID noise (0xA5 0xA5, as in a real Russian PBX's
// Master.csv) read as ¥¥ in Windows-1252 and ĄĄ in 1250, and nothing
// tells which: the bytes are kept as written and the notes say so and
// name --encoding; given --encoding cp1252, they are read as ¥¥.
func TestAsteriskCDRUndecidedBytesKept(t *testing.T) {
	row := `"","8107924651","100","from-trunk","""8107924651` + "\xa5\xa5" + `b"" <81079246516548>","SIP/gw-00000001","SIP/100-00000002","Dial","SIP/100,60","2024-03-01 10:00:00","2024-03-01 10:00:05","2024-03-01 10:01:05",65,60,"ANSWERED","DOCUMENTATION","1709283600.1",""` + "\n"
	files := map[string]string{"etc/timezone": "UTC\n", "var/log/asterisk/cdr-csv/Master.csv": row}
	st, byName := importImageByName(t, files)
	if m := byName["Master.csv"]; m.Rows != 1 {
		t.Fatalf("Master.csv: %+v", m)
	}
	var clid, notes string
	st.DB().QueryRow("SELECT clid FROM ast_calls").Scan(&clid)
	st.DB().QueryRow("SELECT notes FROM sources WHERE path LIKE '%Master.csv'").Scan(&notes)
	if clid != `"8107924651`+"\xa5\xa5"+`b" <81079246516548>` || !strings.Contains(notes, "kept as written") || !strings.Contains(notes, "--encoding cp1252") {
		t.Errorf("clid %q notes %q", clid, notes)
	}

	root := t.TempDir()
	testkit.WriteTree(t, root, files)
	st2 := openTemp(t)
	res, err := st2.Import(context.Background(), []string{filepath.Join(root, "var")}, ImportOptions{Encoding: "cp1252"})
	if err != nil || len(res) != 1 || res[0].Rows != 1 {
		t.Fatalf("%v %+v", err, res)
	}
	st2.DB().QueryRow("SELECT clid FROM ast_calls").Scan(&clid)
	if clid != `"8107924651¥¥b" <81079246516548>` {
		t.Errorf("with --encoding cp1252: clid %q", clid)
	}
}

// A Master.csv whose first 256 KiB are ASCII and whose last call's caller
// name is Windows-1252 ("Mu\xf1oz"): the head judged it UTF-8, so the
// name is kept as written, and the notes count that line and name
// --encoding rather than say nothing. By hand: 1,400 rows of 194 bytes
// (271,600 bytes, past 262,144), then the 1,401st with the byte 0xF1.
func TestAsteriskCDRNotUTF8PastTheHead(t *testing.T) {
	row := func(i int, name string) string {
		return fmt.Sprintf(`"","201","203","from-internal","""%s"" <201>","SIP/201-%08x","SIP/203-%08x","Dial","SIP/203,60","2024-03-01 11:00:00","2024-03-01 11:00:02","2024-03-01 11:00:32",32,30,"ANSWERED","DOCUMENTATION","1709290800.%d",""`+"\n", name, i, i, i)
	}
	var b strings.Builder
	for i := 0; i < 1400; i++ {
		b.WriteString(row(i, "Ann Lee"))
	}
	if b.Len() <= 256<<10 {
		t.Fatalf("%d bytes: the rows must pass the head", b.Len())
	}
	b.WriteString(row(1400, "Mu\xf1oz"))
	st, byName := importImageByName(t, map[string]string{"etc/timezone": "UTC\n", "var/log/asterisk/cdr-csv/Master.csv": b.String()})
	if m := byName["Master.csv"]; m.Rows != 1401 {
		t.Fatalf("Master.csv: rows %d", m.Rows)
	}
	var notes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE path LIKE '%Master.csv'").Scan(&notes)
	if !strings.Contains(notes, "1 line past the first 256 KiB (which are UTF-8) hold bytes that are not UTF-8, kept as written (the first, line 1401)") {
		t.Errorf("notes %q", notes)
	}
}

// utf8Lines read one byte at a time (every character of two or more bytes
// cut between reads): "é" and "ñ" in UTF-8 are not counted, the lines
// with 0xE9 alone (line 2) and a character cut at the end (line 4) are.
func TestUTF8LinesAcrossReads(t *testing.T) {
	text := "Jos\xc3\xa9\nJos\xe9\nPe\xc3\xb1a\nMu\xc3"
	u := &utf8Lines{r: iotest.OneByteReader(strings.NewReader(text))}
	if _, err := io.Copy(io.Discard, u); err != nil {
		t.Fatal(err)
	}
	u.end()
	if u.bad != 2 || u.first != 2 {
		t.Errorf("bad %d first %d, want 2 and 2", u.bad, u.first)
	}
}

// A sip.conf an administrator saved in Windows-1252 (callerid="Jos\xe9
// Pe\xf1a" <201>): its keys are read as text like the call records, so
// the peer's caller ID is "José Peña", and its format says how it was read.
func TestAsteriskConfWindows1252(t *testing.T) {
	sip := "[201]\ntype=friend\nhost=dynamic\ncontext=phones\ncallerid=\"Jos\xe9 Pe\xf1a\" <201>\n"
	st, byName := importImageByName(t, map[string]string{"etc/timezone": "UTC\n", "etc/asterisk/sip.conf": sip})
	if r := byName["sip.conf"]; !strings.Contains(r.Format, "Windows-1252") {
		t.Errorf("sip.conf format %q", r.Format)
	}
	var value, detail string
	st.DB().QueryRow("SELECT value FROM ast_conf WHERE key = 'callerid'").Scan(&value)
	st.DB().QueryRow("SELECT detail FROM ast_peers WHERE name = '201'").Scan(&detail)
	if value != `"José Peña" <201>` || !strings.Contains(detail, "José Peña") {
		t.Errorf("callerid %q, peer detail %q", value, detail)
	}
}
