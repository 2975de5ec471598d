package analysis

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// SimBoxConfig is the SIM-box detector's rule book: every weight and
// threshold the score uses, kept as data (simbox_default.json) so that the
// analyst can read, change and produce in evidence exactly what was applied.
//
// The score of a SIM is the sum of the weights of its rules that fire, plus
// the neighbour weight when the neighbour rule fires. A SIM with fewer than
// MinOutgoingCalls outgoing calls is not scored (too little traffic to
// judge). A SIM is flagged when its score is at least Threshold.
type SimBoxConfig struct {
	Night            NightConfig   `json:"night"`
	MinOutgoingCalls int64         `json:"min_outgoing_calls"`
	Threshold        float64       `json:"threshold"`
	Rules            []SimBoxRule  `json:"rules"`
	Neighbours       NeighbourRule `json:"neighbours"`
}

// NightConfig is the night window on the wall clock written in the
// evidence, "HH:MM" or "HH:MM:SS": a call is at night when its start is at
// or after From and before To (the window may wrap past midnight).
type NightConfig struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// SimBoxRule adds Weight to a SIM's score when its Feature compares with
// Value by Op (one of >=, <=, >, <). A feature that is unknown for the SIM
// (a cell share when no record has a cell) never fires.
type SimBoxRule struct {
	Feature string  `json:"feature"`
	Op      string  `json:"op"`
	Value   float64 `json:"value"`
	Weight  float64 `json:"weight"`
	Why     string  `json:"why"`
}

// NeighbourRule is the paper's "many subscribers in one cell with
// suspicious activity": after every SIM has its own (base) score, a SIM
// whose base score is at least SuspectScore is a suspect, and each SIM is
// based in its top cell. A SIM with a base score of at least MinOwnScore
// gains Weight when at least MinOtherSuspects OTHER suspects are based in
// its top cell. The rule is applied once, on base scores only (a SIM raised
// by it does not raise others in turn), so the result does not depend on
// the order SIMs are looked at.
type NeighbourRule struct {
	SuspectScore     float64 `json:"suspect_score"`
	MinOtherSuspects int64   `json:"min_other_suspects"`
	MinOwnScore      float64 `json:"min_own_score"`
	Weight           float64 `json:"weight"`
	Why              string  `json:"why"`
}

//go:embed simbox_default.json
var defaultSimBoxJSON []byte

// DefaultSimBoxJSON returns the default rule book as written (to start an
// analyst's own file from).
func DefaultSimBoxJSON() []byte { return bytes.Clone(defaultSimBoxJSON) }

// DefaultSimBoxConfig returns the default rule book.
func DefaultSimBoxConfig() SimBoxConfig {
	var c SimBoxConfig
	if err := decodeSimBoxConfig(defaultSimBoxJSON, &c); err != nil {
		panic("analysis: embedded simbox_default.json is invalid: " + err.Error())
	}
	if err := c.Validate(); err != nil {
		panic("analysis: embedded simbox_default.json is invalid: " + err.Error())
	}
	return c
}

// ParseSimBoxConfig reads a rule book over the defaults: a key the file
// omits keeps its default, and a "rules" list given replaces the default
// rules whole. Unknown keys, unknown features and malformed values are
// errors (a typo must not silently drop a rule).
func ParseSimBoxConfig(data []byte) (SimBoxConfig, error) {
	c := DefaultSimBoxConfig()
	defaults := c.Rules
	// The decoder would decode into the default rules' elements in place,
	// leaving a default "why" under a rule that omits it: start empty.
	c.Rules = nil
	if err := decodeSimBoxConfig(data, &c); err != nil {
		return SimBoxConfig{}, err
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(data, &keys); err == nil {
		if _, given := keys["rules"]; !given {
			c.Rules = defaults
		}
	}
	if err := c.Validate(); err != nil {
		return SimBoxConfig{}, err
	}
	return c, nil
}

func decodeSimBoxConfig(data []byte, c *SimBoxConfig) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(c); err != nil {
		return fmt.Errorf("SIM-box config: %w", err)
	}
	if dec.More() {
		return errors.New("SIM-box config: text after the JSON object")
	}
	return nil
}

// Validate checks a rule book.
func (c SimBoxConfig) Validate() error {
	var errs []error
	if _, err := c.NightWindow(); err != nil {
		errs = append(errs, err)
	}
	if c.MinOutgoingCalls < 0 {
		errs = append(errs, errors.New("min_outgoing_calls must not be negative"))
	}
	for i, r := range c.Rules {
		if _, ok := SimBoxFeature(r.Feature); !ok {
			errs = append(errs, fmt.Errorf("rule %d: unknown feature %q (known: %s)", i+1, r.Feature, strings.Join(featureNames(), ", ")))
		}
		if !validOp(r.Op) {
			errs = append(errs, fmt.Errorf("rule %d: op %q must be one of >=, <=, >, <", i+1, r.Op))
		}
	}
	if c.Neighbours.MinOtherSuspects < 0 {
		errs = append(errs, errors.New("neighbours.min_other_suspects must not be negative"))
	}
	if len(errs) > 0 {
		return fmt.Errorf("SIM-box config: %w", errors.Join(errs...))
	}
	return nil
}

