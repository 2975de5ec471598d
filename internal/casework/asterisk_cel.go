package casework

import (
	"context"
	"fmt"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
)

// CELOptions choose what the Channel Event Logging report lists.
type CELOptions struct {
	Match    string // only calls whose linkedid, caller or extension holds this
	Limit    int    // calls listed; 0 means all
	LinkedID string // when set, the events of this call and its call records
}

// CELReport is a PBX's Channel Event Logging: its calls (the events that
// share a linkedid) with their span and the call records tied to them,
// and, for one call, its events in order with their file and line. The
// CLI (cdrtui asterisk --cel) prints it; the pane's CEL view draws it.
type CELReport struct {
	store.CELSummary
	Listed []CELCallRow `json:"calls_listed"`
	Call   *CELCallView `json:"call,omitempty"`
}

// CELCallRow is a CEL call with its first event's wall clock.
type CELCallRow struct {
	store.CELCall
	FirstWall string  `json:"first_wall"` // in the zone of its source ("UTC" when it has none)
	Seconds   float64 `json:"seconds"`    // from its first event to its last
}

// CELCallView is one call's events and its call records.
type CELCallView struct {
	LinkedID string         `json:"linkedid"`
	Events   []CELEventView `json:"events"`
	CDRs     []store.CELCDR `json:"cdrs"`
}

// CELEventView is an event with its wall clock.
type CELEventView struct {
	store.CELEventRow
	Wall string `json:"wall"`
}

// CELWall writes a Unix time with microseconds as the wall clock of zone
// ("" or an unknown zone: UTC, said so).
func CELWall(sec, usec int64, zone string) string {
	loc, name := time.UTC, " UTC"
	if zone != "" {
		if l, err := time.LoadLocation(zone); err == nil {
			loc, name = l, ""
		}
	}
	return time.Unix(sec, usec*1000).In(loc).Format("2006-01-02 15:04:05.000000") + name
}

// AsteriskCEL reports the case's Channel Event Logging.
func AsteriskCEL(ctx context.Context, st *store.Store, o CELOptions) (*CELReport, error) {
	sum, err := st.CELSummary(ctx)
	if err != nil {
		return nil, err
	}
	r := &CELReport{CELSummary: sum, Listed: []CELCallRow{}}
	calls, err := st.CELCalls(ctx, o.Match, o.Limit)
	if err != nil {
		return nil, err
	}
	for _, c := range calls {
		d := float64(c.Last-c.First) + float64(c.LastUsec-c.FirstUsec)/1e6
		r.Listed = append(r.Listed, CELCallRow{CELCall: c, FirstWall: CELWall(c.First, c.FirstUsec, c.Zone), Seconds: d})
	}
	if o.LinkedID == "" {
		return r, nil
	}
	evs, err := st.CELEvents(ctx, o.LinkedID)
	if err != nil {
		return nil, err
	}
	if len(evs) == 0 {
		return nil, fmt.Errorf("no CEL events of linkedid %q in this case", o.LinkedID)
	}
	v := &CELCallView{LinkedID: o.LinkedID, Events: []CELEventView{}}
	for _, e := range evs {
		v.Events = append(v.Events, CELEventView{CELEventRow: e, Wall: CELWall(e.Time, e.Usec, e.Zone)})
	}
	if v.CDRs, err = st.CELCDRs(ctx, o.LinkedID); err != nil {
		return nil, err
	}
	if v.CDRs == nil {
		v.CDRs = []store.CELCDR{}
	}
	r.Call = v
	return r, nil
}

// NoCEL is what CELSentence says of a case holding no CEL event, and
// where CEL would have come from.
const NoCEL = "no Channel Event Logging in this case (cel-custom/*.csv, a cel table export, master.db's cel table)"

// CELSentence is what a case's Channel Event Logging holds, in the one
// wording `cdrtui asterisk`, `cdrtui asterisk --cel`, the Asterisk pane's
// CEL title and the report's PBX section share, after their "Channel Event
// Logging: " (the pane styles it): "16 events of 2 calls (linkedids), 1
// tied to a call record by linkedid or uniqueid; 1 further occurrence of
// these events (the same event in another source, or a repeated row)
// counted once", the last part only when there is such an occurrence.
func CELSentence(c store.CELSummary) string {
	if c.Events == 0 {
		return NoCEL
	}
	linked := "(linkedids)"
	if c.Calls == 1 {
		linked = "(a linkedid)"
	}
	s := fmt.Sprintf("%s of %s %s, %s tied to a call record by linkedid or uniqueid",
		analysis.Plural(c.Events, "event", "events"), analysis.Plural(c.Calls, "call", "calls"), linked, analysis.Thousands(c.CallsWithCDR))
	if c.Copies > 0 {
		s += "; " + analysis.Plural(c.Copies, "further occurrence", "further occurrences") +
			" of these events (the same event in another source, or a repeated row) counted once"
	}
	return s
}
