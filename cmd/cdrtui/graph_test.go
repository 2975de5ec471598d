package main

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/gen"
)

// graphCLIFixture: A (…01) called B (…02, written nationally) three times
// and texted C; B called E; F called E. Hand-counted in the tests.
const graphCLIFixture = `MSISDN,B_NUMBER,CALL_TYPE,CALL_DATE,CALL_TIME,DURATION,CELL_ID
919800000001,09800000002,VOICE_OUT,2024-03-13,10:00:00,60,X
919800000001,09800000002,VOICE_OUT,2024-03-13,11:00:00,60,X
919800000001,09800000002,VOICE_OUT,2024-03-13,12:00:00,30,X
919800000001,919800000003,SMS_OUT,2024-03-13,13:00:00,0,X
919800000002,919800000005,VOICE_OUT,2024-03-13,16:00:00,20,Y
919800000006,919800000005,VOICE_OUT,2024-03-13,17:00:00,5,Z
`

func graphCLICase(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "calls.csv")
	if err := os.WriteFile(file, []byte(graphCLIFixture), 0o644); err != nil {
		t.Fatal(err)
	}
	casePath := filepath.Join(dir, "case.db")
	runOK(t, "import", casePath, file)
	return casePath
}

type graphJSON struct {
	Center string `json:"center"`
	Nodes  []struct {
		ID          string  `json:"id"`
		Betweenness float64 `json:"betweenness"`
		Hop         int     `json:"hop"`
	} `json:"nodes"`
	Edges []struct {
		A, B   string
		Kind   string
		Weight float64
	} `json:"edges"`
	Correlation string `json:"correlation"`
}

func TestGraphCLIJSON(t *testing.T) {
	casePath := graphCLICase(t)
	var g graphJSON
	runJSON(t, []string{"graph", casePath, "09800000001", "--json"}, &g)
	// two hops: A-B (3 calls), A-C (1 SMS), B-E (1 call); F is 3 away
	if g.Center != "919800000001" || len(g.Nodes) != 4 || len(g.Edges) != 3 {
		t.Fatalf("%+v", g)
	}
	// A separates C from {B, E} (2 pairs); B separates E from {A, C} (2)
	if g.Nodes[0].Betweenness != 2 || g.Nodes[1].Betweenness != 2 || g.Nodes[3].Betweenness != 0 {
		t.Errorf("betweenness %+v", g.Nodes)
	}
	if e := g.Edges[0]; e.A != "919800000001" || e.B != "919800000002" || e.Kind != "call" || e.Weight != 3 {
		t.Errorf("edge %+v", e)
	}
	raw := runOK(t, "graph", casePath, "919800000001", "--json")
	for _, key := range []string{`"center"`, `"nodes"`, `"id"`, `"betweenness"`, `"edges"`, `"a"`, `"b"`, `"kind"`, `"weight"`} {
		if !strings.Contains(raw, key) {
			t.Errorf("JSON lacks %s", key)
		}
	}

	runJSON(t, []string{"graph", casePath, "919800000001", "--hops", "3", "--json"}, &g)
	if len(g.Nodes) != 5 {
		t.Errorf("--hops 3: %+v", g.Nodes)
	}
	// the wall-clock scope: two of the three calls with B and the SMS to C; B-E at 16:00 is outside
	runJSON(t, []string{"graph", casePath, "919800000001", "--from", "2024-03-13 10:30", "--to", "2024-03-13 14:00", "--json"}, &g)
	if len(g.Nodes) != 3 || len(g.Edges) != 2 || g.Edges[0].Weight != 2 || g.Edges[1].Kind != "sms" {
		t.Errorf("--from/--to: %+v", g)
	}
	runJSON(t, []string{"graph", casePath, "919800000001", "--min-calls", "2", "--json"}, &g)
	if len(g.Nodes) != 2 || len(g.Edges) != 1 || g.Edges[0].Weight != 3 {
		t.Errorf("--min-calls 2: %+v", g)
	}
}

func TestGraphCLIText(t *testing.T) {
	casePath := graphCLICase(t)
	out := runOK(t, "graph", casePath, "919800000001", "--hops", "1")
	for _, want := range []string{"link graph of 919800000001: 3 numbers and 2 links within 1 hop", "BETWEENNESS", "919800000002", "sms"} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
}

