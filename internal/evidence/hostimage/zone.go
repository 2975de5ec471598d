package hostimage

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // named zones resolve on machines without a zoneinfo database
)

// Zone is the zone a host's clocks ran in, with how it was found.
type Zone struct {
	Name     string         // IANA name ("Asia/Kolkata"); "localtime" when TZif bytes match no known zone
	Location *time.Location // the rules to read wall clocks with
	How      string         // a sentence saying where the name and the rules came from
}

// ParseTimezoneFile reads Debian's etc/timezone: the first line that is
// neither blank nor a '#' comment names the zone. The name must be one the
// zone database knows.
func ParseTimezoneFile(b []byte) (name string, line int, err error) {
	for i, l := range strings.Split(string(b), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if !plausibleZoneName(l) {
			return "", i + 1, fmt.Errorf("line %d %q is not a zone name", i+1, l)
		}
		if _, err := time.LoadLocation(l); err != nil {
			return "", i + 1, fmt.Errorf("line %d names %q, which the zone database does not know", i+1, l)
		}
		return l, i + 1, nil
	}
	return "", 0, errors.New("no zone name: the file is empty or only comments")
}

// plausibleZoneName accepts what IANA names are made of, so that random
// text is never handed to the zone loader as a path.
func plausibleZoneName(s string) bool {
	if s == "" || len(s) > 64 || strings.HasPrefix(s, "/") || strings.Contains(s, "..") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("/_-+", c) >= 0) {
			return false
		}
	}
	return true
}

// ZoneFromLink names the zone an etc/localtime symbolic link points at,
// from the link's text alone ("/usr/share/zoneinfo/Asia/Kolkata",
// "../usr/share/zoneinfo/posix/Europe/Moscow"): the part after the last
// "zoneinfo/", without a "posix/" or "right/" prefix. note mentions a
// "right/" (leap-second) zone.
func ZoneFromLink(target string) (name, note string, err error) {
	rest := target
	if i := strings.LastIndex(target, "zoneinfo/"); i >= 0 {
		rest = target[i+len("zoneinfo/"):]
	} else {
		rest = strings.TrimLeft(rest, "./")
	}
	switch {
	case strings.HasPrefix(rest, "posix/"):
		rest = strings.TrimPrefix(rest, "posix/")
	case strings.HasPrefix(rest, "right/"):
		rest = strings.TrimPrefix(rest, "right/")
		note = "the link names a right/ zone, which counts leap seconds; wall clocks are read with the plain zone's rules"
	}
	if !plausibleZoneName(rest) {
		return "", "", fmt.Errorf("link target %q does not name a zone under zoneinfo/", target)
	}
	if _, err := time.LoadLocation(rest); err != nil {
		return "", "", fmt.Errorf("link target %q names %q, which the zone database does not know", target, rest)
	}
	return rest, note, nil
}

// IsTZif reports whether b starts like a compiled zone file.
func IsTZif(b []byte) bool { return bytes.HasPrefix(b, []byte("TZif")) }

//go:embed zonenames.txt
var zoneNamesText string

// zoneNames lists the names to compare a TZif file with, canonical first.
func zoneNames() []string {
	var out []string
	for _, l := range strings.Split(zoneNamesText, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// Zone rules are compared over this span: the years a seized PBX's
// records can come from.
var (
	compareFrom = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	compareTo   = time.Date(2038, 1, 1, 0, 0, 0, 0, time.UTC)
)

// ZoneFromTZif reads a compiled zone file (etc/localtime copied rather than
// linked) and names it: the rules are the file's own, and the name is the
// first zone of the database whose transitions, offsets and abbreviations
// from 1970 to 2037 are the same. Other names with the same rules are
// mentioned in How; when none matches, the name is "localtime" and How
// gives the file's POSIX TZ footer and the closest zone.
func ZoneFromTZif(b []byte) (Zone, error) {
	if !IsTZif(b) {
		return Zone{}, errors.New("not a TZif zone file (no \"TZif\" magic)")
	}
	loc, err := time.LoadLocationFromTZData("localtime", b)
	if err != nil {
		return Zone{}, fmt.Errorf("TZif zone file: %v", err)
	}
	mine := periods(loc)
	var matches []string
	best, bestAgree := "", -1
	for _, n := range zoneNames() {
		cand, err := time.LoadLocation(n)
		if err != nil {
			continue
		}
		theirs := periods(cand)
		agree := agreeing(mine, theirs)
		if agree == len(mine) && agree == len(theirs) {
			matches = append(matches, n)
		} else if agree > bestAgree {
			best, bestAgree = n, agree
		}
	}
	footer := tzifFooter(b)
	if len(matches) > 0 {
		loc, _ = time.LoadLocationFromTZData(matches[0], b)
		how := fmt.Sprintf("TZif zone file whose rules (1970-2037) are those of %s in the zone database", matches[0])
		if len(matches) > 1 {
			how += fmt.Sprintf(" (also %s)", strings.Join(matches[1:min(len(matches), 4)], ", "))
			if len(matches) > 4 {
				how += fmt.Sprintf(" and %d more aliases", len(matches)-4)
			}
		}
		if footer != "" {
			how += fmt.Sprintf("; POSIX TZ footer %q", footer)
		}
		return Zone{Name: matches[0], Location: loc, How: how + "; wall clocks read with the file's own rules"}, nil
	}
	how := "TZif zone file matching no zone of the database; wall clocks read with the file's own rules"
	if footer != "" {
		how += fmt.Sprintf("; POSIX TZ footer %q", footer)
	}
	if best != "" && bestAgree > 0 {
		how += fmt.Sprintf("; closest zone %s (first %d of %d periods since 1970 agree)", best, bestAgree, len(mine))
	}
	return Zone{Name: "localtime", Location: loc, How: how}, nil
}

// period is a stretch of time with one abbreviation and offset.
type period struct {
	start  int64
	name   string
	offset int
}

// periods lists loc's periods between compareFrom and compareTo, merging
// neighbours that differ only in the DST flag.
func periods(loc *time.Location) []period {
	var out []period
	t := compareFrom
	for i := 0; i < 4000 && t.Before(compareTo); i++ {
		lt := t.In(loc)
		name, off := lt.Zone()
		start, end := lt.ZoneBounds()
		s := compareFrom.Unix()
		if !start.IsZero() && start.After(compareFrom) {
			s = start.Unix()
		}
		if n := len(out); n == 0 || out[n-1].name != name || out[n-1].offset != off {
			out = append(out, period{start: s, name: name, offset: off})
		}
		if end.IsZero() || !end.After(t) {
			break
		}
		t = end
	}
	return out
}

// agreeing counts the leading periods a and b share.
func agreeing(a, b []period) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// tzifFooter returns the POSIX TZ string at the end of a version 2+ file.
func tzifFooter(b []byte) string {
	if len(b) < 5 || b[4] < '2' || len(b) < 2 || b[len(b)-1] != '\n' {
		return ""
	}
	body := b[:len(b)-1]
	i := bytes.LastIndexByte(body, '\n')
	if i < 0 {
		return ""
	}
	f := body[i+1:]
	for _, c := range f {
		if c < 0x20 || c > 0x7e {
			return ""
		}
	}
	return string(f)
}
