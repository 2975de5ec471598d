package gen

import (
	"fmt"
	"math"
	"strconv"
)

// Geography (Config.Geography): every cell gets a mast position, an
// azimuth and a beam width around a city centre; the case gets the
// operator's cell-site list (exact positions, azimuths, addresses) and an
// OpenCellID-format export of the same cells (crowd-sourced: positions off
// by tens to hundreds of metres, one cell kilometres off, no azimuths).
// Subscribers already live in a home cell and (most) work in a work cell
// on weekday office hours; their places go into truth.json, with a planted
// pair that meets and a planted set present at three of four scenes
// (geo_plant.go).

// The files of a case with geography.
const (
	FileCellTowers    = "cell_towers.csv"           // OpenCellID / MLS export layout
	FileOperatorSites = "cell_sites_operator_a.csv" // an operator's cell-site list
)

// geoCentre is where the generated city lies (Kolkata).
var geoCentre = [2]float64{22.5726, 88.3639}

// geoMap is the position of every cell, by index.
type geoMap struct {
	lat, lon []float64
	azimuth  []float64
	beam     []float64
	far      int32 // the cell OpenCellID places kilometres off
}

// offset moves (lat, lon) by dx metres east and dy metres north
// (equirectangular: exact enough within a city).
func offset(lat, lon, dx, dy float64) (float64, float64) {
	const m = 111320.0
	return lat + dy/m, lon + dx/(m*math.Cos(lat*math.Pi/180))
}

// newGeoMap places the cells: the hunt's area within 1.2 km of a point
// 3 km north-east of the centre, its neighbours 1.5 to 3 km from that
// point, every other cell in a disc of 15 km; no two masts closer than
// 300 m, so each cell is a site of its own.
func newGeoMap(cfg Config, cells *cellMap) *geoMap {
	r := newRNG(cfg.Seed, tagGeo)
	n := len(cells.names)
	g := &geoMap{lat: make([]float64, n), lon: make([]float64, n), azimuth: make([]float64, n), beam: make([]float64, n)}
	alat, alon := offset(geoCentre[0], geoCentre[1], 2121, 2121)
	kind := make([]byte, n)
	for _, c := range cells.area {
		kind[c] = 'a'
	}
	for _, c := range cells.neighbour {
		kind[c] = 'n'
	}
	var placed [][2]float64
	for i := range n {
		for try := 0; ; try++ {
			var lat, lon float64
			ang := 2 * math.Pi * r.float()
			switch kind[i] {
			case 'a':
				d := 1200 * math.Sqrt(r.float())
				lat, lon = offset(alat, alon, d*math.Cos(ang), d*math.Sin(ang))
			case 'n':
				d := 1500 + 1500*r.float()
				lat, lon = offset(alat, alon, d*math.Cos(ang), d*math.Sin(ang))
			default:
				d := 15000 * math.Sqrt(r.float())
				lat, lon = offset(geoCentre[0], geoCentre[1], d*math.Cos(ang), d*math.Sin(ang))
			}
			ok := true
			for _, p := range placed {
				dy := (p[0] - lat) * 111320
				dx := (p[1] - lon) * 111320 * math.Cos(lat*math.Pi/180)
				if dx*dx+dy*dy < 300*300 {
					ok = false
					break
				}
			}
			if ok || try > 200 {
				lat, lon = math.Round(lat*1e6)/1e6, math.Round(lon*1e6)/1e6
				g.lat[i], g.lon[i] = lat, lon
				placed = append(placed, [2]float64{lat, lon})
				break
			}
		}
		g.azimuth[i] = float64((r.intn(3)*120 + r.between(0, 40)) % 360)
		g.beam[i] = float64([]int{60, 65, 90}[r.intn(3)])
	}
	g.far = cells.ordinary[len(cells.ordinary)-1]
	return g
}

