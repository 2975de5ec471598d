package analysis

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// contactsFixture: A has 40 events over 10 evenings (hours 18..23) on two
// keys. The planted contact B2 answers each one 5..20 s later on the same
// key. The decoy B1 has 50x as many events (2000) spread independently over
// the same evenings and keys.
func contactsFixture() (a, planted, decoy, stranger []Event) {
	const day = 86400
	r := rand.New(rand.NewPCG(2018, 6))
	keys := []string{"WhatsApp", "Web (HTTPS)"}
	at := func(d, h int, sec int64) (int64, int8) { return int64(d*day+h*3600) + sec, int8(h) }
	for i := range 40 {
		start, hour := at(i%10, 18+(i*7)%6, r.Int64N(3500))
		a = append(a, Event{Start: start, Key: keys[i%2], Hour: hour, Ref: i})
		planted = append(planted, Event{Start: start + 5 + int64(i%16), Key: keys[i%2], Hour: hour, Ref: i})
	}
	for i := range 2000 {
		start, hour := at(r.IntN(10), 18+r.IntN(6), r.Int64N(3600))
		decoy = append(decoy, Event{Start: start, Key: keys[r.IntN(2)], Hour: hour, Ref: i})
	}
	for i := range 30 { // only on a key A never uses
		start, hour := at(i%10, 20, int64(i))
		stranger = append(stranger, Event{Start: start, Key: "Skype", Hour: hour, Ref: i})
	}
	return a, planted, decoy, stranger
}

// nearOnly keeps the events of b within window of some event of a on the
// same key (what a query for candidates would fetch).
func nearOnly(a, b []Event, window int64) []Event {
	var out []Event
	for _, y := range b {
		for _, x := range a {
			if x.Key == y.Key && y.Start-x.Start <= window && x.Start-y.Start <= window {
				out = append(out, y)
				break
			}
		}
	}
	return out
}

func TestRankContactsIsChanceCorrected(t *testing.T) {
	const days, window = 10, 180
	a, planted, decoy, stranger := contactsFixture()
	sa := NewSide(a)
	plantedRaw, _ := Count(sa, NewSide(planted), window)
	decoyRaw, _ := Count(sa, NewSide(decoy), window)
	if decoyRaw <= plantedRaw {
		t.Fatalf("fixture: the decoy must have more raw pairs (%d) than the planted contact (%d)", decoyRaw, plantedRaw)
	}
	candidates := []Candidate{
		{ID: "stranger", Near: nearOnly(a, stranger, window), Profile: NewSide(stranger).Profile()},
		{ID: "decoy", Near: nearOnly(a, decoy, window), Profile: NewSide(decoy).Profile()},
		{ID: "planted", Near: planted, Profile: NewSide(planted).Profile()},
		{ID: "absent", Profile: HourProfile{}},
	}
	got := RankContacts(sa, candidates, days, window)
	var order []string
	for _, c := range got {
		order = append(order, c.ID)
	}
	if len(order) != 4 || order[0] != "planted" || order[1] != "decoy" || order[2] != "absent" || order[3] != "stranger" {
		t.Fatalf("order = %q, want planted, decoy, then the zero-pair candidates by ID", order)
	}
	full := map[string][]Event{"planted": planted, "decoy": decoy, "stranger": stranger, "absent": nil}
	for _, c := range got {
		side := NewSide(full[c.ID])
		pairs, perKey := Count(sa, side, window)
		expected, _ := Expected(sa.Profile(), side.Profile(), days, window)
		p, score := Surprise(pairs, expected)
		if c.Pairs != pairs || c.Expected != expected || c.P != p || c.Score != score || len(c.PerKey) != len(perKey) {
			t.Errorf("%s: contact %+v disagrees with Count %d / Expected %g / Surprise %g %g", c.ID, c, pairs, expected, p, score)
		}
		if c.Expected > 0 && c.Ratio != float64(c.Pairs)/c.Expected {
			t.Errorf("%s: Ratio %g", c.ID, c.Ratio)
		}
	}
	pl, de := got[0], got[1]
	if pl.Pairs != plantedRaw || de.Pairs != decoyRaw {
		t.Errorf("pairs planted %d decoy %d, want %d %d", pl.Pairs, de.Pairs, plantedRaw, decoyRaw)
	}
	// The decoy is about as busy as chance predicts; the planted pair is not.
	if de.Ratio < 0.6 || de.Ratio > 1.6 || de.Score > 5 {
		t.Errorf("decoy ratio %.2f score %.1f: want near chance", de.Ratio, de.Score)
	}
	if pl.Ratio < 10 || pl.Score < 30 {
		t.Errorf("planted ratio %.2f score %.1f: want far above chance", pl.Ratio, pl.Score)
	}
	for _, c := range got[2:] {
		if c.Pairs != 0 || c.Score != 0 || c.P != 1 {
			t.Errorf("%s: %+v, want 0 pairs, score 0", c.ID, c)
		}
	}
	if got[3].Expected != 0 || got[3].Ratio != 0 {
		t.Errorf("stranger shares no key with A: Expected %g Ratio %g", got[3].Expected, got[3].Ratio)
	}
	t.Logf("planted: %d pairs, E %.2f, score %.1f; decoy: %d pairs, E %.2f, score %.2f",
		pl.Pairs, pl.Expected, pl.Score, de.Pairs, de.Expected, de.Score)
}

