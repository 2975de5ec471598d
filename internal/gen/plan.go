package gen

import (
	"slices"
)

// dataPlan is the IPDR half of a case before any record is written.
type dataPlan struct {
	subs    []*dataSub
	pairs   []pairPlan
	decoy   *dataSub
	hunt    huntPlan
	changes []*dataSub // subscribers whose IMSI or IMEI changes
	geo     *geoPlan   // nil without Config.Geography
}

type pairPlan struct {
	a, b    *dataSub
	moments [][2]int64 // start of A's and B's record per conversation
}

// The server hunt's target and its decoy neighbour in the same /24.
var (
	huntTarget  = ip(104, 198, 99, 79)
	huntSibling = ip(104, 198, 99, 80)
)

const (
	huntPort      = 443
	huntOtherPort = 80
)

// planData builds the subscribers, gives out the planted roles and plants
// their records.
func planData(w *world) *dataPlan {
	cfg := w.cfg
	p := &dataPlan{}
	half := (cfg.Subscribers + 1) / 2
	var poolA, poolB []*dataSub
	for i := range cfg.Subscribers {
		op := byte('A')
		if i >= half {
			op = 'B'
		}
		s := newDataSub(w, i, op)
		p.subs = append(p.subs, s)
		if op == 'A' {
			poolA = append(poolA, s)
		} else {
			poolB = append(poolB, s)
		}
	}
	r := newRNG(cfg.Seed, tagRoles)
	shuffle(r, poolA)
	shuffle(r, poolB)
	take := func(preferA bool) *dataSub {
		if (preferA && len(poolA) > 0) || len(poolB) == 0 {
			s := poolA[0]
			poolA = poolA[1:]
			return s
		}
		s := poolB[0]
		poolB = poolB[1:]
		return s
	}
	for k := range cfg.Pairs {
		// Pair 0, 3, 6 ... crosses operators; 1, 4 ... is all A; 2, 5 ... all B.
		aFromA, bFromA := k%3 != 2, k%3 == 1
		p.pairs = append(p.pairs, pairPlan{a: take(aFromA), b: take(bFromA)})
	}
	pick := func() *dataSub { return take(len(poolA) >= len(poolB)) }
	p.decoy = pick()
	p.decoy.whatsApp = 0.85
	p.decoy.setMix([]float64{0, 0.6, 0.2, 0.05, 0, 0, 0, 0, 0.05})
	p.decoy.hourW = normalized(eveningHours[:])
	p.hunt.roles(pick)
	if cfg.Geography {
		p.geo = &geoPlan{}
		p.geo.roles(pick)
	}

	changes := (cfg.Subscribers + 25) / 50
	order := make([]*dataSub, len(p.subs))
	copy(order, p.subs)
	shuffle(r, order)
	for i, s := range order[:changes] {
		s.switchAt = int64(cfg.Days)*daySeconds/2 + int64(r.between(-12, 12))*hourSeconds + int64(r.intn(hourSeconds))
		if i%2 == 0 {
			s.newIMEI = w.ids.IMEI()
		} else {
			s.newIMSI = w.ids.IMSI()
		}
		p.changes = append(p.changes, s)
	}
	slices.SortFunc(p.changes, func(a, b *dataSub) int { return a.index - b.index })

	pr := newRNG(cfg.Seed, tagPlant)
	for i := range p.pairs {
		p.pairs[i].plant(pr, cfg.Days)
	}
	p.hunt.plant(pr, w)
	if p.geo != nil {
		p.geo.plant(newRNG(cfg.Seed, tagGeo, 2), w)
	}
	for _, s := range p.subs {
		slices.SortStableFunc(s.planted, func(a, b rec) int { return int(a.t - b.t) })
		for _, x := range s.planted {
			if x.app == appWhatsApp {
				s.plantedWA++
			}
		}
	}
	p.budget(newRNG(cfg.Seed, tagModel, 1<<40), cfg.Records)
	return p
}

// budget sets every subscriber's expected background records so the case
// holds about records in all, heavy-tailed across subscribers, with the
// decoy at ten times the WhatsApp records of the busiest other.
func (p *dataPlan) budget(r *rng, records int) {
	planted := 0
	for _, s := range p.subs {
		planted += len(s.planted)
	}
	remaining := float64(records - planted)
	if remaining < float64(len(p.subs)) {
		remaining = float64(len(p.subs))
	}
	weights := make([]float64, len(p.subs))
	sumW, maxWA := 0.0, 0.0
	for i, s := range p.subs {
		weights[i] = r.lognormal(1, 0.6)
		if s == p.decoy {
			continue
		}
		sumW += weights[i]
		maxWA = max(maxWA, weights[i]*s.whatsApp)
	}
	scale := remaining / (sumW + 10*maxWA/p.decoy.whatsApp)
	busiest := 0.0
	for i, s := range p.subs {
		if s == p.decoy {
			continue
		}
		s.expected = scale * weights[i]
		busiest = max(busiest, s.expected*s.whatsApp+float64(s.plantedWA))
	}
	p.decoy.expected = 10 * busiest / p.decoy.whatsApp
}

// plant draws 30..60 conversations over the span, mostly in the evening,
// apart from each other (ten minutes, less in a case of a day or two); in
// each both members open a WhatsApp session within 0..20 s of each other.
func (pp *pairPlan) plant(r *rng, days int) {
	n := r.between(30, 60)
	hours := cumulative(eveningHours[:])
	span := int64(days) * daySeconds
	gap := min(600, span/int64(8*n))
	var starts []int64
	for len(starts) < n {
		t := int64(r.intn(days))*daySeconds + int64(r.pick(hours))*hourSeconds + int64(r.intn(hourSeconds))
		if t > span-120 {
			continue
		}
		close := false
		for _, o := range starts {
			close = close || (o-t < gap && t-o < gap)
		}
		if !close {
			starts = append(starts, t)
		}
	}
	slices.Sort(starts)
	for _, t := range starts {
		ta, tb := t, t+int64(r.between(0, 20))
		if r.chance(0.5) {
			ta, tb = tb, ta
		}
		length := int64(min(max(r.lognormal(300, 0.7), 30), 3600))
		pp.a.planted = append(pp.a.planted, chatRecord(r, ta, length))
		pp.b.planted = append(pp.b.planted, chatRecord(r, tb, length+int64(r.between(-20, 20))))
		pp.moments = append(pp.moments, [2]int64{ta, tb})
	}
}

// chatRecord is one member's side of a planted conversation.
func chatRecord(r *rng, t, dur int64) rec {
	a := &apps[appWhatsApp]
	return rec{
		t: t, dur: dur, app: appWhatsApp,
		port: a.ports[r.pick(a.portCum)],
		dst:  inPool(r, a.pools[r.intn(len(a.pools))]),
		cell: -1,
		up:   int64(r.lognormal(a.upMed*4, 0.8)), down: int64(r.lognormal(a.downMed*4, 0.8)),
	}
}
