package gen

import (
	"slices"
	"strconv"
)

// The call network planted among the voice subscribers (truth.json's
// "calls"): two groups, a broker between them, a handset swap and a SIM
// moved into another subscriber's handset, a two-day silence, a relay
// chain A→B→C and international calls with a roaming spell. Planted
// subscribers are honest subscribers with a background of ordinary calls
// to numbers outside the case, plus the planted calls; both sides of a
// call between two of them are written (both were targets of the
// request).

// rolePlanted is a planted call-network subscriber's role in truth.json.
const rolePlanted = "planted"

// PlantedVoiceSubscribers is how many honest voice subscribers the planted
// call network adds to a case with voice records (VoiceSubscribers > 0):
// two groups (5 + 4), the broker, the handset swapper, the SIM mover and
// the owner of the handset the SIM moves into.
const PlantedVoiceSubscribers = 5 + 4 + 1 + 3

// CallsTruth is the planted call network.
type CallsTruth struct {
	Group1        []string            `json:"group1"`        // five who call each other
	Group1Shared  []string            `json:"group1_shared"` // two numbers (outside the case) all five call
	Group2        []string            `json:"group2"`        // four who call each other
	Broker        string              `json:"broker"`        // the only number in contact with both groups
	BrokerLinks   []string            `json:"broker_links"`  // the members the broker calls
	HandsetSwap   *HandsetSwapTruth   `json:"handset_swap"`  // a subscriber moved to a new handset
	SIMMove       *SIMMoveTruth       `json:"sim_move"`      // a SIM moved into another subscriber's handset
	Silence       *SilenceTruth       `json:"silence"`       // nil when the case is too short
	Chain         *ChainTruth         `json:"chain"`         // relay A→B→C
	International *InternationalTruth `json:"international"` // calls abroad and a roaming spell
}

// HandsetSwapTruth: MSISDN's SIM moved from Old to New at At.
type HandsetSwapTruth struct {
	MSISDN string   `json:"msisdn"`
	IMSI   string   `json:"imsi"`
	Old    string   `json:"old_imei"`
	New    string   `json:"new_imei"`
	At     WallTime `json:"at"` // records at or after use New
}

// SIMMoveTruth: MSISDN's SIM moved at At from its handset into Owner's
// handset (Into), which Owner had used until the day before; Owner then
// uses OwnerNew. Handset Into carried two numbers.
type SIMMoveTruth struct {
	MSISDN   string   `json:"msisdn"`
	IMSI     string   `json:"imsi"`
	From     string   `json:"from_imei"`
	Into     string   `json:"into_imei"`
	At       WallTime `json:"at"`
	Owner    string   `json:"owner"` // the handset's earlier user
	OwnerNew string   `json:"owner_new_imei"`
}

// SilenceTruth: MSISDN made and received nothing in [From, To).
type SilenceTruth struct {
	MSISDN string   `json:"msisdn"`
	From   WallTime `json:"from"`
	To     WallTime `json:"to"`
	Hours  float64  `json:"hours"`
}

// ChainTruth: A called B and B called C within WithinS seconds of the end
// of A's call, Count times on different days.
type ChainTruth struct {
	A       string `json:"a"`
	B       string `json:"b"`
	C       string `json:"c"` // a number outside the case
	Count   int    `json:"count"`
	WithinS int64  `json:"within_s"`
}

// InternationalTruth: MSISDN's calls and SMS with foreign numbers (as
// written, with the 00 prefix) by country code, and a roaming spell on a
// foreign network.
type InternationalTruth struct {
	MSISDN  string         `json:"msisdn"`
	Numbers map[string]int `json:"numbers"` // number as written -> calls and SMS
	ByCode  map[string]int `json:"by_country_code"`
	Network string         `json:"roaming_network"` // MCC-MNC
	From    WallTime       `json:"roaming_from"`
	To      WallTime       `json:"roaming_to"` // exclusive
	Records int            `json:"roaming_records"`
}

// devEpoch is the SIM and handset a subscriber's records carry from a time on.
type devEpoch struct {
	from       int64
	imsi, imei string
}

// plant is the script of one planted subscriber.
type plant struct {
	script  []call
	mute    [2]int64 // no record in [mute[0], mute[1])
	devs    []devEpoch
	roam    [2]int64 // records in this window are made on roamCells
	roamPos []int32
}

