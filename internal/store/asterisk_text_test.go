package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

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
