package clickhouse

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// TestContactStreamLongQuery checks EachContactOther, the contacts
// ranking's one stream of every other subscriber, against the local case's
// separate answers (DataSubscribers, RecordsInSpans, ActivityHours) with
// spans of every minute of the case on four ports (some 50,000 (port,
// minute) keys, over ClickHouse's default max_query_size and
// max_ast_elements when written as text) and of five hours on a fifth
// (asked as ranges). RecordsInSpansIn (the pane's) must find the same
// records as the local case. Each subscriber comes once, in id order,
// with its number when it has data records, its records in the spans by
// port then start, and its hour products computed here from its hours;
// in a time scope too, and on one server without a cluster.
func TestContactStreamLongQuery(t *testing.T) {
	c := chkit.Start(t)
	dir := smallCase(t)
	local := localCase(t, dir)
	ch := openCluster(t, c, "cstream", true)
	ctx := context.Background()
	if _, err := ch.Import(ctx, []string{dir}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	// and a case on one server, no cluster (its keys asked by IN, not GLOBAL IN)
	single, err := Open(ctx, c.URL("cstream1"), "", true)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { single.Close() })
	if _, err := single.Import(ctx, []string{dir}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	subs, err := local.DataSubscribers(ctx)
	if err != nil || len(subs) < 10 {
		t.Fatalf("data subscribers: %d %v", len(subs), err)
	}
	a := subs[3].ID
	allPorts, err := local.ActivityPorts(ctx)
	if err != nil || len(allPorts) < 5 {
		t.Fatalf("ports: %v %v", allPorts, err)
	}
	ports := allPorts[:4]
	first, last, ok, err := local.WallSpan(ctx)
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	var spans []store.PortSpan
	for _, p := range ports {
		for m := first/60 - 1440; m <= last/60+1440; m++ {
			spans = append(spans, store.PortSpan{Port: p, From: m * 60, To: m*60 + 59})
		}
	}
	// on a fifth port, spans of five hours every ten: asked as ranges
	for from := first - 86400; from <= last+86400; from += 36000 {
		spans = append(spans, store.PortSpan{Port: allPorts[4], From: from, To: from + 18000})
	}
	if len(spans) < 50_000 {
		t.Fatalf("%d spans: too few for a long query", len(spans))
	}
	ask := store.ContactAsk{Exclude: a, Spans: spans, Ports: ports, KeyOf: []int{0, 1, 1, 2}, Keys: 3}
	for i := range ports {
		for h := range 24 {
			ask.Hours = append(ask.Hours, [24]int{})
			ask.Hours[i][h] = (i+1)*100 + h // a record in hour h on ports[i] adds this
		}
	}
	ask.Hours = ask.Hours[:len(ports)]
	mid := (first + last) / 2
	for _, tc := range []struct {
		ch    *Store
		scope [2]int64
	}{{ch, [2]int64{0, 0}}, {ch, [2]int64{mid, 0}}, {single, [2]int64{0, mid}}} {
		scope, ch := tc.scope, tc.ch
		ask.From, ask.To = scope[0], scope[1]
		// the reference: the local case's answers, put together here
		type want struct {
			msisdn string
			listed bool
			prod   []int64
			near   []store.NearRecord
		}
		ref := map[int64]*want{}
		at := func(id int64) *want {
			if ref[id] == nil {
				ref[id] = &want{}
			}
			return ref[id]
		}
		for _, s := range subs {
			if s.ID != a {
				w := at(s.ID)
				w.msisdn, w.listed = s.MSISDN, true
			}
		}
		near, err := local.RecordsInSpansIn(ctx, spans, a, scope[0], scope[1])
		if err != nil {
			t.Fatal(err)
		}
		// the records in the spans one by one, as the pane's contacts read
		// them (RecordsInSpansIn), the same as the local case's
		chNear, err := ch.RecordsInSpansIn(ctx, spans, a, scope[0], scope[1])
		if err != nil {
			t.Fatal(err)
		}
		triples := func(n *store.NearRecords) [][3]int64 {
			var out [][3]int64
			for i := range n.Subscriber {
				out = append(out, [3]int64{n.Subscriber[i], int64(n.Port[i]), n.Start[i]})
			}
			slices.SortFunc(out, func(x, y [3]int64) int { return slices.Compare(x[:], y[:]) })
			return out
		}
		if g, w := triples(chNear), triples(near); !slices.Equal(g, w) {
			t.Fatalf("scope %v: RecordsInSpansIn gave %d records, the local case %d", scope, len(g), len(w))
		}
		ranged := 0
		for i := range near.Subscriber {
			if near.Port[i] == allPorts[4] {
				ranged++
			}
			w := at(near.Subscriber[i])
			w.near = append(w.near, store.NearRecord{Port: near.Port[i], Start: near.Start[i]})
		}
		hours, err := local.ActivityHoursIn(ctx, ports, scope[0], scope[1])
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range hours {
			if r.Subscriber == a {
				continue
			}
			i := slices.Index(ports, r.Port)
			for h, n := range r.Hours {
				if v := int64(n) * int64(ask.Hours[i][h]); v != 0 {
					w := at(r.Subscriber)
					if w.prod == nil {
						w.prod = make([]int64, ask.Keys)
					}
					w.prod[ask.KeyOf[i]] += v
				}
			}
		}
		var ids []int64
		for id, w := range ref {
			slices.SortFunc(w.near, func(x, y store.NearRecord) int {
				if x.Port != y.Port {
					return x.Port - y.Port
				}
				return int(x.Start - y.Start)
			})
			ids = append(ids, id)
		}
		slices.Sort(ids)

		var got []int64
		nearAll, prodAll := 0, 0
		err = ch.EachContactOther(ctx, ask, func(o *store.ContactOther) error {
			got = append(got, o.ID)
			w := ref[o.ID]
			if w == nil {
				t.Errorf("scope %v: subscriber %d came, not in the local answers", scope, o.ID)
				return nil
			}
			if o.MSISDN != w.msisdn || o.Listed != w.listed {
				t.Errorf("scope %v: subscriber %d: %q listed %v, want %q %v", scope, o.ID, o.MSISDN, o.Listed, w.msisdn, w.listed)
			}
			if !reflect.DeepEqual(o.Products, w.prod) {
				t.Errorf("scope %v: subscriber %d: products %v, want %v", scope, o.ID, o.Products, w.prod)
			}
			if len(o.Near) != len(w.near) || (len(w.near) > 0 && !reflect.DeepEqual(o.Near, w.near)) {
				t.Errorf("scope %v: subscriber %d: %d records in the spans, want %d", scope, o.ID, len(o.Near), len(w.near))
			}
			nearAll += len(o.Near)
			if o.Products != nil {
				prodAll++
			}
			return nil
		})
		if err != nil {
			t.Fatalf("scope %v: %v", scope, err)
		}
		if !slices.Equal(got, ids) {
			t.Fatalf("scope %v: subscribers %v, want %v", scope, got, ids)
		}
		if nearAll < 1000 || prodAll < 10 || ranged < 5 {
			t.Fatalf("scope %v: %d records in the spans (%d in ranges), %d subscribers with products: the test asks too little", scope, nearAll, ranged, prodAll)
		}
		t.Logf("scope %v: %d subscribers, %d records in %d spans, %d with products", scope, len(got), nearAll, len(spans), prodAll)
	}
}
