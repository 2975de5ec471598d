package store

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// writeWorkbook builds a workbook the way an operator's or a colleague's
// spreadsheet holds evidence: a data sheet under a banner, numbers typed as
// numbers (one shown in scientific notation), a number typed as text the
// way a spreadsheet mangles it, dates as serials under several formats and
// as text; a voice sheet with date and time in two columns; a notes sheet.
func writeWorkbook(t *testing.T, path string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	style := func(s *excelize.Style) int {
		id, err := f.NewStyle(s)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	sci := style(&excelize.Style{NumFmt: 11}) // 0.00E+00
	dmyFull := "dd/mm/yyyy hh:mm:ss"
	dmyHMS := style(&excelize.Style{CustomNumFmt: &dmyFull})
	mdyHM := style(&excelize.Style{NumFmt: 22}) // m/d/yy h:mm: hides the seconds
	mdy := style(&excelize.Style{NumFmt: 14})
	hms := style(&excelize.Style{NumFmt: 21})
	set := func(sheet, cell string, v any, styleID int) {
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
		if styleID != 0 {
			if err := f.SetCellStyle(sheet, cell, cell, styleID); err != nil {
				t.Fatal(err)
			}
		}
	}
	// serials (1900 system): 45371 = 2024-03-20; 10:15:02 = 36902 s,
	// 10:20:07 = 37207 s, 12:30:45 = 45045 s
	const day = 86400.0
	f.SetSheetName("Sheet1", "IPDR")
	set("IPDR", "A1", "IPDR of 919812345678, 20/03/2024 to 21/03/2024 (request 123/2024)", 0)
	for i, h := range []string{"MSISDN", "IMSI", "IMEI", "Start Time", "End Time", "Destination IP", "Destination Port", "Uplink Volume (KB)", "Downlink Bytes", "Cell ID"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 3)
		set("IPDR", cell, h, 0)
	}
	// row 4: every value typed as a number or a date serial
	set("IPDR", "A4", int64(919812345678), sci)
	set("IPDR", "B4", int64(404101234567890), 0)
	set("IPDR", "C4", "35693803564380", 0)
	set("IPDR", "D4", 45371+36902/day, dmyHMS)
	set("IPDR", "E4", 45371+37207/day, mdyHM)
	set("IPDR", "F4", "157.240.1.35", 0)
	set("IPDR", "G4", 443, 0)
	set("IPDR", "H4", 12.5, 0)
	set("IPDR", "I4", 2048, 0)
	set("IPDR", "J4", "404-10-7301-12345", 0)
	// row 5: the MSISDN as a spreadsheet mangled it, typed as text
	set("IPDR", "A5", "9.18E+11", 0)
	set("IPDR", "D5", 45371+37207/day, dmyHMS)
	set("IPDR", "F5", "157.240.1.35", 0)
	set("IPDR", "G5", 443, 0)
	// row 6: a 16-digit number, beyond what the sheet stores exactly
	set("IPDR", "A6", int64(9181234567891234), 0)
	set("IPDR", "D6", 45371+37207/day, dmyHMS)
	// row 7: dates typed as text, MSISDN as text, a 15-digit IMEI as a number
	set("IPDR", "A7", "919812345678", 0)
	set("IPDR", "C7", int64(356938035643809), 0)
	set("IPDR", "D7", "2024-03-20 12:30:45", 0)
	set("IPDR", "E7", "2024-03-20 12:31:00", 0)
	set("IPDR", "F7", "2001:db8::1", 0)
	set("IPDR", "G7", 5222, 0)
	set("IPDR", "H7", 1, 0)
	set("IPDR", "I7", 10, 0)

	if _, err := f.NewSheet("Voice"); err != nil {
		t.Fatal(err)
	}
	for i, h := range []string{"Target No", "B Party No", "Call Type", "Date", "Time", "Dur(s)"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		set("Voice", cell, h, 0)
	}
	set("Voice", "A2", int64(919812345678), 0)
	set("Voice", "B2", int64(919900000001), 0)
	set("Voice", "C2", "MO", 0)
	set("Voice", "D2", 45371, mdy)
	set("Voice", "E2", 45045/day, hms)
	set("Voice", "F2", 61, 0)
	set("Voice", "A3", "919812345678", 0)
	set("Voice", "B3", "VM-HDFCBK", 0)
	set("Voice", "C3", "SMS-MT", 0)
	set("Voice", "D3", 45372, mdy)
	set("Voice", "E3", 0.5, hms)
	set("Voice", "F3", 0, 0)

	if _, err := f.NewSheet("Notes"); err != nil {
		t.Fatal(err)
	}
	f.SetSheetVisible("Voice", false) // hidden: read all the same, and said
	set("Notes", "A1", "Prepared by the nodal officer; figures as received.", 0)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// Every sheet of an .xlsx workbook goes through the layout detection of a
// CSV export: each sheet a source, line = row, values as typed, dates as
// the wall clock the serial holds, the workbook hashed as stored.
func TestImportWorkbook(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "evidence.xlsx")
	writeWorkbook(t, path)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	st := openTemp(t)
	results, err := st.Import(t.Context(), []string{path}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 3 {
		t.Fatalf("%d results, want one per sheet: %+v", len(results), results)
	}
	byName := map[string]FileResult{}
	for _, r := range results {
		byName[r.Sheet] = r
		if r.WorkbookSHA256 != sha256Hex(before) {
			t.Errorf("sheet %s: workbook SHA-256 %s, want %s", r.Sheet, r.WorkbookSHA256, sha256Hex(before))
		}
	}
	ipdr, voice, notes := byName["IPDR"], byName["Voice"], byName["Notes"]
	if ipdr.Error != "" || ipdr.Kind != "ipdr" || ipdr.Rows != 2 || ipdr.Rejected != 2 {
		t.Fatalf("IPDR sheet: %+v", ipdr)
	}
	if voice.Error != "" || voice.Kind != "voice" || voice.Rows != 2 || voice.Rejected != 0 {
		t.Fatalf("Voice sheet: %+v", voice)
	}
	if notes.Skipped == "" || !strings.Contains(notes.Skipped, `sheet "Notes"`) {
		t.Errorf("Notes sheet: %+v", notes)
	}
	type dataRow struct {
		line                   int64
		msisdn, imsi, imei     string
		start, end, dest, cell string
		port, up, down         int64
	}
	rows, err := st.DB().Query(`SELECT line, msisdn, coalesce(imsi, ''), coalesce(imei, ''), start_wall, coalesce(end_wall, ''),
		dest_ip, coalesce(cell, ''), dest_port, coalesce(uplink, -1), coalesce(downlink, -1) FROM ipdr_readable ORDER BY line`)
	if err != nil {
		t.Fatal(err)
	}
	var got []dataRow
	for rows.Next() {
		var r dataRow
		if err := rows.Scan(&r.line, &r.msisdn, &r.imsi, &r.imei, &r.start, &r.end, &r.dest, &r.cell, &r.port, &r.up, &r.down); err != nil {
			t.Fatal(err)
		}
		got = append(got, r)
	}
	rows.Close()
	want := []dataRow{
		{4, "919812345678", "404101234567890", "35693803564380", "2024-03-20 10:15:02", "2024-03-20 10:20:07", "157.240.1.35", "404-10-7301-12345", 443, 12800, 2048},
		{7, "919812345678", "", "356938035643809", "2024-03-20 12:30:45", "2024-03-20 12:31:00", "2001:db8::1", "", 5222, 1024, 10},
	}
	if len(got) != len(want) {
		t.Fatalf("data rows %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	for line, reason := range map[int64]string{5: "precision lost", 6: "precision lost"} {
		if n := count(t, st, "SELECT count(*) FROM rejects WHERE source_id = ? AND line = ? AND reason LIKE ?", ipdr.SourceID, line, "%"+reason+"%"); n != 1 {
			t.Errorf("row %d: not rejected for %q", line, reason)
		}
	}
	var calls []string
	rows, err = st.DB().Query(`SELECT line || ' ' || msisdn || ' ' || other || ' ' || call_type || ' ' || start_wall || ' ' || duration FROM voice_readable ORDER BY line`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s string
		rows.Scan(&s)
		calls = append(calls, s)
	}
	rows.Close()
	wantCalls := []string{"2 919812345678 919900000001 VOICE_OUT 2024-03-20 12:30:45 61", "3 919812345678 VM-HDFCBK SMS_IN 2024-03-21 12:00:00 0"}
	if strings.Join(calls, "\n") != strings.Join(wantCalls, "\n") {
		t.Errorf("calls:\n%s\nwant:\n%s", strings.Join(calls, "\n"), strings.Join(wantCalls, "\n"))
	}
	var sheet, wbSHA, format, srcPath, loc string
	if err := st.DB().QueryRow("SELECT sheet, workbook_sha256, format, path, location FROM sources WHERE id = ?", voice.SourceID).Scan(&sheet, &wbSHA, &format, &srcPath, &loc); err != nil {
		t.Fatal(err)
	}
	if sheet != "Voice" || wbSHA != sha256Hex(before) || !strings.Contains(format, `sheet "Voice" (2 of 3, hidden in the workbook)`) {
		t.Errorf("voice source: sheet %q, workbook %s, format %q", sheet, wbSHA, format)
	}
	// cited as the workbook with its sheet, located at the workbook itself
	if srcPath != path+" [sheet Voice]" || loc != path {
		t.Errorf("voice source: path %q, location %q", srcPath, loc)
	}
	// a hunt statement cites the sheet and the workbook's SHA-256
	names, err := st.HuntNames(t.Context(), []HuntRow{{Source: ipdr.SourceID}})
	if err != nil {
		t.Fatal(err)
	}
	if src := names.Sources[ipdr.SourceID]; src.Path != path+" [sheet IPDR]" || src.SHA256 != sha256Hex(before) {
		t.Errorf("hunt cites %q %s", src.Path, src.SHA256)
	}
	// the workbook is evidence: never written; imported again, nothing added
	after, _ := os.ReadFile(path)
	if string(after) != string(before) {
		t.Error("the workbook changed")
	}
	again, err := st.Import(t.Context(), []string{path}, ImportOptions{})
	if err != nil || len(again) != 3 {
		t.Fatalf("second import: %v %+v", err, again)
	}
	for _, r := range again[:2] {
		if !strings.Contains(r.Skipped, "already in the case") || r.SourceID != 0 {
			t.Errorf("second import of sheet %s: %+v", r.Sheet, r)
		}
	}
	// an import interrupted after the first sheet: the next one adds the rest
	if _, err := st.DB().Exec("DELETE FROM voice WHERE source_id = ?", voice.SourceID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB().Exec("DELETE FROM rejects WHERE source_id = ?; DELETE FROM sources WHERE id = ?", voice.SourceID, voice.SourceID); err != nil {
		t.Fatal(err)
	}
	resumed, err := st.Import(t.Context(), []string{path}, ImportOptions{})
	if err != nil || len(resumed) != 3 || resumed[0].Skipped == "" || resumed[1].Rows != 2 {
		t.Fatalf("resumed import: %v %+v", err, resumed)
	}
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// A workbook that counts dates from 1904 (Excel for Mac's old default):
// the same serial is another day, and the record gets the wall clock the
// workbook meant. 43909 + 36902/86400 is 2024-03-20 10:15:02 from 1904.
func TestImportWorkbook1904(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mac.xlsx")
	f := excelize.NewFile()
	yes := true
	if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
		t.Fatal(err)
	}
	format := "dd/mm/yyyy hh:mm:ss"
	style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
	if err != nil {
		t.Fatal(err)
	}
	header := []any{"MSISDN", "Start Time", "Destination IP", "Destination Port"}
	row := []any{int64(919812345678), 43909 + 36902/86400.0, "157.240.1.35", 443}
	f.SetSheetRow("Sheet1", "A1", &header)
	f.SetSheetRow("Sheet1", "A2", &row)
	f.SetCellStyle("Sheet1", "B2", "B2", style)
	st, res := importBook(t, f, path)
	if res.Error != "" || res.Rows != 1 {
		t.Fatalf("%+v", res)
	}
	var start string
	if err := st.DB().QueryRow("SELECT start_wall FROM ipdr_readable").Scan(&start); err != nil {
		t.Fatal(err)
	}
	if start != "2024-03-20 10:15:02" {
		t.Errorf("start %s, want 2024-03-20 10:15:02", start)
	}
}
