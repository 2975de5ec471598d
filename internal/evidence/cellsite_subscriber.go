package evidence

import (
	"fmt"
	"strings"
)

// A file of a subscriber's located events (T-Mobile's timing-advance
// records: MSISDN, IMSI, IMEI, Start_DateTime, Start_Latitude,
// End_Latitude, eNodeB, Sector, Distance) names a cell and a position,
// as a cell-site list does; but its position is where the network placed
// the handset at a moment, not where the cell's antenna stands. Read as a
// site list, the first such estimate became the site of its cell, and
// every record on that cell was placed there. A header naming the
// subscriber (an MSISDN, MDN, IMSI or IMEI column) is no site list.

// subscriberColumns names the header's columns that identify a subscriber
// or a handset, "" when none does.
func subscriberColumns(header []string) string {
	var names []string
	for _, h := range header {
		h = strings.Trim(strings.TrimSpace(h), `"'`)
		f, ok := FieldOf(h)
		if !ok {
			f, ok = fieldByWords(h)
		}
		if ok && (f == FMSISDN || f == FIMSI || f == FIMEI) {
			names = append(names, fmt.Sprintf("%q", h))
		}
	}
	return strings.Join(names, ", ")
}

// errSubscriberPositions refuses a header that names a subscriber as a
// cell-site list.
func errSubscriberPositions(cols string) error {
	return fmt.Errorf("%w: its columns %s name a subscriber or a handset: a position beside them is where the network placed that handset (a timing-advance or location record), not a cell's site", ErrNoSiteTable, cols)
}
