package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/cdrtui/cdrtui/internal/inert"
)

// SpreadsheetSafe keeps a spreadsheet from ever reading evidence text as a
// formula: text starting with =, +, -, @, a tab or a carriage return gets a
// leading apostrophe (as the CSV exports do). Cells are written as text
// already; this keeps them inert when the sheet is saved again as CSV.
func SpreadsheetSafe(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '@', '\t', '\r':
		return "'" + s
	case '-':
		if len(s) > 1 {
			return "'" + s
		}
	}
	return s
}

// WriteXLSX writes the report as a workbook: a first sheet saying what
// the workbook is of (case, parameters, figures SHA-256, audit head, the
// sections and the commands reproducing them), then one sheet per table
// with typed cells — counts as integers, measures as decimals,
// identifiers (MSISDN, IMSI, IMEI, cell, hash) as text — and beside each
// row the records behind it. The machine-readable block is on a last
// sheet, "figures".
func WriteXLSX(w io.Writer, r *Report) error {
	x := excelize.NewFile()
	defer x.Close()
	hash := FiguresHash(r)
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8EEF5"}}})
	if err != nil {
		return err
	}
	const first = "report"
	if err := x.SetSheetName("Sheet1", first); err != nil {
		return err
	}
	subs := strings.Join(r.Params.Subscribers, ", ")
	rows := [][]any{
		{r.Title},
		{"case", r.Params.Case},
		{"made", r.GeneratedAt},
		{"analyst", r.Analyst},
		{"software", fmt.Sprintf("%s %s (%s)", r.Software.Module, r.Software.Version, r.Software.Go)},
		{"subscribers", subs},
		{"window (s)", r.Params.WindowS},
		{"top", r.Params.Top},
		{"trends of", r.Params.App},
		{"figures SHA-256", hash},
		{"audit head", r.AuditHeadText()},
		{"check it", command("cdrtui report --verify THIS.xlsx " + ShellQuote(r.Params.Case))},
		{},
		{"section", "reproduce with", "sheets"},
	}
	names := map[string]bool{first: true, "figures": true}
	type sheet struct {
		name string
		t    Table
		sec  Section
	}
	var sheets []sheet
	for _, s := range r.Sections {
		var made []string
		for _, t := range s.Tables {
			n := sheetName(sheetSubject(s.ID)+" "+strings.ToLower(firstWord(t.Name)), names)
			sheets = append(sheets, sheet{n, t, s})
			made = append(made, n)
		}
		rows = append(rows, []any{s.Title, command(s.Command), strings.Join(made, ", ")})
		for _, p := range s.Text {
			rows = append(rows, []any{"", p})
		}
	}
	for i, row := range rows {
		for j := range row {
			switch s := row[j].(type) {
			case string:
				row[j] = cellText(s)
			case command:
				row[j] = commandCell(string(s))
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow(first, cell, &row); err != nil {
			return err
		}
	}
	x.SetColWidth(first, "A", "A", 28)
	x.SetColWidth(first, "B", "B", 100)
	x.SetColWidth(first, "C", "C", 40)
	for _, sh := range sheets {
		if err := writeTableSheet(x, sh.name, sh.t, bold); err != nil {
			return err
		}
	}
	block, err := MarshalMachine(r, hash)
	if err != nil {
		return err
	}
	if _, err := x.NewSheet("figures"); err != nil {
		return err
	}
	x.SetCellStr("figures", "A1", "The report's parameters and figures as JSON (split into cells of 30,000 characters; join column A in order). Figures SHA-256: "+hash)
	s := string(block)
	for i := 0; len(s) > 0; i++ {
		n := min(len(s), 30000)
		for n < len(s) && n > 0 && !utf8Start(s[n]) {
			n--
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		x.SetCellStr("figures", cell, s[:n])
		s = s[n:]
	}
	x.SetDocProps(&excelize.DocProperties{Title: r.Title, Creator: "cdrtui " + r.Software.Version, Description: "figures SHA-256 " + hash, Keywords: "cdrtui report"})
	return x.Write(w)
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// sheetName makes a unique sheet name of at most 31 characters without
// the characters Excel refuses.
func sheetName(s string, used map[string]bool) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\'`, r) || r < 32 {
			return ' '
		}
		return r
	}, show(s))
	base := []rune(strings.TrimSpace(s))
	if len(base) > 28 {
		base = base[:28]
	}
	name := string(base)
	for i := 2; used[strings.ToLower(name)] || name == ""; i++ {
		name = fmt.Sprintf("%s~%d", string(base[:min(len(base), 26)]), i)
	}
	used[strings.ToLower(name)] = true
	return name
}

