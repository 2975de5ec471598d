package store

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
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

// IMEIHitsIn counts the records in a wall-clock window: 919800000001 has
// the handset at 10:00 on the 18th and 10:00 on the 19th, 919800000002 at
// 12:00 on the 19th. From the 19th: 1 and 1; to the 19th: 919800000001's
// first alone; the 19th 11:00 to 13:00: 919800000002 alone; no window:
// the summaries' 2 and 1.
func TestIMEIHitsInAWindow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ipdr.csv")
	if err := os.WriteFile(path, []byte("MSISDN,IMEI,Destination IP,Start Time\n"+
		"919800000001,356938035643809,1.2.3.4,2024-03-18 10:00:00\n"+
		"919800000001,356938035643809,1.2.3.4,2024-03-19 10:00:00\n"+
		"919800000002,35693803564380,1.2.3.4,2024-03-19 12:00:00\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	st := openTemp(t)
	if res := importOne(t, st, path, ImportOptions{}); res.Error != "" || res.Rows != 3 {
		t.Fatalf("%+v", res)
	}
	day := int64(1710806400) // 2024-03-19 00:00 UTC, the wall clock as written
	for _, c := range []struct {
		from, to int64
		want     []string
	}{
		{day, 0, []string{"919800000001 1", "919800000002 1"}},
		{0, day, []string{"919800000001 1"}},
		{day + 11*3600, day + 13*3600, []string{"919800000002 1"}},
		{0, 0, []string{"919800000001 2", "919800000002 1"}},
	} {
		hits, err := st.IMEIHitsIn(context.Background(), "356938035643809", c.from, c.to)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range hits {
			got = append(got, h.MSISDN+" "+strconv.FormatInt(h.Records, 10))
		}
		slices.Sort(got)
		if !slices.Equal(got, c.want) {
			t.Errorf("IMEIHitsIn(%d, %d) = %q, want %q", c.from, c.to, got, c.want)
		}
	}
}
