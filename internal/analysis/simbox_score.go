package analysis

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
)

// FiredRule is one reason a SIM scored: the feature, its value, the rule's
// comparison and the points it added, and a sentence saying so.
type FiredRule struct {
	Feature   string  `json:"feature"`
	Value     float64 `json:"value"`
	Op        string  `json:"op"`
	Threshold float64 `json:"threshold"`
	Weight    float64 `json:"weight"`
	Why       string  `json:"why"`
	Statement string  `json:"statement"` // "cells = 1 ≤ 2: little or no mobility… (+15)"
}

// SIMScore is one SIM's result.
type SIMScore struct {
	SubscriberID int64         `json:"subscriber_id"`
	MSISDN       string        `json:"msisdn"`
	Score        float64       `json:"score"`      // BaseScore + the neighbour weight when it fired
	BaseScore    float64       `json:"base_score"` // from the SIM's own features
	Flagged      bool          `json:"flagged"`    // Score ≥ the threshold
	Suspect      bool          `json:"suspect"`    // BaseScore ≥ neighbours.suspect_score (counted in its cell)
	Scored       bool          `json:"scored"`     // false: too little traffic to judge
	Note         string        `json:"note,omitempty"`
	Features     SIMFeatures   `json:"features"`
	Fired        []FiredRule   `json:"fired"`
	Cells        []CellRecords `json:"-"` // the SIM's cells, for the cell view
}

// CellSuspicion is one cell of the cell view.
type CellSuspicion struct {
	CellID        int64   `json:"cell_id"`
	Cell          string  `json:"cell"`
	SIMs          int     `json:"sims"`           // SIMs with a voice record in the cell
	Based         int     `json:"based"`          // SIMs whose top cell it is
	Suspects      int     `json:"suspects"`       // suspects with a record in the cell
	BasedSuspects int     `json:"based_suspects"` // suspects whose top cell it is (the neighbour rule counts these)
	Flagged       int     `json:"flagged"`        // flagged SIMs with a record in the cell, at the threshold
	Crowding      float64 `json:"crowding"`       // Based / the median number of SIMs based in a cell
}

// SimBoxResult is the detector's answer for a case.
type SimBoxResult struct {
	Threshold float64 `json:"threshold"`
	MaxScore  float64 `json:"max_score"`
	// MedianCellSIMs is the median, over the cells that are some SIM's top
	// cell, of the number of SIMs based there (cell_crowding's yardstick).
	MedianCellSIMs float64         `json:"median_cell_sims"`
	Flagged        int             `json:"flagged"`
	Subscribers    []SIMScore      `json:"subscribers"` // highest score first
	Cells          []CellSuspicion `json:"cells"`       // cells with a suspect or a flagged SIM, most suspects first
	Config         SimBoxConfig    `json:"config"`

	cells []cellMembers // every cell, for CellsAt
}

type cellMembers struct {
	id        int64
	name      string
	seen      []int // indexes into Subscribers
	based     []int
	suspects  int
	basedSusp int
}