func writeTableSheet(x *excelize.File, name string, t Table, header int) error {
	if _, err := x.NewSheet(name); err != nil {
		return err
	}
	var head []any
	for _, c := range t.Columns {
		head = append(head, c.Title)
	}
	if len(t.Traces) > 0 {
		head = append(head, "records", "e.g. (file:line)", "all of them")
	}
	if err := x.SetSheetRow(name, "A1", &head); err != nil {
		return err
	}
	last, _ := excelize.CoordinatesToCellName(len(head), 1)
	x.SetCellStyle(name, "A1", last, header)
	for i, row := range t.Rows {
		for j, c := range row {
			if j >= len(t.Columns) {
				break
			}
			cell, _ := excelize.CoordinatesToCellName(j+1, i+2)
			var err error
			switch t.Columns[j].Kind {
			case Int:
				if c.S == "" {
					continue
				}
				err = x.SetCellInt(name, cell, int64(c.N))
			case Float:
				err = x.SetCellFloat(name, cell, c.N, -1, 64)
			default:
				err = x.SetCellStr(name, cell, cellText(c.S))
			}
			if err != nil {
				return err
			}
		}
		if i < len(t.Traces) {
			tr := t.Traces[i]
			c1, _ := excelize.CoordinatesToCellName(len(t.Columns)+1, i+2)
			c2, _ := excelize.CoordinatesToCellName(len(t.Columns)+2, i+2)
			c3, _ := excelize.CoordinatesToCellName(len(t.Columns)+3, i+2)
			x.SetCellInt(name, c1, tr.Total)
			x.SetCellStr(name, c2, cellText(strings.Join(tr.Sample, "; ")))
			x.SetCellStr(name, c3, commandCell(tr.Query))
		}
	}
	x.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	for j, c := range head {
		col, _ := excelize.ColumnNumberToName(j + 1)
		wdt := float64(len(fmt.Sprint(c))) + 4
		for _, row := range t.Rows {
			if j < len(row) {
				wdt = max(wdt, min(float64(len([]rune(row[j].S)))+2, 60))
			}
		}
		x.SetColWidth(name, col, col, wdt)
	}
	return nil
}

// sheetSubject shortens a section's ID for a sheet name: MSISDNs to their
// last six digits ("persona …414864").
func sheetSubject(id string) string {
	f := strings.Fields(id)
	for i, w := range f {
		if len(w) > 8 && strings.Trim(w, "0123456789+") == "" {
			f[i] = "…" + w[len(w)-6:]
		}
	}
	return strings.Join(f, " ")
}

func firstWord(s string) string {
	w, _, _ := strings.Cut(strings.TrimSpace(s), " ")
	return strings.Trim(w, ",.:;()")
}

// maxCell is what a spreadsheet cell holds (Excel: 32,767 characters).
const maxCell = 32000

// command is a command line of the report's, written as it pastes.
type command string

// commandCell is a command line for a cell: as written (inert.Command),
// made safe as a cell and cut as cellText does.
func commandCell(s string) string { return cutCell(SpreadsheetSafe(inert.Command(s))) }

// cellText is evidence text made safe for a cell, cut (and saying so) to
// what a cell holds; the HTML report has it whole.
func cellText(s string) string { return cutCell(SpreadsheetSafe(show(s))) }

// cutCell cuts s to what a cell holds, saying so.
func cutCell(s string) string {
	if r := []rune(s); len(r) > maxCell {
		s = string(r[:maxCell]) + fmt.Sprintf("… (cut: %d more characters; the HTML report has them)", len(r)-maxCell)
	}
	return s
}
