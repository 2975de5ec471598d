package correlation

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/ui/table"
)

// Column indexes of the application summary, for sorting by value.
const (
	appColMatches = 1 + iota
	appColShare
	appColExpected
	appColRatio
	appColP
	appColScore
	appColRecsA
	appColRecsB
)

// appsSource is the per-application summary (Figure 3 with chance beside
// it), most matches first.
func appsSource(c *casework.Correlation) *table.SliceSource {
	src := &table.SliceSource{
		Cols: []table.Column{
			{Title: "Application", MinWidth: 10, MaxWidth: 24, Sortable: true},
			{Title: "Matches", Right: true, Sortable: true},
			{Title: "Share", Right: true, Sortable: true},
			{Title: "Expected", Right: true, Sortable: true},
			{Title: "Ratio", Right: true, Sortable: true},
			{Title: "p", Right: true, Sortable: true},
			{Title: "Score", Right: true, Sortable: true},
			{Title: "Recs A", Right: true, Sortable: true},
			{Title: "Recs B", Right: true, Sortable: true},
		},
		SortCol: -1,
		Less: func(a, b table.Row, col int) bool {
			x, y := a.Ref.(casework.AppResult), b.Ref.(casework.AppResult)
			switch col {
			case 0:
				return x.App < y.App
			case appColMatches, appColShare:
				return x.Matches < y.Matches
			case appColExpected:
				return x.Expected < y.Expected
			case appColRatio:
				return x.Ratio < y.Ratio
			case appColP:
				return x.P < y.P
			case appColScore:
				return x.Score < y.Score
			case appColRecsA:
				return x.RecordsA < y.RecordsA
			}
			return x.RecordsB < y.RecordsB
		},
	}
	if c == nil {
		return src
	}
	for _, a := range c.Apps {
		src.Rows = append(src.Rows, table.Row{Ref: a, ID: a.App, Cells: []string{
			a.App, strconv.Itoa(a.Matches), fmt.Sprintf("%.1f%%", 100*a.Share), casework.FormatExpected(a.Expected),
			casework.FormatRatio(a.Ratio, a.Matches), casework.FormatP(a.P), fmt.Sprintf("%.1f", a.Score),
			table.Thousands(int64(a.RecordsA)), table.Thousands(int64(a.RecordsB)),
		}})
	}
	return src
}

// pairsSource lists matched pairs with both records' wall clocks and
// sources, in the engine's order (application, A start, B start).
func pairsSource(rows []casework.MatchRow) *table.SliceSource {
	src := &table.SliceSource{
		Cols: []table.Column{
			{Title: "Application", MinWidth: 10, MaxWidth: 20, Sortable: true},
			{Title: "Port", Sortable: true},
			{Title: "A start", Sortable: true},
			{Title: "A end", Sortable: true},
			{Title: "B start", Sortable: true},
			{Title: "B end", Sortable: true},
			{Title: "Δ s", Right: true, Sortable: true},
			{Title: "A source", MaxWidth: 48, TruncLeft: true, Sortable: true},
			{Title: "B source", MaxWidth: 48, TruncLeft: true, Sortable: true},
		},
		SortCol: -1,
	}
	for _, m := range rows {
		port := strconv.Itoa(m.PortA)
		if m.PortB != m.PortA {
			port += "/" + strconv.Itoa(m.PortB)
		}
		src.Rows = append(src.Rows, table.Row{Ref: m, Cells: []string{
			m.App, port, m.AStart, dash(m.AEnd), m.BStart, dash(m.BEnd), fmt.Sprintf("%+d", m.DeltaS),
			m.ASource + ":" + strconv.FormatInt(m.ALine, 10), m.BSource + ":" + strconv.FormatInt(m.BLine, 10),
		}})
	}
	return src
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// contactRow is a contact with its rank, the Ref of a contacts row.
type contactRow struct {
	rank int
	casework.Contact
}

// contactsSource ranks A's contacts by score (best first, as the analysis
// ranked them).
func contactsSource(list *casework.ContactList) *table.SliceSource {
	src := &table.SliceSource{
		Cols: []table.Column{
			{Title: "#", Right: true, Sortable: true},
			{Title: "MSISDN", MinWidth: 8, Sortable: true},
			{Title: "Pairs", Right: true, Sortable: true},
			{Title: "Expected", Right: true, Sortable: true},
			{Title: "Ratio", Right: true, Sortable: true},
			{Title: "Score", Right: true, Sortable: true},
			{Title: "Strongest", MaxWidth: 24},
			{Title: "Applications", MaxWidth: 48},
		},
		SortCol: -1,
		Less: func(a, b table.Row, col int) bool {
			x, y := a.Ref.(contactRow), b.Ref.(contactRow)
			var c int
			switch col {
			case 1:
				c = cmp.Compare(x.MSISDN, y.MSISDN)
			case 2:
				c = cmp.Compare(x.Pairs, y.Pairs)
			case 3:
				c = cmp.Compare(x.Expected, y.Expected)
			case 4:
				c = cmp.Compare(x.Ratio, y.Ratio)
			case 5:
				c = cmp.Compare(x.Score, y.Score)
			}
			return cmp.Or(c, cmp.Compare(x.rank, y.rank)) < 0
		},
	}
	if list == nil {
		return src
	}
	for i, c := range list.Contacts {
		src.Rows = append(src.Rows, table.Row{Ref: contactRow{rank: i + 1, Contact: c}, ID: c.MSISDN, Cells: []string{
			strconv.Itoa(i + 1), c.MSISDN, strconv.Itoa(c.Pairs), casework.FormatExpected(c.Expected),
			casework.FormatRatio(c.Ratio, c.Pairs), fmt.Sprintf("%.1f", c.Score), casework.FormatStrongest(c.BestApp, c.BestWindowS),
			strings.Join(casework.AppCounts(c.PerApp), ", "),
		}})
	}
	return src
}
