package spreadsheet

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Cell is the text of one cell read as typed: raw is the value the sheet
// stores (a number's digits, a date's serial, a text as written) and shown
// what the sheet displays through the cell's number format. date1904 says
// the workbook counts dates from 1904.
func Cell(raw, shown string, date1904 bool) string {
	if raw == "" {
		return shown
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return raw // text: as written
	}
	if v == math.Trunc(v) && significantDigits(raw) > 15 {
		return number(raw, v) // an identifier beyond what the sheet stores exactly
	}
	if raw == shown {
		// text that reads as a number ("9.18E+11" typed as text, refused
		// downstream), or a number displayed as stored
		return raw
	}
	if shown == "TRUE" || shown == "FALSE" {
		return shown
	}
	if d, ok := digitPattern(v, shown); ok {
		return d
	}
	if elapsedNumber(v, shown) {
		return elapsed(v)
	}
	if kind := dateDisplay(shown); kind != notDate {
		if kind == timeOnly && v >= 1 && v < 366 {
			// a length of time ([h]:mm:ss shows 25:00:00 for 1.0416…
			// days), never a clock of 1900: no record is dated then
			return elapsed(v)
		}
		if t, ok := serialTime(v, date1904); ok {
			switch {
			case kind == timeOnly && v < 1:
				return t.Format("15:04:05")
			case kind == dateOnly && v == math.Trunc(v):
				return t.Format("2006-01-02")
			}
			return t.Format("2006-01-02 15:04:05")
		}
	}
	return number(raw, v)
}

// digitPattern reads a whole number shown through a pattern of digits:
// zeros that pad it ("000000" shows 93320, an HHMMSS time, as 093320;
// "00000000000" an MSISDN with its trunk 0) or punctuation that groups it
// (a phone format shows 1234567 as 123-4567, which is no date). It gives
// the digits as shown, the padding kept, as a CSV export writes them.
func digitPattern(v float64, shown string) (string, bool) {
	if v != math.Trunc(v) || v < 0 || v >= 1e15 {
		return "", false
	}
	var d []byte
	for i := 0; i < len(shown); i++ {
		switch c := shown[i]; {
		case isDigit(c):
			d = append(d, c)
		case c == '-' || c == ' ' || c == '(' || c == ')':
		default:
			return "", false
		}
	}
	digits := strconv.FormatFloat(v, 'f', 0, 64)
	if string(d) == digits && shown != digits {
		return digits, true // grouped by a pattern: the number
	}
	if len(d) <= len(digits) || strings.TrimLeft(string(d), "0") != strings.TrimLeft(digits, "0") {
		return "", false
	}
	return string(d), true
}

