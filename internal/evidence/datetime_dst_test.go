package evidence

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// A wall clock without an offset, read in a zone with summer time: the
// hour the clocks went back over occurred twice and is not read as either,
// the hour they skipped never occurred; the rest of those days and every
// day of a zone without summer time are read as before. The instants are
// GNU date's (date -u -d '2024-11-03 05:30:00 UTC' +%s), not this code's.
func TestResolveClocksWentBackOrForward(t *testing.T) {
	zone := func(name string) *time.Location {
		loc, err := time.LoadLocation(name) // the binary embeds time/tzdata
		if err != nil {
			t.Fatal(err)
		}
		return loc
	}
	ny, berlin, lordHowe, kolkata := zone("America/New_York"), zone("Europe/Berlin"), zone("Australia/Lord_Howe"), zone("Asia/Kolkata")
	tests := []struct {
		wall     string
		loc      *time.Location
		want     int64   // the one instant, when there is one
		instants []int64 // the instants of a *ClockError (empty: never occurred)
		clockErr bool
		say      string
	}{
		{"2024-11-03 00:30:00", ny, 1730608200, nil, false, ""}, // 04:30 UTC, EDT
		{"2024-11-03 01:30:00", ny, 0, []int64{1730611800, 1730615400}, true,
			"occurred twice in America/New_York (its clocks went back that day): at 01:30:00 (EDT, 05:30:00 UTC) or at 01:30:00 (EST, 06:30:00 UTC)"},
		{"2024-11-03 02:30:00", ny, 1730619000, nil, false, ""}, // 07:30 UTC, EST
		{"2024-03-10 02:30:00", ny, 0, nil, true, "2024-03-10 02:30:00 never occurred in America/New_York"},
		{"2024-10-27 02:30:00", berlin, 0, []int64{1729989000, 1729992600}, true, "CEST"},
		{"2024-03-31 02:30:00", berlin, 0, nil, true, "never occurred"},
		// Lord Howe Island's clocks go back half an hour
		{"2024-04-07 01:45:00", lordHowe, 0, []int64{1712414700, 1712416500}, true, "occurred twice"},
		{"2024-11-03 01:30:00", kolkata, 1730577600, nil, false, ""}, // no summer time: 2024-11-02 20:00 UTC
		{"2024-11-03 01:30:00", time.FixedZone("UTC-4", -4*3600), 1730611800, nil, false, ""},
	}
	for _, tc := range tests {
		w, err := ParseDateTime(tc.wall, YMD)
		if err != nil {
			t.Fatal(err)
		}
		u, off, err := w.Resolve(tc.loc)
		var ce *ClockError
		switch {
		case !tc.clockErr && err != nil:
			t.Errorf("%s in %s: %v", tc.wall, tc.loc, err)
		case !tc.clockErr && u != tc.want:
			t.Errorf("%s in %s: %d, want %d", tc.wall, tc.loc, u, tc.want)
		case !tc.clockErr && time.Unix(u+int64(off), 0).UTC().Format(time.DateTime) != tc.wall:
			t.Errorf("%s in %s: offset %d does not give back the wall clock", tc.wall, tc.loc, off)
		case tc.clockErr && !errors.As(err, &ce):
			t.Errorf("%s in %s: read as %d (%v), want a clock error", tc.wall, tc.loc, u, err)
		case tc.clockErr && !slices.Equal(ce.Instants, tc.instants):
			t.Errorf("%s in %s: instants %v, want %v", tc.wall, tc.loc, ce.Instants, tc.instants)
		case tc.clockErr && !strings.Contains(err.Error(), tc.say):
			t.Errorf("%s in %s: %q does not say %q", tc.wall, tc.loc, err, tc.say)
		}
	}
	// a value with its own offset names its instant whatever the zone
	w, _ := ParseDateTime("2024-11-03 01:30:00-05:00", YMD)
	if u, _, err := w.Resolve(ny); err != nil || u != 1730615400 {
		t.Errorf("01:30-05:00: %d %v, want 1730615400", u, err)
	}
}

// The zone name written after a time says which of the two instants a
// wall clock the clocks went back over is; one the zone did not use then
// is refused, naming both the zone uses at that wall clock.
func TestCheckLabelPicksTheOccurrence(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		value string
		want  int64
		err   string
	}{
		{"2024-11-03 01:30:00 EDT", 1730611800, ""},
		{"2024-11-03 01:30:00 EST", 1730615400, ""},
		{"2024-11-03 00:30:00 EDT", 1730608200, ""},
		{"2024-11-03 00:30:00 EST", 0, "New_York writes EDT then"},
		{"2024-11-03 01:30:00 PST", 0, "writes EDT or EST then"},
	} {
		w, err := ParseDateTime(tc.value, YMD)
		if err != nil {
			t.Fatal(err)
		}
		w, err = CheckLabel(w, ny)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: %v, want an error saying %q", tc.value, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.value, err)
			continue
		}
		if u, _, err := w.Resolve(ny); err != nil || u != tc.want {
			t.Errorf("%s: %d %v, want %d", tc.value, u, err, tc.want)
		}
	}
}

// The span a reader remembers gives what Resolve gives, for every half
// hour of 2024 read in order and then in reverse, in zones whose clocks
// change by an hour, by half an hour, and not at all.
func TestZoneSpanAgreesWithResolve(t *testing.T) {
	for _, name := range []string{"America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kolkata"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		var walls []Wall
		for at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC); at.Year() == 2024; at = at.Add(30 * time.Minute) {
			walls = append(walls, Wall{Year: at.Year(), Month: int(at.Month()), Day: at.Day(), Hour: at.Hour(), Minute: at.Minute(), HasTime: true, HasSeconds: true})
		}
		for pass := range 2 {
			var z zoneSpan
			for i := range walls {
				w := walls[i]
				if pass == 1 {
					w = walls[len(walls)-1-i]
				}
				u1, off1, err1 := z.resolve(w, loc)
				u2, off2, err2 := w.Resolve(loc)
				if u1 != u2 || off1 != off2 || (err1 == nil) != (err2 == nil) {
					t.Fatalf("%s %s: span %d %d %v, Resolve %d %d %v", name, w, u1, off1, err1, u2, off2, err2)
				}
			}
		}
	}
}