// writeCellFiles writes the operator's site list and the OpenCellID export.
func writeCellFiles(dir string, w *world, t *Truth) error {
	g, cells := w.geo, w.cells
	r := newRNG(w.cfg.Seed, tagGeo, 1)
	op, err := create(dir, FileOperatorSites, "Cell site list of operator A as on "+w.dateB[0]+"\r\nSl No,CGI,Site Address,Latitude,Longitude,Azimuth,Beam Width\r\n")
	if err != nil {
		return err
	}
	for i, name := range cells.names {
		fmt.Fprintf(op, "%d,%s,\"Site %d, Ward %d, Kolkata\",%s,%s,%g,%g\r\n", i+1, name, i+1, 1+i%144,
			strconv.FormatFloat(g.lat[i], 'f', 6, 64), strconv.FormatFloat(g.lon[i], 'f', 6, 64), g.azimuth[i], g.beam[i])
	}
	if err := op.close(); err != nil {
		return err
	}
	oc, err := create(dir, FileCellTowers, "radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal\n")
	if err != nil {
		return err
	}
	created := w.cfg.Start.AddDate(-2, 0, 0).Unix()
	for i, name := range cells.names {
		var lac, ci int
		fmt.Sscanf(name, "404-10-%d-%d", &lac, &ci)
		dx, dy := 200*r.normal(), 200*r.normal()
		if int32(i) == g.far {
			dx, dy = 5000, 0 // a crowd-sourced position 5 km off: the sources disagree
		}
		lat, lon := offset(g.lat[i], g.lon[i], dx, dy)
		fmt.Fprintf(oc, "GSM,404,10,%d,%d,0,%.6f,%.6f,%d,%d,1,%d,%d,0\n", lac, ci, lon, lat, r.between(300, 3000), r.between(1, 80), created, created+int64(r.between(0, 600))*86400)
	}
	if err := oc.close(); err != nil {
		return err
	}
	t.Files = append(t.Files,
		FileTruth{Path: FileOperatorSites, Kind: "cells", Layout: "operator_sites", Rows: len(cells.names)},
		FileTruth{Path: FileCellTowers, Kind: "cells", Layout: "opencellid", Rows: len(cells.names)})
	return nil
}

// GeoTruth is the geography of a case: where cells are, where subscribers
// live and work, and the planted meetings and scenes.
type GeoTruth struct {
	Centre         [2]float64   `json:"centre"` // lat, lon
	Cells          []CellTruth  `json:"cells"`
	DisagreeCell   string       `json:"disagreeing_cell"` // OpenCellID places it 5 km from the operator's position
	OperatorSites  string       `json:"operator_sites_file"`
	OpenCellIDFile string       `json:"opencellid_file"`
	Places         []PlaceTruth `json:"places"`
	Meeting        *MeetTruth   `json:"meeting_pair"`
	Scenes         *SceneTruth  `json:"scenes"`
	Clone          *CloneTruth  `json:"impossible_moves"` // the only moves faster than travel (geo_move.go)
}

// CellTruth is one cell's mast as the operator's list gives it.
type CellTruth struct {
	Cell    string  `json:"cell"`
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
	Azimuth float64 `json:"azimuth"`
	Beam    float64 `json:"beam_width"`
}

// PlaceTruth is a data subscriber's home and work (Works false: no work
// place; their weekday daytime is spread over home and other places).
// Nights are 20:00-07:00 at home (90% of records), office hours 09:00-18:00
// on weekdays at work (85%).
type PlaceTruth struct {
	MSISDN   string  `json:"msisdn"`
	HomeCell string  `json:"home_cell"`
	HomeLat  float64 `json:"home_lat"`
	HomeLon  float64 `json:"home_lon"`
	Works    bool    `json:"works"`
	WorkCell string  `json:"work_cell"`
	WorkLat  float64 `json:"work_lat"`
	WorkLon  float64 `json:"work_lon"`
}

func (w *world) cellTruth(c int32) CellTruth {
	return CellTruth{Cell: w.cells.names[c], Lat: w.geo.lat[c], Lon: w.geo.lon[c], Azimuth: w.geo.azimuth[c], Beam: w.geo.beam[c]}
}

// geoTruth describes the geography as planted.
func (p *dataPlan) geoTruth(w *world) *GeoTruth {
	g := &GeoTruth{Centre: geoCentre, DisagreeCell: w.cells.names[w.geo.far], OperatorSites: FileOperatorSites, OpenCellIDFile: FileCellTowers,
		Cells: []CellTruth{}, Places: []PlaceTruth{}}
	for i := range w.cells.names {
		g.Cells = append(g.Cells, w.cellTruth(int32(i)))
	}
	for _, s := range p.subs {
		h, wk := w.cellTruth(s.home), w.cellTruth(s.work)
		pt := PlaceTruth{MSISDN: s.msisdn, HomeCell: h.Cell, HomeLat: h.Lat, HomeLon: h.Lon, Works: s.works}
		if s.works {
			pt.WorkCell, pt.WorkLat, pt.WorkLon = wk.Cell, wk.Lat, wk.Lon
		}
		g.Places = append(g.Places, pt)
	}
	g.Meeting = p.geo.meetTruth(w)
	g.Scenes = p.geo.sceneTruth(w)
	g.Clone = p.geo.cloneTruth(w)
	return g
}
