package gen

import "math"

// geoPlan is what geography plants: a pair that meets and a set present at
// three of four scenes.
type geoPlan struct {
	meetA, meetB *dataSub
	meetings     []meeting
	scenes       []scene
	present      []*dataSub // present[i] misses scene i
	decoys       []*dataSub // decoys[i] is at scene i only
	counts       map[*dataSub][]int
	clone        *dataSub // a cloned handset: records in a far cell a minute apart
	cloneT       int64
	cloneFar     int32
}

type meeting struct {
	t    int64 // generator seconds
	cell int32
}

type scene struct {
	cell     int32
	from, to int64
}

// geoRoles is how many data subscribers geography plants: the meeting
// pair, three at three of four scenes, two at one scene, one clone.
const geoRoles = 2 + 3 + 2 + 1

// geoMeetings and geoScenes are how many of each are planted.
const (
	geoMeetings = 4
	geoScenes   = 4
)

// meetApp is the traffic planted records carry: HTTPS to a server no
// other planted role uses.
var meetServer = ip(142, 250, 183, 14)

func (g *geoPlan) roles(pick func() *dataSub) {
	g.meetA, g.meetB = pick(), pick()
	for range 3 {
		g.present = append(g.present, pick())
	}
	for range 2 {
		g.decoys = append(g.decoys, pick())
	}
	g.clone = pick()
}

// plant puts the meetings on different days (days 1.. of the case, 10:00 to
// 19:00) in cells that are neither's home or work, with two records of each
// within ten minutes; and the scenes in four other cells, one hour each,
// with one to three records of each subscriber present inside the window
// (at least two minutes from its edges).
func (g *geoPlan) plant(r *rng, w *world) {
	g.counts = map[*dataSub][]int{}
	used := map[int32]bool{}
	for _, s := range []*dataSub{g.meetA, g.meetB} {
		used[s.home], used[s.work] = true, true
	}
	free := func() int32 {
		for {
			c := w.cells.ordinary[r.intn(len(w.cells.ordinary))]
			if !used[c] {
				used[c] = true
				return c
			}
		}
	}
	add := func(s *dataSub, t int64, cell int32) {
		a := &apps[appHTTPS]
		s.planted = append(s.planted, rec{t: t, dur: int64(r.between(20, 300)), app: appHTTPS, port: 443, dst: meetServer, cell: cell,
			up: int64(r.lognormal(a.upMed, 1)), down: int64(r.lognormal(a.downMed, 1))})
	}
	days := max(w.cfg.Days-1, 1)
	for i := range geoMeetings {
		day := int64(1 + i*days/geoMeetings)
		if day >= int64(w.cfg.Days) {
			day = int64(w.cfg.Days - 1)
		}
		m := meeting{t: day*daySeconds + int64(r.between(10*3600, 19*3600)), cell: free()}
		g.meetings = append(g.meetings, m)
		add(g.meetA, m.t, m.cell)
		add(g.meetA, m.t+int64(r.between(120, 600)), m.cell)
		add(g.meetB, m.t+int64(r.between(0, 120)), m.cell)
		add(g.meetB, m.t+int64(r.between(180, 600)), m.cell)
	}
	for i := range geoScenes {
		day := int64(i % w.cfg.Days)
		from := day*daySeconds + int64(r.between(8, 21))*hourSeconds
		sc := scene{cell: free(), from: from, to: from + hourSeconds}
		g.scenes = append(g.scenes, sc)
	}
	at := func(s *dataSub, i int) {
		sc := g.scenes[i]
		n := r.between(1, 3)
		for range n {
			add(s, int64(r.between(int(sc.from+120), int(sc.to-420))), sc.cell)
		}
		g.counts[s] = append(g.counts[s], n)
	}
	for k, s := range g.present {
		for i := range g.scenes {
			if i != k {
				at(s, i)
			}
		}
	}
	for k, s := range g.decoys {
		at(s, k)
	}
	g.plantClone(r, w, add)
}

