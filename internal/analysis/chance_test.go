package analysis

import (
	"math"
	"reflect"
	"testing"
)

func profile(key string, hours map[int]int) HourProfile {
	var p [24]int
	for h, n := range hours {
		p[h] = n
	}
	return HourProfile{key: &p}
}

func merge(ps ...HourProfile) HourProfile {
	out := HourProfile{}
	for _, p := range ps {
		for k, v := range p {
			out[k] = v
		}
	}
	return out
}

func TestExpected(t *testing.T) {
	a := merge(profile("W", map[int]int{9: 2, 10: 1}), profile("X", map[int]int{9: 5}))
	b := merge(profile("W", map[int]int{9: 3, 10: 4, 11: 7}), profile("Y", map[int]int{9: 8}))
	tests := []struct {
		name   string
		days   int
		window int64
		want   float64
	}{
		// W: (2*3 + 1*4) products; X and Y are on one side only.
		{"two days, 10 s", 2, 10, 10.0 * 21 / 7200},
		{"window 0 is one second", 1, 0, 10.0 * 1 / 3600},
		{"days below 1 count as 1", 0, 0, 10.0 / 3600},
		{"one hour window", 30, 3600, 10.0 * 7201 / (30 * 3600)},
		{"negative window", 1, -1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			total, perKey := Expected(a, b, tt.days, tt.window)
			if math.Abs(total-tt.want) > 1e-15 {
				t.Errorf("Expected = %.17g, want %.17g", total, tt.want)
			}
			wantPerKey := map[string]float64{}
			if tt.want > 0 {
				wantPerKey["W"] = tt.want
			}
			if !reflect.DeepEqual(perKey, wantPerKey) {
				t.Errorf("perKey = %v, want %v", perKey, wantPerKey)
			}
		})
	}
	if total, _ := Expected(a, nil, 1, 10); total != 0 {
		t.Errorf("Expected against nothing = %g", total)
	}
}

// poissonTailBySum is an independent P(X >= k): the pmf summed term by term
// in log space (log-sum-exp), far past the bulk of the distribution.
func poissonTailBySum(k int, lambda float64) float64 {
	logPMF := func(j int) float64 {
		lg, _ := math.Lgamma(float64(j) + 1)
		return -lambda + float64(j)*math.Log(lambda) - lg
	}
	end := k + int(lambda) + 40*int(math.Sqrt(lambda)+1) + 200
	peak := math.Inf(-1)
	for j := k; j <= end; j++ {
		peak = math.Max(peak, logPMF(j))
	}
	sum := 0.0
	for j := k; j <= end; j++ {
		sum += math.Exp(logPMF(j) - peak)
	}
	return peak + math.Log(sum) // log of the tail
}

func TestSurprise(t *testing.T) {
	e := math.Exp(-1)
	tests := []struct {
		observed int
		expected float64
		wantP    float64
	}{
		{3, 1, 1 - e*(1+1+0.5)}, // 0.0803013970713942
		{1, 1, 1 - e},
		{1, 2, 1 - math.Exp(-2)},
		{2, 0.5, 1 - math.Exp(-0.5)*1.5},
		{4, 10, 1 - math.Exp(-10)*(1+10+50+1000.0/6)},
		{1, 0, 1e-9 * (1 - 1e-9/2)}, // floored expectation: 1 - e^-1e-9
		{1, -3, 1e-9 * (1 - 1e-9/2)},
		{0, 5, 1},
		{-2, 5, 1},
	}
	for _, tt := range tests {
		p, score := Surprise(tt.observed, tt.expected)
		if math.Abs(p-tt.wantP) > 1e-12*math.Max(1, tt.wantP) && math.Abs(p/tt.wantP-1) > 1e-9 {
			t.Errorf("Surprise(%d, %g) p = %.17g, want %.17g", tt.observed, tt.expected, p, tt.wantP)
		}
		if want := -math.Log10(tt.wantP); math.Abs(score-want) > 1e-9 {
			t.Errorf("Surprise(%d, %g) score = %.17g, want %.17g", tt.observed, tt.expected, score, want)
		}
	}
	if p, _ := Surprise(3, 1); math.Abs(p-0.0803013970713942) > 1e-15 {
		t.Errorf("P(X>=3 | 1) = %.17g", p)
	}
}

func TestSurpriseLargeValuesAgainstSummation(t *testing.T) {
	tests := []struct {
		observed int
		expected float64
	}{
		{5000, 3000}, {3000, 3000}, {3001, 3000}, {2900, 3000}, {100, 50}, {60, 50}, {40, 1.07},
		{200000, 199000}, {10, 1e-3}, {1, 5000}, {150, 10},
	}
	for _, tt := range tests {
		p, score := Surprise(tt.observed, tt.expected)
		logTail := poissonTailBySum(tt.observed, tt.expected)
		wantScore := math.Min(-logTail/math.Ln10, MaxScore)
		if math.IsNaN(p) || math.IsNaN(score) || math.IsInf(score, 0) {
			t.Fatalf("Surprise(%d, %g) = %g, %g", tt.observed, tt.expected, p, score)
		}
		if math.Abs(score-wantScore) > 1e-8*math.Max(1, wantScore) {
			t.Errorf("Surprise(%d, %g) score = %.15g, summation gives %.15g", tt.observed, tt.expected, score, wantScore)
		}
		// Both methods add terms near k*log(lambda) ~ 2.4e6 at the largest
		// case, so their logs agree to ~1e-9 absolute: p to ~1e-9 relative.
		if want := math.Exp(logTail); math.Abs(p-want) > 1e-8*want {
			t.Errorf("Surprise(%d, %g) p = %.15g, summation gives %.15g", tt.observed, tt.expected, p, want)
		}
	}
}

func TestSurpriseCapsScore(t *testing.T) {
	p, score := Surprise(100000, 0)
	if p != 0 || score != MaxScore {
		t.Errorf("Surprise(100000, 0) = %g, %g; want 0, %d", p, score, MaxScore)
	}
	if p, score := Surprise(5, math.NaN()); math.IsNaN(p) || math.IsNaN(score) || score <= 0 {
		t.Errorf("Surprise(5, NaN) = %g, %g", p, score)
	}
	if p, score := Surprise(5, math.Inf(1)); p != 1 || score != 0 {
		t.Errorf("Surprise(5, +Inf) = %g, %g", p, score)
	}
}

func TestCurve(t *testing.T) {
	a := []Event{{Key: "W", Start: 0, Hour: 0}, {Key: "W", Start: 100, Hour: 0}, {Key: "S", Start: 4000, Hour: 1}}
	b := []Event{{Key: "W", Start: 3, Hour: 0}, {Key: "W", Start: 130, Hour: 0}, {Key: "S", Start: 4001, Hour: 1}}
	sa, sb := NewSide(a), NewSide(b)
	got := Curve(sa, sb, 2, []int64{0, 1, 3, 30, 97})
	// Products: W hour 0: 2*2 = 4, S hour 1: 1*1 = 1, so E = 5*(2w+1)/7200.
	want := []CurvePoint{{0, 0, 5.0 / 7200}, {1, 1, 15.0 / 7200}, {3, 2, 35.0 / 7200}, {30, 3, 305.0 / 7200}, {97, 4, 975.0 / 7200}}
	for i := range want {
		if got[i].Window != want[i].Window || got[i].Observed != want[i].Observed ||
			math.Abs(got[i].Expected-want[i].Expected) > 1e-15 {
			t.Errorf("point %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}
