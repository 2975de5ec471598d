package spreadsheet

import (
	"strconv"
	"strings"
)

// Asking excelize for a display costs tens of microseconds (its number
// format is parsed for each cell; a time of day, 235 µs), and a column of
// times or of B parties has a value per row: a cache of displays does not
// help them. Two kinds of cell are read without asking, where the text is
// the same by construction:
//
//   - a number with no style (s 0): excelize displays it as its stored
//     digits rewritten by strconv (general, below, is excelize's own rule);
//   - a number under a plain date or time format (clockShape): its display
//     has the same shape whatever the value (digits, the format's ':' and
//     '/' and month names), and Cell reads of such a display only its kind
//     (dateDisplay: a date, a time, both), so the display of one value
//     stands for every value from 0 to 9999-12-31.

// general is excelize's display of a number cell with no style
// (xlsxC.getCellDefault then formattedValue with style 0, excelize
// v2.11.1): a number's digits as strconv writes them, 15 significant ones
// in exponent form past 15 unless the digits are exactly within 15.
func general(raw string) string {
	if strings.Contains(raw, "_") {
		return raw
	}
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return raw
	}
	plain := strconv.FormatFloat(v, 'f', -1, 64)
	if len(plain)-strings.Count(plain, ".") > 15 && !withinPrecision(raw) {
		return strconv.FormatFloat(v, 'G', 15, 64)
	}
	return plain
}

// withinPrecision is excelize's isNumWithinPrecision: a whole number
// written with at most 15 significant digits.
func withinPrecision(s string) bool {
	if strings.ContainsAny(s, ".Ee") {
		return false
	}
	s = strings.TrimLeft(s, "+-0")
	return len(strings.TrimRight(s, "0")) <= 15
}

// stylePlan is how a style's numbers are displayed: sample is the display
// standing for every value (clockShape), "" when excelize is asked.
type stylePlan struct{ sample string }

// builtinClocks are the built-in time formats read by shape, with the
// display of the sample (45371.5) each must give: a workbook that defines
// its own format under their number displays otherwise, and is asked.
var builtinClocks = map[int]string{20: "12:00", 21: "12:00:00"}

// plan is a style's plan, made once. wb.fmu is held.
func (wb *Workbook) plan(style int) stylePlan {
	if p, ok := wb.plans[style]; ok {
		return p
	}
	if wb.plans == nil {
		wb.plans = map[int]stylePlan{}
	}
	var p stylePlan
	if st, err := wb.f.GetStyle(style); err == nil && st != nil {
		const sample = "45371.5" // 2024-03-20 12:00:00
		shown := wb.format(style, sample)
		want, builtin := builtinClocks[st.NumFmt]
		plain := st.CustomNumFmt != nil && clockShape(*st.CustomNumFmt) || st.CustomNumFmt == nil && builtin && shown == want
		if plain && strings.ContainsAny(shown, ":/") && dateDisplay(shown) != notDate {
			p.sample = shown
		}
	}
	wb.plans[style] = p
	return p
}

// clockShape says a number format code is a plain date or time, whose
// display has one shape for every value: its letters only the date and
// time parts (y m d h s, AM/PM), separated by ':', '/', '-', '.', ',' or
// spaces, with a ':' or a '/' among them (so that no display of it reads
// as a number); no sections, colours, conditions, elapsed counts, quoted
// text or escapes.
func clockShape(code string) bool {
	c := strings.ToLower(code)
	c = strings.ReplaceAll(c, "am/pm", "")
	c = strings.ReplaceAll(c, "a/p", "")
	if !strings.ContainsAny(c, ":/") {
		return false
	}
	for _, r := range c {
		if !strings.ContainsRune("ymdhs:/-., ", r) {
			return false
		}
	}
	return true
}

// byShape is the display standing for a number under a plain date or
// time style, "" when excelize is asked: for values from 0 to 9999-12-31
// (outside, excelize's display is not a date). wb.fmu is held.
func (wb *Workbook) byShape(style int, raw string) string {
	p := wb.plan(style)
	if p.sample == "" {
		return ""
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil || v < 0 || v > 2958465.99999 {
		return ""
	}
	return p.sample
}