// plantClone plants the only impossible moves of the case: the clone
// subscriber at home at night, a minute later in the cell farthest from
// home (the cloned handset), a minute after that at home again. Everyone
// else moves at travelKMH (geo_move.go).
func (g *geoPlan) plantClone(r *rng, w *world, add func(*dataSub, int64, int32)) {
	s := g.clone
	day := int64(min(2, w.cfg.Days-1))
	g.cloneT = day*daySeconds + 3*hourSeconds + int64(r.between(0, 1800))
	best := -1.0
	for c := range int32(len(w.geo.lat)) {
		if d := w.geo.km(s.home, c); d > best {
			best, g.cloneFar = d, c
		}
	}
	add(s, g.cloneT, s.home)
	add(s, g.cloneT+60, g.cloneFar)
	add(s, g.cloneT+120, s.home)
}

// CloneTruth is the planted impossible movement: the subscriber's records
// at home at From, in FarCell a minute later, at home again at To; the
// moves home → far and far → home (arriving within [From, To]) are the
// only ones of the case faster than any travel.
type CloneTruth struct {
	MSISDN   string   `json:"msisdn"`
	HomeCell string   `json:"home_cell"`
	FarCell  string   `json:"far_cell"`
	KM       float64  `json:"km"`
	From     WallTime `json:"from"`
	To       WallTime `json:"to"`
}

func (g *geoPlan) cloneTruth(w *world) *CloneTruth {
	s := g.clone
	return &CloneTruth{MSISDN: s.msisdn, HomeCell: w.cells.names[s.home], FarCell: w.cells.names[g.cloneFar],
		KM: math.Round(w.geo.km(s.home, g.cloneFar)*1000) / 1000, From: w.wall(g.cloneT), To: w.wall(g.cloneT + 120)}
}

// MeetTruth is the planted pair that meets.
type MeetTruth struct {
	A        string         `json:"a"`
	B        string         `json:"b"`
	Meetings []MeetingTruth `json:"meetings"`
}

// MeetingTruth is one meeting: both have two records in the cell between
// At and At+10 minutes.
type MeetingTruth struct {
	At   WallTime `json:"at"`
	Cell string   `json:"cell"`
	Lat  float64  `json:"lat"`
	Lon  float64  `json:"lon"`
}

// SceneTruth is the planted tower-dump case: four scenes, three
// subscribers each at three of them (PresentAtThree[i] misses scene i), two
// decoys at one scene each (AtOne[i] at scene i).
type SceneTruth struct {
	Scenes         []SceneWindow `json:"scenes"`
	PresentAtThree []ScenePerson `json:"present_at_three"`
	AtOne          []ScenePerson `json:"at_one"`
}

// SceneWindow is one scene: a cell and an hour.
type SceneWindow struct {
	Cell string   `json:"cell"`
	Lat  float64  `json:"lat"`
	Lon  float64  `json:"lon"`
	From WallTime `json:"from"`
	To   WallTime `json:"to"` // exclusive
}

// ScenePerson is a subscriber planted at scenes, with the scenes (by
// index) and the records planted at each.
type ScenePerson struct {
	MSISDN  string `json:"msisdn"`
	Scenes  []int  `json:"scenes"`
	Records []int  `json:"records"`
}

func (g *geoPlan) meetTruth(w *world) *MeetTruth {
	m := &MeetTruth{A: g.meetA.msisdn, B: g.meetB.msisdn}
	for _, x := range g.meetings {
		c := w.cellTruth(x.cell)
		m.Meetings = append(m.Meetings, MeetingTruth{At: w.wall(x.t), Cell: c.Cell, Lat: c.Lat, Lon: c.Lon})
	}
	return m
}

func (g *geoPlan) sceneTruth(w *world) *SceneTruth {
	st := &SceneTruth{}
	for _, sc := range g.scenes {
		c := w.cellTruth(sc.cell)
		st.Scenes = append(st.Scenes, SceneWindow{Cell: c.Cell, Lat: c.Lat, Lon: c.Lon, From: w.wall(sc.from), To: w.wall(sc.to)})
	}
	for k, s := range g.present {
		p := ScenePerson{MSISDN: s.msisdn, Records: g.counts[s]}
		for i := range g.scenes {
			if i != k {
				p.Scenes = append(p.Scenes, i)
			}
		}
		st.PresentAtThree = append(st.PresentAtThree, p)
	}
	for k, s := range g.decoys {
		st.AtOne = append(st.AtOne, ScenePerson{MSISDN: s.msisdn, Scenes: []int{k}, Records: g.counts[s]})
	}
	return st
}
