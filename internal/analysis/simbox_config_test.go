package analysis

import (
	"strings"
	"testing"
)

func TestClockWindowNightBoundaries(t *testing.T) {
	night := ClockWindow{From: 22 * 3600, To: 6 * 3600}
	early := ClockWindow{From: 1 * 3600, To: 5 * 3600}
	at := func(h, m, s int64) int64 { return h*3600 + m*60 + s }
	tests := []struct {
		w    ClockWindow
		sec  int64
		want bool
	}{
		{night, at(21, 59, 59), false},
		{night, at(22, 0, 0), true},
		{night, at(23, 59, 59), true},
		{night, at(0, 0, 0), true},
		{night, at(5, 59, 59), true},
		{night, at(6, 0, 0), false},
		{night, at(12, 0, 0), false},
		{early, at(0, 59, 59), false},
		{early, at(1, 0, 0), true},
		{early, at(4, 59, 59), true},
		{early, at(5, 0, 0), false},
	}
	for _, tt := range tests {
		if got := tt.w.Contains(tt.sec); got != tt.want {
			t.Errorf("%s contains %s = %v, want %v", tt.w, clock(tt.sec), got, tt.want)
		}
	}
	if !night.Wraps() || early.Wraps() {
		t.Error("Wraps wrong")
	}
}

func TestParseClock(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		bad  bool
	}{
		{"22:00", 79200, false},
		{"06:00:30", 21630, false},
		{"6:05", 21900, false},
		{"00:00", 0, false},
		{"24:00", 0, false},
		{"24:01", 0, true},
		{"25:00", 0, true},
		{"7", 0, true},
		{"aa:bb", 0, true},
		{"1:2:3:4", 0, true},
		{"12:60", 0, true},
		{"-1:00", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseClock(tt.in)
		if (err != nil) != tt.bad || got != tt.want {
			t.Errorf("ParseClock(%q) = %d, %v; want %d, bad=%v", tt.in, got, err, tt.want, tt.bad)
		}
	}
}

func TestSecondOfDay(t *testing.T) {
	tests := []struct {
		unix   int64
		offset int32
		want   int64
	}{
		{0, 0, 0},
		{86399, 0, 86399},
		{86400 + 3600, 0, 3600},
		{3600, -7200, 86400 - 3600}, // 01:00 UTC at UTC-2 is 23:00 the day before
		{-1, 0, 86399},
		{1710000000, 19800, (1710000000 + 19800) % 86400},
	}
	for _, tt := range tests {
		if got := SecondOfDay(tt.unix, tt.offset); got != tt.want {
			t.Errorf("SecondOfDay(%d, %d) = %d, want %d", tt.unix, tt.offset, got, tt.want)
		}
	}
}

func TestDefaultSimBoxConfig(t *testing.T) {
	c := DefaultSimBoxConfig()
	if c.MaxScore() != 100 {
		t.Errorf("default max score %g, want 100 (85 from rules + 15 neighbours)", c.MaxScore())
	}
	for _, r := range c.Rules {
		if r.Why == "" || r.Weight <= 0 {
			t.Errorf("default rule %+v lacks a reason or a weight", r)
		}
	}
	w, err := c.NightWindow()
	if err != nil || w.From != 22*3600 || w.To != 6*3600 {
		t.Errorf("default night %v %v", w, err)
	}
	if len(c.Rules) != 8 || c.Threshold != 50 || c.MinOutgoingCalls != 10 {
		t.Errorf("defaults changed: %d rules, threshold %g, min calls %d", len(c.Rules), c.Threshold, c.MinOutgoingCalls)
	}
	lines := c.Describe()
	if !strings.Contains(lines[0], "22:00:00-06:00:00") || !strings.Contains(lines[len(lines)-1], "≥ 50 (of at most 100)") {
		t.Errorf("describe: %q", lines)
	}
	if !strings.Contains(strings.Join(lines, "\n"), "+15 if cells ≤ 2: little or no mobility") {
		t.Errorf("describe does not state the cells rule: %q", lines)
	}
}

func TestParseSimBoxConfig(t *testing.T) {
	tests := []struct {
		name    string
		json    string
		errPart string
		check   func(t *testing.T, c SimBoxConfig)
	}{
		{name: "partial override keeps defaults", json: `{"threshold": 35, "night": {"from": "23:30"}}`,
			check: func(t *testing.T, c SimBoxConfig) {
				if c.Threshold != 35 || c.Night.From != "23:30" || c.Night.To != "06:00" || len(c.Rules) != 8 {
					t.Errorf("got %+v", c)
				}
			}},
		{name: "rules replace the defaults whole", json: `{"rules": [{"feature": "sms", "op": "<=", "value": 0, "weight": 40}]}`,
			check: func(t *testing.T, c SimBoxConfig) {
				if len(c.Rules) != 1 || c.Rules[0].Why != "" || c.Rules[0].Feature != "sms" {
					t.Errorf("rules %+v", c.Rules)
				}
				if c.MaxScore() != 55 {
					t.Errorf("max %g, want 40+15", c.MaxScore())
				}
			}},
		{name: "unknown feature", json: `{"rules": [{"feature": "smss", "op": "<=", "value": 0, "weight": 1}]}`, errPart: `unknown feature "smss"`},
		{name: "bad op", json: `{"rules": [{"feature": "sms", "op": "=", "value": 0, "weight": 1}]}`, errPart: `op "="`},
		{name: "unknown key", json: `{"treshold": 10}`, errPart: `unknown field "treshold"`},
		{name: "empty night", json: `{"night": {"from": "06:00", "to": "06:00"}}`, errPart: "is empty"},
		{name: "bad clock", json: `{"night": {"from": "26:00"}}`, errPart: "night.from"},
		{name: "trailing text", json: `{} {}`, errPart: "text after"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ParseSimBoxConfig([]byte(tt.json))
			if tt.errPart != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errPart) {
					t.Fatalf("err %v, want one containing %q", err, tt.errPart)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, c)
		})
	}
	// The default file parses to the defaults.
	c, err := ParseSimBoxConfig(DefaultSimBoxJSON())
	if err != nil || c.MaxScore() != 100 || len(c.Rules) != 8 {
		t.Errorf("defaults round trip: %v %+v", err, c)
	}
}
