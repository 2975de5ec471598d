package calls

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/ui/table"
)

// result is one view's computed report and the table over it.
type result struct {
	view   view
	a, b   string
	title  string // what the table is of, for the header and exports
	note   string // a line under the header (the baseline, the method)
	src    *table.SliceSource
	report any
}

func num(n int) string     { return table.Thousands(int64(n)) }
func num64(n int64) string { return table.Thousands(n) }
func talk(s int64) string  { return analysis.TalkText(s) }

// refNumber is what a and b make A or B: a number of the case.
type refNumber struct{ number string }

func contactsSource(rep *casework.CallsReport) *table.SliceSource {
	cols := []table.Column{{Title: "number", MinWidth: 12}, {Title: "in case"}, {Title: "calls out", Right: true, Sortable: true},
		{Title: "calls in", Right: true, Sortable: true}, {Title: "SMS out", Right: true, Sortable: true}, {Title: "SMS in", Right: true, Sortable: true},
		{Title: "talk", Right: true, Sortable: true}, {Title: "first", Sortable: true}, {Title: "last", Sortable: true},
		{Title: "night", Right: true, Sortable: true}, {Title: "cells", Right: true, Sortable: true}, {Title: "key"}}
	s := &table.SliceSource{Cols: cols, SortCol: -1}
	add := func(c analysis.CallContact, sender bool) {
		in := ""
		if rep.InCase[c.Key] {
			in = "yes"
		}
		if sender {
			in = "sender"
		}
		s.Rows = append(s.Rows, table.Row{
			Cells: []string{c.Number, in, num(c.CallsOut), num(c.CallsIn), num(c.SMSOut), num(c.SMSIn), talk(c.TalkS), c.FirstW, c.LastW,
				fmt.Sprintf("%.0f%%", 100*c.NightPct), num(len(c.Cells)), c.Key},
			Values: []any{nil, nil, c.CallsOut, c.CallsIn, c.SMSOut, c.SMSIn, c.TalkS, nil, nil, c.NightPct, len(c.Cells), nil},
			Ref:    refNumber{cmpOr(c.Key, c.Number)}, ID: cmpOr(c.Key, c.Number)})
	}
	for _, c := range rep.Contacts {
		add(c, false)
	}
	for _, c := range rep.Senders {
		add(c, true)
	}
	s.Less = func(a, b table.Row, col int) bool {
		if col == 6 { // talk is shown as 4m05s: order by seconds
			return a.Values[6].(int64) < b.Values[6].(int64)
		}
		return lessCells(a, b, col)
	}
	return s
}

