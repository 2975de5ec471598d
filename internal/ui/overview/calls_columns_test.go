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

// The subscriber table's Calls, SMS and Contacts columns, counted by hand:
// A has 3 calls, 2 SMS and 3 distinct other parties (one number written
// two ways is one contact; the sender's name is one); B has 1 call.
func TestSubscriberCallsColumns(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "cdr.csv")
	body := "MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION\n" +
		"9714499703,VOICE_OUT,9812345678,18/03/2024,10:00:00,60\n" +
		"9714499703,VOICE_IN,+91 98123 45678,18/03/2024,11:00:00,60\n" +
		"9714499703,SMS_IN,VM-HDFCBK,18/03/2024,12:00:00,0\n" +
		"9714499703,SMS_OUT,9822222222,18/03/2024,13:00:00,0\n" +
		"9714499703,VOICE_OUT,9822222222,18/03/2024,14:00:00,30\n" +
		"9812345678,VOICE_IN,9714499703,18/03/2024,10:00:00,60\n"
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
	cols := src.Columns()
	at := func(title string) int {
		return slices.IndexFunc(cols, func(c table.Column) bool { return c.Title == title })
	}
	calls, sms, contacts := at("Calls"), at("SMS"), at("Contacts")
	if calls < 0 || sms < 0 || contacts < 0 || cols[appsColumn].Title != "Apps used" {
		t.Fatalf("columns %+v", cols)
	}
	rows, err := src.Page(context.Background(), table.PageRequest{Sort: calls, Desc: true, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	got := [][]string{}
	for _, r := range rows {
		got = append(got, []string{r.Cells[0], r.Cells[calls], r.Cells[sms], r.Cells[contacts]})
	}
	want := [][]string{{"919714499703", "3", "2", "3"}, {"919812345678", "1", "0", "1"}}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("rows %v, want %v", got, want)
	}
}
