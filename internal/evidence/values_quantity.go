package evidence

import (
	"fmt"
	"math"
)

// volumeUnits maps a size unit, compared without case, to its multiplier.
// Units are 1024-based (1 KB = 1024 bytes), as operator and network tools
// report them; KiB/MiB/GiB/TiB are the same sizes spelled the IEC way.
var volumeUnits = [...]struct {
	name string
	mult int64
}{
	{"b", 1}, {"byte", 1}, {"bytes", 1},
	{"k", 1 << 10}, {"kb", 1 << 10}, {"kib", 1 << 10},
	{"m", 1 << 20}, {"mb", 1 << 20}, {"mib", 1 << 20},
	{"g", 1 << 30}, {"gb", 1 << 30}, {"gib", 1 << 30},
	{"t", 1 << 40}, {"tb", 1 << 40}, {"tib", 1 << 40},
}

// ParseVolume reads a byte count. It accepts a non-negative integer
// ("1234"), an exact decimal ("1234.0", a spreadsheet float), thousands
// separators when every group after the first has exactly three digits
// ("1,234,567"), and a size unit B, KB, MB, GB or TB, with or without a
// space, in any case ("1.5 KB" = 1536). Units are 1024-based: 1 KB is 1024
// bytes. A fraction of a byte left after applying the unit is rounded to the
// nearest byte; without a unit a fraction is an error. Negative values,
// overflow and scientific notation (ErrPrecisionLost) are errors.
func ParseVolume(s string) (int64, error) { return ParseVolumeIn(s, "") }

// ParseVolumeIn is ParseVolume for a column whose header names a unit
// ("Uplink Volume (KB)"): a value written without a unit is in unit, so a
// fraction of it is allowed; a value with a unit of its own keeps it.
func ParseVolumeIn(s, unit string) (int64, error) {
	v, err := quantityText(s, "volume")
	if err != nil {
		return 0, err
	}
	c := valueCursor{s: v}
	whole, err := groupedInt(&c, v)
	if err != nil {
		return 0, err
	}
	frac, fracZero := fraction(&c)
	c.spaces()
	written := c.word()
	if !c.done() {
		return 0, fmt.Errorf("volume %q: %v", v, badCharacter(v, c.i))
	}
	if written == "" {
		written = unit
	}
	mult := int64(1)
	if written != "" {
		if mult = volumeUnit(written); mult == 0 {
			return 0, fmt.Errorf("volume %q: unknown unit %q (want B, KB, MB, GB or TB)", v, written)
		}
	}
	if mult == 1 && !fracZero {
		return 0, fmt.Errorf("volume %s has a fraction of a byte", v)
	}
	if whole > math.MaxInt64/mult {
		return 0, fmt.Errorf("volume %s is too large", v)
	}
	total := whole*mult + int64(math.Round(frac*float64(mult)))
	if total < 0 {
		return 0, fmt.Errorf("volume %s is too large", v)
	}
	return total, nil
}

func volumeUnit(unit string) int64 {
	for _, u := range volumeUnits {
		if equalFoldASCII(unit, u.name) {
			return u.mult
		}
	}
	return 0
}

// equalFoldASCII compares ASCII letters without case.
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if a[i]|0x20 != b[i]|0x20 {
			return false
		}
	}
	return true
}

// groupedInt reads a non-negative integer, allowing thousands separators
// when every group after the first has exactly three digits.
func groupedInt(c *valueCursor, v string) (int64, error) {
	var n int64
	first := c.digitRun()
	if first == 0 {
		if c.peek() == '.' && isDigitByte(c.peekAt(1)) {
			return 0, nil // ".5 MB"
		}
		return 0, fmt.Errorf("%q is not a number: %v", v, badCharacter(v, c.i))
	}
	for k := 0; ; k++ {
		run := c.digitRun()
		if k > 0 && run != 3 {
			return 0, fmt.Errorf("%q: comma does not separate thousands", v)
		}
		for j := 0; j < run; j++ {
			d := int64(c.s[c.i] - '0')
			if n > (math.MaxInt64-d)/10 {
				return 0, fmt.Errorf("%s is too large", v)
			}
			n = n*10 + d
			c.i++
		}
		if c.peek() != ',' {
			return n, nil
		}
		if first > 3 {
			return 0, fmt.Errorf("%q: comma does not separate thousands", v)
		}
		c.i++
	}
}

// fraction reads an optional ".digits" and returns its value and whether
// every digit is zero.
func fraction(c *valueCursor) (float64, bool) {
	if c.peek() != '.' || !isDigitByte(c.peekAt(1)) {
		if c.peek() == '.' && c.peekAt(1) == 0 {
			c.i++ // "1234." is a whole number
		}
		return 0, true
	}
	c.i++
	var f float64
	scale := 0.1
	zero := true
	for !c.done() && isDigitByte(c.peek()) {
		d := c.peek() - '0'
		zero = zero && d == 0
		f += float64(d) * scale
		scale /= 10
		c.i++
	}
	return f, zero
}

