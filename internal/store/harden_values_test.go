package store

import (
	"os"
	"path/filepath"
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
