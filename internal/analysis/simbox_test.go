package analysis

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"slices"
	"strings"
	"testing"
)

// Hand-built SIMs; the expected features and scores below are computed by
// hand from these counts and the default rule book.
var (
	boxLike = SIMActivity{SubscriberID: 1, MSISDN: "100", VoiceOut: 300, Records: 300, DistinctCalled: 270,
		NightCalls: 90, NightDistinct: 85, ActiveDays: 10, DurationSum: 36000, DurationCalls: 300,
		Cells: []CellRecords{{1, "C1", 300}}}
	honest = SIMActivity{SubscriberID: 2, MSISDN: "200", VoiceOut: 40, VoiceIn: 35, SMSOut: 20, SMSIn: 25, Records: 120,
		DistinctCalled: 12, NightCalls: 2, NightDistinct: 2, ActiveDays: 14, DurationSum: 4000, DurationCalls: 40,
		Cells: []CellRecords{{2, "C2", 30}, {1, "C1", 60}, {4, "C4", 10}, {3, "C3", 20}}}
	smsOnly = SIMActivity{SubscriberID: 3, MSISDN: "300", SMSIn: 5, SMSOut: 3, Records: 8, ActiveDays: 2,
		Cells: []CellRecords{{2, "C2", 8}}}
	oneCall = SIMActivity{SubscriberID: 4, MSISDN: "400", VoiceOut: 1, Records: 1, DistinctCalled: 1, ActiveDays: 1,
		DurationSum: 30, DurationCalls: 1, Cells: []CellRecords{{1, "C1", 1}}}
	noCells = SIMActivity{SubscriberID: 5, MSISDN: "500", VoiceOut: 50, Records: 50, DistinctCalled: 45, ActiveDays: 5}
)

// testRules is the rule book the hand computations below use (kept apart
// from the defaults, which are data the analyst may change).
const testRules = `{
  "night": {"from": "22:00", "to": "06:00"},
  "min_outgoing_calls": 10,
  "threshold": 50,
  "rules": [
    {"feature": "cells", "op": "<=", "value": 2, "weight": 15, "why": "little or no mobility"},
    {"feature": "top_cell_share", "op": ">=", "value": 0.9, "weight": 10, "why": "one cell"},
    {"feature": "incoming_share", "op": "<=", "value": 0.05, "weight": 15, "why": "no incoming calls"},
    {"feature": "sms_share", "op": "<=", "value": 0.01, "weight": 10, "why": "no SMS"},
    {"feature": "distinct_ratio", "op": ">=", "value": 0.6, "weight": 15, "why": "many distinct numbers"},
    {"feature": "night_distinct_per_day", "op": ">=", "value": 1, "weight": 10, "why": "night calls to distinct numbers"},
    {"feature": "calls_per_day", "op": ">=", "value": 15, "weight": 10, "why": "heavy traffic"}
  ],
  "neighbours": {"suspect_score": 50, "min_other_suspects": 2, "min_own_score": 25, "weight": 15, "why": "suspects around"}
}`

