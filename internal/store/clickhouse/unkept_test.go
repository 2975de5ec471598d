package clickhouse

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit"
	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// testUnkept: a seized PBX's call records (real cdr_csv files) imported
// into a cluster case beside operator records are refused, file by file,
// naming what to do, and leave nothing in the case: not a source, not a
// count. The operator records beside them are imported.
func testUnkept(t *testing.T, c *chkit.Cluster, dir string) {
	ctx := context.Background()
	s := openCluster(t, c, "unkept", true)
	pbx := []string{testkit.Corpus(t, "bugadm-telephonyswitching/Master.csv"), testkit.Corpus(t, "kelysaina-cdr/Master.csv")}
	ipdr := filepath.Join(dir, "operator_a_ipdr.csv")
	res, err := s.Import(ctx, append(pbx, ipdr), store.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 3 {
		t.Fatalf("%d results, want 3: %+v", len(res), res)
	}
	for _, r := range res {
		switch r.Path {
		case ipdr:
			if r.Error != "" || r.Rows == 0 || r.SourceID == 0 {
				t.Errorf("the operator's file: %+v", r)
			}
		default:
			if r.Kind != "asterisk-cdr" || r.Rows != 0 || r.SourceID != 0 || !strings.Contains(r.Error, "stay in a local case") {
				t.Errorf("a PBX file on the cluster: kind %q rows %d source %d error %q", r.Kind, r.Rows, r.SourceID, r.Error)
			}
		}
	}
	sum, err := s.Summary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Sources) != 1 || sum.Sources[0].Path != ipdr || sum.Records["asterisk-cdr"] != 0 {
		t.Errorf("the case after: %d sources (%+v), records %v", len(sum.Sources), sum.Sources, sum.Records)
	}
}
