package location

import (
	"math"

	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/NimbleMarkets/ntcharts/canvas/graph"
	"github.com/charmbracelet/lipgloss"
	"github.com/paulmach/orb"

	"github.com/cdrtui/cdrtui/internal/casework"
)

// camera is what the map shows: its centre and metres per braille dot
// (dots are square: a cell is 2 dots wide and 4 high, twice as high as
// wide).
type camera struct {
	lat, lon float64
	mPerDot  float64
	w, h     int // canvas cells
}

const metresPerDegree = 111320.0

// project gives a position's dot on the canvas (x right, y down).
func (c camera) project(lat, lon float64) (float64, float64) {
	x := (lon - c.lon) * metresPerDegree * math.Cos(c.lat*math.Pi/180) / c.mPerDot
	y := (c.lat - lat) * metresPerDegree / c.mPerDot
	return x + float64(c.w), y + float64(2*c.h)
}

func (c *camera) zoom(f float64) {
	c.mPerDot = math.Min(math.Max(c.mPerDot*f, 0.5), 200000)
}

// pan moves the centre by fractions of the view (east, north).
func (c *camera) pan(fx, fy float64) {
	c.lon += fx * float64(2*c.w) * c.mPerDot / (metresPerDegree * math.Cos(c.lat*math.Pi/180))
	c.lat += fy * float64(4*c.h) * c.mPerDot / metresPerDegree
}

// fitTo frames every site of the reports with a margin.
func (c *camera) fitTo(reps []*casework.LocationReport, w, h int) {
	c.w, c.h = w, h
	minLat, maxLat, minLon, maxLon := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, r := range reps {
		if r == nil {
			continue
		}
		for _, s := range r.Sites {
			minLat, maxLat = math.Min(minLat, s.Lat), math.Max(maxLat, s.Lat)
			minLon, maxLon = math.Min(minLon, s.Lon), math.Max(maxLon, s.Lon)
		}
	}
	if math.IsInf(minLat, 1) {
		c.lat, c.lon, c.mPerDot = 0, 0, 20000
		return
	}
	c.lat, c.lon = (minLat+maxLat)/2, (minLon+maxLon)/2
	spanX := (maxLon - minLon) * metresPerDegree * math.Cos(c.lat*math.Pi/180)
	spanY := (maxLat - minLat) * metresPerDegree
	c.mPerDot = math.Max(math.Max(spanX/float64(2*w-8), spanY/float64(4*h-8))*1.1, 5)
}

// dots is a braille layer with bounds checks.
type dots struct {
	g    *graph.BrailleGrid
	w, h int
}

func newDots(w, h int) *dots {
	return &dots{g: graph.NewBrailleGrid(w, h, 0, 1, 0, 1), w: 2 * w, h: 4 * h}
}

func (d *dots) set(x, y float64) {
	xi, yi := int(math.Round(x)), int(math.Round(y))
	if xi >= 0 && yi >= 0 && xi < d.w && yi < d.h {
		d.g.Set(canvas.Point{X: xi, Y: yi})
	}
}

// line draws the segment clipped to the canvas (Liang-Barsky), so that a
// long outline far outside costs nothing.
func (d *dots) line(x0, y0, x1, y1 float64) {
	t0, t1 := 0.0, 1.0
	dx, dy := x1-x0, y1-y0
	for _, e := range [][2]float64{{-dx, x0}, {dx, float64(d.w-1) - x0}, {-dy, y0}, {dy, float64(d.h-1) - y0}} {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return
			}
			continue
		}
		r := q / p
		if p < 0 {
			t0 = math.Max(t0, r)
		} else {
			t1 = math.Min(t1, r)
		}
		if t0 > t1 {
			return
		}
	}
	ax, ay, bx, by := x0+t0*dx, y0+t0*dy, x0+t1*dx, y0+t1*dy
	n := int(math.Max(math.Abs(bx-ax), math.Abs(by-ay))) + 1
	for i := 0; i <= n; i++ {
		f := float64(i) / float64(n)
		d.set(ax+f*(bx-ax), ay+f*(by-ay))
	}
}

func (d *dots) disc(cx, cy, r float64) {
	for y := -r; y <= r; y++ {
		for x := -r; x <= r; x++ {
			if x*x+y*y <= r*r+0.5 {
				d.set(cx+x, cy+y)
			}
		}
	}
}

// wedge draws a sector: two radii and the arc between, azimuth clockwise
// from north, radius r dots.
func (d *dots) wedge(cx, cy, az, beam, r float64) {
	from, to := az-beam/2, az+beam/2
	pt := func(a float64) (float64, float64) {
		rad := a * math.Pi / 180
		return cx + r*math.Sin(rad), cy - r*math.Cos(rad)
	}
	x0, y0 := pt(from)
	x1, y1 := pt(to)
	d.line(cx, cy, x0, y0)
	d.line(cx, cy, x1, y1)
	for a := from; a <= to; a += 4 {
		x, y := pt(a)
		d.set(x, y)
	}
}

func (d *dots) draw(c *canvas.Model, st lipgloss.Style) {
	graph.DrawBraillePatterns(c, canvas.Point{}, d.g.BraillePatterns(), st)
}

