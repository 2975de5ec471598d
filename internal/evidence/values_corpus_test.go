package evidence

import (
	"bufio"
	"encoding/csv"
	"os"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/testkit"
)

// readCorpusCSV reads a shared corpus CSV (header included, if any).
func readCorpusCSV(t *testing.T, rel string) [][]string {
	t.Helper()
	f, err := os.Open(testkit.Corpus(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// unixOf parses a date-time the way the importer does with no zone given.
func unixOf(t *testing.T, s string) int64 {
	t.Helper()
	w, err := ParseDateTime(s, "")
	if err != nil {
		t.Fatalf("ParseDateTime(%q): %v", s, err)
	}
	if DateOrders(s) != OrderYMD {
		t.Errorf("DateOrders(%q) = %v, want YMD", s, DateOrders(s).Orders())
	}
	u, _ := w.In(nil)
	return u
}

// TestCorpusGluedIPDR reads the MiC3 IPDR table, whose date and time are
// glued (2021-04-0212:23:10).
func TestCorpusGluedIPDR(t *testing.T) {
	rows := readCorpusCSV(t, "shashi-hagroo-mic3-data-engineering/ipdr.csv")[1:]
	if len(rows) != 36 {
		t.Fatalf("%d rows, want 36", len(rows))
	}
	for _, r := range rows {
		start, end := unixOf(t, r[0]), unixOf(t, r[1])
		if end < start {
			t.Errorf("%v: end before start", r)
		}
		if m, err := ParseMSISDN(r[2]); err != nil || m != r[2] {
			t.Errorf("MSISDN %q: %q, %v", r[2], m, err)
		}
		for _, v := range r[3:5] {
			if _, err := ParseVolume(v); err != nil {
				t.Errorf("volume %q: %v", v, err)
			}
		}
	}
	// 2021-04-02 12:23:10 UTC is 1617366190 (Python calendar.timegm); the
	// first session lasts 98 s (12:23:10 to 12:24:48).
	if got := unixOf(t, rows[0][0]); got != 1617366190 {
		t.Errorf("first start %d, want 1617366190", got)
	}
	if got := unixOf(t, rows[0][1]) - unixOf(t, rows[0][0]); got != 98 {
		t.Errorf("first session %d s, want 98", got)
	}
}

// TestCorpusSyntheticIPDRAndCDR checks the Sid1125 files: durations equal
// end minus start, and the invalid identifier lengths are refused.
func TestCorpusSyntheticIPDRAndCDR(t *testing.T) {
	tests := []struct {
		file                       string
		start, end, dur, imsi, ime int
		rows, badIMSI, badIMEI     int
	}{
		// IMSI 40999000099 (11 digits) once; IMEI 3562549800598 (13) twice.
		{"sid1125-tifm-cdr-ipdr-visualizer/demo_cross_case_ipdr.csv", 0, 1, 7, 5, 6, 5, 1, 2},
		// IMSIs 40999000001/2/99 (11 digits) 3+3+2 times; 13-digit IMEIs 3+3 times.
		{"sid1125-tifm-cdr-ipdr-visualizer/demo_cross_case_cdr.csv", 2, 3, 4, 6, 7, 14, 8, 6},
	}
	for _, tt := range tests {
		rows := readCorpusCSV(t, tt.file)[1:]
		if len(rows) != tt.rows {
			t.Fatalf("%s: %d rows, want %d", tt.file, len(rows), tt.rows)
		}
		badIMSI, badIMEI := 0, 0
		for _, r := range rows {
			d, err := ParseDuration(r[tt.dur])
			if err != nil {
				t.Fatalf("duration %q: %v", r[tt.dur], err)
			}
			if got := unixOf(t, r[tt.end]) - unixOf(t, r[tt.start]); got != d {
				t.Errorf("%s to %s is %d s, file says %d", r[tt.start], r[tt.end], got, d)
			}
			if _, err := ParseIMSI(r[tt.imsi]); err != nil {
				badIMSI++
			}
			if _, err := ParseIMEI(r[tt.ime]); err != nil {
				badIMEI++
			}
		}
		if badIMSI != tt.badIMSI || badIMEI != tt.badIMEI {
			t.Errorf("%s: %d bad IMSIs, %d bad IMEIs; want %d, %d", tt.file, badIMSI, badIMEI, tt.badIMSI, tt.badIMEI)
		}
	}
	rows := readCorpusCSV(t, "sid1125-tifm-cdr-ipdr-visualizer/demo_cross_case_ipdr.csv")[1:]
	for _, r := range rows {
		for _, v := range r[2:4] {
			if ip, err := ParseIP(v); err != nil || ip != v {
				t.Errorf("IP %q: %q, %v", v, ip, err)
			}
		}
		for _, v := range r[8:10] {
			if _, err := ParsePort(v); err != nil {
				t.Errorf("port %q: %v", v, err)
			}
		}
	}
}

// TestCorpusSpreadsheetResave reads FreeSWITCH dates a spreadsheet re-saved
// without seconds (2020/2/10 22:41).
func TestCorpusSpreadsheetResave(t *testing.T) {
	rows := readCorpusCSV(t, "kxingyunliushui-freeswitch-tools/Master.csv")
	n := 0
	for _, r := range rows {
		for _, v := range r[4:7] {
			if v == "" {
				continue
			}
			w, err := ParseDateTime(v, "")
			if err != nil || !w.HasTime || w.HasSeconds || w.Year != 2020 || w.Month != 2 {
				t.Errorf("ParseDateTime(%q) = %+v, %v", v, w, err)
			}
			n++
		}
	}
	if n != 29 {
		t.Errorf("%d dates, want 29 (30 cells, one empty answer time)", n)
	}
}

// TestCorpusAsteriskCDR reads Asterisk cdr_csv times and durations: the
// duration is end minus start, or one second less (Asterisk rounds).
func TestCorpusAsteriskCDR(t *testing.T) {
	rows := readCorpusCSV(t, "mineevburyat-dj-asterisk-cdr/Master.csv")
	emptyAnswer := 0
	for _, r := range rows {
		if r[10] == "" {
			emptyAnswer++
		} else {
			unixOf(t, r[10])
		}
		d, err := ParseDuration(r[12])
		if err != nil {
			t.Fatalf("duration %q: %v", r[12], err)
		}
		if span := unixOf(t, r[11]) - unixOf(t, r[9]); span != d && span != d+1 {
			t.Errorf("%s to %s is %d s, duration %d", r[9], r[11], span, d)
		}
		if _, err := ParseMSISDN(r[1]); err != nil {
			t.Errorf("source %q: %v", r[1], err)
		}
	}
	if emptyAnswer != 45 {
		t.Errorf("%d empty answer times, want 45", emptyAnswer)
	}
}

// TestCorpusDongleIdentifiers reads imei=/imsi= keys of a chan_dongle
// config whose imsi values are really ICCIDs.
func TestCorpusDongleIdentifiers(t *testing.T) {
	f, err := os.Open(testkit.Corpus(t, "swa2050-dongle-conf/dongle.conf"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var got []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		key, value, ok := strings.Cut(sc.Text(), "=")
		switch {
		case !ok:
		case key == "imsi":
			_, err := ParseIMSI(value)
			got = append(got, "imsi "+errText(err))
		case key == "imei":
			v, err := ParseIMEI(value)
			got = append(got, "imei "+errText(err)+" luhn="+map[bool]string{true: "ok", false: "bad"}[IMEILuhnOK(v)])
		}
	}
	want := []string{
		"imei ok luhn=ok", "imsi IMSI has 19 digits (at most 15); an ICCID?",
		"imei ok luhn=ok", "imsi IMSI has 19 digits (at most 15); an ICCID?",
		"imei ok luhn=bad", "imsi ok", // the sample placeholder 123456789012345
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func errText(err error) string {
	if err == nil {
		return "ok"
	}
	return err.Error()
}
