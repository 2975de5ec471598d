package analysis

import (
	"slices"
	"testing"
	"time"
)

// ts is a wall time on 2024-03-18 (a Monday) plus days, as Unix seconds
// with a zero offset.
func cts(day int, clock string) int64 {
	t, err := time.Parse("15:04:05", clock)
	if err != nil {
		panic(err)
	}
	return time.Date(2024, 3, 18+day, t.Hour(), t.Minute(), t.Second(), 0, time.UTC).Unix()
}

func cev(day int, clock, typ, other, key string, dur int64, cell string) CallEvent {
	return CallEvent{Start: cts(day, clock), Type: typ, Other: other, OtherKey: key, Duration: dur, CellKey: cell}
}

func TestContactsByCallsHandCounted(t *testing.T) {
	recs := []CallEvent{
		cev(0, "10:00:00", "VOICE_OUT", "9812345678", "919812345678", 60, "404-10-1-1"),
		cev(0, "23:00:00", "VOICE_IN", "+91 98123 45678", "919812345678", 30, "404-10-1-2"),
		cev(1, "09:00:00", "SMS_OUT", "9812345678", "919812345678", 0, "404-10-1-1"),
		cev(1, "09:30:00", "SMS_IN", "VM-HDFCBK", "", 0, "404-10-1-1"),
		cev(1, "09:31:00", "SMS_IN", "VM-HDFCBK", "", 0, "404-10-1-1"),
		cev(2, "12:00:00", "VOICE_OUT", "00447700900123", "447700900123", 7, ""),
		cev(2, "12:05:00", "VOICE_OUT", "", "", 7, ""),
	}
	cs := ContactsByCalls(recs)
	if len(cs) != 3 {
		t.Fatalf("%d contacts: %+v", len(cs), cs)
	}
	c := cs[0]
	if c.Key != "919812345678" || c.Number != "9812345678" || !slices.Equal(c.Forms, []string{"+91 98123 45678", "9812345678"}) ||
		c.CallsOut != 1 || c.CallsIn != 1 || c.SMSOut != 1 || c.SMSIn != 0 || c.TalkS != 90 || c.Records != 3 ||
		c.Night != 1 || c.NightPct != 1.0/3 || c.FirstW != "2024-03-18 10:00:00" || c.LastW != "2024-03-19 09:00:00" ||
		!slices.Equal(c.Cells, []string{"404-10-1-1", "404-10-1-2"}) || c.Country != "91" {
		t.Errorf("first contact %+v", c)
	}
	if cs[1].Key != "447700900123" || cs[1].CallsOut != 1 || cs[1].TalkS != 7 || cs[1].Country != "44" || len(cs[1].Cells) != 0 {
		t.Errorf("second %+v", cs[1])
	}
	// The alphanumeric sender has more records than the UK number but is grouped after the numbers.
	if !cs[2].Alpha || cs[2].Number != "VM-HDFCBK" || cs[2].SMSIn != 2 {
		t.Errorf("sender %+v", cs[2])
	}
	if !SortContacts(cs, "talk") || cs[0].TalkS != 90 || cs[1].TalkS != 7 || !cs[2].Alpha {
		t.Errorf("by talk %+v", cs)
	}
	if !SortContacts(cs, "number") || cs[0].Number != "00447700900123" {
		t.Errorf("by number %+v", cs[0])
	}
	if SortContacts(cs, "colour") {
		t.Error("unknown column accepted")
	}
	intl := International(cs, "91")
	if len(intl) != 1 || intl[0].Code != "44" || intl[0].Country != "United Kingdom" || intl[0].CallsOut != 1 || intl[0].Numbers[0] != "00447700900123" {
		t.Errorf("international %+v", intl)
	}
}

func contact(key string, n int) CallContact {
	return CallContact{Number: key, Key: key, CallsOut: n}
}

func TestCommonNumbersAndBridges(t *testing.T) {
	subs := []string{"A", "B", "C"}
	contacts := [][]CallContact{
		{contact("X", 3), contact("Y", 1), contact("B", 2)},
		{contact("X", 1), contact("A", 2), contact("Z", 9)},
		{contact("X", 2), contact("Y", 4), contact("A", 1)},
	}
	got := CommonNumbers(subs, contacts, 2)
	// X: A,B,C (6); A: B,C (3, a suspect); Y: A,C (5). Z only B.
	if len(got) != 3 || got[0].Number != "X" || got[0].Count != 3 || got[0].Total != 6 || !slices.Equal(got[0].Linked, subs) ||
		got[1].Number != "Y" || got[1].Count != 2 || got[1].Per["C"] != 4 ||
		got[2].Number != "A" || !got[2].Suspect || got[2].Total != 3 {
		t.Fatalf("common %+v", got)
	}
	if n := CommonNumbers(subs, contacts, 3); len(n) != 1 || n[0].Number != "X" {
		t.Fatalf("min 3: %+v", n)
	}
	// Groups {A, B} and {C, D}: X touches A, B, C; Y touches A, C; B is in group 1 and D calls B.
	g1, g2 := []string{"A", "B"}, []string{"C", "D"}
	c1 := [][]CallContact{{contact("X", 1), contact("Y", 1)}, {contact("X", 1)}}
	c2 := [][]CallContact{{contact("X", 1), contact("Y", 1)}, {contact("B", 5)}}
	br := Bridges(g1, g2, c1, c2)
	if len(br) != 3 || br[0].Number != "X" || !slices.Equal(br[0].Group1, g1) || !slices.Equal(br[0].Group2, []string{"C"}) ||
		br[1].Number != "B" || br[1].Member != 1 || br[1].Total != 5 || br[2].Number != "Y" {
		t.Fatalf("bridges %+v", br)
	}
}

