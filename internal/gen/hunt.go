package gen

// huntPlan is the planted server hunt: five visitors reach the target from
// the area inside the window, and each decoy misses exactly one condition.
type huntPlan struct {
	from, to      int64 // window [from, to)
	visitors      []*dataSub
	outsideWindow []*dataSub
	otherCell     []*dataSub
	otherPort     []*dataSub
	sameSubnet    []*dataSub
	counts        map[*dataSub]int // planted hunt records per subscriber
}

// roles takes the hunt's 16 subscribers.
func (h *huntPlan) roles(pick func() *dataSub) {
	group := func(n int) []*dataSub {
		out := make([]*dataSub, n)
		for i := range out {
			out[i] = pick()
		}
		return out
	}
	h.visitors = group(5)
	h.outsideWindow = group(3)
	h.otherCell = group(3)
	h.otherPort = group(3)
	h.sameSubnet = group(2)
}

// plant places the window on day 3 (the last day of shorter cases) and
// writes every role's records. Records inside the window start and end at
// least two minutes inside it; records outside it keep 30 minutes away.
func (h *huntPlan) plant(r *rng, w *world) {
	day := int64(min(2, w.cfg.Days-1))
	h.from = day*daySeconds + int64(r.between(9, 19))*hourSeconds
	h.to = h.from + 2*hourSeconds
	h.counts = map[*dataSub]int{}
	area := func() int32 { return w.cells.area[r.intn(len(w.cells.area))] }
	outside := func() int32 { return w.cells.neighbour[r.intn(len(w.cells.neighbour))] }
	inside := func(dur int64) int64 { return int64(r.between(int(h.from+120), int(h.to-120-dur))) }
	beside := func(dur int64) int64 {
		if r.chance(0.5) {
			return int64(r.between(int(h.from-5*hourSeconds), int(h.from-1800-dur)))
		}
		return int64(r.between(int(h.to+1800), int(h.to+2*hourSeconds)))
	}
	visit := func(s *dataSub, n int, when func(int64) int64, cell func() int32, dst ipv4, port uint16) {
		for range n {
			dur := int64(r.between(20, 600))
			a := &apps[appHTTPS]
			s.planted = append(s.planted, rec{
				t: when(dur), dur: dur, app: appHTTPS, port: port, dst: dst, cell: cell(),
				up: int64(r.lognormal(a.upMed, 1)), down: int64(r.lognormal(a.downMed, 1)),
			})
		}
		h.counts[s] += n
	}
	for _, s := range h.visitors {
		visit(s, r.between(2, 6), inside, area, huntTarget, huntPort)
	}
	for _, s := range h.outsideWindow {
		visit(s, r.between(1, 3), beside, area, huntTarget, huntPort)
	}
	for _, s := range h.otherCell {
		visit(s, r.between(1, 3), inside, outside, huntTarget, huntPort)
	}
	for _, s := range h.otherPort {
		visit(s, r.between(1, 3), inside, area, huntTarget, huntOtherPort)
	}
	for _, s := range h.sameSubnet {
		visit(s, r.between(1, 3), inside, area, huntSibling, huntPort)
	}
}

// truth describes the hunt as planted.
func (h *huntPlan) truth(w *world) *HuntTruth {
	members := func(subs []*dataSub) []HuntMember {
		out := make([]HuntMember, len(subs))
		for i, s := range subs {
			out[i] = HuntMember{MSISDN: s.msisdn, Records: h.counts[s]}
		}
		return out
	}
	var cells []string
	for _, c := range w.cells.area {
		cells = append(cells, w.cells.names[c])
	}
	return &HuntTruth{
		DestIP: huntTarget.String(), DestPort: huntPort,
		Cells: cells, CellPrefix: AreaPrefix,
		From: w.wall(h.from), To: w.wall(h.to),
		Visitors: members(h.visitors),
		Decoys: HuntDecoys{
			OutsideWindow: members(h.outsideWindow),
			OtherCell:     members(h.otherCell),
			OtherPort:     members(h.otherPort),
			SameSubnet:    members(h.sameSubnet),
		},
	}
}