// planCallNetwork adds the planted call network to subs (after the others, so
// that every other subscriber's draws are unchanged) and returns its truth.
func planCallNetwork(w *world, subs []*voiceSub) ([]*voiceSub, *CallsTruth) {
	r := newRNG(w.cfg.Seed, tagVoicePlant)
	days := w.cfg.Days
	newSub := func() *voiceSub {
		s := &voiceSub{msisdn: w.ids.MSISDN(), imsi: w.ids.IMSI(), imei: w.ids.IMEI(), role: rolePlanted, plant: &plant{}}
		s.contacts = make([]uint64, 20)
		for k := range s.contacts {
			s.contacts[k] = randomMSISDN(r)
		}
		s.contactCum = zipf(len(s.contacts), 1)
		s.honest(r, w)
		for k := range s.rates { // half an ordinary subscriber's background
			s.rates[k] /= 2
		}
		s.index = len(subs)
		subs = append(subs, s)
		return s
	}
	at := func(day int) int64 { // a moment of the day between 08:00 and 21:59
		return int64(day*daySeconds + 8*hourSeconds + r.intn(14*hourSeconds))
	}
	t := &CallsTruth{}
	g1 := make([]*voiceSub, 5)
	for i := range g1 {
		g1[i] = newSub()
		t.Group1 = append(t.Group1, g1[i].msisdn)
	}
	g2 := make([]*voiceSub, 4)
	for i := range g2 {
		g2[i] = newSub()
		t.Group2 = append(t.Group2, g2[i].msisdn)
	}
	broker := newSub()
	t.Broker = broker.msisdn
	// The silence first, so that no planted call falls into it.
	silent := g1[4]
	if days >= 4 {
		from := int64((days/2)*daySeconds + 18*hourSeconds + r.intn(2*hourSeconds))
		silent.plant.mute = [2]int64{from, from + 50*hourSeconds}
		t.Silence = &SilenceTruth{MSISDN: silent.msisdn, From: w.wall(from), To: w.wall(from + 50*hourSeconds), Hours: 50}
	}
	for _, g := range [][]*voiceSub{g1, g2} {
		for i := range g {
			for j := i + 1; j < len(g); j++ {
				for range 4 {
					a, b := g[i], g[j]
					if r.chance(0.5) {
						a, b = b, a
					}
					talk(r, a, b, at(r.intn(days)))
				}
			}
		}
	}
	shared := []uint64{randomMSISDN(r), randomMSISDN(r)}
	for _, n := range shared {
		t.Group1Shared = append(t.Group1Shared, strconv.FormatUint(n, 10))
		for _, m := range g1 {
			for range 3 {
				m.out(r, n, "", at(r.intn(days)), kindOut)
			}
			m.out(r, n, "", at(r.intn(days)), kindSMSOut)
		}
	}
	for _, m := range []*voiceSub{g1[2], g1[3], g1[4], g2[1], g2[2], g2[3]} {
		t.BrokerLinks = append(t.BrokerLinks, m.msisdn)
		for range 5 {
			talk(r, broker, m, at(r.intn(days)))
		}
	}
	// The relay: A = g1[0] calls B = g1[1], who calls C within 20 minutes.
	a, b, c := g1[0], g1[1], randomMSISDN(r)
	t.Chain = &ChainTruth{A: a.msisdn, B: b.msisdn, C: strconv.FormatUint(c, 10), WithinS: 1800}
	for _, d := range r.perm(days)[:min(days, 10)] {
		start := at(d)
		dur := talk(r, a, b, start)
		b.out(r, c, "", start+dur+int64(120+r.intn(18*60)), kindOut)
		t.Chain.Count++
	}
	// The handset swap and the SIM moved into another's handset.
	swapper, mover, owner := newSub(), newSub(), newSub()
	swapAt := int64(days*daySeconds/3 + 12*hourSeconds)
	swap := &HandsetSwapTruth{MSISDN: swapper.msisdn, IMSI: swapper.imsi, Old: swapper.imei, New: w.ids.IMEI(), At: w.wall(swapAt)}
	swapper.plant.devs = []devEpoch{{swapAt, swapper.imsi, swap.New}}
	t.HandsetSwap = swap
	moveAt := int64(days*daySeconds*2/3 + 10*hourSeconds)
	move := &SIMMoveTruth{MSISDN: mover.msisdn, IMSI: mover.imsi, From: mover.imei, Into: owner.imei, At: w.wall(moveAt),
		Owner: owner.msisdn, OwnerNew: w.ids.IMEI()}
	mover.plant.devs = []devEpoch{{moveAt, mover.imsi, owner.imei}}
	owner.plant.devs = []devEpoch{{moveAt - daySeconds, owner.imsi, move.OwnerNew}}
	t.SIMMove = move
	// International calls of g2[0], and three days roaming in the UAE.
	intl := g2[0]
	it := &InternationalTruth{MSISDN: intl.msisdn, Numbers: map[string]int{}, ByCode: map[string]int{}, Network: "424-02"}
	foreign := []struct {
		code, prefix string
		digits, n    int
	}{{"44", "00447700900", 3, 6}, {"971", "0097150", 7, 5}, {"1", "001202555", 4, 2}}
	for _, f := range foreign {
		s := strconv.Itoa(r.intn(pow10(f.digits)))
		number := f.prefix + zeros[:f.digits-len(s)] + s
		for k := range f.n {
			kind := uint8(kindOut)
			if k%3 == 2 {
				kind = kindSMSOut
			}
			intl.out(r, 0, number, at(r.intn(days)), kind)
			it.Numbers[number]++
			it.ByCode[f.code]++
		}
	}
	roamFrom := int64(max(0, days-4) * daySeconds)
	intl.plant.roam = [2]int64{roamFrom, roamFrom + 3*daySeconds}
	for k := range 3 {
		w.cells.names = append(w.cells.names, "424-02-0501-"+strconv.Itoa(10010+k))
		intl.plant.roamPos = append(intl.plant.roamPos, int32(len(w.cells.names)-1))
	}
	it.From, it.To = w.wall(roamFrom), w.wall(roamFrom+3*daySeconds)
	t.International = it
	return subs, t
}

