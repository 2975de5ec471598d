package clickhouse

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// listWalk is the subscriber list in one order under one filter, read
// page by page by its keyset (forward to the end, then one page backward
// from the last row), as "id=key" lines, and the count.
func listWalk(t *testing.T, s *Store, sort store.SubscriberSort, desc bool, filter string) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	var after []any
	var last store.SubscriberRow
	for pages := 0; ; pages++ {
		rows, _, err := s.SubscriberPage(ctx, store.SubscriberPageQuery{Sort: sort, Desc: desc, Filter: filter, After: after, Limit: 25})
		if err != nil {
			t.Fatalf("%s desc=%v filter %q: %v", sort, desc, filter, err)
		}
		for _, r := range rows {
			fmt.Fprintf(&b, "%d=%v %d/%d/%d/%d c%d i%d cells%d\n", r.ID, r.Key, r.Data, r.Voice, r.Calls, r.SMS, r.Contacts, r.IMEIs, r.Cells)
			last = r
		}
		if len(rows) < 25 || pages > 100 {
			break
		}
		after = []any{last.Key, last.ID}
	}
	if last.ID != 0 {
		rows, _, err := s.SubscriberPage(ctx, store.SubscriberPageQuery{Sort: sort, Desc: desc, Filter: filter,
			After: []any{last.Key, last.ID}, Backward: true, Limit: 25})
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString("back:")
		for _, r := range rows {
			fmt.Fprintf(&b, " %d", r.ID)
		}
		b.WriteString("\n")
	}
	n, err := s.SubscriberCount(ctx, filter)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "count %d\n", n)
	return b.String()
}

var allSorts = []store.SubscriberSort{store.SortMSISDN, store.SortRecords, store.SortData, store.SortVoice, store.SortCalls,
	store.SortSMS, store.SortContacts, store.SortFirst, store.SortLast, store.SortIMEIs, store.SortCells}

