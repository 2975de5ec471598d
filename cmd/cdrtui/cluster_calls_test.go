package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store/clickhouse"
	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// A case on ClickHouse answers the call analyses and the link graph.
var _ casework.CallsCase = (*clickhouse.Store)(nil)

// TestClickHouseCallsParity: the generated case with its planted call
// network (two groups, a broker, a handset swap, a SIM moved, a silence, a
// relay chain, calls abroad and roaming) imported through the CLI into a
// local case and into a ClickHouse cluster of two shards; calls (and
// --with), common (and --group2), devices, silences, chains,
// international and graph print the same --json on both, byte for byte,
// whole and in a time scope, and each answer holds its planted fact (the
// comparison would prove nothing on empty answers).
func TestClickHouseCallsParity(t *testing.T) {
	c := chkit.Start(t)
	dir := t.TempDir()
	evidence := filepath.Join(dir, "evidence")
	runOK(t, "gen", evidence, "--seed", "5", "--subscribers", "30", "--days", "14", "--records", "6000", "--voice", "30", "--simboxes", "2")
	truth, err := gen.ReadTruth(filepath.Join(evidence, gen.TruthFile))
	if err != nil {
		t.Fatal(err)
	}
	pc := truth.Calls
	if pc == nil || pc.Silence == nil || pc.Chain == nil || pc.International == nil || pc.HandsetSwap == nil || pc.SIMMove == nil {
		t.Fatalf("the generated case has no planted call network: %+v", pc)
	}
	local := filepath.Join(dir, "case.db")
	runOK(t, "import", local, evidence)
	url := c.URL("calls")
	runOK(t, "import", "--cluster", c.Name, url, evidence)

	scope := []string{"--from", "2024-03-20", "--to", "2024-03-27"}
	same := func(t *testing.T, cmd string, args []string, planted ...string) string {
		t.Helper()
		want := runOK(t, append([]string{cmd, "--json"}, args...)...)
		onCluster := make([]string, len(args))
		copy(onCluster, args)
		for i, a := range onCluster {
			if a == local {
				onCluster[i] = url
			}
		}
		got := runOK(t, append([]string{cmd, "--json", "--cluster", c.Name}, onCluster...)...)
		if got != want {
			t.Fatalf("%s %v on the cluster:\n%s\nwant (the local case):\n%s", cmd, args, got, want)
		}
		for _, p := range planted {
			if !strings.Contains(want, p) {
				t.Fatalf("%s %v: the planted %q is not in the answer:\n%s", cmd, args, p, want)
			}
		}
		return want
	}
	intl := ""
	for n := range pc.International.Numbers {
		intl = n
		break
	}

	t.Run("calls", func(t *testing.T) {
		same(t, "calls", []string{local, pc.Group1[0]}, pc.Group1[1], pc.Group1Shared[0], `"in_case"`)
		same(t, "calls", []string{"--sort", "talk", local, pc.Broker}, pc.BrokerLinks[0])
		same(t, "calls", []string{local, pc.International.MSISDN}, strings.TrimLeft(intl, "0+"))
		same(t, "calls", append([]string{local, pc.Group1[0]}, scope...), `"time_scope"`)
		same(t, "calls", []string{"--with", pc.Group1[1], local, pc.Group1[0]}, `"source": "`)
		same(t, "calls", append([]string{"--with", pc.Group1Shared[0], local, pc.Group1[2]}, scope...), `"line": `)
	})
	t.Run("common", func(t *testing.T) {
		same(t, "common", append([]string{local}, pc.Group1...), pc.Group1Shared[0], pc.Group1Shared[1])
		same(t, "common", append([]string{"--min", "4", local}, pc.Group1...), pc.Group1Shared[0])
		same(t, "common", append(append([]string{"--group2", strings.Join(pc.Group2, ","), local}, pc.Group1...), scope...), pc.Broker)
		same(t, "common", append([]string{"--group2", strings.Join(pc.Group2, ","), local}, pc.Group1...), pc.Broker)
	})
	t.Run("devices", func(t *testing.T) {
		same(t, "devices", []string{local, pc.HandsetSwap.MSISDN}, pc.HandsetSwap.New, pc.HandsetSwap.Old)
		same(t, "devices", []string{local, pc.SIMMove.MSISDN}, pc.SIMMove.Into, `"shared handset"`)
		same(t, "devices", []string{local, pc.SIMMove.Owner}, pc.SIMMove.OwnerNew)
		same(t, "devices", append([]string{local, pc.SIMMove.MSISDN}, scope...), `"time_scope"`)
	})
	t.Run("silences", func(t *testing.T) {
		same(t, "silences", []string{local, pc.Silence.MSISDN}, `"hours"`)
		same(t, "silences", append([]string{local, pc.Silence.MSISDN}, scope...), `"time_scope"`)
		same(t, "silences", []string{local, truth.Pairs[0].A}, `"baseline"`) // a data subscriber: data sessions and calls together
	})
	t.Run("chains", func(t *testing.T) {
		same(t, "chains", []string{local, pc.Chain.A}, pc.Chain.B, pc.Chain.C)
		same(t, "chains", []string{"--within", "1h", "--min", "1", local, pc.Chain.A}, pc.Chain.C)
		same(t, "chains", append([]string{local, pc.Chain.A}, scope...), `"time_scope"`)
	})
	t.Run("international", func(t *testing.T) {
		same(t, "international", []string{local, pc.International.MSISDN}, pc.International.Network, `"roaming"`)
		same(t, "international", append([]string{local, pc.International.MSISDN}, scope...), `"time_scope"`)
		same(t, "international", []string{local, pc.Group2[0]}, `"home_mccs"`)
	})
	t.Run("graph", func(t *testing.T) {
		same(t, "graph", []string{local, pc.Group1[0]}, pc.Group1[4], pc.Broker)
		same(t, "graph", []string{"--hops", "3", "--min-calls", "2", local, pc.Broker}, pc.Group2[0])
		same(t, "graph", append([]string{"--hops", "1", local, pc.Group1[0]}, scope...), `"scope"`)
		same(t, "graph", []string{local, pc.Group1Shared[0]}, pc.Group1[0]) // a number outside the case, by key
		// a data subscriber: the data-session correlation's links, at a window
		same(t, "graph", []string{"--window", "60s", "--corr-threshold", "3", local, truth.Pairs[0].A}, truth.Pairs[0].B, `"data-correlation"`)
		// the exports: the same graph, the case named as each is
		exports := map[string]string{}
		for _, tc := range [][]string{{local}, {"--cluster", c.Name, url}} {
			out := filepath.Join(dir, "graph-"+string(rune('a'+len(exports)))+".csv")
			runOK(t, append(append([]string{"graph", "--export", out}, tc...), pc.Group1[0])...)
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			var keep []string
			for _, l := range strings.Split(string(b), "\n") {
				if !strings.Contains(l, "case:") && !strings.Contains(l, "exported at:") {
					keep = append(keep, l)
				}
			}
			exports[tc[0]] = strings.Join(keep, "\n")
		}
		if exports[local] != exports["--cluster"] || !strings.Contains(exports[local], pc.Broker) {
			t.Fatalf("graph --export on the cluster:\n%s\nwant (the local case):\n%s", exports["--cluster"], exports[local])
		}
	})
	t.Run("refusals", func(t *testing.T) {
		for _, args := range [][]string{
			{"calls", "--cluster", c.Name, local, pc.Group1[0]},          // --cluster with a local case
			{"graph", "--cluster", c.Name, url, "000000000000"},          // no such number
			{"devices", "--cluster", "nosuchcluster", url, pc.Group1[0]}, // unknown cluster
		} {
			var out, errOut bytes.Buffer
			if code := run(args, &out, &errOut); code == 0 || errOut.Len() == 0 {
				t.Errorf("cdrtui %s: exit %d, %q: want a refusal in words", strings.Join(args, " "), code, errOut.String())
			}
		}
	})
	// the JSON is valid and not the refusal of a local-only command
	var v map[string]any
	if err := json.Unmarshal([]byte(runOK(t, "calls", "--json", "--cluster", c.Name, url, pc.Group1[0])), &v); err != nil || v["msisdn"] == nil {
		t.Fatalf("calls --json on the cluster: %v %v", err, v)
	}
}
