package analysis

import (
	"slices"
	"testing"
	"time"
)

// Five calls checked by hand: two on Monday 2024-03-18 (wall clock, +05:30),
// one on Sunday 2024-03-31, one on Monday 2024-04-01 and one at 23:30 UTC on
// Sunday 2024-03-31 whose wall clock (+05:30) is 05:00 on Monday 2024-04-01.
func TestSummarisePBX(t *testing.T) {
	ist := int32(19800)
	at := func(y int, mo time.Month, d, h, mi int, off int32) int64 {
		return time.Date(y, mo, d, h, mi, 0, 0, time.UTC).Unix() - int64(off)
	}
	calls := []PBXCall{
		{Start: at(2024, 3, 18, 10, 0, ist), Offset: ist, Recipient: "111", BillSec: 60, Duration: 65, Disposition: "ANSWERED", Dongle: "dongle0"},
		{Start: at(2024, 3, 18, 10, 30, ist), Offset: ist, Recipient: "222", BillSec: 0, Duration: 20, Disposition: "NO ANSWER", Dongle: "dongle0"},
		{Start: at(2024, 3, 31, 22, 0, ist), Offset: ist, Recipient: "222", BillSec: 30, Duration: 31, Disposition: "ANSWERED", Dongle: "dongle1"},
		{Start: at(2024, 4, 1, 9, 0, ist), Offset: ist, Recipient: "", BillSec: 0, Duration: 5, Disposition: "FAILED"},
		{Start: time.Date(2024, 3, 31, 23, 30, 0, 0, time.UTC).Unix(), Offset: ist, Recipient: "111", BillSec: 10, Duration: 12, Disposition: "ANSWERED", Dongle: "dongle0"},
	}
	s := SummarisePBX(calls)
	if s.Calls != 5 || s.BillSec != 100 {
		t.Fatalf("calls %d billsec %d", s.Calls, s.BillSec)
	}
	wantDays := map[string]int64{"2024-03-18": 2, "2024-03-31": 1, "2024-04-01": 2}
	for d, n := range wantDays {
		if s.PerDay[d] != n {
			t.Errorf("day %s: %d, want %d", d, s.PerDay[d], n)
		}
	}
	if len(s.PerDay) != 3 || s.PerMonth["2024-03"] != 3 || s.PerMonth["2024-04"] != 2 {
		t.Errorf("per day %v per month %v", s.PerDay, s.PerMonth)
	}
	if s.Dispositions["ANSWERED"] != 3 || s.Dispositions["NO ANSWER"] != 1 || s.Dispositions["FAILED"] != 1 {
		t.Errorf("dispositions %v", s.Dispositions)
	}
	// Monday 10h: 2 calls, 60 s; Sunday 22h: 1 call; Monday 09h and 05h.
	if s.HeatCalls[0][10] != 2 || s.HeatBillSec[0][10] != 60 || s.HeatCalls[6][22] != 1 || s.HeatCalls[0][9] != 1 || s.HeatCalls[0][5] != 1 || s.HeatBillSec[0][5] != 10 {
		t.Errorf("heat: mon10 %d/%d sun22 %d mon9 %d mon5 %d/%d", s.HeatCalls[0][10], s.HeatBillSec[0][10], s.HeatCalls[6][22], s.HeatCalls[0][9], s.HeatCalls[0][5], s.HeatBillSec[0][5])
	}
	// 111: 70 s over 2 calls; 222: 30 s over 2 calls; the call without a
	// recipient is left out.
	want := []RecipientTotal{{"111", 70, 2, 0}, {"222", 30, 2, 0}}
	if len(s.Recipients) != 2 || s.Recipients[0] != want[0] || s.Recipients[1] != want[1] {
		t.Errorf("recipients %v", s.Recipients)
	}
	if top := s.TopRecipients(1); len(top) != 1 || top[0].Number != "111" {
		t.Errorf("top 1 = %v", top)
	}
	d0 := s.Dongles["dongle0"]
	if len(s.Dongles) != 2 || d0.Calls != 3 || d0.Answered != 2 || d0.BillSec != 70 ||
		d0.First.String() != "2024-03-18 10:00:00" || d0.Last.String() != "2024-04-01 05:00:00" {
		t.Errorf("dongle0 %+v first %s last %s", d0, d0.First, d0.Last)
	}
	if s.First.String() != "2024-03-18 10:00:00" || s.Last.String() != "2024-04-01 09:00:00" {
		t.Errorf("span %s .. %s", s.First, s.Last)
	}
}

func TestSummarisePBXEmpty(t *testing.T) {
	s := SummarisePBX(nil)
	if s.Calls != 0 || len(s.Recipients) != 0 || len(s.PerDay) != 0 || !s.First.IsZero() {
		t.Errorf("%+v", s)
	}
}

// A call whose talk time the records do not give (-1) is in no talk-time
// total and is counted apart: calls of 60 s, unknown and 30 s to 111 and
// one unknown to 222 give 90 s in all, 2 unknown; 111 90 s with 1
// unknown, 222 0 s with 1 unknown; the heat map's Monday 10:00 90 s.
func TestSummarisePBXUnknownTalkTime(t *testing.T) {
	mon10 := int64(1709546400) // Monday 2024-03-04 10:00:00 UTC
	s := SummarisePBX([]PBXCall{
		{Start: mon10, Recipient: "111", Duration: 65, BillSec: 60},
		{Start: mon10 + 60, Recipient: "111", Duration: 150, BillSec: -1},
		{Start: mon10 + 120, Recipient: "111", Duration: -1, BillSec: 30},
		{Start: mon10 + 180, Recipient: "222", Duration: 40, BillSec: -1},
	})
	if s.Calls != 4 || s.BillSec != 90 || s.NoBillSec != 2 || s.NoDuration != 1 || s.HeatBillSec[0][10] != 90 {
		t.Errorf("calls %d, talk %d, unknown talk %d, unknown duration %d, heat %d", s.Calls, s.BillSec, s.NoBillSec, s.NoDuration, s.HeatBillSec[0][10])
	}
	want := []RecipientTotal{{"111", 90, 3, 1}, {"222", 0, 1, 1}}
	if !slices.Equal(s.Recipients, want) {
		t.Errorf("recipients %v, want %v", s.Recipients, want)
	}
}
