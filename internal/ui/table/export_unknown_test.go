package table

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// A number column's — (a duration or talk time the records do not give)
// is exported empty, null in JSON, never the text "—" or 0; the known
// value beside it stays a number (125).
func TestExportUnknownNumberEmpty(t *testing.T) {
	cols := []Column{{Title: "Recipient"}, {Title: "Bill", Right: true}}
	src := &SliceSource{Cols: cols, Rows: []Row{{Cells: []string{"201", "—"}}, {Cells: []string{"202", "125"}}}}
	var csvOut, jsonOut strings.Builder
	if _, err := exportCSV(context.Background(), &csvOut, src, cols, PageRequest{}, &Meta{}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(csvOut.String(), "Recipient,Bill\n201,\n202,125\n") {
		t.Errorf("csv:\n%s", csvOut.String())
	}
	if _, err := exportJSON(context.Background(), &jsonOut, src, cols, PageRequest{}, &Meta{}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Rows []map[string]any `json:"rows"`
	}
	if err := json.Unmarshal([]byte(jsonOut.String()), &doc); err != nil {
		t.Fatalf("%v\n%s", err, jsonOut.String())
	}
	if len(doc.Rows) != 2 || doc.Rows[0]["Bill"] != nil || doc.Rows[1]["Bill"] != 125.0 {
		t.Errorf("json rows %#v", doc.Rows)
	}
	if _, ok := doc.Rows[0]["Bill"]; !ok {
		t.Error("the unknown talk time's key is missing, not null")
	}
}
