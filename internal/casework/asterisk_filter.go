package casework

import (
	"fmt"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/store"
)

// wallLayouts are the forms a date bound may take, on the wall clock.
var wallLayouts = []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02", "2006-01"}

// ParseWallBound reads a wall-clock date bound ("2024-03-18",
// "2024-03-18 10:00", "2024-03") as wall seconds. A date, or a month, used
// as an upper bound (end) includes that whole day or month: the bound is
// the start of the next one. "" gives 0 (open).
func ParseWallBound(s string, end bool) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	for _, l := range wallLayouts {
		t, err := time.ParseInLocation(l, s, time.UTC)
		if err != nil {
			continue
		}
		if end {
			switch l {
			case "2006-01-02":
				t = t.AddDate(0, 0, 1)
			case "2006-01":
				t = t.AddDate(0, 1, 0)
			}
		}
		return t.Unix(), nil
	}
	return 0, fmt.Errorf("%q is not a date such as 2024-03-18, 2024-03-18 10:00 or 2024-03", s)
}

// PBXFilter builds the calls filter from what the analyst typed: dates on
// the wall clock (to includes its whole day), a number, a disposition and
// a modem name ("-" for calls on no modem).
func PBXFilter(from, to, number, disposition, dongle string) (store.PBXFilter, error) {
	var f store.PBXFilter
	var err error
	if f.From, err = ParseWallBound(from, false); err != nil {
		return f, fmt.Errorf("from: %w", err)
	}
	if f.To, err = ParseWallBound(to, true); err != nil {
		return f, fmt.Errorf("to: %w", err)
	}
	if f.From != 0 && f.To != 0 && f.To <= f.From {
		return f, fmt.Errorf("to (%s) is not after from (%s)", to, from)
	}
	f.Number = strings.TrimSpace(number)
	f.Disposition = strings.ToUpper(strings.TrimSpace(disposition))
	f.Dongle = strings.TrimSpace(dongle)
	return f, nil
}

// ParseDirection checks a direction the analyst typed: inbound, outbound,
// internal, unknown, or the first three letters of one (any case); "" for
// any direction.
func ParseDirection(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return "", nil
	}
	for _, d := range []string{"inbound", "outbound", "internal", "unknown"} {
		if s == d || len(s) >= 3 && strings.HasPrefix(d, s) {
			return d, nil
		}
	}
	return "", fmt.Errorf("direction %q is none of inbound, outbound, internal, unknown", s)
}