// lessCells orders by the row's typed value when it has one, else by text.
func lessCells(a, b table.Row, col int) bool {
	if col < len(a.Values) && col < len(b.Values) {
		switch x := a.Values[col].(type) {
		case int:
			return x < b.Values[col].(int)
		case int64:
			return x < b.Values[col].(int64)
		case float64:
			return x < b.Values[col].(float64)
		}
	}
	return a.Cells[col] < b.Cells[col]
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func commonSource(rep *casework.CommonReport) *table.SliceSource {
	s := &table.SliceSource{SortCol: -1, Less: lessCells, Cols: []table.Column{{Title: "number", MinWidth: 12},
		{Title: "count", Right: true, Sortable: true}, {Title: "calls+SMS", Right: true, Sortable: true}, {Title: "suspect"}, {Title: "linked", MaxWidth: 120}}}
	for _, n := range rep.Numbers {
		sus := ""
		if n.Suspect {
			sus = "yes"
		}
		s.Rows = append(s.Rows, table.Row{Cells: []string{n.Number, num(n.Count), num(n.Total), sus, strings.Join(n.Linked, " ")},
			Values: []any{nil, n.Count, n.Total, n.Suspect, nil}, Ref: refNumber{cmpOr(n.Key, n.Number)}, ID: cmpOr(n.Key, n.Number)})
	}
	return s
}

func bridgeSource(rep *casework.BridgeReport) *table.SliceSource {
	s := &table.SliceSource{SortCol: -1, Less: lessCells, Cols: []table.Column{{Title: "number", MinWidth: 12},
		{Title: "group 1", Right: true, Sortable: true}, {Title: "group 2", Right: true, Sortable: true},
		{Title: "calls+SMS", Right: true, Sortable: true}, {Title: "member of"}, {Title: "linked in group 1", MaxWidth: 80}, {Title: "linked in group 2", MaxWidth: 80}}}
	for _, b := range rep.Bridges {
		member := ""
		if b.Member > 0 {
			member = "group " + strconv.Itoa(b.Member)
		}
		s.Rows = append(s.Rows, table.Row{Cells: []string{b.Number, num(len(b.Group1)), num(len(b.Group2)), num(b.Total), member,
			strings.Join(b.Group1, " "), strings.Join(b.Group2, " ")}, Values: []any{nil, len(b.Group1), len(b.Group2), b.Total},
			Ref: refNumber{cmpOr(b.Key, b.Number)}, ID: cmpOr(b.Key, b.Number)})
	}
	return s
}

func devicesSource(rep *casework.DevicesReport) *table.SliceSource {
	s := &table.SliceSource{SortCol: -1, Cols: []table.Column{{Title: "what"}, {Title: "value", MinWidth: 15}, {Title: "from", Sortable: true},
		{Title: "to", Sortable: true}, {Title: "records", Right: true}, {Title: "detail"}}}
	for _, d := range rep.IMEIs {
		s.Rows = append(s.Rows, table.Row{Cells: []string{"handset", d.IMEI, d.From, d.To, num64(d.Records),
			strings.TrimSpace("SIMs " + strings.Join(d.With, " ") + " " + d.Change)}, Values: []any{nil, nil, nil, nil, d.Records}})
	}
	for _, d := range rep.IMSIs {
		s.Rows = append(s.Rows, table.Row{Cells: []string{"SIM", d.IMSI, d.From, d.To, num64(d.Records),
			strings.TrimSpace("handsets " + strings.Join(d.With, " ") + " " + d.Change)}, Values: []any{nil, nil, nil, nil, d.Records}})
	}
	for _, c := range rep.Changes {
		detail := c.Detail
		if c.Alongside {
			detail = strings.TrimSpace(detail + " (both in use)")
		}
		s.Rows = append(s.Rows, table.Row{Cells: []string{"⚑ " + c.Kind, c.From + " → " + c.To, c.At, "", "", detail}})
	}
	for _, sh := range rep.Shared {
		s.Rows = append(s.Rows, table.Row{Cells: []string{"other number via " + sh.Via, sh.MSISDN, sh.From, sh.To, num64(sh.Records),
			strings.TrimSpace(sh.IMEI + " " + sh.IMSI)}, Values: []any{nil, nil, nil, nil, sh.Records}, Ref: refNumber{sh.MSISDN}})
	}
	return s
}

func silencesSource(rep *casework.SilencesReport) *table.SliceSource {
	s := &table.SliceSource{SortCol: -1, Less: lessCells, Cols: []table.Column{{Title: "what"}, {Title: "from", Sortable: true},
		{Title: "to"}, {Title: "hours / records", Right: true, Sortable: true}, {Title: "× usual / score", Right: true, Sortable: true},
		{Title: "record before"}, {Title: "record after"}}}
	for _, x := range rep.Silences {
		s.Rows = append(s.Rows, table.Row{Cells: []string{"silence", x.FromW, x.ToW, fmt.Sprintf("%.1f h", x.Hours), fmt.Sprintf("%.1f", x.Ratio),
			fmt.Sprintf("%s (source %d line %d)", x.Before.What, x.Before.SourceID, x.Before.Line),
			fmt.Sprintf("%s (source %d line %d)", x.After.What, x.After.SourceID, x.After.Line)},
			Values: []any{nil, nil, nil, x.Hours, x.Ratio}})
	}
	for _, x := range rep.Bursts {
		s.Rows = append(s.Rows, table.Row{Cells: []string{"burst", x.HourW, "", num(x.Records), fmt.Sprintf("%.1f", x.Score),
			fmt.Sprintf("usual at this hour %.2f", x.Expected), ""}, Values: []any{nil, nil, nil, float64(x.Records), x.Score}})
	}
	return s
}

func chainsSource(rep *casework.ChainsReport) *table.SliceSource {
	s := &table.SliceSource{SortCol: -1, Less: lessCells, Cols: []table.Column{{Title: "B", MinWidth: 12}, {Title: "C", MinWidth: 12},
		{Title: "count", Right: true, Sortable: true}, {Title: "expected", Right: true, Sortable: true},
		{Title: "score", Right: true, Sortable: true}, {Title: "first A→B", Sortable: true}, {Title: "B→C"}}}
	for _, c := range rep.Chains {
		first, then := "", ""
		if len(c.Examples) > 0 {
			first, then = c.Examples[0].AB, c.Examples[0].BC
		}
		s.Rows = append(s.Rows, table.Row{Cells: []string{c.B, c.C, num(c.Count), fmt.Sprintf("%.2f", c.Expected), fmt.Sprintf("%.1f", c.Score), first, then},
			Values: []any{nil, nil, c.Count, c.Expected, c.Score}, Ref: refNumber{cmpOr(c.BKey, c.B)}, ID: c.BKey + ">" + c.CKey})
	}
	return s
}

func internationalSource(rep *casework.InternationalReport) *table.SliceSource {
	s := &table.SliceSource{SortCol: -1, Cols: []table.Column{{Title: "what"}, {Title: "country"}, {Title: "code / network"},
		{Title: "calls out", Right: true}, {Title: "calls in", Right: true}, {Title: "SMS", Right: true}, {Title: "talk / records", Right: true},
		{Title: "from"}, {Title: "to"}, {Title: "numbers / cells"}}}
	for _, c := range rep.Countries {
		s.Rows = append(s.Rows, table.Row{Cells: []string{"calls abroad", c.Country, "+" + c.Code, num(c.CallsOut), num(c.CallsIn),
			num(c.SMSOut + c.SMSIn), talk(c.TalkS), c.First, c.Last, strings.Join(c.Numbers, " ")}})
	}
	for _, r := range rep.Roaming {
		s.Rows = append(s.Rows, table.Row{Cells: []string{"roaming", r.Country, r.Network, "", "", "", num(r.Records), r.From, r.To,
			strings.Join(r.Cells, " ")}})
	}
	return s
}

func recordsSource(recs []casework.CallRecordRow) *table.SliceSource {
	s := &table.SliceSource{SortCol: -1, Less: lessCells, Cols: []table.Column{{Title: "at", Sortable: true}, {Title: "type"},
		{Title: "other as written", MinWidth: 12}, {Title: "duration", Right: true, Sortable: true},
		{Title: "source", TruncLeft: true, MaxWidth: 32}, {Title: "line", Right: true, Sortable: true}, {Title: "cell"}, {Title: "IMEI"}}}
	for _, r := range recs {
		s.Rows = append(s.Rows, table.Row{Cells: []string{r.At, r.Type, r.Other, strconv.FormatInt(r.Duration, 10), r.Source,
			strconv.FormatInt(r.Line, 10), r.Cell, r.IMEI}, Values: []any{nil, nil, nil, r.Duration, nil, r.Line, nil, nil}})
	}
	return s
}
