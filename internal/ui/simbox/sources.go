package simbox

import (
	"context"
	"fmt"
	"math"
	"strings"
	"sync"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui/table"
)

// sortMemo remembers the order the analyst chose in a table, so that a
// table rebuilt for a new threshold keeps it (the table tells its source
// the order at every page request).
type sortMemo struct {
	mu   sync.Mutex
	set  bool
	col  int
	desc bool
}

func (m *sortMemo) remember(col int, desc bool) {
	m.mu.Lock()
	m.set, m.col, m.desc = true, col, desc
	m.mu.Unlock()
}

func (m *sortMemo) or(col int, desc bool) (int, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.set {
		return m.col, m.desc
	}
	return col, desc
}

// memoSource is a SliceSource whose order survives a rebuild.
type memoSource struct {
	*table.SliceSource
	memo *sortMemo
}

func (s memoSource) DefaultSort() (int, bool) { return s.memo.or(s.SliceSource.DefaultSort()) }

func (s memoSource) Page(ctx context.Context, req table.PageRequest) ([]table.Row, error) {
	s.memo.remember(req.Sort, req.Desc)
	return s.SliceSource.Page(ctx, req)
}

// simColumn is a column of the SIM table with its numeric value (for
// sorting), nil for text columns.
type simColumn struct {
	col   table.Column
	num   func(s *analysis.SIMScore, rank int) float64
	text  func(s *analysis.SIMScore, rank int, threshold, maxScore float64) string
	isNum bool
	// value is the cell as data for exports (nil: the cell's text)
	value func(s *analysis.SIMScore, rank int, threshold float64) any
}

const barWidth = 8

// scoreBar draws a score as a bar of barWidth cells (eighths) and the
// number, so the length carries the meaning without colour.
func scoreBar(score, maxScore float64) string {
	if maxScore <= 0 {
		maxScore = 1
	}
	eighths := int(min(max(score/maxScore, 0), 1)*barWidth*8 + 0.5)
	var b strings.Builder
	b.WriteString(strings.Repeat("█", eighths/8))
	if r := eighths % 8; r > 0 {
		b.WriteRune([]rune("▏▎▍▌▋▊▉")[r-1])
	}
	for i := (eighths + 7) / 8; i < barWidth; i++ {
		b.WriteByte(' ')
	}
	return fmt.Sprintf("%s %3.0f", b.String(), score)
}

// flagMark says whether a SIM is flagged at the threshold, in glyphs.
func flagMark(s *analysis.SIMScore, threshold float64) string {
	switch {
	case !s.Scored:
		return "n/s"
	case s.Score >= threshold:
		return "◆ yes"
	}
	return "·"
}

