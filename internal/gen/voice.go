package gen

import (
	"bufio"
	"slices"
)

// Call kinds, in the order of callTypes.
const (
	kindIn = iota
	kindOut
	kindSMSIn
	kindSMSOut
)

var callTypes = [4]string{"VOICE_IN", "VOICE_OUT", "SMS_IN", "SMS_OUT"}

// call is one voice CDR row before formatting.
type call struct {
	t, dur int64
	kind   uint8
	other  uint64
	cell   int32
	text   string // the other party as written, when not other's digits (a foreign number with its 00 prefix)
}

// Voice roles as truth.json names them.
const (
	roleHonest      = "honest"
	roleHeavyHonest = "heavy_honest"
	roleSimBox      = "simbox"
)

// voiceSub is one voice subscriber's model.
type voiceSub struct {
	index              int
	msisdn, imsi, imei string
	role               string
	box                int          // 1 or 2 for SIM-box SIMs
	boxCell            int32        // the box's cell
	rates              [4]float64   // expected rows per day by kind
	hours              [4][]float64 // share of a day's rows per wall hour by kind
	weekdayOnly        bool         // the out rate holds on weekdays only (call centre)
	places             []int32
	placeCum           []float64
	ride               float64 // SIM-box: share of rows away from the box's cell
	contacts           []uint64
	contactCum         []float64
	repeat             float64 // share of calls out that go to a contact
	durMed             float64
	plant              *plant // the planted call network's script (voice_plant.go), nil for others
}

// planVoice draws the honest subscribers (a few of them call-centre heavy)
// and the SIM-box SIMs, in the order they are written.
func planVoice(w *world) []*voiceSub {
	cfg := w.cfg
	r := newRNG(cfg.Seed, tagVoice)
	var subs []*voiceSub
	heavy := max(1, cfg.VoiceSubscribers/100)
	for i := range cfg.VoiceSubscribers {
		s := &voiceSub{msisdn: w.ids.MSISDN(), imsi: w.ids.IMSI(), imei: w.ids.IMEI(), role: roleHonest}
		if i < heavy {
			s.role = roleHeavyHonest
		}
		subs = append(subs, s)
	}
	boxCells := w.cells.distinctCells(r, 2)
	modules := map[[2]int]string{} // (box, module): two SIMs of a box share a gateway module's IMEI
	for i := range cfg.SimBoxes {
		box := 1 + i%2
		s := &voiceSub{msisdn: w.ids.MSISDN(), imsi: w.ids.IMSI(), role: roleSimBox, box: box, boxCell: boxCells[box-1]}
		module := [2]int{box, i / 4}
		if _, ok := modules[module]; !ok {
			modules[module] = w.ids.imeiWithTAC(gatewayTAC)
		}
		s.imei = modules[module]
		subs = append(subs, s)
	}
	// Half of anyone's contacts are honest subscribers of the file, half
	// numbers elsewhere.
	var honest []uint64
	for _, s := range subs {
		if s.role != roleSimBox {
			honest = append(honest, parseDigits(s.msisdn))
		}
	}
	for _, s := range subs {
		self := parseDigits(s.msisdn)
		s.contacts = make([]uint64, 20)
		for k := range s.contacts {
			c := randomMSISDN(r)
			if r.chance(0.5) && len(honest) > 0 {
				if known := honest[r.intn(len(honest))]; known != self {
					c = known
				}
			}
			s.contacts[k] = c
		}
		s.contactCum = zipf(len(s.contacts), 1)
		switch s.role {
		case roleHonest:
			s.honest(r, w)
		case roleHeavyHonest:
			s.callCentre(r, w)
		default:
			s.simBox(r, w, cfg.Mimicry)
		}
	}
	shuffle(r, subs)
	for i, s := range subs {
		s.index = i
	}
	return subs
}

func (s *voiceSub) honest(r *rng, w *world) {
	s.rates = [4]float64{4 * r.lognormal(1, 0.4), 4 * r.lognormal(1, 0.4), 3 * r.lognormal(1, 0.4), 3 * r.lognormal(1, 0.4)}
	for k := range s.hours {
		s.hours[k] = normalized(voiceHours[:])
	}
	s.places = w.cells.distinctCells(r, r.between(3, 8))
	s.placeCum = zipf(len(s.places), 1)
	s.repeat = 0.85
	s.durMed = 60
}

// callCentre is honest but heavy: some 60 calls a weekday to mostly
// different numbers from the office cell, with calls in and SMS as anyone.
func (s *voiceSub) callCentre(r *rng, w *world) {
	s.honest(r, w)
	s.rates[kindOut] = float64(r.between(45, 80))
	s.rates[kindIn] = 10 * r.lognormal(1, 0.3)
	s.hours[kindOut] = normalized(officeHours[:])
	s.weekdayOnly = true
	s.places = s.places[:3]
	s.placeCum = cumulative([]float64{0.8, 0.15, 0.05})
	s.repeat = 0.15
	s.durMed = 90
}

