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

// testUnkept: a seized PBX's call records (real cdr_csv and cdr_custom
// files) imported into a cluster case beside operator records are kept
// now, with the rows a local import finds (105 and 14 calls, counted in
// TestImportAsteriskCorpus), and counted by the summary; the operator
// records beside them are imported as before.
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
	rows := map[string]int64{pbx[0]: 105, pbx[1]: 14}
	for _, r := range res {
		switch r.Path {
		case ipdr:
			if r.Error != "" || r.Rows == 0 || r.SourceID == 0 {
				t.Errorf("the operator's file: %+v", r)
			}
		default:
			if r.Kind != "asterisk-cdr" || r.Rows != rows[r.Path] || r.SourceID == 0 || r.Error != "" {
				t.Errorf("a PBX file on the cluster: kind %q rows %d source %d error %q", r.Kind, r.Rows, r.SourceID, r.Error)
			}
		}
	}
	sum, err := s.Summary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Sources) != 3 || sum.Records["asterisk-cdr"] != 105+14 {
		t.Errorf("the case after: %d sources (%+v), records %v", len(sum.Sources), sum.Sources, sum.Records)
	}
}

// What the import reads today is all kept on a cluster: operator records,
// a PBX's artefacts and the cell-site lists `import --cells` reads. A kind
// of source it does not keep (one a later local import adds, here the
// layer kind, which comes to a cluster by cdrtui cells --layer) is still
// refused, file by file, naming what to do, and its staged source is not
// copied.
func TestRefuseUnkept(t *testing.T) {
	res := []store.FileResult{
		{Path: "a.csv", Kind: "ipdr", Rows: 3, SourceID: 1},
		{Path: "b.csv", Kind: "voice", Rows: 2, SourceID: 2},
		{Path: "Master.csv", Kind: store.KindAsteriskCDR, Rows: 5, SourceID: 3},
		{Path: "sip.conf", Kind: store.KindAsteriskConf, Rows: 9, SourceID: 4},
		{Path: "timezone", Kind: store.KindHostZone, Rows: 1, SourceID: 5},
		{Path: "sites.csv", Kind: store.KindCells, Rows: 7, SourceID: 6},
		{Path: "map.geojson", Kind: store.KindLayer, Rows: 1, SourceID: 7},
		{Path: "held.csv", Kind: "ipdr", Skipped: "already in the case"},
	}
	refused := refuseUnkept(res)
	if len(refused) != 1 || !refused[7] {
		t.Fatalf("refused %v, want source 7", refused)
	}
	for i, r := range res {
		if i == 6 {
			if r.SourceID != 0 || r.Rows != 0 || !strings.Contains(r.Error, "stay in a local case: cdrtui import CASE.db FILE") {
				t.Errorf("%s: %+v", r.Path, r)
			}
			continue
		}
		if r.Error != "" || r.SourceID != int64(i+1) && r.Skipped == "" {
			t.Errorf("%s: %+v", r.Path, r)
		}
	}
}
