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

// The subscriber table's Placed column: the share of each subscriber's
// records whose cell has a position, as `cdrtui location --json` says
// placed_share. By hand: A has four records, three in cells with a site
// (C1 written two ways, C2) and one in a cell with none: 75.0%; B's one
// record is in C2: 100.0%; C's record names no cell: 0.0%. Before the cell
// sites are imported the column says "–".
func TestSubscriberPlacedColumn(t *testing.T) {
	dir := t.TempDir()
	file, sites := filepath.Join(dir, "cdr.csv"), filepath.Join(dir, "sites.csv")
	body := "MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION,CELL_ID\n" +
		"9714499703,VOICE_OUT,9812345678,18/03/2024,10:00:00,60,404-10-7301-12345\n" +
		"9714499703,VOICE_OUT,9812345678,18/03/2024,11:00:00,60,404100730112345\n" +
		"9714499703,VOICE_OUT,9812345678,18/03/2024,12:00:00,60,404-10-7301-22222\n" +
		"9714499703,VOICE_OUT,9812345678,18/03/2024,13:00:00,60,404-10-9999-1\n" +
		"9812345678,VOICE_OUT,9714499703,18/03/2024,10:00:00,60,404-10-7301-22222\n" +
		"9822222222,VOICE_OUT,9714499703,18/03/2024,10:00:00,60,\n"
	os.WriteFile(file, []byte(body), 0o444)
	os.WriteFile(sites, []byte("CGI,Latitude,Longitude\n404-10-7301-12345,22.5726,88.3639\n404-10-7301-22222,22.5726,88.4639\n"), 0o444)
	st, err := store.Create(filepath.Join(dir, "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if res, err := st.Import(ctx, []string{file}, store.ImportOptions{Country: "IN"}); err != nil || res[0].Error != "" {
		t.Fatalf("%v %+v", err, res)
	}
	src := subscriberSource(st, analysis.DefaultDictionary())
	if c := src.Columns()[placedColumn]; c.Title != "Placed" {
		t.Fatalf("column %d is %q", placedColumn, c.Title)
	}
	page := func() [][]string {
		rows, err := src.Page(ctx, table.PageRequest{Sort: 0, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		var got [][]string
		for _, r := range rows {
			got = append(got, []string{r.Cells[0], r.Cells[placedColumn]})
		}
		return got
	}
	want := [][]string{{"919714499703", "–"}, {"919812345678", "–"}, {"919822222222", "–"}}
	if got := page(); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("without cell sites: %v, want %v", got, want)
	}
	if _, err := st.ImportCells(ctx, []string{sites}, store.CellImportOptions{}); err != nil {
		t.Fatal(err)
	}
	want = [][]string{{"919714499703", "75.0%"}, {"919812345678", "100.0%"}, {"919822222222", "0.0%"}}
	if got := page(); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("placed: %v, want %v", got, want)
	}
}
