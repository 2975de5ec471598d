package casework

import (
	"fmt"
	"time"
)

// TimeScope is the case-wide window an analyst narrows every analysis to
// (the week of the incident), on the wall clock written in the evidence:
// a record is in scope when From <= start + wall_offset < To. A zero bound
// is open; the zero TimeScope is the whole case. It is passed to each
// analysis as a parameter, never kept in a global.
type TimeScope struct {
	From int64 `json:"from,omitempty"` // wall-clock seconds, inclusive; 0 open
	To   int64 `json:"to,omitempty"`   // wall-clock seconds, exclusive; 0 open
}

// ParseTimeScope reads the bounds typed as --from/--to (or in the
// workbench): "2024-03-18", "2024-03-18 10:00", "2024-03-18T10:00:05",
// "2024-03"; a date or month as the upper bound includes it whole.
func ParseTimeScope(from, to string) (TimeScope, error) {
	var s TimeScope
	var err error
	if s.From, err = ParseWallBound(from, false); err != nil {
		return s, fmt.Errorf("from: %w", err)
	}
	if s.To, err = ParseWallBound(to, true); err != nil {
		return s, fmt.Errorf("to: %w", err)
	}
	if s.From != 0 && s.To != 0 && s.To <= s.From {
		return s, fmt.Errorf("to (%s) is not after from (%s)", to, from)
	}
	return s, nil
}

// Set reports whether the scope narrows anything.
func (s TimeScope) Set() bool { return s.From != 0 || s.To != 0 }

// Contains reports whether a wall-clock instant is in scope.
func (s TimeScope) Contains(wall int64) bool {
	return (s.From == 0 || wall >= s.From) && (s.To == 0 || wall < s.To)
}

// String is the scope as the status line and the CLI's output show it:
// "2024-03-18 00:00 – 2024-03-25 00:00 (wall clock)", "" when not set.
func (s TimeScope) String() string {
	if !s.Set() {
		return ""
	}
	f := func(v int64, open string) string {
		if v == 0 {
			return open
		}
		t := time.Unix(v, 0).UTC()
		if t.Second() != 0 {
			return t.Format("2006-01-02 15:04:05")
		}
		return t.Format("2006-01-02 15:04")
	}
	return f(s.From, "start") + " – " + f(s.To, "end")
}

// auditClock says what clock a time scope in the audit trail is on.
const auditClock = "wall clock as written in the evidence; to excluded"

// AuditValue is the scope as the audit trail records it: each bound set
// as RFC 3339 with its zone ("2024-03-18T00:00:00Z", the wall clock written
// in the evidence being read as UTC, as everywhere in cdrtui) and the clock
// it is on. Entries made before kept the bounds as Unix seconds
// ({"from":1710720000}); AuditParamsShown shows those as these.
func (s TimeScope) AuditValue() map[string]string {
	v := map[string]string{"clock": auditClock}
	if s.From != 0 {
		v["from"] = time.Unix(s.From, 0).UTC().Format(time.RFC3339)
	}
	if s.To != 0 {
		v["to"] = time.Unix(s.To, 0).UTC().Format(time.RFC3339)
	}
	return v
}
