package clickhouse

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit"
	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// asteriskJSON is the Asterisk report of a case's PBX artefacts as
// `asterisk --json` prints it.
func asteriskJSON(t *testing.T, pbx *store.Store) string {
	t.Helper()
	rep, err := casework.Asterisk(context.Background(), pbx, casework.AsteriskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestClickHousePBX: a seized PBX's files imported into a cluster case
// step by step, and into a local case in the same steps, give the same
// Asterisk report after each step. An import interrupted after the PBX
// rows are written and before they are marked complete leaves the case as
// it was (sources, summary and report), though its rows are on the
// server; importing again gives the local case's report. An Issabel tree,
// an image with a master.db, CUCM and Kamailio files (pbxFixtures) give
// the local case's report too. Importing files
// the case holds adds no generation. The private SQLite copy is made once
// per generation, made again after an import, and removed with the case's
// Store.
func TestClickHousePBX(t *testing.T) {
	c := chkit.Start(t)
	ctx := context.Background()
	local := newLocalCase(t)
	s, err := Open(ctx, c.URL("pbx"), c.Name, true)
	if err != nil {
		t.Fatal(err)
	}
	importBoth := func(t *testing.T, files ...string) []store.FileResult {
		t.Helper()
		if _, err := local.Import(ctx, files, store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		res, err := s.Import(ctx, files, store.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	same := func(t *testing.T) string {
		t.Helper()
		pbx, err := s.PBX(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want, got := asteriskJSON(t, local), asteriskJSON(t, pbx)
		if got != want {
			t.Fatalf("the report on the cluster:\n%s\nwant (the local case):\n%s", got, want)
		}
		return got
	}
	master := testkit.Corpus(t, "bugadm-telephonyswitching/Master.csv")
	copies := testkit.Corpus(t, "bugadm-telephonyswitching/100.csv")
	messages := testkit.Corpus(t, "bugadm-telephonyswitching/messages.head")
	sip := testkit.Corpus(t, "kaitocross-phonewave-asterisk-conf/sip.conf")

	res := importBoth(t, master)
	if len(res) != 1 || res[0].Rows != 105 || res[0].SourceID != 1 {
		t.Fatalf("Master.csv into the cluster: %+v", res)
	}
	first := same(t)
	gen1, err := s.pbxGen(ctx)
	if err != nil || gen1 != 1 {
		t.Fatalf("generation after the first import: %d, %v", gen1, err)
	}
	mirror1, err := s.PBX(ctx)
	if err != nil {
		t.Fatal(err)
	}

	// interrupted: every row of the new generation written, no mark
	beforeMark = func(int64) error { return errors.New("power cut") }
	_, err = s.Import(ctx, []string{copies, messages}, store.ImportOptions{})
	beforeMark = nil
	if err == nil || !strings.Contains(err.Error(), "power cut") {
		t.Fatalf("the interrupted import: %v", err)
	}
	var written uint64
	if err := s.home.QueryRow(ctx, s.sql(`SELECT count() FROM {db}.ast_log`)).Scan(&written); err != nil || written == 0 {
		t.Fatalf("the interruption came before the log's rows were written (%d, %v): the test proves nothing", written, err)
	}
	sum, err := s.Summary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Sources) != 1 || sum.Records["asterisk-log"] != 0 {
		t.Fatalf("after the interrupted import the case shows %d sources, records %v", len(sum.Sources), sum.Records)
	}
	if gen, err := s.pbxGen(ctx); err != nil || gen != gen1 {
		t.Fatalf("generation after the interrupted import: %d (want %d), %v", gen, gen1, err)
	}
	if m, err := s.PBX(ctx); err != nil || m != mirror1 || asteriskJSON(t, m) != first {
		t.Fatalf("after the interrupted import the PBX copy changed (%v)", err)
	}

	// again, whole: the copies of calls in Master.csv are counted as copies
	res = importBoth(t, copies, messages)
	for _, r := range res {
		if r.Error != "" || r.Skipped != "" || r.Rows+r.Duplicates == 0 {
			t.Fatalf("imported again after the interruption: %+v", r)
		}
	}
	second := same(t)
	if second == first || !strings.Contains(second, `"copies": `) {
		t.Fatalf("the report did not change with the copies and the log:\n%s", second)
	}
	mirror2, err := s.PBX(ctx)
	if err != nil || mirror2 == mirror1 {
		t.Fatalf("the PBX copy was not made again after an import (%v)", err)
	}
	if asteriskJSON(t, mirror1) != first {
		t.Fatal("the older copy, still open, changed")
	}

	// the configuration after the calls: their directions are decided anew
	importBoth(t, sip)
	same(t)

	// other systems: an Issabel tree, a master.db, CUCM and Kamailio
	others := pbxFixtures(t)
	res = importBoth(t, others...)
	kinds := map[string]int64{}
	for _, r := range res {
		if r.Error != "" {
			t.Fatalf("%s: %s", r.Path, r.Error)
		}
		kinds[r.Kind] += r.Rows
	}
	if kinds[store.KindCUCMCDR] != 2 || kinds[store.KindKamailioAcc] != 3 || kinds[store.KindAsteriskCDR] != 4+1+2 || kinds[store.KindHostZone] != 2 {
		t.Fatalf("the other systems' files: %v", kinds)
	}
	if got := same(t); !strings.Contains(got, "skynet") || !strings.Contains(got, `"cucm-cdr": 2`) || !strings.Contains(got, `"kamailio-acc": 3`) {
		t.Fatalf("the report after the other systems lacks them:\n%s", got)
	}
	gen3, err := s.pbxGen(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// the Issabel report's two calls and the acc INVITEs no BYE ended (c2,
	// 486; c4, 200): duration NULL on the server as in the local case,
	// their talk time (125 + 0 + 0) kept and c4's unknown (billsec NULL,
	// the only one), and the report saying so
	var unknown, talk, noTalk int64
	if err := s.home.QueryRow(ctx, s.sql(`SELECT toInt64(countIf(duration IS NULL)), toInt64(sumIf(ifNull(billsec, 0), duration IS NULL)), toInt64(countIf(billsec IS NULL))
		FROM {db}.ast_calls WHERE gen = ?`), gen3).Scan(&unknown, &talk, &noTalk); err != nil || unknown != 4 || talk != 125 || noTalk != 1 {
		t.Fatalf("calls without a duration on the server: %d, talk %d s, without talk time %d (want 4, 125, 1), %v", unknown, talk, noTalk, err)
	}
	if got := same(t); !strings.Contains(got, `"calls_without_duration": 4`) || !strings.Contains(got, `"calls_without_talk_time": 1`) {
		t.Fatalf("the report does not count the calls without a duration or talk time:\n%s", got)
	}

	// everything again: skipped, the same sources named, no generation
	res, err = s.Import(ctx, append([]string{master, copies, messages, sip}, others...), store.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Rows != 0 || !strings.Contains(r.Skipped, "already in the case as source") || !strings.Contains(r.Skipped, r.Path) {
			t.Errorf("imported again: %+v", r)
		}
	}
	if gen, err := s.pbxGen(ctx); err != nil || gen != gen3 {
		t.Fatalf("importing held files made generation %d (was %d), %v", gen, gen3, err)
	}
	final := same(t)
	wantSum, err := local.Summary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sum, err = s.Summary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// the interrupted import used ids 2 and 3: compare without them
	for i := range sum.Sources {
		if i < len(wantSum.Sources) {
			sum.Sources[i].ID = wantSum.Sources[i].ID
		}
	}
	if summaryJSON(t, sum) != summaryJSON(t, wantSum) {
		t.Fatalf("summary on the cluster:\n%s\nwant:\n%s", summaryJSON(t, sum), summaryJSON(t, wantSum))
	}

	// a new Store reads the same; Close removes the copies
	again := openCluster(t, c, "pbx", false)
	if m, err := again.PBX(ctx); err != nil || asteriskJSON(t, m) != final {
		t.Fatalf("another Store's copy differs (%v)", err)
	}
	dirs := []string{filepath.Dir(mirror1.Path()), filepath.Dir(mirror2.Path())}
	s.Close()
	for _, d := range dirs {
		if _, err := os.Stat(d); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("the PBX copy's directory %s after Close: %v", d, err)
		}
	}
}
