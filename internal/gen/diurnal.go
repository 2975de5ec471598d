package gen

// Hour-of-day profiles (relative weights for wall hours 0..23).
var (
	// dataHours: data sessions are low at night and peak in the evening.
	dataHours = [24]float64{0.35, 0.2, 0.12, 0.08, 0.08, 0.12, 0.3, 0.6, 0.85, 0.95, 1, 1,
		1.05, 1, 0.95, 0.95, 1, 1.1, 1.3, 1.5, 1.65, 1.7, 1.4, 0.8}
	// eveningHours: the planted pairs talk, and the heavy decoy chats,
	// mostly 18:00-23:59.
	eveningHours = [24]float64{0.2, 0.1, 0.05, 0.05, 0.05, 0.05, 0.1, 0.2, 0.3, 0.3, 0.3, 0.3,
		0.3, 0.3, 0.3, 0.3, 0.3, 0.4, 3, 3.5, 4, 4, 3.5, 2.5}
	// voiceHours: honest people call by day and in the evening, rarely at night.
	voiceHours = [24]float64{0.08, 0.04, 0.02, 0.02, 0.02, 0.04, 0.15, 0.5, 0.9, 1.1, 1.2, 1.2,
		1.1, 1.1, 1.1, 1.1, 1.1, 1.2, 1.3, 1.3, 1.2, 1, 0.6, 0.25}
	// officeHours: a call-centre worker works 9:00-17:59 on weekdays.
	officeHours = [24]float64{0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0.6, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0}
	// boxHours: a SIM-box terminates international calls from every time
	// zone, so its nights are nearly as busy as its days.
	boxHours = [24]float64{0.9, 0.9, 0.85, 0.8, 0.8, 0.8, 0.85, 0.9, 1, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.95}
)

// normalized returns weights scaled to sum to 1.
func normalized(w []float64) []float64 {
	sum := 0.0
	for _, x := range w {
		sum += x
	}
	out := make([]float64, len(w))
	if sum == 0 {
		return out
	}
	for i, x := range w {
		out[i] = x / sum
	}
	return out
}

// shifted rotates a profile by shift hours (a later riser has shift > 0).
func shifted(p [24]float64, shift int) []float64 {
	out := make([]float64, 24)
	for h := range out {
		out[h] = p[((h-shift)%24+24)%24]
	}
	return out
}

// blend mixes two profiles: (1-m)*a + m*b.
func blend(a, b [24]float64, m float64) []float64 {
	out := make([]float64, 24)
	for h := range out {
		out[h] = (1-m)*a[h] + m*b[h]
	}
	return out
}

// isNight reports whether a wall hour is within 22:00-05:59.
func isNight(hour int) bool { return hour >= 22 || hour < 6 }
