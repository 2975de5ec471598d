package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	chdriver "github.com/ClickHouse/clickhouse-go/v2"

	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// TestClickHouseUpgrade: `cdrtui upgrade clickhouse://… --cluster NAME`
// on a case this cdrtui made says there is nothing to upgrade; on one
// that lacks the hunt's tables (the distributed ipdr_dest, and the copy
// of the data records ordered by destination on the second shard, as a
// case an older cdrtui made) the hunt is refused; upgrade makes them and
// names them, exit 0, and the hunt then gives what it gave before they
// were dropped (the copy filled from the shard's records, not only the
// later ones); a URL naming no case is refused (exit 1) saying how to
// make one, and --cluster with a local case is a usage error (exit 2).
func TestClickHouseUpgrade(t *testing.T) {
	c := chkit.Start(t)
	dir := t.TempDir()
	evidence := filepath.Join(dir, "evidence")
	runOK(t, "gen", evidence, "--seed", "3", "--subscribers", "30", "--days", "2", "--records", "3000", "--voice", "10", "--simboxes", "0")
	truth, err := gen.ReadTruth(filepath.Join(evidence, gen.TruthFile))
	if err != nil {
		t.Fatal(err)
	}
	url := c.URL("upgraded")
	runOK(t, "import", url, evidence, "--cluster", c.Name)
	const nothing = "nothing to upgrade: it has every table this cdrtui reads"
	if out := runOK(t, "upgrade", url, "--cluster", c.Name); !strings.Contains(out, nothing) {
		t.Fatalf("upgrade of a case this cdrtui made:\n%s", out)
	}
	// the hunt's answer, its access record (when it ran) set apart
	norm := func(s string, apart string) string {
		var v map[string]any
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			t.Fatal(err)
		}
		delete(v, apart)
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	huntArgs := []string{"hunt", url, "--cluster", c.Name, "--dest", fmt.Sprintf("%s:%d", truth.Hunt.DestIP, truth.Hunt.DestPort), "--json"}
	hunted := norm(runOK(t, huntArgs...), "access")
	if !strings.Contains(hunted, truth.Hunt.Visitors[0].MSISDN) {
		t.Fatalf("the hunt finds no planted visitor: the test proves nothing\n%s", hunted)
	}

	// as an older cdrtui left it: no ipdr_dest, none on the second shard
	ctx := context.Background()
	for i, q := range []string{"DROP TABLE upgraded.ipdr_dest", "DROP TABLE upgraded.ipdr_dest_local"} {
		conn, err := chdriver.Open(&chdriver.Options{Addr: []string{c.Servers[i].Addr()}, DialTimeout: 5 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		err = conn.Exec(ctx, q)
		conn.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run(huntArgs, &stdout, &stderr); code == 0 {
		t.Fatalf("the hunt answered without the tables it reads: the test proves nothing\n%s", stdout.String())
	}
	out := runOK(t, "upgrade", url, "--cluster", c.Name)
	want := "made the tables an older cdrtui did not (a ClickHouse case keeps no schema version: each import makes the tables it lacks):\n" +
		"  shard 2: table ipdr_dest_local\n  table ipdr_dest\n"
	if !strings.HasSuffix(out, want) || strings.Count(out, "\n") != 3 {
		t.Fatalf("upgrade of a case lacking ipdr_dest and shard 2's ipdr_dest_local:\n%s\nwant it to end:\n%s", out, want)
	}
	if got := norm(runOK(t, huntArgs...), "access"); got != hunted {
		t.Fatalf("the hunt after the upgrade:\n%s\nwant (before the tables were dropped):\n%s", got, hunted)
	}
	if out := runOK(t, "upgrade", url, "--cluster", c.Name); !strings.Contains(out, nothing) {
		t.Fatalf("upgrade again:\n%s", out)
	}

	// no case there; --cluster with a local case
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"upgrade", c.URL("nocase"), "--cluster", c.Name}, &stdout, &stderr); code != 1 ||
		!strings.Contains(stderr.String(), "no case at") || !strings.Contains(stderr.String(), "cdrtui import clickhouse://") {
		t.Fatalf("upgrade of a database with no case: exit %d\n%s", code, stderr.String())
	}
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"upgrade", filepath.Join(dir, "case.db"), "--cluster", c.Name}, &stdout, &stderr); code != 2 ||
		!strings.Contains(stderr.String(), "--cluster goes with a clickhouse:// case") {
		t.Fatalf("upgrade of a local case with --cluster: exit %d\n%s", code, stderr.String())
	}
}