func featureNames() []string {
	var out []string
	for _, d := range SimBoxFeatures() {
		out = append(out, d.Name)
	}
	return out
}

func validOp(op string) bool { return op == ">=" || op == "<=" || op == ">" || op == "<" }

// fires reports whether v op threshold holds.
func fires(v float64, op string, threshold float64) bool {
	switch op {
	case ">=":
		return v >= threshold
	case "<=":
		return v <= threshold
	case ">":
		return v > threshold
	case "<":
		return v < threshold
	}
	return false
}

// opSymbol writes an operator as a reader expects it.
func opSymbol(op string) string {
	switch op {
	case ">=":
		return "≥"
	case "<=":
		return "≤"
	}
	return op
}

// MaxScore is the highest score the rule book can give (the sum of the
// positive weights).
func (c SimBoxConfig) MaxScore() float64 {
	total := max(0, c.Neighbours.Weight)
	for _, r := range c.Rules {
		total += max(0, r.Weight)
	}
	return total
}

// NightWindow returns the night window in seconds of the day.
func (c SimBoxConfig) NightWindow() (ClockWindow, error) {
	from, err := ParseClock(c.Night.From)
	if err != nil {
		return ClockWindow{}, fmt.Errorf("night.from: %w", err)
	}
	to, err := ParseClock(c.Night.To)
	if err != nil {
		return ClockWindow{}, fmt.Errorf("night.to: %w", err)
	}
	if from == to {
		return ClockWindow{}, fmt.Errorf("night window %s-%s is empty", c.Night.From, c.Night.To)
	}
	return ClockWindow{From: from, To: to}, nil
}

// ClockWindow is a window of the wall clock in seconds of the day
// (0..86399): From is inside, To is not. When From > To the window wraps
// past midnight (22:00-06:00).
type ClockWindow struct{ From, To int64 }

// Contains reports whether a second of the day is in the window.
func (w ClockWindow) Contains(secondOfDay int64) bool {
	if w.From <= w.To {
		return secondOfDay >= w.From && secondOfDay < w.To
	}
	return secondOfDay >= w.From || secondOfDay < w.To
}

// Wraps reports whether the window crosses midnight.
func (w ClockWindow) Wraps() bool { return w.From > w.To }

// String writes the window as "22:00:00-06:00:00".
func (w ClockWindow) String() string { return clock(w.From) + "-" + clock(w.To) }

func clock(s int64) string { return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60) }

// SecondOfDay is the second of the wall-clock day of an instant.
func SecondOfDay(unix int64, offset int32) int64 {
	wall := unix + int64(offset)
	return (wall%86400 + 86400) % 86400
}

// ParseClock reads "HH:MM" or "HH:MM:SS" (00:00 to 24:00) as seconds of
// the day.
func ParseClock(s string) (int64, error) {
	parts := strings.Split(strings.TrimSpace(s), ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, fmt.Errorf("%q is not a time of day (HH:MM or HH:MM:SS)", s)
	}
	limits := []int64{24, 59, 59}
	var total int64
	for i, p := range parts {
		n, err := strconv.ParseInt(p, 10, 64)
		if err != nil || n < 0 || n > limits[i] || len(p) > 2 {
			return 0, fmt.Errorf("%q is not a time of day (HH:MM or HH:MM:SS)", s)
		}
		total = total*60 + n
	}
	if len(parts) == 2 {
		total *= 60
	}
	if total > 86400 {
		return 0, fmt.Errorf("%q is past 24:00", s)
	}
	return total % 86400, nil
}

// Describe writes the rule book in words, one line per rule, for the
// record of what was applied.
func (c SimBoxConfig) Describe() []string {
	w, _ := c.NightWindow()
	lines := []string{
		fmt.Sprintf("night: %s wall clock (from inclusive, to exclusive)", w),
		fmt.Sprintf("a SIM with fewer than %d outgoing calls is not scored", c.MinOutgoingCalls),
	}
	for _, r := range c.Rules {
		def, _ := SimBoxFeature(r.Feature)
		lines = append(lines, fmt.Sprintf("%+g if %s %s %s: %s", r.Weight, r.Feature, opSymbol(r.Op), def.Unit.Format(r.Value), r.Why))
	}
	n := c.Neighbours
	lines = append(lines, fmt.Sprintf("%+g if at least %d other suspects (base score ≥ %g) are based in the SIM's top cell and its own base score is ≥ %g: %s",
		n.Weight, n.MinOtherSuspects, n.SuspectScore, n.MinOwnScore, n.Why))
	lines = append(lines, fmt.Sprintf("flagged at score ≥ %g (of at most %g)", c.Threshold, c.MaxScore()))
	return lines
}
