package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/evidence"
	"github.com/cdrtui/cdrtui/internal/testkit"
)

func layoutFile(t *testing.T, name string) string {
	return filepath.Join(testkit.RepoRoot(t), "testdata", "layouts", name)
}

// Hand-written files in the layouts operators use; each expectation was
// read off the file.
func TestImportLayouts(t *testing.T) {
	cases := []struct {
		file                    string
		opts                    ImportOptions
		kind                    string
		rows, rejected, dropped int64
		formatHas               []string
	}{
		{"operator_b.csv", ImportOptions{}, "ipdr", 3, 0, 0, []string{"semicolon", "header on line 3", "BOM", "CRLF"}},
		{"voice_mdy.tsv", ImportOptions{}, "voice", 4, 0, 0, []string{"tab", "dates MDY"}},
		// lines 2 (MSISDN 9.18E+11), 5 (31 June) and 6 (4 fields) rejected;
		// line 3 keeps its row but not its IMSI 4.04101E+14.
		{"mangled.csv", ImportOptions{}, "ipdr", 2, 3, 1, []string{"dates DMY"}},
		{"airtel_style.csv", ImportOptions{Country: "IN"}, "voice", 3, 0, 0, []string{"header on line 4"}},
		{"ambiguous_dates.csv", ImportOptions{DateOrder: evidence.DMY}, "ipdr", 2, 0, 0, []string{"dates DMY"}},
		{"headerless.psv", ImportOptions{Map: map[evidence.Field]string{
			evidence.FMSISDN: "1", evidence.FDestIP: "2", evidence.FDestPort: "3", evidence.FStart: "4"}}, "ipdr", 2, 0, 0, []string{"pipe"}},
		// its lone 0xA5 reads as ¥, Ą or Ґ: kept as a byte (TestImportKeepsHostileBytes)
		{"hostile.csv", ImportOptions{Encoding: "utf-8"}, "ipdr", 2, 0, 0, []string{"UTF-8 (as --encoding utf-8 says)"}},
		// headers no alias names, read by their words; line 3 keeps its row
		// but not its destination 31.13.79.999.
		{"word_headers.csv", ImportOptions{}, "ipdr", 3, 0, 1, []string{"semicolon"}},
		{"epoch_words.psv", ImportOptions{}, "ipdr", 2, 0, 0, []string{"pipe"}},
		// numbers written ="…" for a spreadsheet; the closing "Total records"
		// line is rejected.
		{"voice_excel_text.csv", ImportOptions{}, "voice", 3, 0, 0, []string{"dates DMY"}}, // "Total records: 3" is a footer, not a rejected row
		// the header ends with an empty cell the first rows stop short of;
		// line 4 has two fields more than the header, line 5 lacks the port
		// and the start.
		{"short_rows.csv", ImportOptions{}, "ipdr", 2, 2, 0, nil},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			st := openTemp(t)
			res := importOne(t, st, layoutFile(t, c.file), c.opts)
			if res.Error != "" {
				t.Fatalf("error: %s", res.Error)
			}
			if res.Kind != c.kind || res.Rows != c.rows || res.Rejected != c.rejected || res.Dropped != c.dropped {
				t.Fatalf("got %s rows %d rejected %d dropped %d; want %s %d %d %d (format %q)",
					res.Kind, res.Rows, res.Rejected, res.Dropped, c.kind, c.rows, c.rejected, c.dropped, res.Format)
			}
			for _, want := range c.formatHas {
				if !strings.Contains(res.Format, want) {
					t.Errorf("format %q lacks %q", res.Format, want)
				}
			}
		})
	}
}

