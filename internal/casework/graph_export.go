package casework

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
)

// The graph export formats, by file extension.
const (
	GraphML  = "graphml"
	GEXF     = "gexf"
	GraphDOT = "dot"
	GraphCSV = "csv"
)

// GraphFormat is the export format of path by its extension, or an error
// naming the ones known.
func GraphFormat(path string) (string, error) {
	switch ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(path), ".")); ext {
	case GraphML, GEXF, GraphDOT, GraphCSV:
		return ext, nil
	case "gv":
		return GraphDOT, nil
	}
	return "", fmt.Errorf("export %q: the file name must end in .graphml, .gexf, .dot or .csv", path)
}

// GraphMeta says what an export is of: the case, its sources' SHA-256, the
// parameters and the time of export.
type GraphMeta struct {
	Case    string
	Sources []store.Source
	At      time.Time
}

// GraphMetaOf reads the meta of an export of the case st.
func GraphMetaOf(ctx context.Context, st CallsCase, at time.Time) (GraphMeta, error) {
	srcs, err := st.Sources(ctx)
	return GraphMeta{Case: st.Path(), Sources: srcs, At: at}, err
}

// lines is the meta as "name: value" lines.
func (m GraphMeta) lines(g *Graph) [][2]string {
	out := [][2]string{{"cdrtui export of", "link graph (calls, SMS, data-session correlation) around " + g.CenterLabel}, {"case", m.Case}}
	for _, s := range m.Sources {
		out = append(out, [2]string{"source", s.SHA256 + "  " + s.Path})
	}
	out = append(out, [2]string{"center", g.Center}, [2]string{"hops", strconv.Itoa(g.Hops)},
		[2]string{"min calls", strconv.FormatInt(g.MinCalls, 10)}, [2]string{"corr threshold", strconv.FormatFloat(g.CorrThreshold, 'g', -1, 64)},
		[2]string{"data correlation", g.Correlation}, [2]string{"time scope", scopeText(g.Scope)},
		[2]string{"betweenness", "shortest paths between other pairs through the node, unordered pairs, unweighted (gonum)"},
		[2]string{"exported at", m.At.UTC().Format(time.RFC3339)})
	return out
}

func (m GraphMeta) text(g *Graph) string {
	var b strings.Builder
	for _, l := range m.lines(g) {
		fmt.Fprintf(&b, "%s: %s\n", l[0], l[1])
	}
	return b.String()
}

// WriteGraph writes g in format (GraphML, GEXF, GraphDOT, GraphCSV).
func WriteGraph(w io.Writer, g *Graph, format string, meta GraphMeta) error {
	switch format {
	case GraphML:
		return writeGraphML(w, g, meta)
	case GEXF:
		return writeGEXF(w, g, meta)
	case GraphDOT:
		return writeDOT(w, g, meta)
	case GraphCSV:
		return writeGraphCSV(w, g, meta)
	}
	return fmt.Errorf("unknown graph format %q", format)
}

// ExportGraph writes g to path in the format its extension names, through
// a temporary file renamed into place when complete.
func ExportGraph(path string, g *Graph, meta GraphMeta) error {
	format, err := GraphFormat(path)
	if err != nil {
		return err
	}
	return writeWhole(path, func(w io.Writer) error { return WriteGraph(w, g, format, meta) })
}

