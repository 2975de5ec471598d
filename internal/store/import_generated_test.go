package store

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/cdrtui/cdrtui/internal/gen"
)

// A generated case imports whole, and every count the store keeps equals
// what the generator planted; a second import adds nothing.
func TestImportGeneratedCase(t *testing.T) {
	dir := t.TempDir()
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Subscribers, cfg.Days, cfg.Records, cfg.VoiceSubscribers, cfg.SimBoxes = 3, 60, 5, 20_000, 40, 4
	truth, err := gen.Generate(filepath.Join(dir, "evidence"), cfg)
	if err != nil {
		t.Fatal(err)
	}
	st := openTemp(t)
	results, err := st.Import(context.Background(), []string{filepath.Join(dir, "evidence")}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]int64{}
	for _, r := range results {
		if r.Error != "" || r.Rejected != 0 || r.Dropped != 0 {
			t.Fatalf("%s: %+v", r.Path, r)
		}
		rows[filepath.Base(r.Path)] = r.Rows
	}
	for _, f := range truth.Files {
		if rows[filepath.Base(f.Path)] != int64(f.Rows) {
			t.Errorf("%s: imported %d rows, generator wrote %d", f.Path, rows[filepath.Base(f.Path)], f.Rows)
		}
	}
	if got := count(t, st, "SELECT count(*) FROM ipdr"); got != int64(truth.IPDRRecords) {
		t.Errorf("ipdr = %d, want %d", got, truth.IPDRRecords)
	}
	if got := count(t, st, "SELECT count(*) FROM voice"); got != int64(truth.VoiceRecords) {
		t.Errorf("voice = %d, want %d", got, truth.VoiceRecords)
	}
	for _, s := range truth.Subscribers {
		var records, cells, imeis int64
		var first, last string
		err := st.DB().QueryRow(`SELECT data_records,
			(SELECT count(DISTINCT cell_id) FROM subscriber_cells c WHERE c.subscriber_id = s.id AND kind = 'ipdr'),
			(SELECT count(DISTINCT d.imei) FROM subscriber_devices sd JOIN devices d ON d.id = sd.device_id WHERE sd.subscriber_id = s.id AND sd.kind = 'ipdr'),
			datetime(first_seen + first_offset, 'unixepoch'), datetime(last_seen + last_offset, 'unixepoch')
			FROM subscribers s WHERE msisdn = ?`, s.MSISDN).Scan(&records, &cells, &imeis, &first, &last)
		if err != nil {
			t.Fatalf("%s: %v", s.MSISDN, err)
		}
		if records != int64(s.Records) || cells != int64(s.Cells) || imeis != int64(len(s.IMEIs)) {
			t.Errorf("%s: records %d cells %d imeis %d; truth %d %d %d", s.MSISDN, records, cells, imeis, s.Records, s.Cells, len(s.IMEIs))
		}
		if first != s.First.Format("2006-01-02 15:04:05") || last != s.Last.Format("2006-01-02 15:04:05") {
			t.Errorf("%s: span %s..%s, truth %v..%v", s.MSISDN, first, last, s.First, s.Last)
		}
		var perPort int64
		for port, n := range s.ByPort {
			if err := st.DB().QueryRow(`SELECT coalesce(sum(records), 0) FROM activity a JOIN subscribers s ON s.id = a.subscriber_id
				WHERE s.msisdn = ? AND a.dest_port = ?`, s.MSISDN, port).Scan(&perPort); err != nil {
				t.Fatal(err)
			}
			if perPort != int64(n) {
				t.Errorf("%s port %d: activity %d, truth %d", s.MSISDN, port, perPort, n)
			}
		}
	}
	again, err := st.Import(context.Background(), []string{filepath.Join(dir, "evidence")}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range again {
		if r.Rows != 0 || r.Skipped == "" {
			t.Errorf("second import of %s: %+v", r.Path, r)
		}
	}
	if got := count(t, st, "SELECT count(*) FROM ipdr"); got != int64(truth.IPDRRecords) {
		t.Errorf("after a second import ipdr = %d", got)
	}
}
