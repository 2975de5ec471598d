package evidence

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// A session table's "data_transferred_mb" (voyagevoyaer-rgb/dummy1's
// sample_ipdr.csv layout, values made up) is the session's volume both
// ways in megabytes: 12.5 is 12.5 × 1,048,576 = 13,107,200 bytes. It was
// no column at all ("no column for volume"), the volume dropped.
func TestDataTransferredMBIsTheTotal(t *testing.T) {
	text := "session_id,ip_address,mac_address,phone_number,imei,session_start,session_end,data_transferred_mb,isp\n" +
		"5000,103.45.67.89,C0:72:4A:1A:40:55,919811200001,358234091674523,2026-10-02 09:45:00,2026-10-02 10:30:00,12.5,Jio\n" +
		"5001,103.45.67.90,A2:F8:71:78:E0:62,919811200002,358234091674524,2026-10-02 10:00:00,2026-10-02 10:45:00,40,Airtel\n"
	l, err := Sniff([]byte(text), true, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c, ok := l.Columns[FTotal]; !ok || c != 7 {
		t.Fatalf("total column %d (%v), want 7; format %s", c, ok, l.Describe())
	}
	rd := NewReader(strings.NewReader(text), l)
	defer rd.Close()
	var got []int64
	for {
		row, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, row.Data.Total)
	}
	if len(got) != 2 || got[0] != 13107200 || got[1] != 41943040 { // 40 × 1,048,576
		t.Errorf("totals %v, want [13107200 41943040]", got)
	}
}
