package casework

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
)

// FormatExpected writes an expected count of matches: "0", "3.2e-05",
// "12.34" or "5123".
func FormatExpected(e float64) string {
	switch {
	case e == 0:
		return "0"
	case e < 0.01:
		return fmt.Sprintf("%.1e", e)
	case e < 100:
		return fmt.Sprintf("%.2f", e)
	}
	return fmt.Sprintf("%.0f", e)
}

// FormatRatio writes observed/expected: "7.8×", "∞" when matches were
// observed where none were expected, "-" when there were neither.
func FormatRatio(r float64, observed int) string {
	switch {
	case r == 0 && observed > 0:
		return "∞"
	case r == 0:
		return "-"
	case r >= 1000:
		return fmt.Sprintf("%.0f×", r)
	}
	return fmt.Sprintf("%.1f×", r)
}

// FormatP writes a probability: "0.412", "3.1e-12", or "< 1e-300" when it
// underflowed.
func FormatP(p float64) string {
	if p <= 0 {
		return "< 1e-300"
	}
	if p < 0.001 {
		exp := math.Floor(math.Log10(p))
		return fmt.Sprintf("%.1fe%d", p/math.Pow(10, exp), int(exp))
	}
	return fmt.Sprintf("%.3f", p)
}

// AppCounts writes "WhatsApp 7" for each application, most first, then by
// name.
func AppCounts(m map[string]int) []string {
	apps := make([]string, 0, len(m))
	for a := range m {
		apps = append(apps, a)
	}
	slices.SortFunc(apps, func(x, y string) int { return cmp.Or(cmp.Compare(m[y], m[x]), cmp.Compare(x, y)) })
	out := make([]string, len(apps))
	for i, a := range apps {
		out[i] = a + " " + strconv.Itoa(m[a])
	}
	return out
}

// FormatWindow writes a window in seconds as the slider shows it: 45s,
// 1m30s, 7m30s, 1h.
func FormatWindow(w int64) string {
	switch {
	case w < 60:
		return fmt.Sprintf("%ds", w)
	case w < 3600:
		if w%60 == 0 {
			return fmt.Sprintf("%dm", w/60)
		}
		return fmt.Sprintf("%dm%02ds", w/60, w%60)
	case w%3600 == 0:
		return fmt.Sprintf("%dh", w/3600)
	}
	return fmt.Sprintf("%dh%02dm", w/3600, w%3600/60)
}

// FormatStrongest writes where the evidence was strongest: "WhatsApp
// ≤20s", or "-" when nothing matched.
func FormatStrongest(app string, window int64) string {
	if app == "" {
		return "-"
	}
	return app + " ≤" + FormatWindow(window)
}
