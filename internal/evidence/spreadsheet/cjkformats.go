package spreadsheet

import (
	"math"
	"strconv"
	"strings"
)

// The built-in number formats 27-36 and 50-58 (ECMA-376 Part 1 §18.8.30)
// have no code in the file: each means a date or a time format of the
// locale the workbook was written in (zh-TW, zh-CN, ja-JP, ko-KR), which
// the file does not name. excelize formats them only under a CultureInfo
// option, so without one a date column an Excel of those locales wrote
// (31, yyyy"年"m"月"d"日") was displayed as its serial, read as a number
// and refused. What each id means, per locale, as excelize's langNumFmt
// and ECMA-376 list them:
//
//	27-31, 36, 50, 51, 54, 57, 58  a date in all four (e/m/d, yyyy"年"m"月", m"月"d"日", mm-dd, m/d/yy, …)
//	32, 33                         a time of day in all four (h"时"mm"分", h"時"mm"分"ss"秒", h"시" mm"분")
//	34, 35, 55, 56                 a time of day in zh-CN and zh-TW (上午/下午h"时"mm"分"), a date in ja-JP and ko-KR
//	52, 53                         a time of day in zh-TW, a date in zh-CN, ja-JP and ko-KR
//
// An id that means a date in one locale and a time in another holds a
// date-time serial in both: it is read as the full date-time the serial
// holds (a date at midnight as 00:00:00, a bare time of day on the zero
// day, 1899-12-31 in the 1900 system, which the time readers take as its
// clock), never cut to the date alone or to the clock alone, which would
// drop what the other locale shows. A workbook that defines its own code under one of these
// ids (some writers do) is displayed through that code, as excelize does.
//
// The Thai built-in ids 71-81 are the same case for th-TH, which the file
// does not name either (ECMA-376's list: 71 ว/ด/ปปปป, 72 ว-ดดด-ปป,
// 73 ว-ดดด, 74 ดดด-ปป, 81 d/m/bb dates, the year in the Buddhist era;
// 75 ช:นน, 76 ช:นน:ทท clocks; 77 ว/ด/ปปปป ช:นน a date and clock; 78
// นน:ทท, 79 [ช]:นน:ทท, 80 นน:ทท.0 minutes and seconds, or hours past 24,
// as 45-47 are): without them a date column of a Thai Excel was read as
// serial numbers, and a call's length under 79 (0.000717… of a day, 62 s)
// as the number 0.000717. The serial is the date or the length whatever
// era shows it: the Buddhist year is only how it is displayed.

// cjkKinds is what each East Asian built-in id displays.
var cjkKinds = map[int]dateKind{
	27: dateOnly, 28: dateOnly, 29: dateOnly, 30: dateOnly, 31: dateOnly, 36: dateOnly,
	50: dateOnly, 51: dateOnly, 54: dateOnly, 57: dateOnly, 58: dateOnly,
	32: timeOnly, 33: timeOnly,
	34: dateTime, 35: dateTime, 52: dateTime, 53: dateTime, 55: dateTime, 56: dateTime,
	71: dateOnly, 72: dateOnly, 73: dateOnly, 74: dateOnly, 81: dateOnly,
	75: timeOnly, 76: timeOnly, 78: timeOnly, 79: timeOnly, 80: timeOnly,
	77: dateTime,
}

// cjkKind is the kind of a style's East Asian built-in format, notDate
// when its format is none of them or the workbook defines its code.
// wb.fmu is held.
func (wb *Workbook) cjkKind(style int) dateKind {
	if k, ok := wb.cjk[style]; ok {
		return k
	}
	if wb.cjk == nil {
		wb.cjk = map[int]dateKind{}
	}
	k := notDate
	if st, err := wb.f.GetStyle(style); err == nil && st != nil && st.CustomNumFmt == nil {
		k = cjkKinds[st.NumFmt]
		if s := wb.f.Styles; k != notDate && s != nil && s.NumFmts != nil {
			for _, nf := range s.NumFmts.NumFmt {
				if nf != nil && nf.NumFmtID == st.NumFmt {
					k = notDate // the workbook's own code: excelize displays it
				}
			}
		}
	}
	wb.cjk[style] = k
	return k
}

// cjkShown is the display standing for a number under an East Asian
// built-in date or time format: the serial's date, clock or both in the
// shapes Cell reads (2024-03-20, 12:00:00), so that Cell reads the cell
// as it reads a date under a format of its own; ok false when the style
// has none of these formats or the number is no date (negative, past
// 9999-12-31), which is displayed as excelize displays it.
func (wb *Workbook) cjkShown(style int, raw string) (string, bool) {
	kind := wb.cjkKind(style)
	if kind == notDate {
		return "", false
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil || math.IsNaN(v) {
		return "", false
	}
	t, ok := serialTime(v, wb.date1904)
	if !ok {
		return "", false
	}
	switch kind {
	case dateOnly:
		return t.Format("2006-01-02"), true
	case timeOnly:
		return t.Format("15:04:05"), true
	}
	return t.Format("2006-01-02 15:04:05"), true
}