// elapsedNumber says a number's display is a count of elapsed seconds,
// minutes or hours ([ss] shows 0.00144675925925926 of a day as 125, [mm]
// as 2, [h] 1.5 days as 36): a whole number that is not the value rounded
// but the value's seconds, minutes or hours.
func elapsedNumber(v float64, shown string) bool {
	s := strings.TrimSpace(shown)
	if s == "" || v <= 0 || v >= 366 || strings.Trim(s, "0123456789") != "" {
		return false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || float64(n) == math.Round(v) || float64(n) == math.Trunc(v) {
		return false
	}
	secs := int64(math.Round(v * 86400))
	return n == secs || n == secs/60 || n == secs/3600
}

// elapsed writes a length of time held as a fraction of days as h:mm:ss,
// the hours running past 24 (1.0416666 days is 25:00:00).
func elapsed(v float64) string {
	secs := int64(math.Round(v * 86400))
	return fmt.Sprintf("%d:%02d:%02d", secs/3600, secs/60%60, secs%60)
}

// number writes a number as the sheet holds it: exactly when it has at most
// 15 significant digits (what a spreadsheet stores exactly), else in
// scientific notation with 15, which the value readers refuse as
// "precision lost" where an identifier is expected.
func number(raw string, v float64) string {
	if v == math.Trunc(v) && significantDigits(raw) > 15 {
		return strconv.FormatFloat(v, 'E', 14, 64)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// significantDigits counts the digits of a number's mantissa, without
// leading zeros and, after the decimal point, trailing ones.
func significantDigits(raw string) int {
	m := strings.TrimLeft(raw, "+- ")
	if i := strings.IndexAny(m, "eE"); i >= 0 {
		m = m[:i]
	}
	intPart, frac, _ := strings.Cut(m, ".")
	frac = strings.TrimRight(frac, "0")
	return len(strings.TrimLeft(intPart+frac, "0"))
}

type dateKind int

const (
	notDate dateKind = iota
	dateOnly
	timeOnly
	dateTime
)

// dateDisplay says whether a number's displayed text is a date, a time or
// both: it is when the display is not itself a number (12.5, 1,234.00,
// 9.18E+11, 12%, ₹ 1,234) and carries a clock (10:15) or a date (20/03/2024,
// 2024-03-20, 20-Mar-24, March 20).
func dateDisplay(shown string) dateKind {
	s := strings.TrimSpace(shown)
	if s == "" || displaysNumber(s) {
		return notDate
	}
	clock := strings.Contains(s, ":") || cjkClock(s)
	date := strings.ContainsAny(s, "/") || hasMonthName(s) || dashBetweenDigits(s) || cjkDate(s)
	switch {
	case clock && date:
		return dateTime
	case clock:
		return timeOnly
	case date:
		return dateOnly
	}
	return notDate
}

// displaysNumber reports whether s is a number once grouping, currency,
// percent and spaces are taken away.
func displaysNumber(s string) bool {
	t := strings.Map(func(r rune) rune {
		switch {
		case r == ',' || r == '%' || unicode.IsSpace(r) || unicode.Is(unicode.Sc, r) || r == '(' || r == ')':
			return -1
		}
		return r
	}, s)
	_, err := strconv.ParseFloat(t, 64)
	return err == nil
}

// cjkDate says a display carries a Chinese, Japanese or Korean date: a
// year before a month (2024年3月, 令和6年3月20日, 2024년 03월) or a month
// before a day (3月20日, 03월 20일), as the East Asian date formats write
// them (yyyy"年"m"月"d"日"). One of them alone is no date: 0"个月" shows
// 3个月 (a count of months), 0"年" a count of years.
func cjkDate(s string) bool {
	return inOrder(s, "年", "月") || inOrder(s, "月", "日") || inOrder(s, "년", "월") || inOrder(s, "월", "일")
}

// cjkClock says a display carries a Chinese, Japanese or Korean time of
// day: an hour before minutes (9时36分, 9時36分, 9시 36분) or minutes
// before seconds (36分00秒, 36분 00초). 0"分" alone shows a count (3分).
func cjkClock(s string) bool {
	for _, hm := range [][2]string{{"时", "分"}, {"時", "分"}, {"시", "분"}, {"分", "秒"}, {"분", "초"}} {
		if inOrder(s, hm[0], hm[1]) {
			return true
		}
	}
	return false
}

// inOrder says s holds a, and b after it, each right after a digit
// (ASCII, or the Chinese numerals of a [DBNum1] display: 二○二四年三月).
func inOrder(s, a, b string) bool {
	i := afterDigit(s, a)
	return i >= 0 && afterDigit(s[i+len(a):], b) >= 0
}

// afterDigit is the index of the first sep in s that follows a digit
// (spaces between them allowed), -1 when none does.
func afterDigit(s, sep string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], sep)
		if i < 0 {
			return -1
		}
		before := strings.TrimRight(s[:off+i], " ")
		if r, _ := utf8.DecodeLastRuneInString(before); unicode.IsDigit(r) || strings.ContainsRune("〇○零一二三四五六七八九十", r) {
			return off + i
		}
		off += i + len(sep)
	}
}

func dashBetweenDigits(s string) bool {
	for i := 1; i+1 < len(s); i++ {
		if s[i] == '-' && isDigit(s[i-1]) && (isDigit(s[i+1]) || isLetter(s[i+1])) {
			return true
		}
		if s[i] == '-' && isLetter(s[i-1]) && isDigit(s[i+1]) {
			return true
		}
	}
	return false
}

func isDigit(b byte) bool  { return b >= '0' && b <= '9' }
func isLetter(b byte) bool { return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' }

var monthNames = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

func hasMonthName(s string) bool {
	l := strings.ToLower(s)
	for _, m := range monthNames {
		if strings.Contains(l, m) {
			return true
		}
	}
	return false
}

// serialTime is the wall clock of a date serial, to the nearest second:
// days since 1899-12-30 (1900 system; serials below 61 count from
// 1899-12-31, before Lotus's fictitious 29 February 1900) or since
// 1904-01-01.
func serialTime(v float64, date1904 bool) (time.Time, bool) {
	if v < 0 || v > 2958465.99999 { // 9999-12-31
		return time.Time{}, false
	}
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	switch {
	case date1904:
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	case v < 61:
		base = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	secs := int64(math.Round(v * 86400)) // days first: a Duration holds only 292 years
	return base.AddDate(0, 0, int(secs/86400)).Add(time.Duration(secs%86400) * time.Second), true
}
