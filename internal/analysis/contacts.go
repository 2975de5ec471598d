package analysis

import (
	"cmp"
	"slices"
)

// Candidate is another subscriber to rank against A.
type Candidate struct {
	ID      string      // the other subscriber (MSISDN)
	Near    []Event     // B's events; may be only those within the window of some A event (others are ignored)
	Profile HourProfile // B's full hour profile over the case (not only Near)
}

// Contact is a candidate's correlation with A: the matches observed, the
// chance model's expectation and how surprising the difference is.
type Contact struct {
	ID       string
	Pairs    int            // matches (Count)
	Expected float64        // chance expectation (Expected)
	Ratio    float64        // Pairs/Expected, 0 if Expected == 0
	P, Score float64        // Surprise(Pairs, Expected)
	PerKey   map[string]int // matches per key (keys with at least one)
}

// RankContacts ranks every candidate against A by the chance-corrected
// score, not by the raw count, so a heavy user who talks to nobody does not
// top the list: best first by Score, then Pairs, then ID. Candidates with 0
// pairs are kept at the end with score 0 (so the analyst sees they were
// considered). Pairs is Count(a, NewSide(Near), window) and Expected is
// Expected(a.Profile(), Profile, days, window), so the numbers agree
// exactly with the pair view of the same two subscribers.
func RankContacts(a *Side, candidates []Candidate, days int, window int64) []Contact {
	profileA := a.Profile()
	out := make([]Contact, 0, len(candidates))
	for _, c := range candidates {
		pairs, perKey := Count(a, NewSide(c.Near), window)
		expected, _ := Expected(profileA, c.Profile, days, window)
		ratio := 0.0
		if expected > 0 {
			ratio = float64(pairs) / expected
		}
		p, score := Surprise(pairs, expected)
		out = append(out, Contact{ID: c.ID, Pairs: pairs, Expected: expected, Ratio: ratio,
			P: p, Score: score, PerKey: perKey})
	}
	// Scores are >= 0 and a candidate without pairs scores exactly 0, so
	// ordering by Score then Pairs puts the zero-pair candidates last.
	slices.SortFunc(out, func(x, y Contact) int {
		if c := cmp.Compare(y.Score, x.Score); c != 0 {
			return c
		}
		if c := cmp.Compare(y.Pairs, x.Pairs); c != 0 {
			return c
		}
		return cmp.Compare(x.ID, y.ID)
	})
	return out
}