// Columns named in words no alias list holds land in the right fields, and
// their values are stored as written: epoch seconds, grouped volumes, the
// translated address.
func TestImportHeadersByWords(t *testing.T) {
	st := openTemp(t)
	for _, f := range []string{"word_headers.csv", "epoch_words.psv"} {
		if res := importOne(t, st, layoutFile(t, f), ImportOptions{}); res.Error != "" {
			t.Fatalf("%s: %s", f, res.Error)
		}
	}
	type record struct {
		line                          int64
		public, dest                  string
		start, end, up, down, privPrt int64
	}
	rows, err := st.DB().Query(`SELECT r.line, coalesce(r.public_ip, ''), coalesce(r.dest_ip, ''), r.start, r."end",
		coalesce(r.uplink, -1), coalesce(r.downlink, -1), coalesce(r.private_port, -1)
		FROM ipdr r JOIN sources s ON s.id = r.source_id ORDER BY s.id, r.line`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []record
	for rows.Next() {
		var r record
		if err := rows.Scan(&r.line, &r.public, &r.dest, &r.start, &r.end, &r.up, &r.down, &r.privPrt); err != nil {
			t.Fatal(err)
		}
		got = append(got, r)
	}
	// 2024-03-18 10:00:00 as written is 1710756000 read as UTC.
	want := []record{
		{2, "49.36.1.1", "31.13.79.246", 1710756000, 1710756600, 1024, 2048, 40000},
		{3, "49.36.1.1", "", 1710756120, 1710756180, 10, 20, 40001},
		{4, "49.36.1.1", "157.240.1.35", 1710759600, 1710761400, 300, 9000, 40002},
		{2, "", "142.250.1.1", 1710756000, 1710756060, 10, 20, -1},
		{3, "", "142.250.1.1", 1710757000, 1710757060, 10, 20, -1},
	}
	if len(got) != len(want) {
		t.Fatalf("%d records, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("record %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}

// The kind of a call comes from a Service column (VOICE, SMS) with the
// direction from its own column.
func TestImportServiceAndDirection(t *testing.T) {
	st := openTemp(t)
	if res := importOne(t, st, layoutFile(t, "voice_excel_text.csv"), ImportOptions{}); res.Error != "" {
		t.Fatal(res.Error)
	}
	var got string
	if err := st.DB().QueryRow("SELECT group_concat(call_type || ' ' || other || ' ' || duration, '; ') FROM (SELECT * FROM voice ORDER BY line)").Scan(&got); err != nil {
		t.Fatal(err)
	}
	if want := "VOICE_OUT 919900011122 65; SMS_IN 919900011133 0; VOICE_IN 919900011122 120"; got != want {
		t.Errorf("calls %q, want %q", got, want)
	}
}

// A switch export with both parties and no target column: the subscriber
// of an incoming record is the called party, the caller the other.
func TestImportBothPartiesWithoutTarget(t *testing.T) {
	st := openTemp(t)
	if res := importOne(t, st, layoutFile(t, "switch_ab.csv"), ImportOptions{}); res.Error != "" || res.Rows != 4 {
		t.Fatalf("%+v", res)
	}
	var got string
	if err := st.DB().QueryRow(`SELECT group_concat(msisdn || ' ' || call_type || ' ' || other, '; ')
		FROM (SELECT * FROM voice_readable ORDER BY line)`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	want := "919812345678 VOICE_OUT 919900011122; 919812345678 VOICE_IN 919900011133; " +
		"919812345678 SMS_IN 919900011144; 919812345678 SMS_OUT 919900011155"
	if got != want {
		t.Errorf("calls\n got  %s\n want %s", got, want)
	}
}

// Volumes under a header that names their unit are stored in bytes; a
// value with a unit of its own keeps it.
func TestImportVolumeUnitsFromHeader(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, layoutFile(t, "volume_units.csv"), ImportOptions{})
	if res.Error != "" || res.Rows != 2 || res.Dropped != 0 || !strings.Contains(res.Format, "uplink in KB") || !strings.Contains(res.Format, "downlink in MB") {
		t.Fatalf("%+v", res)
	}
	var got string
	if err := st.DB().QueryRow(`SELECT group_concat(uplink || ' ' || downlink || ' ' || total, '; ') FROM (SELECT * FROM ipdr ORDER BY line)`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	// 12.5 KB = 12800, 3 MB = 3145728; 2 KB = 2048, 0.5 KB = 512
	if want := "12800 3145728 100; 2048 512 200"; got != want {
		t.Errorf("volumes %q, want %q", got, want)
	}
}

// A duration column whose header names milliseconds or minutes is read in
// that unit; a value written as a clock keeps its own meaning.
func TestImportDurationUnitsFromHeader(t *testing.T) {
	for file, want := range map[string]string{"duration_ms.csv": "65 30", "duration_min.csv": "90"} {
		st := openTemp(t)
		res := importOne(t, st, layoutFile(t, file), ImportOptions{})
		if res.Error != "" || res.Dropped != 0 || !strings.Contains(res.Format, "duration in m") {
			t.Fatalf("%s: %+v", file, res)
		}
		var got string
		if err := st.DB().QueryRow(`SELECT group_concat(duration, ' ') FROM (SELECT * FROM voice ORDER BY line)`).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s: durations %q, want %q", file, got, want)
		}
	}
}

// A row that stops short of a column a field is read from is rejected
// naming the column; one short only of unread columns imports.
func TestImportShortRows(t *testing.T) {
	st := openTemp(t)
	importOne(t, st, layoutFile(t, "short_rows.csv"), ImportOptions{})
	var got string
	if err := st.DB().QueryRow("SELECT group_concat(line || ': ' || reason, '; ') FROM (SELECT * FROM rejects ORDER BY line)").Scan(&got); err != nil {
		t.Fatal(err)
	}
	want := `4: has 6 fields where the header has 5; 5: has 2 fields where the header has 5 (no "Destination Port")`
	if got != want {
		t.Errorf("rejects %q, want %q", got, want)
	}
}

func TestImportRejectReasons(t *testing.T) {
	st := openTemp(t)
	importOne(t, st, layoutFile(t, "mangled.csv"), ImportOptions{})
	rows, err := st.DB().Query("SELECT line, severity, reason FROM rejects ORDER BY line, severity")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	want := []struct {
		line     int64
		severity string
		has      string
	}{
		{2, "row", "precision lost"},
		{3, "field", "precision lost"},
		{5, "row", "31"},
		{6, "row", "has 4 fields where the header has 7"},
	}
	i := 0
	for rows.Next() {
		var line int64
		var sev, reason string
		if err := rows.Scan(&line, &sev, &reason); err != nil {
			t.Fatal(err)
		}
		if i >= len(want) {
			t.Fatalf("extra reject: line %d %s %s", line, sev, reason)
		}
		w := want[i]
		if line != w.line || sev != w.severity || !strings.Contains(reason, w.has) {
			t.Errorf("reject %d: line %d %s %q; want line %d %s containing %q", i, line, sev, reason, w.line, w.severity, w.has)
		}
		i++
	}
	if i != len(want) {
		t.Fatalf("%d rejects, want %d", i, len(want))
	}
	// never stored as a subscriber
	if got := count(t, st, "SELECT count(*) FROM subscribers WHERE msisdn LIKE '%E%' OR msisdn LIKE '9%18%' AND length(msisdn) < 6"); got != 0 {
		t.Fatalf("a mangled number became a subscriber")
	}
}

func TestImportLayoutValues(t *testing.T) {
	st := openTemp(t)
	importOne(t, st, layoutFile(t, "operator_b.csv"), ImportOptions{})
	var msisdn, dest, start, end, pub, cell string
	var port, total int64
	err := st.DB().QueryRow(`SELECT msisdn, dest_ip, dest_port, start_wall, end_wall, public_ip, cell, total FROM ipdr_readable WHERE line = 4`).
		Scan(&msisdn, &dest, &port, &start, &end, &pub, &cell, &total)
	if err != nil {
		t.Fatal(err)
	}
	if msisdn != "447700900123" || dest != "104.198.99.79" || port != 443 || start != "2024-03-19 10:02:11" ||
		end != "2024-03-19 10:04:00" || pub != "49.36.1.2" || cell != "234-15-101-7" || total != 46200 {
		t.Fatalf("line 4: %s %s:%d %s..%s nat %s cell %s total %d", msisdn, dest, port, start, end, pub, cell, total)
	}

	// the case's plan is GB (inferred from +44 numbers): Indian national
	// numbers do not fit it, and the file is refused until --country says
	// which plan they follow (before, they were kept with no key)
	if res := importOne(t, st, layoutFile(t, "airtel_style.csv"), ImportOptions{}); !strings.Contains(res.Error, "do not follow the case's numbering plan GB") ||
		!strings.Contains(res.Error, "919714499703 under IN") || res.Rows != 0 {
		t.Fatalf("Indian numbers in a GB case: %+v", res)
	}
	importOne(t, st, layoutFile(t, "airtel_style.csv"), ImportOptions{Country: "IN"})
	got := map[string]string{}
	rows, err := st.DB().Query(`SELECT call_type, other FROM voice_readable WHERE subscriber = '919714499703' AND msisdn = '9714499703' ORDER BY line`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var ct, other string
		rows.Scan(&ct, &other)
		got[ct] = other
	}
	rows.Close()
	if got["VOICE_OUT"] != "9812345678" || got["VOICE_IN"] != "9812345679" || got["SMS_OUT"] != "VM-HDFCBK" {
		t.Fatalf("airtel calls: %v", got)
	}
}

func TestImportAmbiguousDatesNeedAnOrder(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, layoutFile(t, "ambiguous_dates.csv"), ImportOptions{})
	if res.Rows != 0 || !strings.Contains(res.Error, "--date-order") {
		t.Fatalf("want an error naming --date-order, got %+v", res)
	}
	if got := count(t, st, "SELECT count(*) FROM sources"); got != 0 {
		t.Fatalf("a refused file left a source row")
	}
}

func TestImportUnknownLayoutSaysWhatIsMissing(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, layoutFile(t, "not_evidence.csv"), ImportOptions{})
	if res.Rows != 0 || !strings.Contains(res.Error, "unknown layout") || !strings.Contains(res.Error, "msisdn") {
		t.Fatalf("want an unknown-layout error naming the missing fields, got %+v", res)
	}
}

// Hostile text is stored exactly as written (display makes it inert).
// Its lone 0xA5 is not UTF-8 and is ¥, Ą or Ґ in Windows-1252, -1250 or
// -1251: the file is refused until --encoding says; utf-8 keeps the byte.
func TestImportKeepsHostileBytes(t *testing.T) {
	if res := importOne(t, openTemp(t), layoutFile(t, "hostile.csv"), ImportOptions{}); res.Rows != 0 || !strings.Contains(res.Error, "--encoding cp1252 or --encoding cp1250 or --encoding cp1251") {
		t.Fatalf("not refused: %+v", res)
	}
	st := openTemp(t)
	importOne(t, st, layoutFile(t, "hostile.csv"), ImportOptions{Encoding: "utf-8"})
	var cell string
	if err := st.DB().QueryRow(`SELECT cell FROM cells ORDER BY id LIMIT 1`).Scan(&cell); err != nil {
		t.Fatal(err)
	}
	if cell != "\x1b[2J\x1b]0;pwned\x07CELL-1" {
		t.Fatalf("cell stored as %q", cell)
	}
	if err := st.DB().QueryRow(`SELECT cell FROM cells ORDER BY id DESC LIMIT 1`).Scan(&cell); err != nil {
		t.Fatal(err)
	}
	if cell != "CELL-2\xa5" {
		t.Fatalf("invalid UTF-8 not kept: %q", cell)
	}
}

// A file named by a relative path keeps that path as given, and where it
// was: the absolute path, so it can be found again from anywhere.
func TestImportRecordsLocation(t *testing.T) {
	st := openTemp(t)
	dir := t.TempDir()
	body, err := os.ReadFile(layoutFile(t, "operator_b.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "rel.csv"), body, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	importOne(t, st, "rel.csv", ImportOptions{})
	srcs, err := st.Sources(context.Background())
	if err != nil || len(srcs) != 1 {
		t.Fatalf("%v %v", srcs, err)
	}
	if srcs[0].Path != "rel.csv" || srcs[0].Location != filepath.Join(dir, "rel.csv") {
		t.Fatalf("path %q location %q", srcs[0].Path, srcs[0].Location)
	}
}
