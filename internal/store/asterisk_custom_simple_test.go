package store

import (
	"context"
	"github.com/cdrtui/cdrtui/internal/testkit"
	"path/filepath"
	"strings"
	"testing"
)

// The older cdr_custom.conf.sample of asterisk/asterisk (configs/samples)
// lays out "Simple.csv => ${CSV_QUOTE(${EPOCH})},${CSV_QUOTE(${CDR(src)})},
// ${CSV_QUOTE(${CDR(dst)})}". cdr_custom substitutes ${EPOCH} when it
// writes the record: the hang-up when cdr.conf does not batch. So an
// administrator's Simple.csv that adds the duration is read with start =
// EPOCH - duration (1709283665 - 65 = 1709283600, 09:00:00 UTC); the
// stock three columns, or any EPOCH with cdr.conf batch=yes, are refused
// naming why. Values of our own.
const simpleWithDuration = "[mappings]\nSimple.csv => ${CSV_QUOTE(${EPOCH})},${CSV_QUOTE(${CDR(src)})},${CSV_QUOTE(${CDR(dst)})},${CSV_QUOTE(${CDR(duration)})},${CSV_QUOTE(${CDR(billsec)})}\n"

const simpleRecords = `"1709283665","201","0612345678","65","60"` + "\n" + `"1709284830","202","0698765432","30","0"` + "\n"

func importSimple(t *testing.T, files map[string]string) (*Store, FileResult) {
	t.Helper()
	root := t.TempDir()
	files["etc/timezone"] = "Europe/Paris\n"
	testkit.WriteTree(t, root, files)
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{root}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if filepath.Base(r.Path) == "Simple.csv" {
			return st, r
		}
	}
	t.Fatalf("no Simple.csv in %+v", res)
	return nil, FileResult{}
}

func TestImportCustomSimpleWithDuration(t *testing.T) {
	st, r := importSimple(t, map[string]string{
		"etc/asterisk/cdr_custom.conf":           simpleWithDuration,
		"var/log/asterisk/cdr-custom/Simple.csv": simpleRecords,
	})
	if r.Kind != KindAsteriskCDR || r.Rows != 2 || r.Rejected != 0 || r.Zone != "UTC" {
		t.Fatalf("Simple.csv: %+v", r)
	}
	var notes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", r.SourceID).Scan(&notes)
	if !strings.Contains(notes, "Column 1 is ${EPOCH}") {
		t.Errorf("notes %q", notes)
	}
	rows, err := st.DB().Query(`SELECT src, dst, start, duration, billsec FROM ast_calls ORDER BY line`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var src, dst string
		var start, dur, bill int64
		rows.Scan(&src, &dst, &start, &dur, &bill)
		got = append(got, strings.Join([]string{src, dst, itoaLine(start), itoaLine(dur), itoaLine(bill)}, " "))
	}
	// 1709284830 - 30 = 1709284800 (09:20:00 UTC).
	if want := "201 0612345678 1709283600 65 60|202 0698765432 1709284800 30 0"; strings.Join(got, "|") != want {
		t.Errorf("calls %q, want %q", got, want)
	}
}

func TestImportCustomSimpleRefused(t *testing.T) {
	stock := `"1709283665","201","0612345678"` + "\n" + `"1709284830","202","0698765432"` + "\n"
	for _, tt := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"batched", map[string]string{
			"etc/asterisk/cdr.conf":                  "[general]\nenable=yes\nbatch=yes\nsize=100\n",
			"etc/asterisk/cdr_custom.conf":           simpleWithDuration,
			"var/log/asterisk/cdr-custom/Simple.csv": simpleRecords,
		}, "etc/asterisk/cdr.conf line 3 sets [general] batch=yes"},
		{"stock mapping", map[string]string{
			"etc/asterisk/cdr_custom.conf":           "[mappings]\nSimple.csv => ${CSV_QUOTE(${EPOCH})},${CSV_QUOTE(${CDR(src)})},${CSV_QUOTE(${CDR(dst)})}\n",
			"var/log/asterisk/cdr-custom/Simple.csv": stock,
		}, "mapping of Simple.csv (line 2), but its only time, ${EPOCH} (column 1), is when cdr_custom wrote the record"},
		{"stock layout, no cdr_custom.conf", map[string]string{
			"var/log/asterisk/cdr-custom/Simple.csv": stock,
		}, "the older sample's Simple.csv mapping"},
	} {
		st, r := importSimple(t, tt.files)
		var n int
		st.DB().QueryRow("SELECT count(*) FROM ast_calls").Scan(&n)
		if n != 0 || r.Rows != 0 || !strings.Contains(r.Error+r.Skipped, tt.want) {
			t.Errorf("%s: %d calls, %+v", tt.name, n, r)
		}
	}
}