func TestRankContactsTieBreaks(t *testing.T) {
	var aEvents, many []Event
	for i := range 60 {
		aEvents = append(aEvents, Event{Key: "W", Start: int64(i * 1000), Hour: 1, Ref: i})
		many = append(many, Event{Key: "W", Start: int64(i * 1000), Hour: 1, Ref: i})
	}
	a := NewSide(aEvents)
	one := many[:1]
	prof := NewSide(one).Profile()
	// Without a profile Expected is 0 (floored to 1e-9), so 40 and 60 pairs
	// both reach the score cap: Pairs decides. Equal scores and pairs: ID.
	got := RankContacts(a, []Candidate{
		{ID: "b", Near: one, Profile: prof},
		{ID: "forty", Near: many[:40]},
		{ID: "a", Near: one, Profile: prof},
		{ID: "sixty", Near: many},
	}, 1, 10)
	var order []string
	for _, c := range got {
		order = append(order, c.ID)
	}
	if fmt.Sprint(order) != "[sixty forty a b]" {
		t.Errorf("order = %q, want [sixty forty a b]", order)
	}
	if got[0].Score != MaxScore || got[1].Score != MaxScore || got[2].Score != got[3].Score {
		t.Errorf("scores %g %g %g %g", got[0].Score, got[1].Score, got[2].Score, got[3].Score)
	}
}

// TestRankContactsZeroPairsLast: a candidate with one pair but an enormous
// expectation scores 0 too; it still ranks above the candidates with no
// pair at all, whatever their IDs.
func TestRankContactsZeroPairsLast(t *testing.T) {
	var aEvents []Event
	for i := range 60 {
		aEvents = append(aEvents, Event{Key: "W", Start: int64(i * 1000), Hour: 1, Ref: i})
	}
	a := NewSide(aEvents)
	var crowd [24]int
	crowd[1] = 1_000_000_000
	got := RankContacts(a, []Candidate{
		{ID: "aaa"},
		{ID: "zzz-busy", Near: aEvents[:1], Profile: HourProfile{"W": &crowd}},
	}, 1, 10)
	if got[0].ID != "zzz-busy" || got[0].Pairs != 1 || got[0].Score != 0 || got[1].ID != "aaa" {
		t.Errorf("got %+v, want the 1-pair candidate (score %g) before the 0-pair one", got, got[0].Score)
	}
}