func simColumns() []simColumn {
	f := func(title string, v func(f *analysis.SIMFeatures) float64, format func(float64) string) simColumn {
		c := simColumn{col: table.Column{Title: title, Right: true, Sortable: true}, isNum: true,
			num:  func(s *analysis.SIMScore, _ int) float64 { return v(&s.Features) },
			text: func(s *analysis.SIMScore, _ int, _, _ float64) string { return format(v(&s.Features)) }}
		c.value = func(s *analysis.SIMScore, _ int, _ float64) any { return v(&s.Features) }
		if strings.HasSuffix(title, "%") { // shown as a percentage, exported as one
			c.value = func(s *analysis.SIMScore, _ int, _ float64) any { return 100 * v(&s.Features) }
		}
		return c
	}
	count := func(v float64) string { return analysis.Thousands(int64(math.Round(v))) }
	pct := func(v float64) string { return fmt.Sprintf("%.0f%%", 100*v) }
	rate := func(v float64) string { return fmt.Sprintf("%.1f", v) }
	return []simColumn{
		{col: table.Column{Title: "#", Right: true, Sortable: true}, isNum: true,
			num:   func(_ *analysis.SIMScore, rank int) float64 { return float64(rank) },
			text:  func(_ *analysis.SIMScore, rank int, _, _ float64) string { return fmt.Sprint(rank) },
			value: func(_ *analysis.SIMScore, rank int, _ float64) any { return rank }},
		{col: table.Column{Title: "MSISDN", MinWidth: 8, Sortable: true},
			text: func(s *analysis.SIMScore, _ int, _, _ float64) string { return s.MSISDN }},
		{col: table.Column{Title: "Score", MinWidth: barWidth + 4, Sortable: true}, isNum: true,
			num:  func(s *analysis.SIMScore, _ int) float64 { return s.Score },
			text: func(s *analysis.SIMScore, _ int, _, maxScore float64) string { return scoreBar(s.Score, maxScore) },
			value: func(s *analysis.SIMScore, _ int, _ float64) any {
				if !s.Scored {
					return nil
				}
				return s.Score
			}},
		{col: table.Column{Title: "Flag", Sortable: true}, isNum: true,
			num:  func(s *analysis.SIMScore, _ int) float64 { return s.Score },
			text: func(s *analysis.SIMScore, _ int, threshold, _ float64) string { return flagMark(s, threshold) },
			value: func(s *analysis.SIMScore, _ int, threshold float64) any {
				if !s.Scored {
					return "not scored"
				}
				return s.Score >= threshold
			}},
		f("Cells", func(f *analysis.SIMFeatures) float64 { return float64(f.Cells) }, count),
		f("Top%", func(f *analysis.SIMFeatures) float64 { return f.TopCellShare }, pct),
		f("Out", func(f *analysis.SIMFeatures) float64 { return float64(f.Outgoing) }, count),
		f("In%", func(f *analysis.SIMFeatures) float64 { return f.IncomingShare }, pct),
		f("SMS", func(f *analysis.SIMFeatures) float64 { return float64(f.SMS) }, count),
		f("Dist%", func(f *analysis.SIMFeatures) float64 { return f.DistinctRatio }, pct),
		f("Night", func(f *analysis.SIMFeatures) float64 { return float64(f.NightCalls) }, count),
		f("NightNo", func(f *analysis.SIMFeatures) float64 { return float64(f.NightDistinct) }, count),
		f("Calls/d", func(f *analysis.SIMFeatures) float64 { return f.CallsPerDay }, rate),
		f("Dur s", func(f *analysis.SIMFeatures) float64 { return f.MeanDuration }, count),
		f("Crowd", func(f *analysis.SIMFeatures) float64 { return f.CellCrowding }, rate),
		f("CellSus", func(f *analysis.SIMFeatures) float64 { return float64(f.CellSuspects) }, count),
		{col: table.Column{Title: "Top cell", MaxWidth: 28, Sortable: true},
			text: func(s *analysis.SIMScore, _ int, _, _ float64) string { return s.Features.TopCell }},
	}
}

// simRef identifies a SIM row: its index in the result (its rank - 1).
type simRef int

// simSource lists the SIMs at indexes (nil: all) with the flag at
// threshold. It is built off the UI goroutine and never changed after.
func simSource(res *analysis.SimBoxResult, indexes []int, threshold float64, memo *sortMemo) table.Source {
	cols := simColumns()
	src := &table.SliceSource{SortCol: 0}
	for _, c := range cols {
		src.Cols = append(src.Cols, c.col)
	}
	if indexes == nil {
		indexes = make([]int, len(res.Subscribers))
		for i := range indexes {
			indexes[i] = i
		}
	}
	for _, i := range indexes {
		s := &res.Subscribers[i]
		cells := make([]string, len(cols))
		values := make([]any, len(cols))
		for k, c := range cols {
			cells[k] = c.text(s, i+1, threshold, res.MaxScore)
			if c.value != nil {
				values[k] = c.value(s, i+1, threshold)
			}
		}
		src.Rows = append(src.Rows, table.Row{Cells: cells, Values: values, Ref: simRef(i)})
	}
	src.Less = func(a, b table.Row, col int) bool {
		c := cols[col]
		x, y := &res.Subscribers[a.Ref.(simRef)], &res.Subscribers[b.Ref.(simRef)]
		if c.isNum {
			vx, vy := c.num(x, int(a.Ref.(simRef))+1), c.num(y, int(b.Ref.(simRef))+1)
			if vx != vy {
				return vx < vy
			}
			return a.Ref.(simRef) > b.Ref.(simRef) // ties: the better rank counts as larger
		}
		return a.Cells[col] < b.Cells[col]
	}
	return memoSource{SliceSource: src, memo: memo}
}

// cellRef identifies a cell row.
type cellRef struct {
	id   int64
	name string
}

// cellSource lists the cells, most suspects first, with the SIMs flagged
// at threshold.
func cellSource(res *analysis.SimBoxResult, threshold float64, memo *sortMemo) table.Source {
	src := &table.SliceSource{SortCol: 1, SortDesc: true, Cols: []table.Column{
		{Title: "Cell", MinWidth: 6, MaxWidth: 32, Sortable: true},
		{Title: "Suspects based", Right: true, Sortable: true},
		{Title: "Suspects seen", Right: true, Sortable: true},
		{Title: "Flagged", Right: true, Sortable: true},
		{Title: "SIMs based", Right: true, Sortable: true},
		{Title: "SIMs seen", Right: true, Sortable: true},
		{Title: "Crowding", Right: true, Sortable: true},
	}}
	for _, c := range res.CellsAt(threshold) {
		src.Rows = append(src.Rows, table.Row{Ref: cellRef{c.CellID, c.Cell}, Cells: []string{c.Cell,
			fmt.Sprint(c.BasedSuspects), fmt.Sprint(c.Suspects), fmt.Sprint(c.Flagged), fmt.Sprint(c.Based), fmt.Sprint(c.SIMs), fmt.Sprintf("%.1f", c.Crowding)}})
	}
	return memoSource{SliceSource: src, memo: memo}
}

