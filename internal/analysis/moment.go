package analysis

import "time"

// WallLayout is how wall-clock times are written everywhere in cdrtui.
const WallLayout = "2006-01-02 15:04:05"

// Moment is an instant and the offset that gives back the wall clock the
// evidence wrote for it. Analysts read times as the evidence wrote them,
// never in their own laptop's zone.
type Moment struct {
	Unix   int64
	Offset int32
}

// Wall returns the wall clock as a time.Time in UTC whose fields (hour,
// weekday, date) are those written in the evidence.
func (m Moment) Wall() time.Time { return time.Unix(m.Unix+int64(m.Offset), 0).UTC() }

// String writes the wall clock as "2006-01-02 15:04:05".
func (m Moment) String() string { return m.Wall().Format(WallLayout) }

// IsZero reports whether m is the zero moment (unset).
func (m Moment) IsZero() bool { return m.Unix == 0 && m.Offset == 0 }
