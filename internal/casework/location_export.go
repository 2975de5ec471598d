package casework

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/cdrtui/cdrtui/internal/inert"
)

// LocationExportFormats are the formats ExportLocation writes, by the
// file name's extension.
var LocationExportFormats = []string{".csv", ".json", ".kml", ".geojson"}

// ExportLocation writes the report to path in the format its extension
// names: CSV (the timeline: stays and moves, "# " lines first saying what
// it is of), JSON (the report under "location" with a "meta" object), KML
// (Google Earth) or GeoJSON (QGIS): sites and places as points, moves as
// lines. The file is written under a temporary name and renamed whole,
// never into an evidence folder.
func ExportLocation(ctx context.Context, st Locator, rep *LocationReport, path string, at time.Time) error {
	ext := strings.ToLower(filepath.Ext(path))
	if err := NotIntoEvidence(ctx, st, path); err != nil {
		return err
	}
	srcs, err := st.Sources(ctx)
	if err != nil {
		return err
	}
	meta := LocationMeta{Of: "location of " + rep.MSISDN, Case: rep.Case, Night: rep.Night, WorkHours: rep.Day, ExportedAt: at.UTC().Format(time.RFC3339)}
	if rep.Scope != nil {
		meta.Scope = rep.Scope.String()
	}
	for _, s := range srcs {
		meta.Sources = append(meta.Sources, LocationMetaSource{Path: s.Path, SHA256: s.SHA256})
	}
	var write func(io.Writer) error
	switch ext {
	case ".csv":
		write = func(w io.Writer) error { return locationCSV(w, rep, meta) }
	case ".json":
		write = func(w io.Writer) error {
			raw, err := json.MarshalIndent(struct {
				Meta     LocationMeta    `json:"meta"`
				Location *LocationReport `json:"location"`
			}{meta, rep}, "", "  ")
			if err != nil {
				return err
			}
			_, err = w.Write(inert.JSON(append(raw, '\n'))) // C1 controls and bidi overrides as \u escapes
			return err
		}
	case ".kml":
		write = func(w io.Writer) error { return locationKML(w, rep, meta) }
	case ".geojson":
		write = func(w io.Writer) error { return locationGeoJSON(w, rep, meta) }
	default:
		return fmt.Errorf("export %s: the extension says no format (%s)", path, strings.Join(LocationExportFormats, ", "))
	}
	return writeWhole(path, write)
}

// LocationMeta says what an export is of.
type LocationMeta struct {
	Of         string               `json:"of"`
	Case       string               `json:"case"`
	Sources    []LocationMetaSource `json:"sources"`
	Night      string               `json:"night"`
	WorkHours  string               `json:"work_hours"`
	Scope      string               `json:"time_scope,omitempty"`
	ExportedAt string               `json:"exported_at"`
}

// LocationMetaSource is one source of the case.
type LocationMetaSource struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func locationCSV(w io.Writer, rep *LocationReport, m LocationMeta) error {
	line := func(k, v string) {
		io.WriteString(w, csvMetaLine(k, v))
	}
	line("cdrtui export of", m.Of+": timeline (stays and moves)")
	line("case", m.Case)
	for _, s := range m.Sources {
		line("source", s.SHA256+"  "+s.Path)
	}
	line("night", m.Night)
	line("work hours", m.WorkHours)
	if m.Scope != "" {
		line("time scope", m.Scope)
	}
	line("placed share", num(rep.PlacedShare))
	line("exported at", m.ExportedAt)
	cw := csv.NewWriter(w)
	cw.Write([]string{"type", "cell", "to_cell", "from", "to", "records", "lat", "lon", "to_lat", "to_lon", "km", "kmh", "impossible"})
	i, j := 0, 0
	for i < len(rep.Stays) || j < len(rep.Moves) {
		// in time order: a move comes after the stay it leaves
		if i < len(rep.Stays) && (j >= len(rep.Moves) || rep.Stays[i].From <= rep.Moves[j].At && i <= j) {
			s := rep.Stays[i]
			cw.Write([]string{"stay", csvSafe(s.Cell), "", s.From, s.To, strconv.Itoa(s.Records), num(s.Lat), num(s.Lon), "", "", "", "", ""})
			i++
			continue
		}
		mv := rep.Moves[j]
		cw.Write([]string{"move", csvSafe(mv.FromCell), csvSafe(mv.ToCell), mv.Left, mv.At, "", num(mv.FromLat), num(mv.FromLon), num(mv.ToLat), num(mv.ToLon),
			num(mv.KM), num(mv.KMH), strconv.FormatBool(mv.Impossible)})
		j++
	}
	cw.Flush()
	return cw.Error()
}

