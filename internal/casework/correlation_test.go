package casework

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
)

func near(x, y float64) bool { return math.Abs(x-y) <= 1e-9*math.Max(1, math.Abs(y)) }

// best is the (application, window) with the strongest evidence, worked
// out by hand: matches there, chance matches per second of window, and the
// tests made (applications x windows).
type best struct {
	app     string
	window  int64
	matches int
	unit    float64
	tests   int
}

func TestCorrelateFixture(t *testing.T) {
	st := fixtureStore(t)
	ctx := context.Background()
	dict := analysis.DefaultDictionary()
	const perSecond = 1.0 / 3600 // one day: E = Σ nA·nB·(2w+1)/3600
	tests := []struct {
		name         string
		b            string
		window       int64
		match        Match
		pairs        int
		perApp       map[string]int
		expected     float64
		expectedApps map[string]float64
		best         best
	}{
		{"by app at 180 s: edge at +180 included, ties all counted", msisdnB, 180, MatchApp, 7,
			map[string]int{"WhatsApp": 6, "Web (HTTPS)": 1}, 21 * 361 * perSecond,
			map[string]float64{"WhatsApp": 20 * 361 * perSecond, "Web (HTTPS)": 361 * perSecond},
			best{"WhatsApp", 1, 5, 20 * perSecond, 2 * 13}}, // 5 matches at 0 s; 2 apps x 13 windows (1 s..3m)
		{"by app at 179 s: the +180 pair drops", msisdnB, 179, MatchApp, 6,
			map[string]int{"WhatsApp": 5, "Web (HTTPS)": 1}, 21 * 359 * perSecond,
			map[string]float64{"WhatsApp": 20 * 359 * perSecond, "Web (HTTPS)": 359 * perSecond},
			best{"WhatsApp", 1, 5, 20 * perSecond, 2 * 13}}, // 1 s..2m and 179 s
		{"by app at 181 s: A2-B3 joins", msisdnB, 181, MatchApp, 8,
			map[string]int{"WhatsApp": 7, "Web (HTTPS)": 1}, 21 * 363 * perSecond,
			map[string]float64{"WhatsApp": 20 * 363 * perSecond, "Web (HTTPS)": 363 * perSecond},
			best{"WhatsApp", 1, 5, 20 * perSecond, 2 * 14}}, // 1 s..3m and 181 s
		{"by app at 0 s: equal starts only", msisdnB, 0, MatchApp, 5,
			map[string]int{"WhatsApp": 5}, 21 * perSecond,
			map[string]float64{"WhatsApp": 20 * perSecond, "Web (HTTPS)": perSecond},
			best{"WhatsApp", 0, 5, 20 * perSecond, 2}},
		// By port: keys 5222 (A 2, B 3), 5223 (1, 1), 5228 (1, 1), 443 (1, 1): 9 products.
		{"by port at 180 s: 5222 does not meet 5228", msisdnB, 180, MatchPort, 4,
			map[string]int{"WhatsApp": 3, "Web (HTTPS)": 1}, 9 * 361 * perSecond,
			map[string]float64{"WhatsApp": 8 * 361 * perSecond, "Web (HTTPS)": 361 * perSecond},
			best{"WhatsApp", 1, 2, 8 * perSecond, 2 * 13}},
		{"by port at 0 s", msisdnB, 0, MatchPort, 2,
			map[string]int{"WhatsApp": 2}, 9 * perSecond,
			map[string]float64{"WhatsApp": 8 * perSecond, "Web (HTTPS)": perSecond},
			best{"WhatsApp", 0, 2, 8 * perSecond, 2}},
		{"B only on an unknown port A never used", msisdnU, 3600, MatchApp, 0,
			map[string]int{}, 0, map[string]float64{}, best{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Correlate(ctx, st, dict, msisdnA, tt.b, tt.window, tt.match)
			if err != nil {
				t.Fatal(err)
			}
			if c.A != msisdnA || c.B != tt.b || c.WindowS != tt.window || c.Match != tt.match || c.Days != 1 {
				t.Errorf("header = %s %s %d %s %d days", c.A, c.B, c.WindowS, c.Match, c.Days)
			}
			if c.Pairs != tt.pairs || !reflect.DeepEqual(c.PerApp, tt.perApp) {
				t.Errorf("pairs = %d %v, want %d %v", c.Pairs, c.PerApp, tt.pairs, tt.perApp)
			}
			if !near(c.Expected, tt.expected) {
				t.Errorf("expected = %v, want %v", c.Expected, tt.expected)
			}
			if len(c.ExpectedPerApp) != len(tt.expectedApps) {
				t.Errorf("expected per app = %v, want %v", c.ExpectedPerApp, tt.expectedApps)
			}
			for app, e := range tt.expectedApps {
				if !near(c.ExpectedPerApp[app], e) {
					t.Errorf("expected[%s] = %v, want %v", app, c.ExpectedPerApp[app], e)
				}
			}
			// The score is the strongest (application, window) -- picked by
			// hand in the table -- corrected for the tests made.
			wantP, wantScore := 1.0, 0.0
			if tt.best.app != "" {
				p, score := analysis.Surprise(tt.best.matches, tt.best.unit*float64(2*tt.best.window+1))
				wantP, wantScore = float64(tt.best.tests)*p, score-math.Log10(float64(tt.best.tests))
			}
			if !near(c.P, wantP) || !near(c.Score, wantScore) || c.BestApp != tt.best.app || c.BestWindowS != tt.best.window ||
				(tt.best.app != "" && c.Tests != tt.best.tests) {
				t.Errorf("p %v score %v best %q at %d s (%d tests), want %v %v %+v", c.P, c.Score, c.BestApp, c.BestWindowS, c.Tests,
					wantP, wantScore, tt.best)
			}
			if tt.expected > 0 && !near(c.Ratio, float64(tt.pairs)/tt.expected) {
				t.Errorf("ratio = %v", c.Ratio)
			}
			sum := 0
			for _, a := range c.Apps {
				sum += a.Matches
				if a.Matches != tt.perApp[a.App] || (c.Pairs > 0 && !near(a.Share, float64(a.Matches)/float64(c.Pairs))) {
					t.Errorf("app line %+v disagrees with per_app", a)
				}
			}
			if sum != c.Pairs {
				t.Errorf("app lines sum to %d, want %d", sum, c.Pairs)
			}
			if len(c.Curve) != len(analysis.Windows()) {
				t.Errorf("curve has %d points", len(c.Curve))
			}
			for _, pt := range c.Curve {
				if pt.WindowS == tt.window && (pt.Observed != tt.pairs || !near(pt.Expected, tt.expected)) {
					t.Errorf("curve at %d s = %+v, want %d %v", pt.WindowS, pt, tt.pairs, tt.expected)
				}
			}
		})
	}
}