func rules(t *testing.T, js string) SimBoxConfig {
	t.Helper()
	c, err := ParseSimBoxConfig([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestFeatures(t *testing.T) {
	tests := []struct {
		name string
		in   SIMActivity
		want SIMFeatures
	}{
		{"box-like", boxLike, SIMFeatures{Cells: 1, TopCellID: 1, TopCell: "C1", TopCellRecords: 300, CellRecords: 300, TopCellShare: 1,
			Outgoing: 300, DistinctCalled: 270, DistinctRatio: 0.9, NightCalls: 90, NightDistinct: 85, ActiveDays: 10,
			NightDistinctPerDay: 8.5, CallsPerDay: 30, MeanDuration: 120, DurationCalls: 300}},
		{"honest", honest, SIMFeatures{Cells: 4, TopCellID: 1, TopCell: "C1", TopCellRecords: 60, CellRecords: 120, TopCellShare: 0.5,
			Outgoing: 40, Incoming: 35, SMS: 45, IncomingShare: 35.0 / 75, SMSShare: 45.0 / 120, DistinctCalled: 12, DistinctRatio: 0.3,
			NightCalls: 2, NightDistinct: 2, ActiveDays: 14, NightDistinctPerDay: 2.0 / 14, CallsPerDay: 40.0 / 14, MeanDuration: 100, DurationCalls: 40}},
		{"SMS only: every call ratio is 0, not NaN", smsOnly, SIMFeatures{Cells: 1, TopCellID: 2, TopCell: "C2", TopCellRecords: 8, CellRecords: 8,
			TopCellShare: 1, SMS: 8, SMSShare: 1, ActiveDays: 2}},
		{"one call", oneCall, SIMFeatures{Cells: 1, TopCellID: 1, TopCell: "C1", TopCellRecords: 1, CellRecords: 1, TopCellShare: 1,
			Outgoing: 1, DistinctCalled: 1, DistinctRatio: 1, ActiveDays: 1, CallsPerDay: 1, MeanDuration: 30, DurationCalls: 1}},
		{"no cell in any record", noCells, SIMFeatures{Outgoing: 50, DistinctCalled: 45, DistinctRatio: 0.9, ActiveDays: 5, CallsPerDay: 10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Features(tt.in)
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
			if _, err := json.Marshal(got); err != nil {
				t.Errorf("features do not encode: %v", err)
			}
		})
	}
}

func TestTopCellTieIsByName(t *testing.T) {
	f := Features(SIMActivity{Cells: []CellRecords{{7, "B", 5}, {9, "A", 5}, {3, "Z", 0}}})
	if f.TopCell != "A" || f.Cells != 2 || f.TopCellShare != 0.5 {
		t.Errorf("got %+v", f)
	}
}

func firedNames(s SIMScore) []string {
	var out []string
	for _, f := range s.Fired {
		out = append(out, f.Feature)
	}
	return out
}

func TestScoreOwnFeatures(t *testing.T) {
	r := ScoreSimBoxes([]SIMActivity{honest, smsOnly, oneCall, boxLike, noCells}, rules(t, testRules))
	type want struct {
		msisdn string
		score  float64
		scored bool
		fired  []string
	}
	wants := []want{
		// every rule: 15+10+15+10+15+10+10
		{"100", 85, true, []string{"cells", "top_cell_share", "incoming_share", "sms_share", "distinct_ratio", "night_distinct_per_day", "calls_per_day"}},
		// no cell known: the two cell rules cannot fire; 10 calls a day < 15
		{"500", 40, true, []string{"incoming_share", "sms_share", "distinct_ratio"}},
		{"200", 0, true, nil},
		{"400", 0, false, nil}, // not scored; ties go to more outgoing calls
		{"300", 0, false, nil},
	}
	if len(r.Subscribers) != len(wants) {
		t.Fatalf("%d results", len(r.Subscribers))
	}
	for i, w := range wants {
		s := r.Subscribers[i]
		if s.MSISDN != w.msisdn || s.Score != w.score || s.Scored != w.scored || !slices.Equal(firedNames(s), w.fired) {
			t.Errorf("rank %d: %s score %g scored %v fired %v; want %+v", i+1, s.MSISDN, s.Score, s.Scored, firedNames(s), w)
		}
	}
	if r.Flagged != 1 || !r.Subscribers[0].Flagged || r.Subscribers[1].Flagged {
		t.Errorf("flagged %d", r.Flagged)
	}
	if n := r.Subscribers[3].Note; n != "not scored: 1 outgoing call, fewer than the 10 needed to judge" {
		t.Errorf("one-call note %q", n)
	}
	if n := r.Subscribers[4].Note; !strings.Contains(n, "0 outgoing calls") {
		t.Errorf("SMS-only note %q", n)
	}
	st := r.Subscribers[0].Fired[0].Statement
	if st != "cells = 1 ≤ 2: little or no mobility (+15)" {
		t.Errorf("statement %q", st)
	}
	if st := r.Subscribers[0].Fired[4].Statement; !strings.HasPrefix(st, "distinct_ratio = 90% ≥ 60%") {
		t.Errorf("statement %q", st)
	}
	if _, err := json.Marshal(r); err != nil {
		t.Fatal(err)
	}
}

// neighbourhood: three box-like SIMs and two weaker ones based in C9, one
// box-like SIM alone in C7.
func neighbourhood() []SIMActivity {
	box := func(id int64, msisdn string, cell int64, name string) SIMActivity {
		a := boxLike
		a.SubscriberID, a.MSISDN, a.Cells = id, msisdn, []CellRecords{{cell, name, 300}}
		return a
	}
	// weak: cells ≤ 2 (+15) and no SMS (+10) = 25; top share 26/30 < 0.9
	weak := SIMActivity{SubscriberID: 20, MSISDN: "W", VoiceOut: 20, VoiceIn: 10, Records: 30, DistinctCalled: 5, ActiveDays: 10,
		Cells: []CellRecords{{9, "C9", 26}, {5, "C5", 4}}}
	// weaker: cells ≤ 2 only (+15): 5 SMS of 35 records, top share 20/35
	weaker := SIMActivity{SubscriberID: 21, MSISDN: "W2", VoiceOut: 20, VoiceIn: 10, SMSIn: 5, Records: 35, DistinctCalled: 5, ActiveDays: 10,
		Cells: []CellRecords{{9, "C9", 20}, {3, "C3", 15}}}
	return []SIMActivity{weaker, box(11, "S3", 9, "C9"), weak, box(10, "S1", 9, "C9"), box(13, "S4", 7, "C7"), box(12, "S2", 9, "C9")}
}

func TestNeighbourRule(t *testing.T) {
	r := ScoreSimBoxes(neighbourhood(), rules(t, testRules))
	type want struct {
		msisdn       string
		base, score  float64
		cellSuspects int64
		suspect      bool
	}
	wants := []want{
		{"S1", 85, 100, 2, true}, // two other suspects in C9 (≥ 2), own 85 ≥ 25: +15
		{"S2", 85, 100, 2, true},
		{"S3", 85, 100, 2, true},
		{"S4", 85, 85, 0, true},  // alone in C7
		{"W", 25, 40, 3, false},  // three suspects in C9, own 25 ≥ 25: +15
		{"W2", 15, 15, 3, false}, // own 15 < 25: not raised
	}
	for i, w := range wants {
		s := r.Subscribers[i]
		if s.MSISDN != w.msisdn || s.BaseScore != w.base || s.Score != w.score || s.Features.CellSuspects != w.cellSuspects || s.Suspect != w.suspect {
			t.Errorf("rank %d: %s base %g score %g cell suspects %d suspect %v; want %+v",
				i+1, s.MSISDN, s.BaseScore, s.Score, s.Features.CellSuspects, s.Suspect, w)
		}
	}
	w := r.Subscribers[4]
	last := w.Fired[len(w.Fired)-1]
	if last.Feature != "cell_suspects" || last.Weight != 15 ||
		last.Statement != "3 other suspects based in top cell C9 (≥ 2), own base score 25 ≥ 25: suspects around (+15)" {
		t.Errorf("neighbour statement %+v", last)
	}
	// Cells at threshold 50: C9 holds the three flagged boxes; based
	// counts {C9: 5, C7: 1} give a median of 3.
	wantCells := []CellSuspicion{
		{CellID: 9, Cell: "C9", SIMs: 5, Based: 5, Suspects: 3, BasedSuspects: 3, Flagged: 3, Crowding: 5.0 / 3},
		{CellID: 7, Cell: "C7", SIMs: 1, Based: 1, Suspects: 1, BasedSuspects: 1, Flagged: 1, Crowding: 1.0 / 3},
		{CellID: 3, Cell: "C3", SIMs: 1},
		{CellID: 5, Cell: "C5", SIMs: 1},
	}
	if !slices.Equal(r.Cells, wantCells) {
		t.Errorf("cells %+v", r.Cells)
	}
	// At 40, W is flagged too, which puts C5 (where W was seen) before C3.
	at40 := r.CellsAt(40)
	if len(at40) != 4 || at40[0].Flagged != 4 || at40[2] != (CellSuspicion{CellID: 5, Cell: "C5", SIMs: 1, Flagged: 1}) {
		t.Errorf("cells at 40: %+v", at40)
	}
	for _, tt := range []struct {
		t    float64
		want int
	}{{101, 0}, {100, 3}, {85.5, 3}, {85, 4}, {50, 4}, {40, 5}, {15, 6}, {0, 6}} {
		if got := r.FlaggedAt(tt.t); got != tt.want {
			t.Errorf("FlaggedAt(%g) = %d, want %d", tt.t, got, tt.want)
		}
	}
	if got := r.CellSIMs(9); len(got) != 5 || r.Subscribers[got[0]].MSISDN != "S1" {
		t.Errorf("CellSIMs(9) = %v", got)
	}
}

// The neighbour rule reads base scores only: a SIM it raises past the
// suspect score does not count as a suspect for the others.
func TestNeighbourRuleIsOnePass(t *testing.T) {
	cfg := rules(t, testRules)
	cfg.Neighbours.SuspectScore = 30 // W (25, raised to 40) is still no suspect
	r := ScoreSimBoxes(neighbourhood(), cfg)
	for _, s := range r.Subscribers {
		if s.MSISDN == "W2" && s.Features.CellSuspects != 3 {
			t.Errorf("W2 sees %d suspects, want 3", s.Features.CellSuspects)
		}
		if s.MSISDN == "W" && s.Suspect {
			t.Error("W became a suspect from its raised score")
		}
	}
}

// FlaggedAt (a binary search) agrees with counting, for random scores and
// SIMs not scored mixed in.
func TestFlaggedAtMatchesCount(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	cfg := rules(t, testRules)
	var acts []SIMActivity
	for i := range 300 {
		out := int64(rng.Intn(40))
		acts = append(acts, SIMActivity{SubscriberID: int64(i), MSISDN: string(rune('a'+i%26)) + string(rune('a'+i/26)),
			VoiceOut: out, VoiceIn: int64(rng.Intn(5)), SMSIn: int64(rng.Intn(2)), DistinctCalled: min(out, int64(rng.Intn(40))),
			ActiveDays: 1 + int64(rng.Intn(5)), Cells: []CellRecords{{int64(rng.Intn(4)), "c", 1 + int64(rng.Intn(9))}}})
	}
	r := ScoreSimBoxes(acts, cfg)
	for th := -5.0; th <= 105; th += 2.5 {
		n := 0
		for _, s := range r.Subscribers {
			if s.Scored && s.Score >= th {
				n++
			}
		}
		if got := r.FlaggedAt(th); got != n {
			t.Errorf("FlaggedAt(%g) = %d, count %d", th, got, n)
		}
	}
	for i := 1; i < len(r.Subscribers); i++ {
		if r.Subscribers[i].Score > r.Subscribers[i-1].Score {
			t.Fatal("not ranked by score")
		}
	}
}

func TestConfusion(t *testing.T) {
	r := ScoreSimBoxes(neighbourhood(), rules(t, testRules))
	boxes := []string{"S1", "S2", "S3", "S4", "GONE"} // GONE left no record: missed
	honestOnes := []string{"W", "W2", "ABSENT"}
	tests := []struct {
		t    float64
		want Confusion
		p, r float64
		pOK  bool
	}{
		{50, Confusion{TP: 4, FN: 1, FP: 0, TN: 3}, 1, 0.8, true},
		{40, Confusion{TP: 4, FN: 1, FP: 1, TN: 2}, 0.8, 0.8, true},
		{15, Confusion{TP: 4, FN: 1, FP: 2, TN: 1}, 4.0 / 6, 0.8, true},
		{101, Confusion{TP: 0, FN: 5, FP: 0, TN: 3}, 0, 0, false},
	}
	for _, tt := range tests {
		c := ConfusionAt(r.Subscribers, boxes, honestOnes, tt.t)
		if c != tt.want {
			t.Errorf("at %g: %+v, want %+v", tt.t, c, tt.want)
		}
		p, ok := c.Precision()
		rec, _ := c.Recall()
		if ok != tt.pOK || math.Abs(p-tt.p) > 1e-12 || math.Abs(rec-tt.r) > 1e-12 {
			t.Errorf("at %g: precision %g (%v) recall %g", tt.t, p, ok, rec)
		}
	}
}

// cell_crowding: SIMs based in the top cell against the median cell.
func TestCellCrowding(t *testing.T) {
	var acts []SIMActivity
	add := func(n int, cell int64, name string) {
		for range n {
			id := int64(len(acts) + 1)
			acts = append(acts, SIMActivity{SubscriberID: id, MSISDN: fmt.Sprintf("%s-%d", name, id), VoiceOut: 1,
				Cells: []CellRecords{{cell, name, 9}, {99, "elsewhere", 1}}})
		}
	}
	add(6, 1, "C1")
	add(2, 2, "C2")
	add(2, 3, "C3")
	add(1, 4, "C4")
	acts = append(acts, SIMActivity{SubscriberID: 50, MSISDN: "no-cell", VoiceOut: 1})
	cfg := rules(t, `{"min_outgoing_calls": 0, "threshold": 15, "neighbours": {"weight": 0},
		"rules": [{"feature": "cell_crowding", "op": ">=", "value": 3, "weight": 15, "why": "crowded"}]}`)
	r := ScoreSimBoxes(acts, cfg)
	// SIMs based per cell: 6, 2, 2, 1 -> median (2+2)/2 = 2
	if r.MedianCellSIMs != 2 {
		t.Fatalf("median %g, want 2", r.MedianCellSIMs)
	}
	want := map[string]struct {
		sims  int64
		crowd float64
		score float64
	}{"C1": {6, 3, 15}, "C2": {2, 1, 0}, "C3": {2, 1, 0}, "C4": {1, 0.5, 0}, "": {0, 0, 0}}
	for _, s := range r.Subscribers {
		w := want[s.Features.TopCell]
		if s.Features.CellSIMs != w.sims || s.Features.CellCrowding != w.crowd || s.Score != w.score {
			t.Errorf("%s: %d SIMs, crowding %g, score %g; want %+v", s.MSISDN, s.Features.CellSIMs, s.Features.CellCrowding, s.Score, w)
		}
	}
	if r.Flagged != 6 {
		t.Errorf("flagged %d, want the 6 SIMs of C1", r.Flagged)
	}
	if st := r.Subscribers[0].Fired[0].Statement; st != "top cell C1 is the top cell of 6 SIMs, 3.0 times the median cell's 2 (≥ 3.0): crowded (+15)" {
		t.Errorf("statement %q", st)
	}
}
