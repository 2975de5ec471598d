package evidence

import "fmt"

// A packet-core charging record's TimeStamp (3GPP TS 32.298) is nine
// octets: YYMMDDhhmmss in BCD, the sign of the offset in ASCII ('+' 0x2B,
// '-' 0x2D), then the offset's hhmm in BCD; the time is local, the offset
// its distance from UTC. A decoder that writes the octets in hex writes
// "2405140912442B0200": 2024-05-14 09:12:44 +02:00. The ASCII sign in the
// middle of the digits makes the form unmistakable.

// ts32298Wall reads such a value; ok is false when s is not of the form
// (18 characters, 12 digits, 2B or 2D, 4 digits); a value of the form
// whose date, clock or offset is impossible fails with the reason.
func ts32298Wall(s string) (w Wall, ok bool, err error) {
	if len(s) != 18 || s[12] != '2' || !allDigits(s[:12]) || !allDigits(s[14:]) {
		return Wall{}, false, nil
	}
	sign := 1
	switch s[13] {
	case 'B', 'b':
	case 'D', 'd':
		sign = -1
	default:
		return Wall{}, false, nil
	}
	n := func(i int) int { return int(s[i]-'0')*10 + int(s[i+1]-'0') }
	w = Wall{Year: 2000 + n(0), Month: n(2), Day: n(4), Hour: n(6), Minute: n(8), Second: n(10), HasTime: true, HasSeconds: true}
	if err := checkDate(w.Year, w.Month, w.Day, ""); err != nil {
		return Wall{}, true, err
	}
	if err := checkClock(&w); err != nil {
		return Wall{}, true, err
	}
	oh, om := n(14), n(16)
	if om > 59 || oh*60+om > maxOffsetHours*60 {
		return Wall{}, true, fmt.Errorf("TS 32.298 time stamp %q: offset %02d%02d is no zone's", s, oh, om)
	}
	w.HasOffset, w.Offset = true, sign*(oh*3600+om*60)
	return w, true, nil
}

// ts32298TextWall reads the same time stamp as a decoder writes it when it
// turns the sign's octet into its character: "240514091244+0200", twelve
// digits and an offset. Twelve digits and an offset are also a compact
// YYYYMMDDhhmm with its zone: "201105121530+0100" is 2020-11-05 12:15:30
// as TS 32.298 and 2011-05-12 15:30 read the other way, both valid. A
// value that reads only as TS 32.298 (a YYMM that is no year from 1900 to
// 2199, or a day that is no month: every stamp from 2022 on) is read so;
// one that reads both ways is refused naming both; one that reads only the
// other way is left to the compact reading (ok false).
func ts32298TextWall(s string) (w Wall, ok bool, err error) {
	if len(s) != 17 || !allDigits(s[:12]) || (s[12] != '+' && s[12] != '-') || !allDigits(s[13:]) {
		return Wall{}, false, nil
	}
	sign := "2B"
	if s[12] == '-' {
		sign = "2D"
	}
	w, _, err = ts32298Wall(s[:12] + sign + s[13:])
	if err != nil {
		return Wall{}, false, nil
	}
	n := func(i int) int { return int(s[i]-'0')*10 + int(s[i+1]-'0') }
	other := Wall{Year: n(0)*100 + n(2), Month: n(4), Day: n(6), Hour: n(8), Minute: n(10)}
	if checkDate(other.Year, other.Month, other.Day, "") == nil && checkClock(&other) == nil {
		return Wall{}, true, fmt.Errorf("%q reads two ways: %04d-%02d-%02d %02d:%02d:%02d as a TS 32.298 time stamp (YYMMDDhhmmss and its offset) and %04d-%02d-%02d %02d:%02d as YYYYMMDDhhmm and its offset; not read",
			s, w.Year, w.Month, w.Day, w.Hour, w.Minute, w.Second, other.Year, other.Month, other.Day, other.Hour, other.Minute)
	}
	return w, true, nil
}

// ts32298Stamp reads a TS 32.298 time stamp in either form.
func ts32298Stamp(s string) (Wall, bool, error) {
	if w, ok, err := ts32298Wall(s); ok {
		return w, ok, err
	}
	return ts32298TextWall(s)
}
