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
