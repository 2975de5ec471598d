package evidence

import (
	"errors"
	"strings"
	"testing"
)

// A subscriber's timing-advance records (T-Mobile's: the handset's
// estimated start and end positions beside its eNodeB and sector) and a
// subscriber's data sessions with the tower's position are not site lists:
// refused naming the subscriber's columns. Before, the first was read as
// one site, cell 310-260-?-307458 (1201×256+2) at the handset's estimate
// 47.6062,-122.3321, and the import of it as evidence said to do so.
func TestSiteListOfSubscriberRefused(t *testing.T) {
	for _, c := range []struct{ table, cols string }{
		{"MSISDN,IMSI,IMEI,Start_DateTime,End_DateTime,Start_Latitude,Start_Longitude,End_Latitude,End_Longitude,eNodeB,Sector,Distance_Meters\n" +
			"2065550001,310260000000001,353918090000015,2025-03-14 18:02:11,2025-03-14 18:03:46,47.6062,-122.3321,47.6070,-122.3330,1201,2,850\n",
			`"MSISDN", "IMSI", "IMEI"`},
		{"MDN,Time Stamp,Cell ID,LAC,Latitude,Longitude\n7035550001,03/14/2025 18:02:11,30551,13411,38.8462,-77.3064\n", `"MDN"`},
	} {
		_, err := NewSiteReader(strings.NewReader(c.table), SiteOptions{PLMN: "310-260"})
		if !errors.Is(err, ErrNoSiteTable) || !strings.Contains(err.Error(), "its columns "+c.cols+" name a subscriber or a handset") {
			t.Errorf("%q: %v", c.table[:30], err)
		}
	}
	// a site list stays one
	if _, err := NewSiteReader(strings.NewReader("MCC,MNC,LAC,CI,Latitude,Longitude\n310,260,13411,30551,47.6062,-122.3321\n"), SiteOptions{}); err != nil {
		t.Errorf("site list: %v", err)
	}
}
