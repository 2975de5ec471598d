package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store/clickhouse"
	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// namedCase is the case's own name in a command's output: its path or URL.
var namedCase = regexp.MustCompile(`"case": "[^"]*"|port dictionary of \S+|(?m)^case .*$`)

// countingResolver answers every address with a name of its own, and
// counts the questions.
type countingResolver struct{ asked atomic.Int64 }

func (r *countingResolver) LookupAddr(_ context.Context, addr string) ([]string, error) {
	r.asked.Add(1)
	return []string{"host-" + strings.NewReplacer(".", "-", ":", "-").Replace(addr) + ".example."}, nil
}

// What a ClickHouse case once refused: the port dictionary (`ports` shows,
// keeps an analyst's files and resets; --ports on persona and trends keeps
// them as locally), summary in a time scope, and reverse DNS answers kept
// in the case (persona --rdns). Each gives the local case's --json.
func TestClickHouseDictionaryScopeAndRDNS(t *testing.T) {
	c := chkit.Start(t)
	dir := t.TempDir()
	evidence := filepath.Join(dir, "evidence")
	runOK(t, "gen", evidence, "--seed", "7", "--subscribers", "30", "--days", "5", "--records", "4000", "--voice", "20", "--simboxes", "1")
	truth, err := gen.ReadTruth(filepath.Join(evidence, gen.TruthFile))
	if err != nil {
		t.Fatal(err)
	}
	local := filepath.Join(dir, "case.db")
	runOK(t, "import", local, evidence)
	url := c.URL("ports")
	runOK(t, "import", "--cluster", c.Name, url, evidence)
	mine := writeFile(t, t.TempDir(), "mine.csv", "ports,app,confidence,note\n5222,Chat X,high,seen in the seized phone\n443,Mine,low,\n")
	a := truth.Pairs[0].A

	norm := func(s string) string { return namedCase.ReplaceAllString(storedAt.ReplaceAllString(s, ""), "") }
	same := func(args ...string) string {
		t.Helper()
		want := norm(runOK(t, append([]string{args[0], local}, args[1:]...)...))
		got := norm(runOK(t, append([]string{args[0], "--cluster", c.Name, url}, args[1:]...)...))
		if got != want {
			t.Fatalf("%v on the cluster:\n%.2000s\nwant (the local case):\n%.2000s", args, got, want)
		}
		return got
	}
	same("summary", "--from", "2024-03-19", "--to", "2024-03-20", "--json")
	if out := same("summary", "--from", "2024-03-19 12:00"); !strings.Contains(out, "ipdr records") {
		t.Fatalf("scoped summary: %s", out)
	}
	same("ports", "--json")
	before := same("persona", a, "--json", "--top", "-1")
	if out := same("ports", mine, "--json"); !strings.Contains(out, "Chat X") {
		t.Fatalf("ports FILE: %s", out)
	}
	after := same("persona", a, "--json", "--top", "-1") // the kept dictionary names 5222 Chat X now
	if before == after || !strings.Contains(after, "Chat X") {
		t.Fatalf("persona after ports FILE: the dictionary kept in the cluster case is not used:\n%.1500s", after)
	}
	same("ports", "--csv")
	same("ports", "--reset", "--json")
	if out := same("persona", a, "--json", "--top", "-1"); strings.Contains(out, "Chat X") {
		t.Fatalf("persona after ports --reset still uses the analyst's file")
	}
	same("persona", a, "--ports", mine, "--json", "--top", "-1")
	same("trends", a, "--ports", mine, "--json")

	// reverse DNS: looked up once, kept in the cluster case, read back
	ch, err := clickhouse.Open(context.Background(), url, c.Name, false)
	if err != nil {
		t.Fatal(err)
	}
	defer ch.Close()
	r := &countingResolver{}
	ips := []string{"203.0.113.7", "2001:db8::1", "not an address"}
	got, err := casework.LookupNames(context.Background(), ch, r, ips, time.Second)
	if err != nil || len(got) != 2 || r.asked.Load() != 2 || got["203.0.113.7"].Names[0] != "host-203-0-113-7.example" || got["2001:db8::1"].Status != "ok" {
		t.Fatalf("lookup on the cluster case: %+v %v (%d asked)", got, err, r.asked.Load())
	}
	kept, err := casework.CachedNames(context.Background(), ch, ips)
	if err != nil || len(kept) != 2 || kept["2001:db8::1"].Names[0] != "host-2001-db8--1.example" {
		t.Fatalf("kept in the cluster case: %+v %v", kept, err)
	}
	if _, err := casework.LookupNames(context.Background(), ch, r, ips, time.Second); err != nil || r.asked.Load() != 2 {
		t.Fatalf("asked again for answers the case holds: %d asked, %v", r.asked.Load(), err)
	}
	// persona --rdns on the cluster: each destination with its answer
	// (1ns: every lookup times out without the network)
	var p struct {
		Destinations []struct {
			RDNSStatus string `json:"rdns_status"`
		} `json:"destinations"`
	}
	if err := json.Unmarshal([]byte(runOK(t, "persona", "--cluster", c.Name, url, a, "--rdns", "--rdns-timeout", "1ns", "--json")), &p); err != nil || len(p.Destinations) == 0 {
		t.Fatalf("persona --rdns on the cluster: %+v %v", p, err)
	}
	for _, d := range p.Destinations {
		if d.RDNSStatus != "timeout" {
			t.Errorf("persona --rdns --rdns-timeout 1ns on the cluster: %+v, want a timeout", d)
		}
	}
}