func TestSilencesAgainstOwnBaseline(t *testing.T) {
	var acts []Activity
	// Five days with records at 08:00, 14:00 and 22:00: the longest gap of
	// each day is 10 h (22:00 to 08:00); then nothing from day 5 08:00
	// to day 7 14:00 (54 h).
	for d := range 6 {
		for _, c := range []string{"08:00:00", "14:00:00", "22:00:00"} {
			if d == 5 && c != "08:00:00" {
				continue
			}
			acts = append(acts, Activity{Start: cts(d, c), Kind: "voice", What: "x", Line: int64(len(acts) + 2)})
		}
	}
	acts = append(acts, Activity{Start: cts(7, "14:00:00"), Kind: "data", What: "y", Line: 99})
	s, base := Silences(acts)
	if base.UsualHours != 10 || base.ThresholdHours != 30 {
		t.Fatalf("baseline %+v", base)
	}
	if len(s) != 1 || s[0].Hours != 54 || s[0].FromW != "2024-03-23 08:00:00" || s[0].ToW != "2024-03-25 14:00:00" ||
		s[0].Before.Line != 17 || s[0].After.Line != 99 || s[0].Ratio != 5.4 {
		t.Fatalf("silences %+v", s)
	}
}

func TestBurstsAgainstTheHourOfDay(t *testing.T) {
	var recs []CallEvent
	// One call at 10:00 every day for 10 days; on day 4, twelve calls in the 15:00 hour.
	for d := range 10 {
		recs = append(recs, cev(d, "10:00:00", "VOICE_OUT", "1", "", 10, ""))
	}
	for i := range 12 {
		recs = append(recs, cev(4, "15:0"+string(rune('0'+i%10))+":00", "VOICE_OUT", "1", "", 10, ""))
	}
	b := Bursts(recs)
	// Expected at 15:00 is 12/10 = 1.2 a day; P(X >= 12 | 1.2) = 6.21e-9
	// (e^-1.2 sum 1.2^k/k!, k >= 12), times 240 hours = 1.49e-6: score 5.83.
	if len(b) != 1 || b[0].HourW != "2024-03-22 15:00:00" || b[0].Records != 12 || b[0].Expected != 1.2 || b[0].Score != 5.83 {
		t.Fatalf("bursts %+v", b)
	}
}

func TestChainsWithChance(t *testing.T) {
	var aCalls []CallEvent
	bCalls := map[string][]CallEvent{}
	// Over 10 days A calls B at 09:00 (60 s) and B calls C at 09:10 on 6 of them;
	// B calls D at 20:00 every day (habit, unrelated to A); B calls A back at 09:05 (not a chain).
	for d := range 10 {
		aCalls = append(aCalls, cev(d, "09:00:00", "VOICE_OUT", "B", "B", 60, ""))
		if d < 6 {
			bCalls["B"] = append(bCalls["B"], cev(d, "09:10:00", "VOICE_OUT", "C", "C", 30, ""))
		}
		bCalls["B"] = append(bCalls["B"], cev(d, "09:05:00", "VOICE_OUT", "A", "A", 30, ""),
			cev(d, "20:00:00", "VOICE_OUT", "D", "D", 30, ""))
	}
	slices.SortFunc(bCalls["B"], func(x, y CallEvent) int { return int(x.Start - y.Start) })
	ch := Chains("A", aCalls, bCalls, 30*60, 2)
	if len(ch) != 1 || ch[0].B != "B" || ch[0].C != "C" || ch[0].Count != 6 || len(ch[0].Examples) != 5 || ch[0].Examples[0].LagS != 540 {
		t.Fatalf("chains %+v", ch)
	}
	// Shifted by k days, B's 09:10 calls (days 0..5) land on days k..k+5 mod 10:
	// always 6 of them still fall 10 minutes after an A call, since A calls every day.
	if ch[0].Expected != 6 {
		t.Fatalf("expected %v (A calls daily, so the shift keeps every match)", ch[0].Expected)
	}
	// Now A calls only on days 0..5.
	aCalls = aCalls[:6]
	ch = Chains("A", aCalls, bCalls, 30*60, 2)
	// By hand: B's 09:10 days {0..5} shifted by k (mod 10) overlap A's days {0..5} in
	// |{0..5} ∩ {k..k+5 mod 10}|, k=1..9: 5,4,3,2,2,2,3,4,5 = 30; mean 30/9.
	if len(ch) != 1 || ch[0].Count != 6 || ch[0].Expected != 3.333 || ch[0].Score <= 0 {
		t.Fatalf("chains %+v", ch)
	}
}

func TestRoamingSpells(t *testing.T) {
	recs := []CallEvent{
		cev(0, "10:00:00", "VOICE_OUT", "1", "", 1, "404-10-1-1"),
		cev(1, "10:00:00", "VOICE_OUT", "1", "", 1, "424-02-5-7"),
		cev(1, "11:00:00", "VOICE_OUT", "1", "", 1, ""),
		cev(2, "10:00:00", "SMS_IN", "1", "", 0, "424-02-5-8"),
		cev(3, "10:00:00", "VOICE_OUT", "1", "", 1, "405-20-1-1"),
	}
	r := Roaming(recs, []string{"404", "405"})
	if len(r) != 1 || r[0].Network != "424-02" || r[0].Country != "United Arab Emirates" || r[0].Records != 2 ||
		r[0].From != "2024-03-19 10:00:00" || r[0].To != "2024-03-20 10:00:00" || len(r[0].Cells) != 2 {
		t.Fatalf("roaming %+v", r)
	}
}
