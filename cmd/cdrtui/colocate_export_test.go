package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// colocate --export FILE.csv|.json: the pair's meetings one row per record
// (file and line as worked by hand in colocCDR: the 18th's lines 2, 7, 3,
// the 19th's 4 and 8), the companions one row each; "# " lines say what it
// is of with the source's SHA-256; JSON is --json's report beside "meta";
// never written into the evidence folder, and a format is named.
func TestColocateExportFlag(t *testing.T) {
	casePath := colocCase(t)
	a, b := "919714499701", "919714499702"
	out := t.TempDir()
	sum := sha256.Sum256([]byte(colocCDR))

	pairCSV := filepath.Join(out, "pair.csv")
	runOK(t, "colocate", casePath, a, b, "--export", pairCSV)
	raw, err := os.ReadFile(pairCSV)
	if err != nil {
		t.Fatal(err)
	}
	var comments, body []string
	for _, l := range strings.SplitAfter(string(raw), "\n") {
		if strings.HasPrefix(l, "# ") {
			comments = append(comments, l)
		} else {
			body = append(body, l)
		}
	}
	head := strings.Join(comments, "")
	for _, want := range []string{"# cdrtui export of: co-location of " + a + " and " + b, "# source: " + hex.EncodeToString(sum[:]) + "  ",
		"# within: 15 min", "# radius: the same site", "# meetings: 2", "# expected: 0.333"} {
		if !strings.Contains(head, want) {
			t.Errorf("CSV lacks %q:\n%s", want, head)
		}
	}
	rows, err := csv.NewReader(strings.NewReader(strings.Join(body, ""))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 || rows[0][0] != "meeting" || rows[0][12] != "file" || rows[0][13] != "line" {
		t.Fatalf("rows %q", rows)
	}
	var got [][]string
	for _, r := range rows[1:] {
		got = append(got, []string{r[0], r[6], r[7], filepath.Base(r[12]), r[13]})
	}
	want := [][]string{{"1", "a", "2024-03-18T10:00:00", "cdr.csv", "2"}, {"1", "b", "2024-03-18T10:03:00", "cdr.csv", "7"},
		{"1", "a", "2024-03-18T10:05:00", "cdr.csv", "3"}, {"2", "a", "2024-03-19T12:00:00", "cdr.csv", "4"}, {"2", "b", "2024-03-19T12:10:00", "cdr.csv", "8"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("records %q, want %q", got, want)
	}

	pairJSON := filepath.Join(out, "pair.json")
	printed := runOK(t, "colocate", casePath, a, b, "--json", "--export", pairJSON)
	var file struct {
		Meta struct {
			Of      string
			Sources []struct{ SHA256 string }
		}
		Colocation json.RawMessage
	}
	raw, _ = os.ReadFile(pairJSON)
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	var fromFile, fromCLI any
	json.Unmarshal(file.Colocation, &fromFile)
	json.Unmarshal([]byte(printed), &fromCLI)
	hashes := map[string]bool{}
	for _, s := range file.Meta.Sources {
		hashes[s.SHA256] = true
	}
	sites := sha256.Sum256([]byte(locationSites))
	if !reflect.DeepEqual(fromFile, fromCLI) || file.Meta.Of != "co-location of "+a+" and "+b ||
		len(hashes) != 2 || !hashes[hex.EncodeToString(sum[:])] || !hashes[hex.EncodeToString(sites[:])] {
		t.Errorf("JSON export meta %+v\nfile %s\nCLI %s", file.Meta, file.Colocation, printed)
	}

	topCSV := filepath.Join(out, "top.csv")
	runOK(t, "colocate", casePath, a, "--export", topCSV)
	raw, _ = os.ReadFile(topCSV)
	if !strings.Contains(string(raw), "# cdrtui export of: who was most with "+a) ||
		!strings.Contains(string(raw), "rank,msisdn,meetings,expected,excess,score,first,last\n1,"+b+",2,") ||
		!strings.Contains(string(raw), "\n2,919714499703,1,0.333,") {
		t.Errorf("companions CSV:\n%s", raw)
	}

	evidence := filepath.Join(filepath.Dir(casePath), "meet.csv") // beside cdr.csv
	var o, e bytes.Buffer
	if code := run([]string{"colocate", casePath, a, b, "--export", evidence}, &o, &e); code == 0 || !strings.Contains(e.String(), "evidence folder") {
		t.Errorf("export into the evidence folder: exit %d %s", code, e.String())
	}
	// nor location --export, nor graph --export (they once wrote anywhere)
	for _, args := range [][]string{{"location", casePath, a, "--export", evidence}, {"graph", casePath, a, "--export", strings.TrimSuffix(evidence, ".csv") + ".graphml"}} {
		if code := run(args, &o, &e); code == 0 || !strings.Contains(e.String(), "evidence folder") {
			t.Errorf("%v: exit %d %s", args, code, e.String())
		}
	}
	for _, f := range []string{evidence, strings.TrimSuffix(evidence, ".csv") + ".graphml"} {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("%s was written into the evidence folder", f)
		}
	}
	if code := run([]string{"colocate", casePath, a, b, "--export", filepath.Join(out, "x.txt")}, &o, &e); code != 2 {
		t.Errorf("--export x.txt: exit %d", code)
	}
}
