package overview

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui/table"
)

// The Overview's filter finds a subscriber by MSISDN in any form the
// case's numbering plan reads, by IMSI and by IMEI (with or without check
// digit), besides the text match on the number it always did.
func TestSubscriberFilterFindsIdentities(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "ipdr.csv")
	body := "MSISDN,IMSI,IMEI,DESTIP,DESTPORT,START,CELL_ID\n" +
		"9714499703,404100000000001,352099001761481,104.198.99.79,443,2024-03-20 18:00:00,C1\n" +
		"9812345678,404100000000002,490154203237518,104.198.99.79,443,2024-03-20 18:01:00,C1\n"
	if err := os.WriteFile(file, []byte(body), 0o444); err != nil {
		t.Fatal(err)
	}
	st, err := store.Create(filepath.Join(dir, "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if res, err := st.Import(context.Background(), []string{file}, store.ImportOptions{Country: "IN"}); err != nil || res[0].Error != "" {
		t.Fatalf("%v %+v", err, res)
	}
	src := subscriberSource(st, analysis.DefaultDictionary())
	for _, c := range []struct {
		filter string
		want   []string
	}{
		{"+91 97144 99703", []string{"919714499703"}},
		{"0091-9714499703", []string{"919714499703"}},
		{"09812345678", []string{"919812345678"}},
		{"404100000000002", []string{"919812345678"}},
		{"35209900176148", []string{"919714499703"}},
		{"3520990017614812", []string{"919714499703"}}, // an IMEISV of the handset
		{"4499", []string{"919714499703"}},             // the text match, as before
		{"91", []string{"919714499703", "919812345678"}},
		{"nobody", nil},
	} {
		rows, err := src.Page(context.Background(), table.PageRequest{Sort: 0, Filter: c.filter, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range rows {
			got = append(got, r.Cells[0])
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("filter %q: %v, want %v", c.filter, got, c.want)
		}
		if n, err := src.Count(context.Background(), c.filter); err != nil || n != int64(len(c.want)) {
			t.Errorf("filter %q: count %d %v", c.filter, n, err)
		}
	}
}