func pow10(n int) int {
	p := 1
	for range n {
		p *= 10
	}
	return p
}

// talk plants a call from a to b at t (both sides written) unless either
// phone is off then, and returns its duration.
func talk(r *rng, a, b *voiceSub, t int64) int64 {
	dur := int64(30 + r.intn(240))
	if a.muted(t) || b.muted(t) {
		return dur
	}
	a.plant.script = append(a.plant.script, call{t: t, dur: dur, kind: kindOut, other: parseDigits(b.msisdn)})
	b.plant.script = append(b.plant.script, call{t: t, dur: dur, kind: kindIn, other: parseDigits(a.msisdn)})
	return dur
}

// out plants a call or SMS from s to a number outside the planted cast
// (written as text when text is set).
func (s *voiceSub) out(r *rng, n uint64, text string, t int64, kind uint8) {
	if s.muted(t) {
		return
	}
	c := call{t: t, kind: kind, other: n, text: text}
	if kind == kindOut {
		c.dur = int64(20 + r.intn(300))
	}
	s.plant.script = append(s.plant.script, c)
}

func (s *voiceSub) muted(t int64) bool {
	return s.plant != nil && t >= s.plant.mute[0] && t < s.plant.mute[1]
}

// planted merges a planted subscriber's script into its background calls
// (sorted), drops what falls in its silence and places its roaming.
func (s *voiceSub) planted(r *rng, calls []call) []call {
	p := s.plant
	for _, c := range p.script {
		c.cell = s.cell(r, int(c.t%daySeconds/hourSeconds))
		calls = append(calls, c)
	}
	calls = slices.DeleteFunc(calls, func(c call) bool { return s.muted(c.t) })
	for i := range calls {
		if c := &calls[i]; c.t >= p.roam[0] && c.t < p.roam[1] && len(p.roamPos) > 0 {
			c.cell = p.roamPos[r.intn(len(p.roamPos))]
		}
	}
	slices.SortStableFunc(calls, func(a, b call) int { return int(a.t - b.t) })
	return calls
}

// device is the SIM and handset of a row at t.
func (s *voiceSub) device(t int64) (string, string) {
	imsi, imei := s.imsi, s.imei
	if s.plant != nil {
		for _, d := range s.plant.devs {
			if t >= d.from {
				imsi, imei = d.imsi, d.imei
			}
		}
	}
	return imsi, imei
}