// The records of each side and the application lines (Figure 3's shares).
func TestCorrelateRecordsAndShares(t *testing.T) {
	st := fixtureStore(t)
	c, err := Correlate(context.Background(), st, analysis.DefaultDictionary(), msisdnA, msisdnB, 180, MatchApp)
	if err != nil {
		t.Fatal(err)
	}
	if c.RecordsA != 7 || c.RecordsB != 8 || c.UnportedA != 1 || c.UnportedB != 1 {
		t.Errorf("records A %d (%d unported) B %d (%d unported), want 7 (1) and 8 (1)", c.RecordsA, c.UnportedA, c.RecordsB, c.UnportedB)
	}
	want := []AppResult{
		{App: "WhatsApp", Matches: 6, Share: 6.0 / 7, RecordsA: 4, RecordsB: 5},
		{App: "Web (HTTPS)", Matches: 1, Share: 1.0 / 7, RecordsA: 1, RecordsB: 1},
	}
	if len(c.Apps) != len(want) {
		t.Fatalf("apps = %+v", c.Apps)
	}
	for i, w := range want {
		g := c.Apps[i]
		if g.App != w.App || g.Matches != w.Matches || !near(g.Share, w.Share) || g.RecordsA != w.RecordsA || g.RecordsB != w.RecordsB {
			t.Errorf("app %d = %+v, want %+v", i, g, w)
		}
	}
}

