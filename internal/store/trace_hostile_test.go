package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The query listing a subscriber's records in a cell finds them when the
// cell holds an escape sequence or a bidirectional override: the literal
// was the raw text, which the report shows inert ('\x1b[2J…'), so the
// command a reader pasted matched no record.
func TestCellTraceSQLHostileCell(t *testing.T) {
	dir := t.TempDir()
	cells := []string{"\x1b[2J\x1b[31mRED", "\u202eevil", "=cmd|' /C calc'!A0"}
	body := "MSISDN,DESTIP,DESTPORT,START,CELL_ID\n"
	for i, c := range cells {
		body += "919800000001,157.240.1.1,5222,2024-03-19 1" + string(rune('0'+i)) + ":00:00,\"" + c + "\"\n"
	}
	path := filepath.Join(dir, "ipdr.csv")
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := Create(filepath.Join(dir, "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Import(context.Background(), []string{path}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	for i, c := range cells {
		q := CellTraceSQL("919800000001", c)
		if strings.ContainsAny(q, "\x1b\u202e") {
			t.Errorf("the query holds the raw text: %q", q)
		}
		var n int
		var line int64
		rows, err := st.DB().Query(q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var src, wall, kind string
			if err := rows.Scan(&src, &line, &wall, &kind); err != nil {
				t.Fatal(err)
			}
			n++
		}
		rows.Close()
		if n != 1 || line != int64(i+2) {
			t.Errorf("cell %q: %d records (line %d), want 1 at line %d: %s", c, n, line, i+2, q)
		}
	}
}