// mapView draws the map into width x height cells (the last line is the
// legend).
func (p *Pane) mapView(width, height int) string {
	s := p.env.Styles
	w, h := width, height-1
	if w < 10 || h < 4 {
		return fit("the window is too small for the map", width)
	}
	reps := []*casework.LocationReport{p.a, p.b}
	// fitted to the sites until the analyst zooms or pans; after that a
	// resize keeps the centre and the scale
	if !p.camSet || (!p.camMoved && (p.cam.w != w || p.cam.h != h)) {
		p.cam.fitTo(reps, w, h)
		p.camSet = true
	}
	p.cam.w, p.cam.h = w, h
	cam := p.cam
	c := canvas.New(w, h)
	base := newDots(w, h)
	for _, l := range p.layers {
		for _, f := range l.Features.Features {
			drawGeometry(base, cam, f.Geometry)
		}
	}
	base.draw(&c, s.Muted)
	var day string
	if len(p.days) > 0 {
		day = p.days[p.day]
	}
	for i, r := range reps {
		if r == nil {
			continue
		}
		st := s.BarA
		if i == 1 {
			st = s.BarB
		}
		layer := newDots(w, h)
		maxRec := 1
		for _, x := range r.Sites {
			maxRec = max(maxRec, x.Records)
		}
		for _, x := range r.Sites {
			px, py := cam.project(x.Lat, x.Lon)
			rad := 1 + math.Floor(3*math.Log1p(float64(x.Records))/math.Log1p(float64(maxRec)))
			layer.disc(px, py, rad)
			if x.Azimuth != nil {
				beam := 65.0
				if x.Beam != nil {
					beam = *x.Beam
				}
				layer.wedge(px, py, *x.Azimuth, beam, rad+5)
			}
		}
		// the selected day's path: from stay to stay
		var prev *casework.LocStay
		for k := range r.Stays {
			cur := &r.Stays[k]
			if cur.From[:10] == day && prev != nil && prev.From[:10] == day {
				ax, ay := cam.project(prev.Lat, prev.Lon)
				bx, by := cam.project(cur.Lat, cur.Lon)
				layer.line(ax, ay, bx, by)
			}
			prev = cur
		}
		layer.draw(&c, st)
		glyph := glyphA
		if i == 1 {
			glyph = glyphB
		}
		for _, x := range r.Sites {
			px, py := cam.project(x.Lat, x.Lon)
			setGlyph(&c, px, py, glyph, st)
		}
		// H and W beside the site, in the subscriber's colour; at one site
		// W goes a cell further (it was drawn over H)
		home, work := r.Places.Home, r.Places.Work
		if home != nil {
			px, py := cam.project(home.Lat, home.Lon)
			setGlyph(&c, px+2, py, 'H', st)
		}
		if work != nil {
			px, py := cam.project(work.Lat, work.Lon)
			if home != nil && home.Lat == work.Lat && home.Lon == work.Lon {
				px += 2
			}
			setGlyph(&c, px+2, py, 'W', st)
		}
	}
	// north arrow, top right; scale bar, bottom left
	c.SetRuneWithStyle(canvas.Point{X: w - 2, Y: 0}, 'N', s.Subtitle)
	c.SetRuneWithStyle(canvas.Point{X: w - 2, Y: 1}, '↑', s.Subtitle)
	widthM := float64(2*w) * cam.mPerDot
	nice := niceDistance(widthM / 4)
	cells := max(int(math.Round(nice/(2*cam.mPerDot))), 2)
	bar := []rune("├" + repeat('─', cells-2) + "┤ " + distanceText(nice))
	c.SetRunesWithStyle(canvas.Point{X: 0, Y: h - 1}, bar, s.Subtitle)
	legend := s.BarA.Render(string(glyphA)) + " A"
	if p.b != nil {
		legend += "  " + s.BarB.Render(string(glyphB)) + " B"
	}
	legend += "  size: records  ⌔ sector  H home  W work"
	if len(p.layers) > 0 {
		legend += "  outlines: " + p.layers[0].Name
		if len(p.layers) > 1 {
			legend += " +" + itoa(len(p.layers)-1)
		}
	}
	legend += "  +/- zoom  hjkl pan  z fit"
	return c.View() + "\n" + fitStyled(legend, width)
}

func itoa(n int) string { return thousands(int64(n)) }

func repeat(r rune, n int) string {
	out := make([]rune, max(n, 0))
	for i := range out {
		out[i] = r
	}
	return string(out)
}

// setGlyph puts a glyph in the cell holding dot (x, y).
func setGlyph(c *canvas.Model, x, y float64, r rune, st lipgloss.Style) {
	cx, cy := int(math.Round(x))/2, int(math.Round(y))/4
	if x < 0 || y < 0 || cx >= c.Width() || cy >= c.Height() {
		return
	}
	c.SetRuneWithStyle(canvas.Point{X: cx, Y: cy}, r, st)
}

// drawGeometry draws a base layer's geometry as outlines.
func drawGeometry(d *dots, cam camera, g orb.Geometry) {
	ring := func(ls []orb.Point) {
		for i := 1; i < len(ls); i++ {
			ax, ay := cam.project(ls[i-1][1], ls[i-1][0])
			bx, by := cam.project(ls[i][1], ls[i][0])
			d.line(ax, ay, bx, by)
		}
	}
	switch g := g.(type) {
	case orb.Point:
		x, y := cam.project(g[1], g[0])
		d.set(x, y)
	case orb.MultiPoint:
		for _, q := range g {
			drawGeometry(d, cam, q)
		}
	case orb.LineString:
		ring(g)
	case orb.MultiLineString:
		for _, l := range g {
			ring(l)
		}
	case orb.Ring:
		ring(g)
	case orb.Polygon:
		for _, r := range g {
			ring(r)
		}
	case orb.MultiPolygon:
		for _, pg := range g {
			for _, r := range pg {
				ring(r)
			}
		}
	case orb.Collection:
		for _, x := range g {
			drawGeometry(d, cam, x)
		}
	}
}
