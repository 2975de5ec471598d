package gen

import (
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// refRecord is one data row as an independent reader sees it.
type refRecord struct {
	msisdn, imsi, imei string
	destIP             string
	destPort           int
	start, end         time.Time
	cell               string
	up, down           int64
}

// readIPDR re-reads both operators' files with encoding/csv, knowing only
// their documented layouts.
func readIPDR(t *testing.T, dir string) (a, b []refRecord) {
	t.Helper()
	return readA(t, filepath.Join(dir, FileOperatorA)), readB(t, filepath.Join(dir, FileOperatorB))
}

func readA(t *testing.T, path string) []refRecord {
	t.Helper()
	rows := readCSV(t, path, ',', 0)
	if got := strings.Join(rows[0], ","); got+"\n" != headerA {
		t.Fatalf("operator A header = %q", got)
	}
	var out []refRecord
	for _, f := range rows[1:] {
		if len(f) != 18 {
			t.Fatalf("operator A row has %d fields: %q", len(f), f)
		}
		rec := refRecord{msisdn: f[0], imsi: f[1], imei: f[2], destIP: f[7], destPort: atoi(t, f[8]),
			start: parseWall(t, "02/01/2006 15:04:05", f[9]+" "+f[10]), end: parseWall(t, "02/01/2006 15:04:05", f[11]+" "+f[12]),
			cell: f[13], up: int64(atoi(t, f[14])), down: int64(atoi(t, f[15]))}
		if int64(atoi(t, f[16])) != rec.up+rec.down {
			t.Fatalf("TOTAL_VOLUME %s is not %d+%d", f[16], rec.up, rec.down)
		}
		if f[17] != "2G" && f[17] != "3G" && f[17] != "4G" {
			t.Fatalf("RAT %q", f[17])
		}
		out = append(out, rec)
	}
	return out
}

func readB(t *testing.T, path string) []refRecord {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(raw), "\ufeffOPERATOR B - IPDR EXPORT\r\nGenerated for case ") {
		t.Fatalf("operator B preamble: %q", raw[:min(len(raw), 80)])
	}
	if n, crlf := strings.Count(string(raw), "\n"), strings.Count(string(raw), "\r\n"); n != crlf {
		t.Fatalf("operator B: %d line feeds but %d CRLFs", n, crlf)
	}
	rows := readCSV(t, path, ';', 2)
	if got := strings.Join(rows[0], ";"); got+"\r\n" != headerB {
		t.Fatalf("operator B header = %q", got)
	}
	var out []refRecord
	for _, f := range rows[1:] {
		if len(f) != 15 {
			t.Fatalf("operator B row has %d fields: %q", len(f), f)
		}
		out = append(out, refRecord{msisdn: f[2], imsi: f[3], imei: f[4], destIP: f[9], destPort: atoi(t, f[10]),
			start: parseWall(t, time.DateTime, f[0]), end: parseWall(t, time.DateTime, f[1]), cell: f[11],
			up: int64(atoi(t, f[12])), down: int64(atoi(t, f[13]))})
		if f[14] != "GSM" && f[14] != "UMTS" && f[14] != "LTE" {
			t.Fatalf("RAT %q", f[14])
		}
	}
	return out
}

// readCSV reads a delimited file after skipping preamble lines (and a BOM).
func readCSV(t *testing.T, path string, comma rune, preamble int) [][]string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.TrimPrefix(string(raw), "\ufeff")
	for range preamble {
		text = text[strings.IndexByte(text, '\n')+1:]
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = comma
	r.FieldsPerRecord = -1
	var rows [][]string
	for {
		f, err := r.Read()
		if err == io.EOF {
			return rows
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		rows = append(rows, f)
	}
}

func parseWall(t *testing.T, layout, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation(layout, s, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// referenceSummary recomputes a subscriber's truth from the rows.
func referenceSummary(msisdn, operator string, rows []refRecord) SubscriberTruth {
	s := SubscriberTruth{MSISDN: msisdn, Operator: operator, ByPort: map[int]int{}, IMEIs: []string{}, IMSIs: []string{}}
	cells := map[string]bool{}
	seen := map[string]bool{}
	for i, r := range rows {
		if i == 0 {
			s.First.Time = r.start
		}
		s.Last.Time = r.start
		s.Records++
		s.ByPort[r.destPort]++
		cells[r.cell] = true
		if !seen["imei"+r.imei] {
			seen["imei"+r.imei] = true
			s.IMEIs = append(s.IMEIs, r.imei)
		}
		if !seen["imsi"+r.imsi] {
			seen["imsi"+r.imsi] = true
			s.IMSIs = append(s.IMSIs, r.imsi)
		}
		switch r.destPort {
		case 5222, 5223, 5228, 4244, 5242:
			s.WhatsAppBins3h[r.start.Hour()/3]++
			s.WhatsAppWeekday[(int(r.start.Weekday())+6)%7]++
		}
	}
	s.Cells = len(cells)
	return s
}

// groupBySubscriber splits rows per MSISDN, keeping file order.
func groupBySubscriber(rows []refRecord) (map[string][]refRecord, []string) {
	by := map[string][]refRecord{}
	var order []string
	for _, r := range rows {
		if _, ok := by[r.msisdn]; !ok {
			order = append(order, r.msisdn)
		}
		by[r.msisdn] = append(by[r.msisdn], r)
	}
	return by, order
}
