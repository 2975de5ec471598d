package gen

import (
	"bufio"
	"slices"
)

// streamer writes one data subscriber's records in time order: background
// sessions drawn hour by hour, merged with the planted ones. Its memory is
// one hour of one subscriber's starts, whatever the number of records.
type streamer struct {
	w       *world
	buf     []byte
	offsets []int32
	dayW    []float64
}

// run writes s's records to out in its operator's layout and returns the
// tally of what was written.
func (st *streamer) run(s *dataSub, out *bufio.Writer) (*tally, error) {
	w := st.w
	r := newRNG(w.cfg.Seed, tagStream, uint64(s.index))
	net := newRNG(w.cfg.Seed, tagNetwork, uint64(s.index))
	t := newTally()
	appendRow := appendRowA
	if s.operator == 'B' {
		appendRow = appendRowB
	}
	st.days(r)
	var x row
	x.msisdn = s.msisdn
	planted := s.planted
	mv := newMover(w.geo)
	nf := 0 // the next planted record with a cell of its own, at or after the one being written (ascending)
	emit := func(e *rec, slotCell int32, plantedRec bool) error {
		cell := e.cell
		switch {
		case plantedRec && cell >= 0:
			mv.at(cell, e.t) // a planted place and time: the subscriber is there
		case w.geo != nil:
			if cell < 0 {
				cell = slotCell
			}
			from := len(s.planted) - len(planted) // the first record not yet written
			if plantedRec {
				from++
			}
			nf = max(nf, from)
			for nf < len(s.planted) && s.planted[nf].cell < 0 {
				nf++
			}
			next, nextT := int32(-1), int64(0)
			if nf < len(s.planted) {
				next, nextT = s.planted[nf].cell, s.planted[nf].t
			}
			cell = mv.place(cell, e.t, next, nextT)
		default:
			if cell < 0 {
				cell = slotCell
			}
		}
		x.imsi, x.imei = s.identity(e.t)
		t.add(w, e, cell, x.imsi, x.imei)
		x.privatePort = 32768 + r.intn(28232)
		x.publicPort = 1024 + r.intn(64512)
		x.dst, x.dstPort = e.dst, int(e.port)
		x.start, x.end = e.t, e.t+e.dur
		x.cell = w.cells.names[cell]
		x.up, x.down = e.up, e.down
		x.rat = s.rat
		if s.rat > 0 && r.chance(0.08) {
			x.rat = s.rat - 1
		}
		st.buf = appendRow(st.buf[:0], w, &x)
		_, err := out.Write(st.buf)
		return err
	}
	for d := 0; d < w.cfg.Days; d++ {
		x.private = ip(10, net.intn(256), net.intn(256), 1+net.intn(254))
		x.public = ip(49, 36, net.intn(256), 1+net.intn(254))
		weekday := w.weekday[d]
		for h := range 24 {
			slotStart := int64(d*daySeconds + h*hourSeconds)
			slotEnd := slotStart + hourSeconds
			cell := s.slotCell(r, weekday, h)
			n := r.poisson(s.expected * st.dayW[d] * s.hourW[h])
			st.offsets = st.offsets[:0]
			for range n {
				st.offsets = append(st.offsets, int32(r.intn(hourSeconds)))
			}
			slices.Sort(st.offsets)
			for _, off := range st.offsets {
				start := slotStart + int64(off)
				for len(planted) > 0 && planted[0].t <= start {
					if err := emit(&planted[0], cell, true); err != nil {
						return nil, err
					}
					planted = planted[1:]
				}
				e := background(r, s, start, cell)
				if err := emit(&e, cell, false); err != nil {
					return nil, err
				}
			}
			for len(planted) > 0 && planted[0].t < slotEnd {
				if err := emit(&planted[0], cell, true); err != nil {
					return nil, err
				}
				planted = planted[1:]
			}
		}
	}
	return t, nil
}

// days draws the subscriber's share of records per day: weekends a little
// quieter, some days busier than others, now and then a day with the
// phone off.
func (st *streamer) days(r *rng) {
	st.dayW = st.dayW[:0]
	for d := 0; d < st.w.cfg.Days; d++ {
		x := r.lognormal(1, 0.3)
		if st.w.weekday[d] >= 5 {
			x *= 0.9
		}
		if r.chance(0.04) {
			x = 0.05
		}
		st.dayW = append(st.dayW, x)
	}
	st.dayW = normalized(st.dayW)
}

// background draws one ordinary session starting at start.
func background(r *rng, s *dataSub, start int64, slotCell int32) rec {
	a := r.pick(s.appCum[:])
	spec := &apps[a]
	e := rec{t: start, app: uint8(a), cell: slotCell}
	e.port = spec.ports[r.pick(spec.portCum)]
	e.dst = inPool(r, spec.pools[r.intn(len(spec.pools))])
	if r.chance(0.05) && len(s.extras) > 0 {
		e.cell = s.extras[r.intn(len(s.extras))]
	}
	dur := r.lognormal(spec.durMed, 1)
	if r.chance(0.01) {
		dur = float64(r.between(hourSeconds, 8*hourSeconds))
	}
	e.dur = int64(min(max(dur, 1), 12*hourSeconds))
	volume := s.volume
	if a == appWhatsApp {
		volume = 1
	}
	e.up = int64(r.lognormal(spec.upMed*volume, 1))
	e.down = int64(r.lognormal(spec.downMed*volume, 1))
	return e
}