// simBox sets a SIM-box SIM's habits: at mimicry 0, 40..120 calls out a
// day from the box's cell to fresh numbers at all hours, nothing in, no
// SMS. Mimicry m moves each habit linearly toward an honest subscriber's.
func (s *voiceSub) simBox(r *rng, w *world, m float64) {
	base := float64(r.between(40, 120))
	s.rates = [4]float64{kindIn: 4 * m, kindOut: base*(1-m) + 4*m, kindSMSIn: 3 * m, kindSMSOut: 3 * m}
	s.hours[kindOut] = normalized(blend(boxHours, voiceHours, m))
	s.hours[kindIn] = normalized(voiceHours[:])
	s.hours[kindSMSIn], s.hours[kindSMSOut] = s.hours[kindIn], s.hours[kindIn]
	s.places = w.cells.distinctCells(r, r.between(3, 8))
	s.placeCum = zipf(len(s.places), 0) // a ride passes every cell alike
	s.ride = 0.7 * m
	s.repeat = 0.8 * m
	s.durMed = 90
}

// cell is where a row is made.
func (s *voiceSub) cell(r *rng, hour int) int32 {
	switch s.role {
	case roleSimBox:
		if r.chance(s.ride) {
			return s.places[r.pick(s.placeCum)]
		}
		return s.boxCell
	case roleHeavyHonest:
		if hour >= 9 && hour < 18 && r.chance(0.95) {
			return s.places[0]
		}
		return s.places[1+r.intn(len(s.places)-1)]
	}
	return s.places[r.pick(s.placeCum)]
}

// calls draws the subscriber's rows for the whole span, in time order.
func (s *voiceSub) calls(w *world, buf []call) []call {
	r := newRNG(w.cfg.Seed, tagVoiceStream, uint64(s.index))
	buf = buf[:0]
	for d := 0; d < w.cfg.Days; d++ {
		weekend := w.weekday[d] >= 5
		for h := range 24 {
			for kind := range 4 {
				if s.hours[kind] == nil {
					continue
				}
				rate := s.rates[kind]
				if kind == kindOut && s.weekdayOnly && weekend {
					rate = 0
				}
				for range r.poisson(rate * s.hours[kind][h]) {
					c := call{t: int64(d*daySeconds + h*hourSeconds + r.intn(hourSeconds)), kind: uint8(kind)}
					c.cell = s.cell(r, h)
					c.other = s.party(r, kind)
					if kind == kindIn || kind == kindOut {
						c.dur = int64(max(1, r.lognormal(s.durMed, 1)))
					}
					buf = append(buf, c)
				}
			}
		}
	}
	slices.SortStableFunc(buf, func(a, b call) int { return int(a.t - b.t) })
	if s.plant != nil {
		buf = s.planted(r, buf)
	}
	if w.geo != nil {
		mv := newMover(w.geo) // a phone is in one place at a time (geo_move.go)
		for i := range buf {
			buf[i].cell = mv.place(buf[i].cell, buf[i].t, -1, 0)
		}
	}
	return buf
}

// party is the other number of a row.
func (s *voiceSub) party(r *rng, kind int) uint64 {
	repeat := s.repeat
	if kind != kindOut {
		repeat = 0.85
	}
	if r.chance(repeat) {
		return s.contacts[r.pick(s.contactCum)]
	}
	return randomMSISDN(r)
}

// writeVoice writes every voice subscriber's rows and returns their counts.
// roamed counts the rows written on a roaming spell.
func writeVoice(w *world, subs []*voiceSub, out *bufio.Writer) ([]VoiceCountsTruth, int, int, error) {
	var (
		roamed int
		buf    []byte
		calls  []call
		counts []VoiceCountsTruth
		rows   int
	)
	for _, s := range subs {
		calls = s.calls(w, calls)
		vc := VoiceCountsTruth{MSISDN: s.msisdn, Role: s.role}
		called := map[uint64]struct{}{}
		calledText := map[string]struct{}{}
		cells := map[int32]struct{}{}
		for i := range calls {
			c := &calls[i]
			cells[c.cell] = struct{}{}
			switch c.kind {
			case kindIn:
				vc.In++
			case kindOut:
				vc.Out++
				if c.text != "" {
					calledText[c.text] = struct{}{}
				} else {
					called[c.other] = struct{}{}
				}
				if isNight(int(c.t % daySeconds / hourSeconds)) {
					vc.NightCalls++
				}
			case kindSMSIn:
				vc.SMSIn++
			case kindSMSOut:
				vc.SMSOut++
			}
			imsi, imei := s.device(c.t)
			buf = appendRowV(buf[:0], w, c, s.msisdn, imsi, imei)
			if _, err := out.Write(buf); err != nil {
				return nil, 0, 0, err
			}
		}
		vc.DistinctCalled, vc.Cells = len(called)+len(calledText), len(cells)
		if s.plant != nil && s.plant.roamPos != nil {
			for i := range calls {
				if calls[i].t >= s.plant.roam[0] && calls[i].t < s.plant.roam[1] {
					roamed++
				}
			}
		}
		rows += len(calls)
		counts = append(counts, vc)
	}
	return counts, rows, roamed, nil
}

func parseDigits(s string) uint64 {
	var n uint64
	for i := 0; i < len(s); i++ {
		n = n*10 + uint64(s[i]-'0')
	}
	return n
}