// TestClickHouseSubscriberSums: the Overview's subscriber list read from
// the subscriber summary is the list read from the records (the path
// TestClickHouseOverviewList holds to the local case), in every order,
// both directions, paged forward and backward, under no filter, part of
// an MSISDN, an MSISDN and an IMEI, and the busiest subscribers (the
// Overview's header) are those read from the records; on a case made before the summary
// (its tables dropped, its mark unset) the list is read from the records
// and is the same; `upgrade` makes the summary, fills it from the records
// and names its tables, and the list read from it is the same again, as
// after the benchmarks' grow (copies made on the servers), and on one
// server without a cluster; a row written
// into the summary by hand moves the list (it is what is read).
func TestClickHouseSubscriberSums(t *testing.T) {
	c := chkit.Start(t)
	ctx := context.Background()
	dir := smallCase(t)
	s := openCluster(t, c, "sums", true)
	if _, err := s.Import(ctx, []string{dir}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	ref := openCluster(t, c, "sums", false)
	ref.sumsOff = true
	ref.complete.every = -1 // sees the grow's sources at once
	var msisdn, imei string
	if err := s.home.QueryRow(ctx, `SELECT msisdn FROM sums.subscribers ORDER BY id LIMIT 1`).Scan(&msisdn); err != nil {
		t.Fatal(err)
	}
	if err := s.home.QueryRow(ctx, `SELECT imei FROM sums.devices WHERE imei != '' ORDER BY id LIMIT 1`).Scan(&imei); err != nil {
		t.Fatal(err)
	}
	type ask struct {
		sort   store.SubscriberSort
		desc   bool
		filter string
	}
	var asks []ask
	for _, so := range allSorts {
		asks = append(asks, ask{so, false, ""}, ask{so, true, ""})
	}
	for _, f := range []string{msisdn[len(msisdn)-3 : len(msisdn)-1], msisdn, imei} {
		asks = append(asks, ask{store.SortRecords, true, f}, ask{store.SortIMEIs, false, f}, ask{store.SortMSISDN, true, f})
	}
	want := map[ask]string{}
	for _, a := range asks {
		want[a] = listWalk(t, ref, a.sort, a.desc, a.filter)
		if strings.HasPrefix(want[a], "count 0") {
			t.Fatalf("%+v lists nothing: the test proves nothing", a)
		}
	}
	check := func(label string, s *Store, sums bool) {
		t.Helper()
		if have, err := s.haveSums(ctx); err != nil || have != sums {
			t.Fatalf("%s: reads the summary %v (%v), want %v", label, have, err, sums)
		}
		for _, a := range asks {
			if got := listWalk(t, s, a.sort, a.desc, a.filter); got != want[a] {
				t.Fatalf("%s: %+v:\n%s\nwant (from the records):\n%s", label, a, got, want[a])
			}
		}
		busy, n, err := s.BusiestSubscribers(ctx, 7)
		wantBusy, wantN, werr := ref.BusiestSubscribers(ctx, 7)
		if err != nil || werr != nil || n != wantN || len(busy) != 7 || !reflect.DeepEqual(busy, wantBusy) {
			t.Fatalf("%s: the busiest subscribers %+v of %d (%v), want %+v of %d (%v)", label, busy, n, err, wantBusy, wantN, werr)
		}
	}
	check("a new case", s, true)

	// as a case made before the summary: its tables gone, no mark
	for i, sh := range s.shards {
		for _, n := range append(sumsNames, "subscriber_sums") {
			if n == "subscriber_sums" && i > 0 {
				continue
			}
			if err := sh.Exec(ctx, "DROP TABLE IF EXISTS sums."+n); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := s.setInfo(ctx, sumsKey, ""); err != nil {
		t.Fatal(err)
	}
	old := openCluster(t, c, "sums", false)
	check("a case without the summary", old, false)
	made, err := old.Upgrade(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantMade := []string{"shard 1: table subscriber_sums_ipdr_local", "shard 1: table subscriber_sums_local", "shard 1: table subscriber_sums_voice_local",
		"shard 2: table subscriber_sums_ipdr_local", "shard 2: table subscriber_sums_local", "shard 2: table subscriber_sums_voice_local",
		"table subscriber_sums", "table subscriber_sums_ipdr_local", "table subscriber_sums_local", "table subscriber_sums_voice_local"}
	if !slices.Equal(made, wantMade) {
		t.Fatalf("upgrade made %q, want %q", made, wantMade)
	}
	check("after upgrade", old, true)
	check("after upgrade, opened again", openCluster(t, c, "sums", false), true)
	if made, err := old.Upgrade(ctx); err != nil || len(made) != 0 {
		t.Fatalf("upgrade again made %q (%v)", made, err)
	}
	check("after upgrade again (nothing counted twice)", old, true)

	// the benchmarks' grow copies the records on the servers: the views
	// summarise the copies as they are inserted
	if g, err := grow(ctx, old, 2); err != nil || g.copies != 1 {
		t.Fatalf("grow: %+v %v", g, err)
	}
	for _, so := range []store.SubscriberSort{store.SortRecords, store.SortIMEIs, store.SortContacts, store.SortCells} {
		got, w := listWalk(t, old, so, true, ""), listWalk(t, ref, so, true, "")
		if got != w || got == want[ask{so, true, ""}] {
			t.Fatalf("after the grow, by %s:\n%s\nwant (from the records, the copies among them):\n%s", so, got, w)
		}
	}

	testSubShard(t, c, "sums")

	// one server, no cluster: the summary is its own table there
	one, err := Open(ctx, c.URL("sums1"), "", true)
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	if _, err := one.Import(ctx, []string{dir}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	oneRef, err := Open(ctx, c.URL("sums1"), "", false)
	if err != nil {
		t.Fatal(err)
	}
	defer oneRef.Close()
	oneRef.sumsOff = true
	for _, so := range []store.SubscriberSort{store.SortRecords, store.SortIMEIs, store.SortMSISDN} {
		if got, w := listWalk(t, one, so, true, ""), listWalk(t, oneRef, so, true, ""); got != w || got != want[ask{so, true, ""}] {
			t.Fatalf("one server, by %s:\n%s\nwant (from the records, and as on the cluster):\n%s", so, got, w)
		}
	}
	if have, err := one.haveSums(ctx); err != nil || !have {
		t.Fatalf("one server: the summary is not read (%v)", err)
	}

	// a row written by hand: the subscriber with the fewest data records
	// (some) gets a million more, and heads the list by data records
	var sub int64
	if err := s.home.QueryRow(ctx, `SELECT subscriber_id FROM sums.ipdr GROUP BY subscriber_id ORDER BY count(), subscriber_id LIMIT 1`).Scan(&sub); err != nil {
		t.Fatal(err)
	}
	shard := s.shards[sub%int64(len(s.shards))]
	if err := shard.Exec(ctx, `INSERT INTO sums.subscriber_sums_local (`+sumsColumns+`)
		SELECT subscriber_id, any(source_id), sumState(toUInt64(1000000)), sumState(toUInt64(0)), sumState(toUInt64(0)), sumState(toUInt64(0)),
		minState(start), maxState(start), uniqExactState(CAST(NULL AS Nullable(String))), uniqExactState(CAST(NULL AS Nullable(Int64))),
		groupUniqArrayState(CAST(NULL AS Nullable(Int64)))
		FROM (SELECT subscriber_id, source_id, start FROM sums.ipdr_local WHERE subscriber_id = ? LIMIT 1) GROUP BY subscriber_id`, sub); err != nil {
		t.Fatal(err)
	}
	rows, _, err := old.SubscriberPage(ctx, store.SubscriberPageQuery{Sort: store.SortData, Desc: true, Limit: 1})
	if err != nil || len(rows) != 1 || rows[0].ID != sub || rows[0].Key != any(rows[0].Data+1_000_000) {
		t.Fatalf("the list by data records after a row written into the summary: %+v (%v), want subscriber %d first with a million more", rows, err, sub)
	}
}

// testSubShard: in a case made on this cluster, one subscriber's
// questions go to the shard holding its records (subscriber_id % shards)
// and answer what the Distributed tables answer (the busiest
// destinations and their count, the totals, the cells, the ports by
// hour); a case that says it was made on another number of shards is read
// through the Distributed tables.
func testSubShard(t *testing.T, c *chkit.Cluster, db string) {
	ctx := context.Background()
	routed := openCluster(t, c, db, false)
	whole := openCluster(t, c, db, false)
	whole.madeShards.Store(-1)
	var sub int64
	if err := routed.home.QueryRow(ctx, `SELECT subscriber_id FROM `+db+`.ipdr GROUP BY subscriber_id ORDER BY count() DESC, subscriber_id LIMIT 1`).Scan(&sub); err != nil {
		t.Fatal(err)
	}
	if _, err := routed.Sources(ctx); err != nil {
		t.Fatal(err)
	}
	if err := routed.readComplete(ctx); err != nil {
		t.Fatal(err)
	}
	if conn, v := routed.subShard(ctx, sub); conn != routed.shards[sub%2] || v == "" {
		t.Fatalf("subscriber %d is not asked of shard %d", sub, sub%2+1)
	}
	if conn, _ := whole.subShard(ctx, sub); conn != nil {
		t.Fatal("a case not known to be made on these shards is asked of one shard")
	}
	ask := func(s *Store) string {
		top, n, err := s.TopDestinationUses(ctx, sub, 0, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		all, all2, err := s.TopDestinationUses(ctx, sub, 0, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		tot, err := s.SubscriberTotalsOf(ctx, sub)
		if err != nil {
			t.Fatal(err)
		}
		cells, err := s.CellUses(ctx, sub)
		if err != nil {
			t.Fatal(err)
		}
		ports, err := s.PortActivities(ctx, []int64{sub})
		if err != nil {
			t.Fatal(err)
		}
		if n < 20 || len(top) != 10 || len(all) != n || all2 != n {
			t.Fatalf("subscriber %d: %d destinations, %d shown, %d listed: the test proves little", sub, n, len(top), len(all))
		}
		return fmt.Sprintf("%d %+v\n%+v\n%+v\n%+v", n, top, tot, cells, ports)
	}
	if got, want := ask(routed), ask(whole); got != want {
		t.Fatalf("asked of its shard:\n%s\nwant (the Distributed tables):\n%s", got, want)
	}
	if err := routed.setInfo(ctx, shardsKey, "3"); err != nil {
		t.Fatal(err)
	}
	if conn, _ := openCluster(t, c, db, false).subShard(ctx, sub); conn != nil {
		t.Fatal("a case made on three shards is asked of one of two")
	}
	if err := routed.setInfo(ctx, shardsKey, "2"); err != nil {
		t.Fatal(err)
	}
}