func TestGraphCLIExports(t *testing.T) {
	casePath := graphCLICase(t)
	dir := t.TempDir()
	for _, name := range []string{"g.graphml", "g.gexf", "g.dot", "g.csv"} {
		p := filepath.Join(dir, name)
		var out, errOut bytes.Buffer
		if code := run([]string{"graph", casePath, "919800000001", "--export", p}, &out, &errOut); code != 0 {
			t.Fatalf("%s: %s", name, errOut.String())
		}
		if !strings.Contains(errOut.String(), "graph written to "+p+" (4 nodes, 3 links)") {
			t.Errorf("%s: %q", name, errOut.String())
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		switch filepath.Ext(name) {
		case ".graphml", ".gexf":
			if err := xml.Unmarshal(b, new(struct{})); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		case ".csv":
			if !strings.Contains(string(b), "\n\"a\",\"a_label\",\"b\"") || !strings.Contains(string(b), `"919800000001","919800000001","919800000002","919800000002","call","3","150"`) {
				t.Errorf("csv:\n%s", b)
			}
		case ".dot":
			if !strings.Contains(string(b), `"919800000002" -- "919800000005" [kind="call", weight=1`) {
				t.Errorf("dot:\n%s", b)
			}
		}
	}
}

func TestGraphCLIUsage(t *testing.T) {
	casePath := graphCLICase(t)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"graph", casePath}, "need a case file and a number"},
		{[]string{"graph", casePath, "919800000001", "--hops", "0"}, "--hops must be 1 to 4"},
		{[]string{"graph", casePath, "919800000001", "--min-calls", "0"}, "--min-calls must be at least 1"},
		{[]string{"graph", casePath, "919800000001", "--export", "g.xlsx"}, "must end in .graphml, .gexf, .dot or .csv"},
		{[]string{"graph", casePath, "919811111111"}, "no such number"},
		{[]string{"graph", casePath, "919800000001", "--window", "x"}, "window"},
	} {
		var out, errOut bytes.Buffer
		if code := run(tt.args, &out, &errOut); code == 0 || !strings.Contains(errOut.String(), tt.want) {
			t.Errorf("%v: exit %d, %q; want %q", tt.args, code, errOut.String(), tt.want)
		}
	}
}

// On a generated case the planted WhatsApp pair is a data-correlation link
// at the default threshold; not above an unreachable one, nor when turned off.
func TestGraphCLICorrelation(t *testing.T) {
	dir := t.TempDir()
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Days, cfg.Subscribers, cfg.Records, cfg.VoiceSubscribers, cfg.SimBoxes, cfg.Pairs = 5, 7, 40, 12_000, 0, 0, 1
	truth, err := gen.Generate(filepath.Join(dir, "evidence"), cfg)
	if err != nil {
		t.Fatal(err)
	}
	casePath := filepath.Join(dir, "case.db")
	runOK(t, "import", casePath, filepath.Join(dir, "evidence"))
	p := truth.Pairs[0]
	var g graphJSON
	runJSON(t, []string{"graph", casePath, p.A, "--window", "3m", "--json"}, &g)
	found := false
	for _, e := range g.Edges {
		if e.Kind == "data-correlation" && (e.A == p.B || e.B == p.B) {
			found = e.Weight >= 5
		}
	}
	if !found || len(g.Edges) != 1 {
		t.Errorf("planted partner %s: %+v", p.B, g)
	}
	runJSON(t, []string{"graph", casePath, p.A, "--corr-threshold", "1000", "--json"}, &g)
	if len(g.Edges) != 0 || len(g.Nodes) != 1 {
		t.Errorf("threshold 1000: %+v", g)
	}
	runJSON(t, []string{"graph", casePath, p.A, "--corr-threshold", "-1", "--json"}, &g)
	if len(g.Edges) != 0 || g.Correlation != "not asked for" {
		t.Errorf("threshold -1: %+v", g)
	}
}

// --window sets the data-session correlation's window: as a duration or in
// seconds, said in the JSON and in the correlation's note.
func TestGraphCLIWindow(t *testing.T) {
	casePath := graphCLICase(t)
	for _, tt := range []struct {
		arg  string
		want float64
	}{{"10m", 600}, {"90", 90}, {"45s", 45}} {
		var g struct {
			WindowS float64 `json:"window_s"`
		}
		runJSON(t, []string{"graph", casePath, "919800000001", "--window", tt.arg, "--json"}, &g)
		if g.WindowS != tt.want {
			t.Errorf("--window %s: window_s %v, want %v", tt.arg, g.WindowS, tt.want)
		}
	}
	var g struct {
		WindowS float64 `json:"window_s"`
	}
	runJSON(t, []string{"graph", casePath, "919800000001", "--json"}, &g)
	if g.WindowS != 180 {
		t.Errorf("default window_s %v, want 180", g.WindowS)
	}
}
