package evidence

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ParseZone reads the zone an analyst names for evidence wall clocks: an
// IANA name (Asia/Kolkata), UTC, or a fixed offset (+05:30, -0800,
// UTC+5:30, GMT-3). "Local" is refused: evidence is never read in the
// analyst's own zone by accident.
func ParseZone(s string) (*time.Location, error) {
	s = strings.TrimSpace(s)
	switch strings.ToUpper(s) {
	case "":
		return nil, fmt.Errorf("empty zone")
	case "UTC", "Z", "GMT", "UTC0", "ETC/UTC":
		return time.UTC, nil
	case "LOCAL":
		return nil, fmt.Errorf("\"Local\" would read evidence in this machine's zone; name the zone (e.g. Asia/Kolkata or +05:30)")
	}
	rest := s
	for _, p := range []string{"UTC", "GMT", "utc", "gmt"} {
		rest = strings.TrimPrefix(rest, p)
	}
	if rest != "" && (rest[0] == '+' || rest[0] == '-') {
		off, err := parseOffset(rest)
		if err != nil {
			return nil, err
		}
		return time.FixedZone(s, off), nil
	}
	loc, err := time.LoadLocation(s)
	if err != nil {
		return nil, fmt.Errorf("unknown zone %q (use an IANA name such as Asia/Kolkata, or an offset such as +05:30)", s)
	}
	return loc, nil
}

// parseOffset reads +HH, +HHMM, +HH:MM or +H:MM as seconds east of UTC.
func parseOffset(s string) (int, error) {
	sign := 1
	if s[0] == '-' {
		sign = -1
	}
	body := strings.ReplaceAll(s[1:], ":", "")
	var h, m int
	var err error
	switch len(body) {
	case 1, 2:
		h, err = strconv.Atoi(body)
	case 3, 4:
		h, err = strconv.Atoi(body[:len(body)-2])
		if err == nil {
			m, err = strconv.Atoi(body[len(body)-2:])
		}
	default:
		err = fmt.Errorf("bad length")
	}
	if err != nil || h > 14 || m > 59 {
		return 0, fmt.Errorf("bad offset %q (want +HH:MM)", s)
	}
	return sign * (h*3600 + m*60), nil
}
