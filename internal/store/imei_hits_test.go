package store

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// A modem's IMEI finds the subscribers whose records wrote the same
// handset with or without its check digit, or as an IMEISV; a handset that
// differs in its serial is not found.
func TestIMEIHitsMatchTheHandset(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ipdr.csv")
	if err := os.WriteFile(path, []byte("MSISDN,IMEI,Destination IP,Start Time\n"+
		"919800000001,35693803564380,1.2.3.4,2024-03-18 10:00:00\n"+
		"919800000002,356938035643809,1.2.3.4,2024-03-18 10:00:00\n"+
		"919800000003,3569380356438012,1.2.3.4,2024-03-18 10:00:00\n"+
		"919800000004,35693803564381,1.2.3.4,2024-03-18 10:00:00\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	st := openTemp(t)
	if res := importOne(t, st, path, ImportOptions{}); res.Error != "" || res.Rows != 4 {
		t.Fatalf("%+v", res)
	}
	for _, asked := range []string{"356938035643800", "35693803564380", "3569380356438099"} {
		hits, err := st.IMEIHits(context.Background(), asked)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range hits {
			got = append(got, h.MSISDN+" "+h.IMEI)
		}
		slices.Sort(got)
		want := []string{"919800000001 35693803564380", "919800000002 356938035643809", "919800000003 3569380356438012"}
		if !slices.Equal(got, want) {
			t.Errorf("IMEIHits(%s) = %q, want %q", asked, got, want)
		}
	}
	if hits, err := st.IMEIHits(context.Background(), "12345"); err != nil || len(hits) != 0 {
		t.Errorf("IMEIHits(12345) = %v, %v", hits, err)
	}
}
