package casework

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
)

// exportGraph is a small graph with hostile text in a label.
func exportGraph() (*Graph, GraphMeta) {
	g := &Graph{Center: "919800000001", CenterLabel: "919800000001", Hops: 2, MinCalls: 1, CorrThreshold: 5, Correlation: "not asked for",
		Nodes: []GraphNode{
			{ID: "919800000001", Label: "919800000001", Betweenness: 1, Normalized: 1, Degree: 2, Subscriber: true, Keyed: true},
			{ID: "919800000002", Label: "+91 98000 00002", Hop: 1, Degree: 1, Keyed: true},
			{ID: "=HYPERLINK(\"x\")", Label: "=HYPERLINK(\"x\")<&>\x1b[31m", Hop: 1, Degree: 1},
		},
		Edges: []analysis.Link{
			{A: "919800000001", B: "919800000002", Kind: "call", Weight: 3, TalkS: 150},
			{A: "919800000001", B: "919800000002", Kind: "sms", Weight: 2},
			{A: "919800000001", B: "=HYPERLINK(\"x\")", Kind: "data-correlation", Weight: 7.25},
		}}
	meta := GraphMeta{Case: "/cases/c.db", Sources: []store.Source{{Path: "calls.csv", SHA256: "ab12"}}, At: time.Date(2026, 12, 4, 5, 0, 0, 0, time.UTC)}
	return g, meta
}