func locationGeoJSON(w io.Writer, rep *LocationReport, m LocationMeta) error {
	fc := geojson.NewFeatureCollection()
	fc.ExtraMembers = geojson.Properties{"meta": m}
	for _, s := range rep.Sites {
		f := geojson.NewFeature(orb.Point{s.Lon, s.Lat})
		f.Properties = geojson.Properties{"type": "site", "cell": s.Cell, "records": s.Records, "first": s.First, "last": s.Last,
			"source": s.Source, "line": s.Line, "sources_disagree": s.Disagree}
		if s.Azimuth != nil {
			f.Properties["azimuth"] = *s.Azimuth
		}
		fc.Append(f)
	}
	for _, mv := range rep.Moves {
		f := geojson.NewFeature(orb.LineString{{mv.FromLon, mv.FromLat}, {mv.ToLon, mv.ToLat}})
		f.Properties = geojson.Properties{"type": "move", "from_cell": mv.FromCell, "to_cell": mv.ToCell, "left": mv.Left, "at": mv.At,
			"km": mv.KM, "kmh": mv.KMH, "impossible": mv.Impossible}
		fc.Append(f)
	}
	for name, p := range map[string]*LocPlace{"home": rep.Places.Home, "work": rep.Places.Work} {
		if p == nil {
			continue
		}
		f := geojson.NewFeature(orb.Point{p.Lon, p.Lat})
		f.Properties = geojson.Properties{"type": name, "cell": p.Cell, "nights": p.Nights, "days": p.Days, "of": p.Of, "dates": p.Dates}
		fc.Append(f)
	}
	raw, err := json.MarshalIndent(fc, "", " ")
	if err != nil {
		return err
	}
	_, err = w.Write(inert.JSON(append(raw, '\n')))
	return err
}

// kml is the little of KML the export writes.
type kmlDoc struct {
	XMLName xml.Name `xml:"kml"`
	NS      string   `xml:"xmlns,attr"`
	Doc     struct {
		Name        string         `xml:"name"`
		Description string         `xml:"description"`
		Placemarks  []kmlPlacemark `xml:"Placemark"`
	} `xml:"Document"`
}

type kmlPlacemark struct {
	Name        string   `xml:"name"`
	Description string   `xml:"description"`
	Point       *kmlGeom `xml:"Point,omitempty"`
	Line        *kmlGeom `xml:"LineString,omitempty"`
}

type kmlGeom struct {
	Coordinates string `xml:"coordinates"`
}

func locationKML(w io.Writer, rep *LocationReport, m LocationMeta) error {
	var d kmlDoc
	d.NS = "http://www.opengis.net/kml/2.2"
	d.Doc.Name = m.Of
	var desc strings.Builder
	fmt.Fprintf(&desc, "case %s; exported %s; night %s; work hours %s; placed share %s", m.Case, m.ExportedAt, m.Night, m.WorkHours, num(rep.PlacedShare))
	for _, s := range m.Sources {
		fmt.Fprintf(&desc, "; source %s %s", s.SHA256, s.Path)
	}
	d.Doc.Description = desc.String()
	coord := func(lat, lon float64) string { return num(lon) + "," + num(lat) + ",0" }
	for _, s := range rep.Sites {
		d.Doc.Placemarks = append(d.Doc.Placemarks, kmlPlacemark{Name: s.Cell,
			Description: fmt.Sprintf("%d records, %s to %s; position from %s line %d", s.Records, s.First, s.Last, s.Source, s.Line),
			Point:       &kmlGeom{coord(s.Lat, s.Lon)}})
	}
	for _, mv := range rep.Moves {
		desc := fmt.Sprintf("%s to %s, %s to %s: %s km at %s km/h", mv.FromCell, mv.ToCell, mv.Left, mv.At, num(mv.KM), num(mv.KMH))
		if mv.Impossible {
			desc += " (impossible speed)"
		}
		d.Doc.Placemarks = append(d.Doc.Placemarks, kmlPlacemark{Name: "move " + mv.At, Description: desc,
			Line: &kmlGeom{coord(mv.FromLat, mv.FromLon) + " " + coord(mv.ToLat, mv.ToLon)}})
	}
	if p := rep.Places.Home; p != nil {
		d.Doc.Placemarks = append(d.Doc.Placemarks, kmlPlacemark{Name: "home", Description: fmt.Sprintf("%s: the most used site on %d of %d nights", p.Cell, p.Nights, p.Of), Point: &kmlGeom{coord(p.Lat, p.Lon)}})
	}
	if p := rep.Places.Work; p != nil {
		d.Doc.Placemarks = append(d.Doc.Placemarks, kmlPlacemark{Name: "work", Description: fmt.Sprintf("%s: the most used site on %d of %d weekdays", p.Cell, p.Days, p.Of), Point: &kmlGeom{coord(p.Lat, p.Lon)}})
	}
	io.WriteString(w, xml.Header)
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	if err := enc.Encode(d); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