// featureRef identifies a feature row of the breakdown.
type featureRef string

// featureSource lists every feature of one SIM: its value, the rule that
// reads it, whether the rule fired and the points it gave.
func featureSource(s *analysis.SIMScore, cfg analysis.SimBoxConfig) table.Source {
	src := &table.SliceSource{SortCol: -1, Cols: []table.Column{
		{Title: "Fired", Sortable: true},
		{Title: "Feature", Sortable: true},
		{Title: "Value", Right: true},
		{Title: "Rule"},
		{Title: "Points", Right: true, Sortable: true},
		{Title: "Meaning", MaxWidth: 60},
		{Title: "Why it counts", MaxWidth: 90},
	}}
	fired := map[string]analysis.FiredRule{}
	for _, f := range s.Fired {
		fired[f.Feature] = f
	}
	rules := map[string][]string{}
	for _, r := range cfg.Rules {
		def, _ := analysis.SimBoxFeature(r.Feature)
		rules[r.Feature] = append(rules[r.Feature], fmt.Sprintf("%s %s → %+g", opText(r.Op), def.Unit.Format(r.Value), r.Weight))
	}
	n := cfg.Neighbours
	rules["cell_suspects"] = append(rules["cell_suspects"], fmt.Sprintf("≥ %d, own ≥ %g → %+g", n.MinOtherSuspects, n.MinOwnScore, n.Weight))
	for _, def := range analysis.SimBoxFeatures() {
		v, known := def.Value(&s.Features)
		value := def.Unit.Format(v)
		if !known {
			value = "unknown"
		}
		mark, points, why := "", "", ""
		if f, ok := fired[def.Name]; ok {
			mark, points, why = "✓ yes", fmt.Sprintf("%+g", f.Weight), f.Why
		} else if len(rules[def.Name]) > 0 {
			mark = "· no"
		}
		var fv, pv, fd any // the value as a number, the points as one, fired
		if known {
			fv = v
			if def.Unit == analysis.UnitShare { // shown, and exported, as a percentage
				fv = 100 * v
			}
		}
		if f, ok := fired[def.Name]; ok {
			pv, fd = f.Weight, true
		} else if mark != "" {
			fd = false
		}
		src.Rows = append(src.Rows, table.Row{Ref: featureRef(def.Name), Cells: []string{mark, def.Name, value,
			strings.Join(rules[def.Name], "; "), points, def.Meaning, why},
			Values: []any{fd, nil, fv, nil, pv}})
	}
	return src
}

func opText(op string) string {
	switch op {
	case ">=":
		return "≥"
	case "<=":
		return "≤"
	}
	return op
}

// Columns of recordSource the pane reads back.
const (
	recordLineCol   = 4
	recordSourceCol = 5
	recordColumns   = 7
)

// recordSource lists the voice records of a selection with the file and
// line each was read from, by keyset pagination over SQL.
func recordSource(st *store.Store, sel store.VoiceSelection) *table.SQLSource {
	where, args := sel.Where()
	return &table.SQLSource{
		DB:    st.DB(),
		From:  store.VoiceEvidenceFrom,
		Where: where,
		Args:  args,
		ID:    "v.id",
		Cols: []table.SQLColumn{
			{Column: table.Column{Title: "Wall clock", Sortable: true}, Expr: "v.start + v.wall_offset", SortExpr: "v.start", Format: table.WallClock},
			{Column: table.Column{Title: "Type", Sortable: true}, Expr: "v.call_type", Filter: true},
			{Column: table.Column{Title: "Other party", Sortable: true}, Expr: "coalesce(v.other, '')", Filter: true},
			{Column: table.Column{Title: "Dur s", Right: true, Sortable: true}, Expr: "v.duration", SortExpr: "coalesce(v.duration, -1)"},
			{Column: table.Column{Title: "Line", Right: true}, Expr: "v.line"},
			{Column: table.Column{Title: "Source file", MaxWidth: 50}, Expr: "src.path", Filter: true},
			{Column: table.Column{Title: "Cell", MaxWidth: 28}, Expr: "coalesce(c.cell, '')", Filter: true},
		},
	}
}
