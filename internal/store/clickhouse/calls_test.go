package clickhouse

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// hostileSenders are other parties written with quotes and backslashes:
// they must reach the cluster's SQL as values.
var hostileSenders = []string{`O'Brien\`, `BANK'S`, `a\'b`, `') OR 1=1 --`}

// TestClickHouseCalls: the call analyses' questions answered by the
// cluster as by the local case of the same evidence (the small generated
// case, and a file of one subscriber's SMS from senders with quotes and
// backslashes): every voice subscriber's voice and data records, the call
// links of every number of the case (more than one lot of 500, in the
// local case's order) and among them, which numbers are subscribers, and
// the sharers of every handset and SIM.
func TestClickHouseCalls(t *testing.T) {
	c := chkit.Start(t)
	dir := smallCase(t)
	truth, err := gen.ReadTruth(filepath.Join(dir, gen.TruthFile))
	if err != nil {
		t.Fatal(err)
	}
	a := truth.HonestVoice[0]
	body := "MSISDN\tDURATION\tCELL_ID\tCALL_TYPE\tB_NUMBER\tCALL_DATE\tCALL_TIME\n"
	for i, s := range hostileSenders {
		body += a + "\t0\tCELL_ID-2\tSMS_IN\t" + s + "\t3/19/2024\t1" + string(rune('0'+i)) + ":00:00\n"
	}
	if err := os.WriteFile(filepath.Join(dir, "hostile_voice.tsv"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	local := localCase(t, dir)
	ch := openCluster(t, c, "calls", true)
	if _, err := ch.Import(ctx, []string{dir}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}

	subs, err := local.VoiceSubscribers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) < 60 {
		t.Fatalf("%d voice subscribers in the local case, want at least 60", len(subs))
	}
	noIDs := func(rs []store.CallRecord) []store.CallRecord {
		for i := range rs {
			rs[i].ID = 0 // a record's id is the store's own
		}
		return rs
	}
	hostileSeen := map[string]int{}
	for _, s := range subs {
		id, err := ch.SubscriberID(ctx, s.MSISDN)
		if err != nil {
			t.Fatal(err)
		}
		for _, scope := range [][2]int64{{0, 0}, {1710892800, 1711152000}} { // all; 2024-03-20 to 2024-03-23
			want, err := local.CallRecords(ctx, s.ID, scope[0], scope[1])
			if err != nil {
				t.Fatal(err)
			}
			got, err := ch.CallRecords(ctx, id, scope[0], scope[1])
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(noIDs(got), noIDs(want)) {
				t.Fatalf("voice records of %s %v on the cluster:\n%+v\nwant:\n%+v", s.MSISDN, scope, got, want)
			}
			for _, r := range got {
				if slices.Contains(hostileSenders, r.Other) && scope[0] == 0 {
					hostileSeen[r.Other]++
				}
			}
			wantData, err := local.DataCellRecords(ctx, s.ID, scope[0], scope[1])
			if err != nil {
				t.Fatal(err)
			}
			gotData, err := ch.DataCellRecords(ctx, id, scope[0], scope[1])
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(noIDs(gotData), noIDs(wantData)) {
				t.Fatalf("data records of %s %v on the cluster:\n%+v\nwant:\n%+v", s.MSISDN, scope, gotData, wantData)
			}
		}
	}
	for _, h := range hostileSenders[:3] { // quotes and backslashes, as written
		if hostileSeen[h] != 1 {
			t.Fatalf("the hostile senders came back from the cluster as %v, want each of %q once", hostileSeen, hostileSenders[:3])
		}
	}

	// every number of the case: subscribers and other parties, by key
	edges, err := local.VoiceEdges(ctx, nil, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var numbers, subNumbers []string
	for _, s := range subs {
		subNumbers = append(subNumbers, s.MSISDN)
	}
	for _, n := range append(slices.Clone(subNumbers), hostileSenders...) {
		if !seen[n] {
			seen[n] = true
			numbers = append(numbers, n)
		}
	}
	for _, e := range edges {
		if !seen[e.Other] {
			seen[e.Other] = true
			numbers = append(numbers, e.Other)
		}
	}
	slices.Sort(numbers) // subscribers in every lot: each lot's links come in their own order
	if len(numbers) <= 2*numbersPerQuery {
		t.Fatalf("%d numbers: the test needs more than two lots of %d", len(numbers), numbersPerQuery)
	}
	same := func(what string, got, want any, gotErr, wantErr error) {
		t.Helper()
		if gotErr != nil || wantErr != nil {
			t.Fatalf("%s: %v (the local case: %v)", what, gotErr, wantErr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s on the cluster:\n%+v\nwant:\n%+v", what, got, want)
		}
	}
	for _, scope := range [][2]int64{{0, 0}, {1710892800, 1711152000}} {
		want, wantErr := local.CallLinks(ctx, numbers, scope[0], scope[1])
		got, gotErr := ch.CallLinks(ctx, numbers, scope[0], scope[1])
		same("call links", got, want, gotErr, wantErr)
		if len(want) < len(edges)/2 {
			t.Fatalf("%d call links of %d numbers: too few to prove anything", len(want), len(numbers))
		}
		want, wantErr = local.CallLinksAmong(ctx, subNumbers, numbers, scope[0], scope[1])
		got, gotErr = ch.CallLinksAmong(ctx, subNumbers, numbers, scope[0], scope[1])
		same("call links among", got, want, gotErr, wantErr)
		if len(want) == 0 {
			t.Fatal("no call links among the numbers: the test proves nothing")
		}
	}
	for _, n := range hostileSenders { // a centre named as written: no link by key, and no error
		want, wantErr := local.CallLinks(ctx, []string{n}, 0, 0)
		got, gotErr := ch.CallLinks(ctx, []string{n}, 0, 0)
		same("call links of "+n, got, want, gotErr, wantErr)
	}
	wantSubs, wantErr := local.SubscribersByKey(ctx, numbers)
	gotSubs, gotErr := ch.SubscribersByKey(ctx, numbers)
	for k, v := range wantSubs {
		v.ID = gotSubs[k].ID // ids are each store's own
		wantSubs[k] = v
	}
	same("subscribers by key", gotSubs, wantSubs, gotErr, wantErr)

	var handsets, imsis []string
	rows, err := local.DB().QueryContext(ctx, `SELECT DISTINCT handset, imsi FROM devices`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var h, i string
		if err := rows.Scan(&h, &i); err != nil {
			t.Fatal(err)
		}
		handsets, imsis = append(handsets, h), append(imsis, i)
	}
	rows.Close()
	wantSharers, wantErr := local.DeviceSharers(ctx, handsets, imsis)
	gotSharers, gotErr := ch.DeviceSharers(ctx, handsets, imsis)
	for i := range gotSharers {
		if i < len(wantSharers) {
			gotSharers[i].SubscriberID = wantSharers[i].SubscriberID
		}
	}
	same("device sharers", gotSharers, wantSharers, gotErr, wantErr)
	if len(wantSharers) < len(subs) {
		t.Fatalf("%d device uses: too few to prove anything", len(wantSharers))
	}
}
