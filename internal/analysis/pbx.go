package analysis

import "sort"

// PBXCall is one call of a PBX's call records, as the dashboards need it.
type PBXCall struct {
	Start       int64 // Unix seconds
	Offset      int32 // added to Start gives the wall clock written in the records
	Recipient   string
	Duration    int64 // the whole call in seconds, -1 when the records do not give it
	BillSec     int64 // the talk time in seconds, -1 when the records do not give it
	Disposition string
	Dongle      string
}

// RecipientTotal is what one number received.
type RecipientTotal struct {
	Number  string `json:"number"`
	BillSec int64  `json:"billsec"`
	Calls   int64  `json:"calls"`
	// NoBillSec counts its calls whose talk time the records do not give,
	// left out of BillSec.
	NoBillSec int64 `json:"calls_without_talk_time,omitempty"`
}

// DongleUse is what one modem carried.
type DongleUse struct {
	Calls    int64  `json:"calls"`
	Answered int64  `json:"answered"`
	BillSec  int64  `json:"billsec"`
	First    Moment `json:"-"`
	Last     Moment `json:"-"`
}

// PBXSummary is a PBX's calls at a glance, every date, hour and weekday of
// the wall clock.
type PBXSummary struct {
	Calls   int64
	BillSec int64
	// NoDuration counts the calls whose whole duration the records do not
	// give (an export with the talk time only); every total here is talk
	// time (billsec), which they do give.
	NoDuration int64
	// NoBillSec counts the calls whose talk time the records do not give
	// (a Kamailio acc_cdrs row, an answered call without its end): every
	// talk-time total here leaves them out.
	NoBillSec int64
	// NoTimes counts the calls with neither (in both counts above): the
	// calls with talk time only are NoDuration - NoTimes.
	NoTimes      int64
	First, Last  Moment
	PerDay       map[string]int64 // "2006-01-02" -> calls
	PerMonth     map[string]int64 // "2006-01" -> calls
	Dispositions map[string]int64
	// HeatCalls and HeatBillSec are calls and talk seconds by weekday
	// (Monday first) and hour of the start.
	HeatCalls, HeatBillSec [7][24]int64
	Recipients             []RecipientTotal // every recipient, most talk time first
	Dongles                map[string]*DongleUse
}

// SummarisePBX counts calls per day, month, disposition, weekday × hour,
// recipient and modem. Calls without a recipient are left out of
// Recipients; calls on no modem out of Dongles. Recipients are ordered by
// talk time (billsec), then calls, then number.
func SummarisePBX(calls []PBXCall) PBXSummary {
	s := PBXSummary{PerDay: map[string]int64{}, PerMonth: map[string]int64{}, Dispositions: map[string]int64{}, Dongles: map[string]*DongleUse{}}
	byNumber := map[string]*RecipientTotal{}
	for _, c := range calls {
		m := Moment{Unix: c.Start, Offset: c.Offset}
		wall := m.Wall()
		if s.Calls == 0 || m.Unix < s.First.Unix {
			s.First = m
		}
		if s.Calls == 0 || m.Unix > s.Last.Unix {
			s.Last = m
		}
		s.Calls++
		bill := c.BillSec
		if bill < 0 {
			s.NoBillSec++
			bill = 0 // unknown: in no total
		}
		s.BillSec += bill
		if c.Duration < 0 {
			s.NoDuration++
			if c.BillSec < 0 {
				s.NoTimes++
			}
		}
		s.PerDay[wall.Format("2006-01-02")]++
		s.PerMonth[wall.Format("2006-01")]++
		s.Dispositions[c.Disposition]++
		wd := (int(wall.Weekday()) + 6) % 7
		s.HeatCalls[wd][wall.Hour()]++
		s.HeatBillSec[wd][wall.Hour()] += bill
		if c.Recipient != "" {
			r := byNumber[c.Recipient]
			if r == nil {
				r = &RecipientTotal{Number: c.Recipient}
				byNumber[c.Recipient] = r
			}
			r.Calls++
			r.BillSec += bill
			if c.BillSec < 0 {
				r.NoBillSec++
			}
		}
		if c.Dongle != "" {
			d := s.Dongles[c.Dongle]
			if d == nil {
				d = &DongleUse{First: m, Last: m}
				s.Dongles[c.Dongle] = d
			}
			d.Calls++
			d.BillSec += bill
			if bill > 0 {
				d.Answered++
			}
			if m.Unix < d.First.Unix {
				d.First = m
			}
			if m.Unix > d.Last.Unix {
				d.Last = m
			}
		}
	}
	for _, r := range byNumber {
		s.Recipients = append(s.Recipients, *r)
	}
	sort.Slice(s.Recipients, func(i, j int) bool {
		a, b := s.Recipients[i], s.Recipients[j]
		if a.BillSec != b.BillSec {
			return a.BillSec > b.BillSec
		}
		if a.Calls != b.Calls {
			return a.Calls > b.Calls
		}
		return a.Number < b.Number
	})
	return s
}

// TopRecipients returns the first n recipients (all when n <= 0).
func (s PBXSummary) TopRecipients(n int) []RecipientTotal {
	if n <= 0 || n >= len(s.Recipients) {
		return s.Recipients
	}
	return s.Recipients[:n]
}

// SortedKeys returns a count map's keys in ascending order (dates and
// months sort as text).
func SortedKeys(m map[string]int64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
