package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// caseField is the case's name in a JSON answer: a path, a URL.
var caseField = regexp.MustCompile(`"case": "[^"]*"`)

// TestClickHouseLocationParity: the generated case with geography
// (cells with positions, homes and works, a pair who meet, three people
// at three of four scenes) imported into a local case and into a
// ClickHouse cluster of two shards, and its cell sites (an operator's
// list and an OpenCellID export, one cell placed 5 km apart by the two)
// added to both with cdrtui cells: cells, location, colocate, scenes and
// persona print the same --json on both, byte for byte (the case's name
// and the dictionary's stored_at set apart), and the planted answers are
// in them, so that the comparison is of something.
func TestClickHouseLocationParity(t *testing.T) {
	c := chkit.Start(t)
	dir := t.TempDir()
	evidence := filepath.Join(dir, "evidence")
	runOK(t, "gen", evidence, "--seed", "5", "--subscribers", "40", "--days", "10", "--records", "16000", "--voice", "20", "--simboxes", "0", "--geo")
	truth, err := gen.ReadTruth(filepath.Join(evidence, gen.TruthFile))
	if err != nil {
		t.Fatal(err)
	}
	g := truth.Geography
	sites := []string{filepath.Join(evidence, gen.FileOperatorSites), filepath.Join(evidence, gen.FileCellTowers)}
	layer := writeFile(t, dir, "wards.geojson", locationLayer)
	local := filepath.Join(dir, "case.db")
	runOK(t, "import", local, evidence)
	url := c.URL("loc")
	runOK(t, "import", "--cluster", c.Name, url, evidence)

	wantCells := runOK(t, append(append([]string{"cells", "--json", local}, sites...), "--layer", layer)...)
	gotCells := runOK(t, append(append([]string{"cells", "--json", "--cluster", c.Name, url}, sites...), "--layer", layer)...)
	if gotCells != wantCells {
		t.Fatalf("cells --json on the cluster:\n%s\nwant:\n%s", gotCells, wantCells)
	}
	var res struct {
		Files []struct {
			Rows int64
			Kind string
		} `json:"files"`
	}
	if err := json.Unmarshal([]byte(gotCells), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 3 || res.Files[0].Rows != int64(len(g.Cells)) || res.Files[1].Rows != int64(len(g.Cells)) || res.Files[2].Kind != "layer" {
		t.Fatalf("cells --json: %s", gotCells)
	}
	// again: every file already in the case, nothing added
	again := runOK(t, append(append([]string{"cells", "--cluster", c.Name, url}, sites...), "--layer", layer)...)
	if n := strings.Count(again, "already in the case as source"); n != 3 {
		t.Fatalf("cells again: %d files already in the case, want 3:\n%s", n, again)
	}
	if !strings.Contains(again, "the case holds "+itoa(2*len(g.Cells))+" cell-site rows") {
		t.Fatalf("cells again: the rows were counted twice or not at all:\n%s", again)
	}

	// the summary lists the cell-site and layer sources on both
	norm := func(s string) string {
		var v map[string]any
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			t.Fatal(err)
		}
		delete(v, "case")
		for _, src := range v["sources"].([]any) {
			delete(src.(map[string]any), "imported_at")
		}
		b, _ := json.MarshalIndent(v, "", " ")
		return string(b)
	}
	if got, want := norm(runOK(t, "summary", "--json", "--cluster", c.Name, url)), norm(runOK(t, "summary", "--json", local)); got != want {
		t.Fatalf("summary on the cluster:\n%s\nwant:\n%s", got, want)
	} else if !strings.Contains(got, `"cells"`) || !strings.Contains(got, `"layer"`) {
		t.Fatalf("summary: no cell-site or layer source listed:\n%s", got)
	}

	same := func(t *testing.T, args ...string) string {
		t.Helper()
		want := storedAt.ReplaceAllString(caseField.ReplaceAllString(runOK(t, append([]string{args[0], "--json", local}, args[1:]...)...), `"case": ""`), "")
		got := storedAt.ReplaceAllString(caseField.ReplaceAllString(runOK(t, append([]string{args[0], "--json", "--cluster", c.Name, url}, args[1:]...)...), `"case": ""`), "")
		if got != want {
			t.Fatalf("%v on the cluster:\n%s\nwant:\n%s", args, got, want)
		}
		return got
	}

	t.Run("location", func(t *testing.T) {
		for _, p := range g.Places[:min(12, len(g.Places))] {
			out := same(t, "location", p.MSISDN)
			if !strings.Contains(out, `"cell": "`+p.HomeCell+`"`) {
				t.Fatalf("location %s: the planted home %s is not in the answer", p.MSISDN, p.HomeCell)
			}
		}
		out := same(t, "location", g.Clone.MSISDN)
		if !strings.Contains(out, `"impossible": true`) {
			t.Fatalf("location %s: no impossible move, the planted clone is missed", g.Clone.MSISDN)
		}
		same(t, "location", g.Meeting.A, "--from", truth.Start.UTC().Format("2006-01-02"), "--to", truth.Start.UTC().AddDate(0, 0, 4).Format("2006-01-02"))
		same(t, "location", g.Meeting.B, "--night", "20-07", "--day", "10-16", "--max-kmh", "100")
		// the disagreeing cell: both positions, and what they say of it
		for _, p := range g.Places {
			if p.HomeCell == g.DisagreeCell || p.WorkCell == g.DisagreeCell {
				if out := same(t, "location", p.MSISDN); !strings.Contains(out, `"sources_disagree": true`) {
					t.Fatalf("location %s: the disagreeing cell %s is not said to disagree", p.MSISDN, g.DisagreeCell)
				}
				break
			}
		}
	})

	t.Run("export", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "a.geojson") // not beside wards.geojson, a source
		runOK(t, "location", "--cluster", c.Name, url, g.Meeting.A, "--export", path)
		raw, err := os.ReadFile(path)
		if err != nil || !strings.Contains(string(raw), `"FeatureCollection"`) || !strings.Contains(string(raw), g.Meeting.Meetings[0].Cell) {
			t.Fatalf("export from the cluster: %v %.300s", err, raw)
		}
	})

	t.Run("colocate", func(t *testing.T) {
		out := same(t, "colocate", g.Meeting.A, g.Meeting.B)
		var rep struct {
			Meetings []json.RawMessage `json:"meetings"`
		}
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		if len(rep.Meetings) < len(g.Meeting.Meetings) {
			t.Fatalf("colocate: %d meetings, %d planted", len(rep.Meetings), len(g.Meeting.Meetings))
		}
		same(t, "colocate", g.Meeting.A, g.Meeting.B, "--radius", "2km", "--within", "30m")
		same(t, "colocate", g.Meeting.A, g.Meeting.B, "--from", truth.Start.UTC().AddDate(0, 0, 2).Format("2006-01-02"))
		// who was most with A: the candidates read in one question on the cluster
		// (SubscribersInCellSpans), span by span locally
		for _, p := range g.Places[:3] {
			same(t, "colocate", p.MSISDN, "--radius", "1km", "--within", "1h", "--top", "20")
		}
		same(t, "colocate", g.Meeting.B, "--from", truth.Start.UTC().AddDate(0, 0, 3).Format("2006-01-02"))
		top := same(t, "colocate", g.Meeting.A, "--top", "5")
		if !strings.Contains(top, g.Meeting.B) {
			t.Fatalf("colocate %s: the planted companion %s is not among the top:\n%s", g.Meeting.A, g.Meeting.B, top)
		}
	})

	t.Run("scenes", func(t *testing.T) {
		var args []string
		for _, w := range g.Scenes.Scenes {
			args = append(args, "--scene", w.Cell+"@"+w.From.UTC().Format("2006-01-02T15:04:05")+".."+w.To.UTC().Format("2006-01-02T15:04:05"))
		}
		out := same(t, append([]string{"scenes"}, args...)...)
		for _, p := range g.Scenes.PresentAtThree {
			if !strings.Contains(out, p.MSISDN) {
				t.Fatalf("scenes: the planted %s is missing:\n%.2000s", p.MSISDN, out)
			}
		}
		same(t, append([]string{"scenes", "--min", "1"}, args...)...)
		// a point and a radius, and a prefix with a cell the case lacks
		w := g.Scenes.Scenes[0]
		point := "--scene=" + ftoa(w.Lat) + "," + ftoa(w.Lon) + "~1km@" + w.From.UTC().Format("2006-01-02T15:04:05") + ".." + w.To.UTC().Format("2006-01-02T15:04:05")
		same(t, append([]string{"scenes", point}, args[2:]...)...)
		same(t, "scenes", "--scene", "404-*,404-99-1-1@2024-03-18..2024-03-20", "--scene", w.Cell+"@2024-03-18..2030-01-01", "--min", "1")
	})

	t.Run("refusals", func(t *testing.T) {
		for _, args := range [][]string{
			{"cells", "--cluster", c.Name, local, sites[0]},                                                                                        // --cluster with a local case
			{"location", "--cluster", c.Name, local, g.Meeting.A},                                                                                  // the same
			{"location", "--cluster", c.Name, url, "000000000000"},                                                                                 // no such subscriber
			{"colocate", "--cluster", c.Name, url, g.Meeting.A, g.Meeting.A},                                                                       // A and B the same
			{"scenes", "--cluster", c.Name, c.URL("nocase"), "--scene", "404-*@2024-03-18..2024-03-19", "--scene", "404-*@2024-03-19..2024-03-20"}, // no case there
		} {
			var out, errOut bytes.Buffer
			if code := run(args, &out, &errOut); code == 0 {
				t.Errorf("cdrtui %s: exit 0, want a refusal", strings.Join(args, " "))
			} else if errOut.Len() == 0 {
				t.Errorf("cdrtui %s: refused without a word", strings.Join(args, " "))
			} else if strings.Contains(errOut.String(), "not yet available") {
				t.Errorf("cdrtui %s: %s", strings.Join(args, " "), errOut.String())
			}
		}
	})

	t.Run("persona", func(t *testing.T) {
		for _, n := range []string{g.Places[0].MSISDN, g.Meeting.A, g.Clone.MSISDN} {
			out := same(t, "persona", n, "--top", "-1")
			if !strings.Contains(out, `"case_has_cell_sites": true`) {
				t.Fatalf("persona %s: no placed records on either case:\n%.600s", n, out)
			}
		}
	})
}

func itoa(n int) string { return strconv.Itoa(n) }

func ftoa(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