// ParseDuration reads a duration in whole seconds: an integer ("554"), a
// decimal rounded to the nearest second ("554.0", "12.6"), a clock form
// "1:02:03" (h:mm:ss, hours may pass 24) or "9:14" (m:ss), and a unit form
// "9m14s", "1h2m3s", "14s", "2 min 5 sec". Negative durations are errors.
// A clock dated on a zero date ("1970-01-01 00:02:18", a duration kept in
// a date-time type, as an Ericsson MSC's chargeableDuration is in a
// ClickHouse table) is that clock's length.
func ParseDuration(s string) (int64, error) {
	v, err := quantityText(s, "duration")
	if err != nil {
		return 0, err
	}
	if clock, ok := zeroDated(v); ok {
		return ParseDuration(clock)
	}
	c := valueCursor{s: v}
	first, nd := c.digits(12)
	if nd == 0 {
		return 0, fmt.Errorf("duration %q: %v", v, badCharacter(v, c.i))
	}
	if isDigitByte(c.peek()) {
		return 0, fmt.Errorf("duration %s is too large", v)
	}
	switch {
	case c.peek() == ':':
		return clockDuration(&c, v, int64(first))
	case c.peek() == '.' || c.done():
		f, _ := fraction(&c)
		if !c.done() {
			return 0, fmt.Errorf("duration %q: %v", v, badCharacter(v, c.i))
		}
		return int64(first) + int64(math.Round(f)), nil
	default:
		return unitDuration(&c, v, int64(first))
	}
}

// clockDuration reads the ":mm[:ss][.f]" after the first field.
func clockDuration(c *valueCursor, v string, first int64) (int64, error) {
	var fields [3]int64
	fields[0] = first
	n := 1
	for c.accept(':') {
		if n == 3 {
			return 0, fmt.Errorf("duration %q has more than three fields", v)
		}
		x, nd := c.digits(2)
		if nd != 2 || x > 59 {
			return 0, fmt.Errorf("duration %q: minutes and seconds need two digits, 00 to 59", v)
		}
		fields[n] = int64(x)
		n++
	}
	f, _ := fraction(c)
	if !c.done() {
		return 0, fmt.Errorf("duration %q: %v", v, badCharacter(v, c.i))
	}
	secs := fields[0]*60 + fields[1] // m:ss
	if n == 3 {
		secs = fields[0]*3600 + fields[1]*60 + fields[2]
	}
	return secs + int64(math.Round(f)), nil
}

// durationUnits lists the unit words of a "1h2m3s" duration, largest first.
var durationUnits = [...]struct {
	names []string
	secs  int64
}{
	{[]string{"h", "hr", "hrs", "hour", "hours"}, 3600},
	{[]string{"m", "min", "mins", "minute", "minutes"}, 60},
	{[]string{"s", "sec", "secs", "second", "seconds"}, 1},
}

// unitDuration reads "9m14s" style durations; first is the leading number.
func unitDuration(c *valueCursor, v string, first int64) (int64, error) {
	var total int64
	next := 0 // index of the largest unit still allowed
	n := first
	for {
		c.spaces()
		w := c.word()
		k := durationUnitIndex(w)
		if k < 0 {
			return 0, fmt.Errorf("duration %q: unknown unit %q (want h, m or s)", v, w)
		}
		if k < next {
			return 0, fmt.Errorf("duration %q: units out of order", v)
		}
		total += n * durationUnits[k].secs
		next = k + 1
		c.spaces()
		if c.done() {
			return total, nil
		}
		x, nd := c.digits(12)
		if nd == 0 {
			return 0, fmt.Errorf("duration %q: %v", v, badCharacter(v, c.i))
		}
		n = int64(x)
	}
}

func durationUnitIndex(w string) int {
	for k, u := range durationUnits {
		for _, name := range u.names {
			if equalFoldASCII(w, name) {
				return k
			}
		}
	}
	return -1
}

// quantityText unwraps a quantity's text and refuses what no volume or
// duration can be: nothing, a negative value (named by what) or scientific
// notation (ErrPrecisionLost).
func quantityText(s, what string) (string, error) {
	v := unwrapValue(s)
	if v == "" {
		return "", errEmptyValue
	}
	if v[0] == '-' {
		return "", fmt.Errorf("%s %s is negative", what, v)
	}
	if isScientific(v) {
		return "", fmt.Errorf("%s: %w", v, ErrPrecisionLost)
	}
	return v, nil
}
