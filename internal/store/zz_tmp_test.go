package store

import (
	"context"
	"os"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"
)

func TestTmpReadSpeed(t *testing.T) {
	path := os.Getenv("TMPCASE")
	if path == "" {
		t.Skip()
	}
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for st.Checking() {
		time.Sleep(50 * time.Millisecond)
	}
	ctx := context.Background()
	var id int64
	st.DB().QueryRow(`SELECT id FROM subscribers ORDER BY data_records DESC LIMIT 1`).Scan(&id)
	evs, _ := st.DataEvents(ctx, id)
	ports, _ := st.ActivityPorts(ctx)
	byPort := map[int][]int64{}
	for _, e := range evs {
		byPort[e.DestPort] = append(byPort[e.DestPort], e.Start)
	}
	var spans []PortSpan
	w := int64(3600)
	for _, p := range ports {
		// all ports of the case with A's starts pooled (approximation)
		var all []int64
		for _, s := range byPort {
			all = append(all, s...)
		}
		slices.Sort(all)
		var lo, hi int64 = -1, -1
		for _, x := range all {
			if lo >= 0 && x-w <= hi+1 {
				hi = x + w
				continue
			}
			if lo >= 0 {
				spans = append(spans, PortSpan{p, lo, hi})
			}
			lo, hi = x-w, x+w
		}
		spans = append(spans, PortSpan{p, lo, hi})
	}
	t.Logf("A %d records, %d spans", len(evs), len(spans))
	cpu := func() time.Duration {
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	for round := 0; round < 4; round++ {
		start, c0 := time.Now(), cpu()
		n := 0
		st.EachRecordInSpans(ctx, spans, id, func(sub int64, port int, s int64) { n++ })
		t.Logf("per row: %d rows %v cpu %v", n, time.Since(start), cpu()-c0)

		start, c0 = time.Now(), cpu()
		var c int64
		st.DB().QueryRow(`SELECT count(*) `+spansFrom, spansJSON(spans), id).Scan(&c)
		t.Logf("count(*): %d rows %v cpu %v", c, time.Since(start), cpu()-c0)

		start, c0 = time.Now(), cpu()
		rows, err := st.DB().QueryContext(ctx, `SELECT (SELECT group_concat((r.subscriber_id << 32) | (r.start - ?2), ',') FROM ipdr AS r INDEXED BY ipdr_by_port
			WHERE r.dest_port = j.value->>0 AND r.start >= j.value->>1 AND r.start <= j.value->>2 AND r.subscriber_id <> ?3) FROM json_each(?1) AS j`, spansJSON(spans), spans[0].From-100000, id)
		if err != nil {
			t.Fatal(err)
		}
		m := 0
		for rows.Next() {
			var b []byte
			rows.Scan(&b)
			v := int64(0)
			for _, ch := range b {
				if ch == ',' {
					m++
					v = 0
					continue
				}
				v = v*10 + int64(ch-'0')
			}
			if len(b) > 0 {
				m++
			}
		}
		rows.Close()
		t.Logf("group_concat: %d rows %v cpu %v", m, time.Since(start), cpu()-c0)
	}
	_ = strconv.Itoa
}
