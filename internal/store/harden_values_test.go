package store

import (
	"fmt"
	"github.com/cdrtui/cdrtui/internal/testkit"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A voice record with a duration that does not read keeps its row, and the
// value is dropped once: counted once, one line in rejects.
func TestBadVoiceDurationCountedOnce(t *testing.T) {
	p := filepath.Join(t.TempDir(), "voice.csv")
	os.WriteFile(p, []byte("MSISDN,OTHER PARTY,CALL TYPE,START TIME,DURATION\n"+
		"919800000001,919800000002,MOC,2024-03-01 10:00:00,45\n"+
		"919800000001,919800000003,MOC,2024-03-01 11:00:00,4x5\n"), 0o644)
	st := openTemp(t)
	res := importOne(t, st, p, ImportOptions{})
	if res.Kind != "voice" || res.Rows != 2 || res.Dropped != 1 {
		t.Fatalf("%+v; want 2 voice rows and 1 value dropped", res)
	}
	if n := count(t, st, "SELECT count(*) FROM rejects WHERE severity = 'field' AND line = 3"); n != 1 {
		t.Errorf("%d rejects for the bad duration; want 1", n)
	}
}

// Asterisk call records get the operator files' plausibility rules: a
// start in year 0001 or 9999 rejects the row; an end before the start is
// dropped (its text kept, its time left empty), the call kept.
func TestAsteriskCDRPlausibility(t *testing.T) {
	year1 := strings.ReplaceAll(imageCall1, `"2024-03-18 10:00:00"`, `"0001-03-18 10:00:00"`)
	year9999 := strings.ReplaceAll(imageCall1, `"2024-03-18 10:00:00"`, `"9999-03-18 10:00:00"`)
	backwards := strings.ReplaceAll(imageCall1, `"2024-03-18 10:01:05"`, `"2024-03-18 09:01:05"`)
	root := t.TempDir()
	testkit.WriteTree(t, root, map[string]string{"var/log/asterisk/cdr-csv/Master.csv": strings.Join([]string{imageCall2, year1, year9999, backwards}, "\n") + "\n"})
	st := openTemp(t)
	res := importOne(t, st, filepath.Join(root, "var/log/asterisk/cdr-csv/Master.csv"), ImportOptions{})
	if res.Rows != 2 || res.Rejected != 2 || res.Dropped != 1 {
		t.Fatalf("%+v; want 2 calls, 2 rejected (years 0001 and 9999), 1 end dropped", res)
	}
	for line, want := range map[int]string{2: "year 1 outside 1900-2199", 3: "year 9999 outside 1900-2199", 4: "is before the start"} {
		if n := count(t, st, "SELECT count(*) FROM rejects WHERE line = ? AND reason LIKE ?", line, "%"+want+"%"); n != 1 {
			t.Errorf("line %d: no reject saying %q", line, want)
		}
	}
	var endText string
	var end any
	st.DB().QueryRow(`SELECT end_text, "end" FROM ast_calls WHERE line = 4`).Scan(&endText, &end)
	if endText != "2024-03-18 09:01:05" || end != nil {
		t.Errorf("line 4 end_text %q end %v; want the text kept and no time", endText, end)
	}
}

// A line of zero bytes in a text export is one bad row, not a binary file.
func TestLineOfNULsIsOneReject(t *testing.T) {
	body := "MSISDN,DESTIP,DESTPORT,START\n919800000001,1.2.3.4,443,2024-03-01 10:00:00\n" +
		strings.Repeat("\x00", 20000) + "\n" +
		"919800000002,1.2.3.5,443,2024-03-01 10:05:00\n919800000003,1.2.3.6,443,2024-03-01 10:06:00\n"
	p := filepath.Join(t.TempDir(), "nul.csv")
	os.WriteFile(p, []byte(body), 0o644)
	st := openTemp(t)
	res := importOne(t, st, p, ImportOptions{})
	if res.Error != "" || res.Rows != 3 || res.Rejected != 1 {
		t.Fatalf("%+v; want 3 rows and the line of zeros rejected", res)
	}
	// a real binary file is still refused
	bin := filepath.Join(t.TempDir(), "blob.csv")
	blob := make([]byte, 4096)
	for i := range blob {
		blob[i] = byte(i * 7 % 5) // zeros throughout, some newlines
	}
	os.WriteFile(bin, blob, 0o644)
	if res := importOne(t, st, bin, ImportOptions{}); !strings.Contains(res.Error, "binary") {
		t.Errorf("a binary file: %+v", res)
	}
}

// A header wider than the 256 KiB sniff window is read whole: its rows
// import instead of being rejected for a header cut short.
func TestHeaderWiderThanSniffWindow(t *testing.T) {
	const extra = 20000 // columns of about 20 bytes: a header of some 400 KB
	var b strings.Builder
	b.WriteString("MSISDN,DESTIP,DESTPORT,START")
	for i := range extra {
		fmt.Fprintf(&b, ",vendor_counter_%05d", i)
	}
	b.WriteString("\n")
	pad := strings.Repeat(",0", extra)
	for i := range 3 {
		fmt.Fprintf(&b, "91980000000%d,1.2.3.%d,443,2024-03-01 10:0%d:00%s\n", i, i, i, pad)
	}
	if b.Len() < 300<<10 {
		t.Fatalf("the header is only %d bytes", b.Len())
	}
	p := filepath.Join(t.TempDir(), "wide.csv")
	os.WriteFile(p, []byte(b.String()), 0o644)
	st := openTemp(t)
	res := importOne(t, st, p, ImportOptions{})
	if res.Error != "" || res.Rows != 3 || res.Rejected != 0 {
		t.Fatalf("%+v; want the 3 rows imported", res)
	}
}
