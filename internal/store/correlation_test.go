package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// correlationCase imports a small IPDR file (wall clock as written, no
// zone): subscriber 1 on 5222 at 10:00:00 and 10:00:30, subscriber 2 on
// 5222 at 09:59:00, 10:01:00, 10:01:01 and on 443 at 10:00:00, subscriber
// 3 on 5222 at 10:00:00 and once without a port at 23:10:00 the next day.
func correlationCase(t *testing.T) *Store {
	t.Helper()
	dir := t.TempDir()
	body := "MSISDN,DESTPORT,START,END\n" +
		"911000000001,5222,2024-03-19 10:00:00,2024-03-19 10:02:00\n" +
		"911000000001,5222,2024-03-19 10:00:30,\n" +
		"911000000002,5222,2024-03-19 09:59:00,2024-03-19 09:59:10\n" +
		"911000000002,5222,2024-03-19 10:01:00,2024-03-19 10:01:10\n" +
		"911000000002,5222,2024-03-19 10:01:01,2024-03-19 10:01:10\n" +
		"911000000002,443,2024-03-19 10:00:00,2024-03-19 10:01:10\n" +
		"911000000003,5222,2024-03-19 10:00:00,2024-03-19 10:01:10\n" +
		"911000000003,,2024-03-20 23:10:00,\n"
	p := filepath.Join(dir, "ipdr.csv")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := Create(filepath.Join(dir, "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Import(context.Background(), []string{p}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	return st
}

func unix(t *testing.T, wall string) int64 {
	t.Helper()
	tm, err := time.Parse("2006-01-02 15:04:05", wall)
	if err != nil {
		t.Fatal(err)
	}
	return tm.Unix()
}

func TestDataEventsAndSubscribers(t *testing.T) {
	st := correlationCase(t)
	ctx := context.Background()
	id, err := st.SubscriberID(ctx, "911000000001")
	if err != nil {
		t.Fatal(err)
	}
	evs, err := st.DataEvents(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 2 {
		t.Fatalf("%d events", len(evs))
	}
	e := evs[0]
	if e.Start != unix(t, "2024-03-19 10:00:00") || !e.HasEnd || e.End != unix(t, "2024-03-19 10:02:00") || e.DestPort != 5222 ||
		e.Line != 2 || e.WallOffset != 0 || e.WallHour() != 10 {
		t.Errorf("first event = %+v", e)
	}
	if evs[1].HasEnd || evs[1].Line != 3 {
		t.Errorf("second event = %+v (no end, line 3)", evs[1])
	}
	paths, err := st.SourcePaths(ctx)
	if err != nil || filepath.Base(paths[e.SourceID]) != "ipdr.csv" {
		t.Errorf("source path = %q %v", paths[e.SourceID], err)
	}
	id3, _ := st.SubscriberID(ctx, "911000000003")
	evs3, _ := st.DataEvents(ctx, id3)
	if len(evs3) != 2 || evs3[1].DestPort != -1 {
		t.Errorf("portless record = %+v, want DestPort -1", evs3)
	}
	if _, err := st.SubscriberID(ctx, "0"); !errors.Is(err, ErrNoSubscriber) {
		t.Errorf("unknown MSISDN: %v", err)
	}
	subs, err := st.DataSubscribers(ctx)
	if err != nil || len(subs) != 3 || subs[0].MSISDN != "911000000001" {
		t.Errorf("data subscribers = %+v %v", subs, err)
	}
	first, last, ok, err := st.WallSpan(ctx)
	if err != nil || !ok || first != unix(t, "2024-03-19 09:59:00") || last != unix(t, "2024-03-20 23:10:00") {
		t.Errorf("wall span = %d %d %v %v", first, last, ok, err)
	}
}

func TestActivityHours(t *testing.T) {
	st := correlationCase(t)
	ctx := context.Background()
	ports, err := st.ActivityPorts(ctx)
	if err != nil || !reflect.DeepEqual(ports, []int{-1, 443, 5222}) {
		t.Fatalf("activity ports = %v %v", ports, err)
	}
	rows, err := st.ActivityHours(ctx, []int{5222})
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64][24]int{}
	for _, r := range rows {
		if r.Port != 5222 {
			t.Errorf("row on port %d", r.Port)
		}
		got[r.Subscriber] = r.Hours
	}
	id2, _ := st.SubscriberID(ctx, "911000000002")
	var want2 [24]int
	want2[9], want2[10] = 1, 2
	if len(got) != 3 || got[id2] != want2 {
		t.Errorf("hours = %v, want 3 subscribers, subscriber 2 = %v", got, want2)
	}
	if none, err := st.ActivityHours(ctx, nil); err != nil || none != nil {
		t.Errorf("no ports: %v %v", none, err)
	}
}

// Range scans: inclusive edges, one subscriber left out, only the port
// asked, and an answer from the index alone.
func TestRecordsInSpans(t *testing.T) {
	st := correlationCase(t)
	ctx := context.Background()
	id1, _ := st.SubscriberID(ctx, "911000000001")
	id2, _ := st.SubscriberID(ctx, "911000000002")
	id3, _ := st.SubscriberID(ctx, "911000000003")
	t10 := unix(t, "2024-03-19 10:00:00")
	tests := []struct {
		name  string
		spans []PortSpan
		want  []int64 // subscriber of each record, by start then subscriber
	}{
		{"none", nil, nil},
		{"edges included", []PortSpan{{5222, t10 - 60, t10 + 60}}, []int64{id2, id3, id2}},
		{"one second short on each side", []PortSpan{{5222, t10 - 59, t10 + 59}}, []int64{id3}},
		{"two spans of one port", []PortSpan{{5222, t10 - 60, t10 - 60}, {5222, t10 + 61, t10 + 61}}, []int64{id2, id2}},
		{"another port", []PortSpan{{443, t10, t10}}, []int64{id2}},
		{"a port nobody used", []PortSpan{{80, t10 - 3600, t10 + 3600}}, nil},
		// A span reaching before 1970: starts are packed as offsets from
		// their span's start.
		{"unpackable spans", []PortSpan{{443, -5, -1}, {5222, t10 - 60, t10}}, []int64{id2, id3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			near, err := st.RecordsInSpans(ctx, tt.spans, id1)
			if err != nil {
				t.Fatal(err)
			}
			idx := make([]int, near.Len())
			for i := range idx {
				idx[i] = i
			}
			slices.SortFunc(idx, func(a, b int) int {
				if near.Start[a] != near.Start[b] {
					return int(near.Start[a] - near.Start[b])
				}
				return int(near.Subscriber[a] - near.Subscriber[b])
			})
			var got []int64
			for _, i := range idx {
				got = append(got, near.Subscriber[i])
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("subscribers = %v, want %v", got, tt.want)
			}
			if len(tt.spans) > 0 {
				var js strings.Builder
				js.WriteString("[")
				for i, sp := range tt.spans {
					if i > 0 {
						js.WriteString(",")
					}
					fmt.Fprintf(&js, "[%d,%d,%d]", sp.Port, sp.From, sp.To)
				}
				js.WriteString("]")
				wide := &NearRecords{}
				err := st.eachRecordInSpansWide(ctx, js.String(), id1, "", func(sub int64, port int, start int64) {
					wide.Subscriber, wide.Port, wide.Start = append(wide.Subscriber, sub), append(wide.Port, port), append(wide.Start, start)
				})
				if err != nil {
					t.Fatal(err)
				}
				if !sameRecords(wide, near) {
					t.Errorf("packed %+v and wide %+v answers differ", near, wide)
				}
			}
		})
	}
	var plan strings.Builder
	rows, err := st.DB().QueryContext(ctx, "EXPLAIN QUERY PLAN SELECT r.subscriber_id"+spansFrom, "[]", 0)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan.WriteString(detail + "\n")
	}
	if !strings.Contains(plan.String(), "COVERING INDEX ipdr_by_port (dest_port=? AND start>? AND start<?)") {
		t.Errorf("the span query is not a covering range scan:\n%s", plan.String())
	}
	plan.Reset()
	rows, err = st.DB().QueryContext(ctx, "EXPLAIN QUERY PLAN "+spansPacked, "[]", 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan.WriteString(detail + "\n")
	}
	if !strings.Contains(plan.String(), "COVERING INDEX ipdr_by_port (dest_port=? AND start>? AND start<?)") {
		t.Errorf("the packed span query is not a covering range scan:\n%s", plan.String())
	}
}

// sameRecords compares two answers as sets of (subscriber, port, start).
func sameRecords(a, b *NearRecords) bool {
	key := func(n *NearRecords) []string {
		var out []string
		for i := range n.Len() {
			out = append(out, fmt.Sprint(n.Subscriber[i], n.Port[i], n.Start[i]))
		}
		slices.Sort(out)
		return out
	}
	return reflect.DeepEqual(key(a), key(b))
}

func TestParseActivity(t *testing.T) {
	row := "7,-1,30,0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,1234567"
	got, err := parseActivity([]byte(row+";8,443,1"+strings.Repeat(",0", 23)+",1"), nil)
	if err != nil || len(got) != 2 || got[0].Subscriber != 7 || got[0].Port != -1 || got[0].Records != 30 ||
		got[0].Hours[23] != 1234567 || got[0].Hours[10] != 10 || got[1].Port != 443 || got[1].Hours[23] != 1 || got[1].Hours[0] != 0 {
		t.Errorf("parseActivity = %+v %v", got, err)
	}
	if none, err := parseActivity(nil, nil); err != nil || len(none) != 0 {
		t.Errorf("parseActivity of nothing = %v %v", none, err)
	}
	for _, bad := range []string{"1,2", row + ",24", strings.Replace(row, ",1,", ",,", 1), "x", row + ";", "1-2" + row[1:], "--" + row} {
		if _, err := parseActivity([]byte(bad), nil); err == nil {
			t.Errorf("parseActivity(%q) accepted", bad)
		}
	}
}
