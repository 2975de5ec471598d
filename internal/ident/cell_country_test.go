package ident

import "testing"

// The country of a file's cells, by their MCC: one country's networks
// name it; cells of two countries, or of a country with no plan, name
// none; values that are no cell are passed over.
func TestCellsCountry(t *testing.T) {
	for _, c := range []struct {
		cells    []string
		iso, why string
	}{
		{[]string{"470-01-1234-5678", "470-03-77-12345", "", "Gulshan 1"}, "BD", "every cell sampled is on Bangladesh's networks (MCC 470)"},
		{[]string{"404-10-1234-5678", "405-874-?-1", "405874ABCDEF1"}, "IN", "every cell sampled is on India's networks (MCC 404, 405)"},
		{[]string{"410-01-1234-5678"}, "PK", "every cell sampled is on Pakistan's networks (MCC 410)"},
		{[]string{"470-01-1234-5678", "404-10-1234-5678"}, "", ""}, // two countries
		{[]string{"413-02-1234-5678"}, "", ""}, // Sri Lanka: no plan
		{[]string{"Gulshan 1", ""}, "", ""},
		{nil, "", ""},
	} {
		iso, why := CellsCountry(c.cells)
		if iso != c.iso || why != c.why {
			t.Errorf("%q: %q %q, want %q %q", c.cells, iso, why, c.iso, c.why)
		}
	}
}
