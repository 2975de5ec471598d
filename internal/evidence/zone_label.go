package evidence

import (
	"fmt"
	"strings"
	"time"
)

// ZoneNameError says a file's times carry a zone name (IST) and no zone
// was given to say which one it means: the file is refused whole rather
// than read a row at a time into rejects.
type ZoneNameError struct {
	Label  string
	Sample string
}

func (e *ZoneNameError) Error() string {
	return fmt.Sprintf("times carry the zone name %q (e.g. %q), and a name can mean several zones (IST: India, Israel or Ireland); say which with --tz (e.g. --tz Asia/Kolkata)",
		e.Label, e.Sample)
}

// CheckLabel accepts a wall clock whose zone name is the one loc uses at
// that time (IST in Asia/Kolkata, CEST in Europe/Paris in summer) and
// reads it at the offset that name stands for then: where the clocks went
// back and the wall clock occurred twice, the name says which (01:30 EDT,
// then 01:30 EST in New York on the first Sunday of November). Without
// loc, or with a name loc does not use then, it is an error.
func CheckLabel(w Wall, loc *time.Location) (Wall, error) {
	if w.Label == "" {
		return w, nil
	}
	if loc == nil {
		return w, &ZoneNameError{Label: w.Label}
	}
	asUTC := time.Date(w.Year, time.Month(w.Month), w.Day, w.Hour, w.Minute, w.Second, 0, time.UTC).Unix()
	var names []string
	for _, u := range w.instants(loc) {
		abbr, _ := time.Unix(u, 0).In(loc).Zone()
		if strings.EqualFold(abbr, w.Label) {
			w.Label, w.HasOffset, w.Offset = "", true, int(asUTC-u)
			return w, nil
		}
		names = append(names, abbr)
	}
	if len(names) == 0 { // a wall clock the zone's clocks skipped
		abbr, _ := time.Date(w.Year, time.Month(w.Month), w.Day, w.Hour, w.Minute, w.Second, 0, loc).Zone()
		names = append(names, abbr)
	}
	return w, fmt.Errorf("time zone %q is not the zone given with --tz (%s writes %s then)", w.Label, loc, strings.Join(names, " or "))
}

// refuseZoneNames refuses a file whose sampled times carry a zone name
// when no zone was given.
func refuseZoneNames(l *Layout, sample map[Field][]string) error {
	if l.Zone != nil {
		return nil
	}
	for _, f := range []Field{FStart, FEnd} {
		for _, v := range sample[f] {
			for _, o := range []DateOrder{l.DateOrder, DMY, MDY, YMD} {
				w, err := ParseDateTime(v, o)
				if err != nil {
					continue
				}
				if w.Label != "" {
					return &ZoneNameError{Label: w.Label, Sample: v}
				}
				break
			}
		}
	}
	return nil
}