// The matched pairs name both records with their source file and line.
func TestMatchesDrillDown(t *testing.T) {
	st := fixtureStore(t)
	p, err := LoadPair(context.Background(), st, analysis.DefaultDictionary(), msisdnA, msisdnB, MatchApp)
	if err != nil {
		t.Fatal(err)
	}
	rows := p.Matches(180, 0)
	if len(rows) != 7 {
		t.Fatalf("%d rows", len(rows))
	}
	// Engine order: key (Web (HTTPS) < WhatsApp), A start, B start. The
	// evidence's line 1 is the header, so fixture row i is on line i+2.
	first := rows[0]
	if first.App != "Web (HTTPS)" || first.PortA != 443 || first.PortB != 443 || first.DeltaS != 60 ||
		first.AStart != "2024-03-19 10:20:00" || first.BStart != "2024-03-19 10:21:00" || first.BEnd != "2024-03-19 10:21:00" ||
		first.ALine != 4 || first.BLine != 14 || filepath.Base(first.ASource) != "ipdr.csv" || filepath.Base(first.BSource) != "ipdr.csv" {
		t.Errorf("first row = %+v", first)
	}
	second := rows[1]
	if second.App != "WhatsApp" || second.PortA != 5222 || second.PortB != 5228 || second.DeltaS != 0 || second.ALine != 2 || second.BLine != 9 {
		t.Errorf("second row = %+v", second)
	}
	if got := p.Matches(180, 3); len(got) != 3 || !reflect.DeepEqual(got, rows[:3]) {
		t.Errorf("limit 3 = %d rows", len(got))
	}
	// A window change answers from the kept sides, the same as a fresh load.
	for _, w := range []int64{0, 179, 180, 181, 3600} {
		fresh, err := Correlate(context.Background(), st, analysis.DefaultDictionary(), msisdnA, msisdnB, w, MatchApp)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.At(w); !reflect.DeepEqual(got, fresh) {
			t.Errorf("At(%d) differs from a fresh Correlate", w)
		}
	}
}

func TestCorrelateUnknownSubscriber(t *testing.T) {
	st := fixtureStore(t)
	_, err := Correlate(context.Background(), st, analysis.DefaultDictionary(), msisdnA, "999", 180, MatchApp)
	if !errors.Is(err, store.ErrNoSubscriber) {
		t.Errorf("err = %v, want ErrNoSubscriber", err)
	}
	if _, err := Correlate(context.Background(), st, analysis.DefaultDictionary(), msisdnA, msisdnB, 180, "exact"); err == nil {
		t.Error("match \"exact\" accepted")
	}
}

// CaseDays counts calendar dates of the wall clock, first to last inclusive.
func TestCaseDays(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  int
	}{
		{"one record", []string{"919000000001,80,2024-03-19 10:00:00"}, 1},
		{"same date", []string{"919000000001,80,2024-03-19 00:00:00", "919000000002,80,2024-03-19 23:59:59"}, 1},
		{"midnight crossed by one second", []string{"919000000001,80,2024-03-19 23:59:59", "919000000002,80,2024-03-20 00:00:00"}, 2},
		{"three dates", []string{"919000000001,80,2024-03-19 12:00:00", "919000000001,80,2024-03-21 01:00:00"}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			body := "MSISDN,DESTPORT,START\n"
			for _, l := range tt.lines {
				body += l + "\n"
			}
			p := filepath.Join(dir, "x.csv")
			if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			st := importInto(t, dir, p)
			got, err := CaseDays(context.Background(), st)
			if err != nil || got != tt.want {
				t.Errorf("CaseDays = %d %v, want %d", got, err, tt.want)
			}
		})
	}
	empty, err := store.Create(filepath.Join(t.TempDir(), "empty.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer empty.Close()
	if got, err := CaseDays(context.Background(), empty); err != nil || got != 1 {
		t.Errorf("empty case: %d %v, want 1", got, err)
	}
}

// wallString writes what analysis.Moment.String writes, for any instant.
func TestWallString(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	cases := []int64{0, -1, 86399, 86400, 951782400 /* 2000-02-29 */, 253402300799 /* 9999-12-31 23:59:59 */, 253402300800, -62135596801}
	for range 10000 {
		cases = append(cases, r.Int64N(4_102_444_800)-2_208_988_800) // 1900..2100
	}
	for _, w := range cases {
		if got, want := wallString(w), (analysis.Moment{Unix: w}).String(); got != want {
			t.Fatalf("wallString(%d) = %q, want %q", w, got, want)
		}
	}
}
