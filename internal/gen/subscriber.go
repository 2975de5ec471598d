package gen

import "math"

// RAT generations as the files name them.
var (
	ratA = [3]string{"2G", "3G", "4G"}
	ratB = [3]string{"GSM", "UMTS", "LTE"}
)

// dataSub is one data subscriber's model: identity, habits, places and
// the records planted on top of its background traffic.
type dataSub struct {
	index    int
	msisdn   string
	operator byte // 'A' or 'B'

	imsi, imei       string
	newIMSI, newIMEI string // "" unless the SIM or handset changes
	switchAt         int64  // records starting at or after it use the new identity

	expected  float64           // expected background records
	whatsApp  float64           // share of background records that are WhatsApp
	appCum    [appCount]float64 // cumulative app weights
	hourW     []float64         // share of a day's records per wall hour
	volume    float64           // heavy-tailed multiplier of non-WhatsApp bytes
	rat       int               // primary generation: 0 2G, 1 3G, 2 4G
	home      int32
	work      int32
	extras    []int32 // other places visited
	works     bool    // at the work cell on weekday office hours
	planted   []rec   // sorted by start
	plantedWA int     // planted WhatsApp records
}

// rec is one data session before formatting. cell -1 means "wherever the
// subscriber is at that hour".
type rec struct {
	t, dur   int64
	app      uint8
	port     uint16
	dst      ipv4
	cell     int32
	up, down int64
}

// newDataSub draws the subscriber's habits from its own stream.
func newDataSub(w *world, index int, operator byte) *dataSub {
	r := newRNG(w.cfg.Seed, tagModel, uint64(index))
	s := &dataSub{index: index, operator: operator, switchAt: -1}
	s.msisdn = w.ids.MSISDN()
	s.imsi = w.ids.IMSI()
	s.imei = w.ids.IMEI()
	s.whatsApp = 0.08 + 0.37*r.float()
	weights := make([]float64, appCount)
	for a := range apps {
		if a == appWhatsApp || !r.chance(apps[a].optional) {
			continue
		}
		weights[a] = apps[a].share / apps[a].optional * r.lognormal(1, 0.4)
	}
	s.setMix(weights)
	s.hourW = normalized(shifted(dataHours, r.between(-1, 1)))
	s.volume = paretoCapped(r, 1.3, 60)
	switch x := r.float(); {
	case x < 0.07:
		s.rat = 0
	case x < 0.25:
		s.rat = 1
	default:
		s.rat = 2
	}
	places := w.cells.distinctCells(r, 2+r.between(2, 5))
	s.home, s.work, s.extras = places[0], places[1], places[2:]
	s.works = r.chance(0.8)
	return s
}

// setMix sets the app weights from non-WhatsApp weights and s.whatsApp.
func (s *dataSub) setMix(weights []float64) {
	other := 0.0
	for a, x := range weights {
		if a != appWhatsApp {
			other += x
		}
	}
	sum := 0.0
	for a := range s.appCum {
		x := weights[a] / other * (1 - s.whatsApp)
		if a == appWhatsApp {
			x = s.whatsApp
		}
		sum += x
		s.appCum[a] = sum
	}
}

// paretoCapped draws a Pareto(alpha) variate with minimum 1, capped.
func paretoCapped(r *rng, alpha, limit float64) float64 {
	x := 1 / math.Pow(1-r.float(), 1/alpha)
	if x > limit {
		return limit
	}
	return x
}

// slotCell is where the subscriber spends a wall hour.
func (s *dataSub) slotCell(r *rng, weekday, hour int) int32 {
	x := r.float()
	extra := func() int32 {
		if len(s.extras) == 0 {
			return s.home
		}
		return s.extras[r.intn(len(s.extras))]
	}
	switch {
	case s.works && weekday < 5 && hour >= 9 && hour < 18:
		if x < 0.85 {
			return s.work
		}
		return extra()
	case hour < 7 || hour >= 20:
		if x < 0.9 {
			return s.home
		}
		return extra()
	default:
		switch {
		case x < 0.5:
			return s.home
		case x < 0.8:
			return extra()
		default:
			return s.work
		}
	}
}

// identity returns the IMSI and IMEI in use at generator second t.
func (s *dataSub) identity(t int64) (imsi, imei string) {
	imsi, imei = s.imsi, s.imei
	if s.switchAt >= 0 && t >= s.switchAt {
		if s.newIMSI != "" {
			imsi = s.newIMSI
		}
		if s.newIMEI != "" {
			imei = s.newIMEI
		}
	}
	return imsi, imei
}