func TestGraphMLWellFormedAndTyped(t *testing.T) {
	g, meta := exportGraph()
	var b bytes.Buffer
	if err := WriteGraph(&b, g, GraphML, meta); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		XMLName xml.Name
		Desc    string `xml:"desc"`
		Keys    []struct {
			ID   string `xml:"id,attr"`
			For  string `xml:"for,attr"`
			Type string `xml:"attr.type,attr"`
		} `xml:"key"`
		Graph struct {
			EdgeDefault string `xml:"edgedefault,attr"`
			Nodes       []struct {
				ID   string `xml:"id,attr"`
				Data []struct {
					Key string `xml:"key,attr"`
					V   string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"node"`
			Edges []struct {
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
				Data   []struct {
					Key string `xml:"key,attr"`
					V   string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, b.String())
	}
	if doc.XMLName.Space != "http://graphml.graphdrawing.org/xmlns" || doc.XMLName.Local != "graphml" {
		t.Errorf("root %v", doc.XMLName)
	}
	types := map[string]string{}
	for _, k := range doc.Keys {
		types[k.For+"/"+k.ID] = k.Type
	}
	for k, want := range map[string]string{"node/betweenness": "double", "node/hop": "int", "edge/kind": "string", "edge/weight": "double", "edge/talk_s": "long"} {
		if types[k] != want {
			t.Errorf("key %s type %q, want %q", k, types[k], want)
		}
	}
	if doc.Graph.EdgeDefault != "undirected" || len(doc.Graph.Nodes) != 3 || len(doc.Graph.Edges) != 3 {
		t.Fatalf("graph %+v", doc.Graph)
	}
	if n := doc.Graph.Nodes[2]; n.ID != `=HYPERLINK("x")` || n.Data[0].V != "=HYPERLINK(\"x\")<&>\uFFFD[31m" {
		t.Errorf("hostile label round trip: %+v", n)
	}
	e := doc.Graph.Edges[2]
	if e.Data[0].V != "data-correlation" || e.Data[1].V != "7.25" {
		t.Errorf("edge %+v", e)
	}
	if !strings.Contains(doc.Desc, "ab12  calls.csv") || !strings.Contains(doc.Desc, "exported at: 2026-12-04T05:00:00Z") {
		t.Errorf("desc %q", doc.Desc)
	}
}

func TestGEXFWellFormedAndTyped(t *testing.T) {
	g, meta := exportGraph()
	var b bytes.Buffer
	if err := WriteGraph(&b, g, GEXF, meta); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		XMLName xml.Name
		Version string `xml:"version,attr"`
		Meta    struct {
			Creator string `xml:"creator"`
		} `xml:"meta"`
		Graph struct {
			Default string `xml:"defaultedgetype,attr"`
			Attrs   []struct {
				Class string `xml:"class,attr"`
				Attr  []struct {
					ID   string `xml:"id,attr"`
					Type string `xml:"type,attr"`
				} `xml:"attribute"`
			} `xml:"attributes"`
			Nodes []struct {
				ID     string `xml:"id,attr"`
				Label  string `xml:"label,attr"`
				Values []struct {
					For   string `xml:"for,attr"`
					Value string `xml:"value,attr"`
				} `xml:"attvalues>attvalue"`
			} `xml:"nodes>node"`
			Edges []struct {
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
				Kind   string `xml:"kind,attr"`
				Weight string `xml:"weight,attr"`
			} `xml:"edges>edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, b.String())
	}
	if doc.XMLName.Space != "http://gexf.net/1.3" || doc.XMLName.Local != "gexf" || doc.Version != "1.3" || doc.Meta.Creator != "cdrtui" {
		t.Errorf("root %v version %q", doc.XMLName, doc.Version)
	}
	types := map[string]string{}
	for _, a := range doc.Graph.Attrs {
		for _, x := range a.Attr {
			types[a.Class+"/"+x.ID] = x.Type
		}
	}
	for k, want := range map[string]string{"node/betweenness": "double", "node/hop": "integer", "edge/kind": "string", "edge/talk_s": "long"} {
		if types[k] != want {
			t.Errorf("attribute %s type %q, want %q", k, types[k], want)
		}
	}
	if len(doc.Graph.Nodes) != 3 || len(doc.Graph.Edges) != 3 || doc.Graph.Default != "undirected" {
		t.Fatalf("graph %+v", doc.Graph)
	}
	if n := doc.Graph.Nodes[0]; n.Values[2].For != "betweenness" || n.Values[2].Value != "1" {
		t.Errorf("node %+v", n)
	}
	if e := doc.Graph.Edges[1]; e.Kind != "sms" || e.Weight != "2" || e.Target != "919800000002" {
		t.Errorf("edge %+v", e)
	}
}

func TestGraphCSVForI2(t *testing.T) {
	g, meta := exportGraph()
	var b bytes.Buffer
	if err := WriteGraph(&b, g, GraphCSV, meta); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	var body []string
	for _, l := range strings.SplitAfter(text, "\n") {
		if strings.HasPrefix(l, "# ") {
			continue
		}
		body = append(body, l)
	}
	if !strings.HasPrefix(text, "# cdrtui export of: link graph") || !strings.Contains(text, "# source: ab12  calls.csv\n") {
		t.Errorf("meta lines:\n%s", text)
	}
	if !strings.HasPrefix(body[0], `"a","a_label","b","b_label","kind","weight",`) {
		t.Errorf("header %q: every field quoted", body[0])
	}
	rows, err := csv.NewReader(strings.NewReader(strings.Join(body, ""))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 {
		t.Fatalf("rows %v", rows)
	}
	// +91 98000 00002 would be run as a formula, =HYPERLINK too; 7.25 is a number
	if r := rows[1]; r[3] != "'+91 98000 00002" || r[4] != "call" || r[5] != "3" || r[6] != "150" {
		t.Errorf("row %q", r)
	}
	if r := rows[3]; r[2] != `'=HYPERLINK("x")` || !strings.HasPrefix(r[3], "'=HYPERLINK") || r[5] != "7.25" {
		t.Errorf("row %q", r)
	}
}

func TestGraphDOT(t *testing.T) {
	g, meta := exportGraph()
	var b bytes.Buffer
	if err := WriteGraph(&b, g, GraphDOT, meta); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	for _, want := range []string{
		"graph cdrtui {\n",
		`"919800000001" [label="919800000001", shape=doublecircle, hop=0, degree=2, betweenness=1, subscriber=true];`,
		`"919800000001" -- "919800000002" [kind="call", weight=3, talk_s=150, style=solid, penwidth=1.5];`,
		`"919800000001" -- "919800000002" [kind="sms", weight=2, talk_s=0, style=dashed, penwidth=1];`,
		`[label="=HYPERLINK(\"x\")<&>\\x1b[31m"`,
		"// case: /cases/c.db\n",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("DOT lacks %q:\n%s", want, s)
		}
	}
	if strings.ContainsRune(s, 0x1b) {
		t.Error("an escape character reached the DOT file")
	}
}

func TestExportGraphByExtension(t *testing.T) {
	g, meta := exportGraph()
	dir := t.TempDir()
	for _, name := range []string{"g.graphml", "g.GEXF", "g.dot", "g.gv", "g.csv"} {
		p := filepath.Join(dir, name)
		if err := ExportGraph(p, g, meta); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Stat(p); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := ExportGraph(filepath.Join(dir, "g.xlsx"), g, meta); err == nil || !strings.Contains(err.Error(), ".graphml, .gexf, .dot or .csv") {
		t.Errorf("xlsx: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 5 {
		t.Errorf("files left: %d (a temporary file?)", len(entries))
	}
}