func fnum(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// xmlDoc writes v as an indented XML document.
func xmlDoc(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// GraphML (http://graphml.graphdrawing.org), typed attributes by <key>.
type gmlDoc struct {
	XMLName        xml.Name `xml:"graphml"`
	XMLNS          string   `xml:"xmlns,attr"`
	XSI            string   `xml:"xmlns:xsi,attr"`
	SchemaLocation string   `xml:"xsi:schemaLocation,attr"`
	Desc           string   `xml:"desc"`
	Keys           []gmlKey `xml:"key"`
	Graph          gmlGraph `xml:"graph"`
}

type gmlKey struct {
	ID   string `xml:"id,attr"`
	For  string `xml:"for,attr"`
	Name string `xml:"attr.name,attr"`
	Type string `xml:"attr.type,attr"`
}

type gmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

type gmlGraph struct {
	ID          string    `xml:"id,attr"`
	EdgeDefault string    `xml:"edgedefault,attr"`
	Nodes       []gmlNode `xml:"node"`
	Edges       []gmlEdge `xml:"edge"`
}

type gmlNode struct {
	ID   string    `xml:"id,attr"`
	Data []gmlData `xml:"data"`
}

type gmlEdge struct {
	ID     string    `xml:"id,attr"`
	Source string    `xml:"source,attr"`
	Target string    `xml:"target,attr"`
	Data   []gmlData `xml:"data"`
}

// The GraphML namespace and schema.
const (
	GraphMLNamespace = "http://graphml.graphdrawing.org/xmlns"
	xsiNamespace     = "http://www.w3.org/2001/XMLSchema-instance"
)

func writeGraphML(w io.Writer, g *Graph, meta GraphMeta) error {
	doc := gmlDoc{XMLNS: GraphMLNamespace, XSI: xsiNamespace,
		SchemaLocation: GraphMLNamespace + " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
		Desc:           meta.text(g),
		Keys: []gmlKey{
			{"label", "node", "label", "string"}, {"hop", "node", "hop", "int"}, {"degree", "node", "degree", "int"},
			{"betweenness", "node", "betweenness", "double"}, {"betweenness_normalized", "node", "betweenness_normalized", "double"},
			{"subscriber", "node", "subscriber", "boolean"},
			{"kind", "edge", "kind", "string"}, {"weight", "edge", "weight", "double"}, {"talk_s", "edge", "talk_s", "long"},
		},
		Graph: gmlGraph{ID: "G", EdgeDefault: "undirected"}}
	for _, n := range g.Nodes {
		doc.Graph.Nodes = append(doc.Graph.Nodes, gmlNode{ID: n.ID, Data: []gmlData{
			{"label", n.Label}, {"hop", strconv.Itoa(n.Hop)}, {"degree", strconv.Itoa(n.Degree)},
			{"betweenness", fnum(n.Betweenness)}, {"betweenness_normalized", fnum(n.Normalized)}, {"subscriber", strconv.FormatBool(n.Subscriber)}}})
	}
	for i, e := range g.Edges {
		doc.Graph.Edges = append(doc.Graph.Edges, gmlEdge{ID: "e" + strconv.Itoa(i), Source: e.A, Target: e.B, Data: []gmlData{
			{"kind", e.Kind}, {"weight", fnum(e.Weight)}, {"talk_s", strconv.FormatInt(e.TalkS, 10)}}})
	}
	return xmlDoc(w, doc)
}

// GEXF 1.3 (https://gexf.net), Gephi's format.
type gexfDoc struct {
	XMLName        xml.Name  `xml:"gexf"`
	XMLNS          string    `xml:"xmlns,attr"`
	XSI            string    `xml:"xmlns:xsi,attr"`
	SchemaLocation string    `xml:"xsi:schemaLocation,attr"`
	Version        string    `xml:"version,attr"`
	Meta           gexfMeta  `xml:"meta"`
	Graph          gexfGraph `xml:"graph"`
}

type gexfMeta struct {
	LastModified string `xml:"lastmodifieddate,attr"`
	Creator      string `xml:"creator"`
	Description  string `xml:"description"`
}

type gexfAttrs struct {
	Class string     `xml:"class,attr"`
	Attrs []gexfAttr `xml:"attribute"`
}

type gexfAttr struct {
	ID    string `xml:"id,attr"`
	Title string `xml:"title,attr"`
	Type  string `xml:"type,attr"`
}

type gexfValue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

type gexfGraph struct {
	Mode        string      `xml:"mode,attr"`
	DefaultEdge string      `xml:"defaultedgetype,attr"`
	Attributes  []gexfAttrs `xml:"attributes"`
	Nodes       []gexfNode  `xml:"nodes>node"`
	Edges       []gexfEdge  `xml:"edges>edge"`
}

type gexfNode struct {
	ID     string      `xml:"id,attr"`
	Label  string      `xml:"label,attr"`
	Values []gexfValue `xml:"attvalues>attvalue"`
}

type gexfEdge struct {
	ID     string      `xml:"id,attr"`
	Source string      `xml:"source,attr"`
	Target string      `xml:"target,attr"`
	Kind   string      `xml:"kind,attr"`
	Weight string      `xml:"weight,attr"`
	Values []gexfValue `xml:"attvalues>attvalue"`
}

// GEXFNamespace is the namespace of GEXF 1.3.
const GEXFNamespace = "http://gexf.net/1.3"

func writeGEXF(w io.Writer, g *Graph, meta GraphMeta) error {
	doc := gexfDoc{XMLNS: GEXFNamespace, XSI: xsiNamespace, SchemaLocation: GEXFNamespace + " http://gexf.net/1.3/gexf.xsd", Version: "1.3",
		Meta: gexfMeta{LastModified: meta.At.UTC().Format("2006-01-02"), Creator: "cdrtui", Description: meta.text(g)},
		Graph: gexfGraph{Mode: "static", DefaultEdge: "undirected", Attributes: []gexfAttrs{
			{Class: "node", Attrs: []gexfAttr{{"hop", "hop", "integer"}, {"degree", "degree", "integer"}, {"betweenness", "betweenness", "double"},
				{"betweenness_normalized", "betweenness_normalized", "double"}, {"subscriber", "subscriber", "boolean"}}},
			{Class: "edge", Attrs: []gexfAttr{{"kind", "kind", "string"}, {"talk_s", "talk_s", "long"}}},
		}}}
	for _, n := range g.Nodes {
		doc.Graph.Nodes = append(doc.Graph.Nodes, gexfNode{ID: n.ID, Label: n.Label, Values: []gexfValue{
			{"hop", strconv.Itoa(n.Hop)}, {"degree", strconv.Itoa(n.Degree)}, {"betweenness", fnum(n.Betweenness)},
			{"betweenness_normalized", fnum(n.Normalized)}, {"subscriber", strconv.FormatBool(n.Subscriber)}}})
	}
	for i, e := range g.Edges {
		doc.Graph.Edges = append(doc.Graph.Edges, gexfEdge{ID: strconv.Itoa(i), Source: e.A, Target: e.B, Kind: e.Kind, Weight: fnum(e.Weight),
			Values: []gexfValue{{"kind", e.Kind}, {"talk_s", strconv.FormatInt(e.TalkS, 10)}}})
	}
	return xmlDoc(w, doc)
}

// dotQuote is s as a DOT quoted string: quotes and backslashes escaped,
// line breaks and other control characters written as escapes.
func dotQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			fmt.Fprintf(&b, "\\\\x%02x", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// dotStyle draws a link's kind and weight: calls solid, SMS dashed,
// data-correlation dotted; the pen widens with the weight.
func dotStyle(e analysis.Link) string {
	style := map[string]string{analysis.LinkCall: "solid", analysis.LinkSMS: "dashed", analysis.LinkData: "dotted"}[e.Kind]
	pen := 1.0
	switch {
	case e.Weight >= 50:
		pen = 4
	case e.Weight >= 10:
		pen = 2.5
	case e.Weight >= 3:
		pen = 1.5
	}
	return fmt.Sprintf("style=%s, penwidth=%g", style, pen)
}

func writeDOT(w io.Writer, g *Graph, meta GraphMeta) error {
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimSuffix(meta.text(g), "\n"), "\n") {
		b.WriteString("// " + strings.NewReplacer("\r", `\r`).Replace(l) + "\n")
	}
	b.WriteString("graph cdrtui {\n")
	for _, n := range g.Nodes {
		shape := "ellipse"
		if n.ID == g.Center {
			shape = "doublecircle"
		}
		fmt.Fprintf(&b, "  %s [label=%s, shape=%s, hop=%d, degree=%d, betweenness=%s, subscriber=%t];\n",
			dotQuote(n.ID), dotQuote(n.Label), shape, n.Hop, n.Degree, fnum(n.Betweenness), n.Subscriber)
	}
	for _, e := range g.Edges {
		fmt.Fprintf(&b, "  %s -- %s [kind=%s, weight=%s, talk_s=%d, %s];\n", dotQuote(e.A), dotQuote(e.B), dotQuote(e.Kind), fnum(e.Weight), e.TalkS, dotStyle(e))
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// GraphCSVHeader is the header row of the CSV edge list: one link a row,
// each end's number as written and its key, as i2 Analyst's Notebook's
// import (and any spreadsheet) reads it.
var GraphCSVHeader = []string{"a", "a_label", "b", "b_label", "kind", "weight", "talk_s", "a_hop", "b_hop", "a_betweenness", "b_betweenness"}

// writeGraphCSV writes the edge list: the meta as "# " lines (as every
// cdrtui CSV export), the header row, then every link; every field is
// quoted, and text a spreadsheet would run as a formula (=, +, -, @ first,
// not a number) is prefixed with an apostrophe.
func writeGraphCSV(w io.Writer, g *Graph, meta GraphMeta) error {
	var b strings.Builder
	for _, l := range meta.lines(g) {
		b.WriteString(csvMetaLine(l[0], l[1]))
	}
	row := func(cells ...string) {
		for i, c := range huntSpreadsheetSafe(cells) {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`"` + strings.ReplaceAll(c, `"`, `""`) + `"`)
		}
		b.WriteString("\r\n")
	}
	row(GraphCSVHeader...)
	nodes := map[string]GraphNode{}
	for _, n := range g.Nodes {
		nodes[n.ID] = n
	}
	for _, e := range g.Edges {
		na, nb := nodes[e.A], nodes[e.B]
		row(e.A, na.Label, e.B, nb.Label, e.Kind, fnum(e.Weight), strconv.FormatInt(e.TalkS, 10),
			strconv.Itoa(na.Hop), strconv.Itoa(nb.Hop), fnum(na.Betweenness), fnum(nb.Betweenness))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func scopeText(ts TimeScope) string {
	if !ts.Set() {
		return "all records"
	}
	return ts.String()
}