// ScoreSimBoxes scores every SIM by the rule book (see SimBoxConfig and
// NeighbourRule), ranks them highest score first (ties: scored before not
// scored, then base score, outgoing calls, MSISDN) and counts suspects per cell.
func ScoreSimBoxes(acts []SIMActivity, cfg SimBoxConfig) *SimBoxResult {
	defs := map[string]FeatureDef{}
	for _, d := range SimBoxFeatures() {
		defs[d.Name] = d
	}
	feats := make([]SIMFeatures, len(acts))
	for i, a := range acts {
		feats[i] = Features(a)
	}
	median := crowding(feats)
	subs := make([]SIMScore, len(acts))
	for i, a := range acts {
		subs[i] = baseScore(a, feats[i], median, cfg, defs)
	}
	applyNeighbours(subs, cfg, defs["cell_suspects"])
	slices.SortStableFunc(subs, func(x, y SIMScore) int {
		if c := cmp.Compare(y.Score, x.Score); c != 0 {
			return c
		}
		if x.Scored != y.Scored { // scored first, so FlaggedAt can search
			if x.Scored {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(y.BaseScore, x.BaseScore); c != 0 {
			return c
		}
		if c := cmp.Compare(y.Features.Outgoing, x.Features.Outgoing); c != 0 {
			return c
		}
		return cmp.Compare(x.MSISDN, y.MSISDN)
	})
	r := &SimBoxResult{MaxScore: cfg.MaxScore(), MedianCellSIMs: median, Subscribers: subs, Config: cfg}
	r.cells = members(subs)
	r.SetThreshold(cfg.Threshold)
	return r
}

// crowding fills CellSIMs and CellCrowding: how many SIMs are based in
// each SIM's top cell, against the median cell. It returns the median.
func crowding(feats []SIMFeatures) float64 {
	based := map[int64]int64{}
	for _, f := range feats {
		if f.Cells > 0 {
			based[f.TopCellID]++
		}
	}
	counts := make([]int64, 0, len(based))
	for _, n := range based {
		counts = append(counts, n)
	}
	slices.Sort(counts)
	var median float64
	if n := len(counts); n > 0 {
		median = float64(counts[n/2])
		if n%2 == 0 {
			median = float64(counts[n/2-1]+counts[n/2]) / 2
		}
	}
	for i := range feats {
		if f := &feats[i]; f.Cells > 0 {
			f.CellSIMs = based[f.TopCellID]
			f.CellCrowding = float64(f.CellSIMs) / median
		}
	}
	return median
}

// baseScore applies the rules on the SIM's features (its own and its
// cell's crowding).
func baseScore(a SIMActivity, f SIMFeatures, median float64, cfg SimBoxConfig, defs map[string]FeatureDef) SIMScore {
	s := SIMScore{SubscriberID: a.SubscriberID, MSISDN: a.MSISDN, Features: f, Cells: a.Cells, Fired: []FiredRule{}}
	if s.Features.Outgoing < cfg.MinOutgoingCalls {
		calls := "calls"
		if s.Features.Outgoing == 1 {
			calls = "call"
		}
		s.Note = fmt.Sprintf("not scored: %d outgoing %s, fewer than the %d needed to judge", s.Features.Outgoing, calls, cfg.MinOutgoingCalls)
		return s
	}
	s.Scored = true
	for _, rule := range cfg.Rules {
		def := defs[rule.Feature]
		v, ok := def.Value(&s.Features)
		if !ok || !fires(v, rule.Op, rule.Value) {
			continue
		}
		s.BaseScore += rule.Weight
		fr := fired(def, v, rule.Op, rule.Value, rule.Weight, rule.Why)
		if def.Name == "cell_crowding" {
			fr.Statement = fmt.Sprintf("top cell %s is the top cell of %d SIMs, %.1f times the median cell's %g (%s %s): %s (%+g)",
				f.TopCell, f.CellSIMs, v, median, opSymbol(rule.Op), def.Unit.Format(rule.Value), rule.Why, rule.Weight)
		}
		s.Fired = append(s.Fired, fr)
	}
	s.Suspect = s.BaseScore >= cfg.Neighbours.SuspectScore
	return s
}

func fired(def FeatureDef, v float64, op string, threshold, weight float64, why string) FiredRule {
	return FiredRule{Feature: def.Name, Value: v, Op: op, Threshold: threshold, Weight: weight, Why: why,
		Statement: fmt.Sprintf("%s = %s %s %s: %s (%+g)", def.Name, def.Unit.Format(v), opSymbol(op), def.Unit.Format(threshold), why, weight)}
}

// applyNeighbours counts the suspects based in each cell and applies the
// neighbour rule on base scores (one pass).
func applyNeighbours(subs []SIMScore, cfg SimBoxConfig, def FeatureDef) {
	n := cfg.Neighbours
	based := map[int64]int64{}
	for _, s := range subs {
		if s.Suspect && s.Features.Cells > 0 {
			based[s.Features.TopCellID]++
		}
	}
	for i := range subs {
		s := &subs[i]
		if s.Features.Cells > 0 {
			s.Features.CellSuspects = based[s.Features.TopCellID]
			if s.Suspect {
				s.Features.CellSuspects--
			}
		}
		s.Score = s.BaseScore
		if !s.Scored || s.Features.Cells == 0 || s.BaseScore < n.MinOwnScore || s.Features.CellSuspects < n.MinOtherSuspects {
			continue
		}
		s.Score += n.Weight
		f := fired(def, float64(s.Features.CellSuspects), ">=", float64(n.MinOtherSuspects), n.Weight, n.Why)
		f.Statement = fmt.Sprintf("%d other suspects based in top cell %s (≥ %d), own base score %g ≥ %g: %s (%+g)",
			s.Features.CellSuspects, s.Features.TopCell, n.MinOtherSuspects, s.BaseScore, n.MinOwnScore, n.Why, n.Weight)
		s.Fired = append(s.Fired, f)
	}
}

// members indexes which SIMs are seen in, and based in, each cell.
func members(subs []SIMScore) []cellMembers {
	byID := map[int64]int{}
	var cells []cellMembers
	for i, s := range subs {
		for _, c := range s.Cells {
			if c.Records <= 0 {
				continue
			}
			k, ok := byID[c.CellID]
			if !ok {
				k = len(cells)
				byID[c.CellID] = k
				cells = append(cells, cellMembers{id: c.CellID, name: c.Cell})
			}
			m := &cells[k]
			m.seen = append(m.seen, i)
			if s.Suspect {
				m.suspects++
			}
			if s.Features.Cells > 0 && s.Features.TopCellID == c.CellID {
				m.based = append(m.based, i)
				if s.Suspect {
					m.basedSusp++
				}
			}
		}
	}
	return cells
}

// SetThreshold flags the SIMs scoring at least t and recounts the cells.
func (r *SimBoxResult) SetThreshold(t float64) {
	r.Threshold = t
	r.Flagged = 0
	for i := range r.Subscribers {
		s := &r.Subscribers[i]
		s.Flagged = s.Scored && s.Score >= t
		if s.Flagged {
			r.Flagged++
		}
	}
	r.Cells = r.CellsAt(t)
}

// FlaggedAt counts the SIMs scoring at least t, without changing r (safe
// from several goroutines): the ranking is by score, so it is a search.
func (r *SimBoxResult) FlaggedAt(t float64) int {
	return sort.Search(len(r.Subscribers), func(i int) bool {
		s := r.Subscribers[i]
		return !s.Scored || s.Score < t
	})
}

// CellsAt lists every cell of the SIMs' voice records with its counts at
// threshold t: most suspects based there first, then suspects seen,
// flagged SIMs seen, SIMs based, name. It does not change r.
func (r *SimBoxResult) CellsAt(t float64) []CellSuspicion {
	out := make([]CellSuspicion, 0, len(r.cells))
	for _, m := range r.cells {
		c := CellSuspicion{CellID: m.id, Cell: m.name, SIMs: len(m.seen), Based: len(m.based),
			Suspects: m.suspects, BasedSuspects: m.basedSusp}
		if r.MedianCellSIMs > 0 {
			c.Crowding = float64(c.Based) / r.MedianCellSIMs
		}
		for _, i := range m.seen {
			if s := r.Subscribers[i]; s.Scored && s.Score >= t {
				c.Flagged++
			}
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(x, y CellSuspicion) int {
		for _, d := range [][2]int{{y.BasedSuspects, x.BasedSuspects}, {y.Suspects, x.Suspects}, {y.Flagged, x.Flagged}, {y.Based, x.Based}} {
			if c := cmp.Compare(d[0], d[1]); c != 0 {
				return c
			}
		}
		return cmp.Compare(x.Cell, y.Cell)
	})
	return out
}

// CellSIMs returns the indexes (into Subscribers) of the SIMs seen in a
// cell, in rank order.
func (r *SimBoxResult) CellSIMs(cellID int64) []int {
	for _, m := range r.cells {
		if m.id == cellID {
			return slices.Clone(m.seen)
		}
	}
	return nil
}
