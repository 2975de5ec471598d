package evidence

import (
	"fmt"
	"strings"
	"testing"
)

// A device-id column whose sampled values are all IMEIs is the IMEI; a
// row past what detection sampled holding a MAC address keeps it as the device id, flagged,
// never as an IMEI. A column with a MAC among its sampled values is no
// IMEI column at all.
func TestDeviceIDColumn(t *testing.T) {
	var b strings.Builder
	b.WriteString("MSISDN,Device ID,DESTIP,DESTPORT,START\n")
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&b, "919714499703,352099001761481,1.2.3.4,443,2024-03-20 18:%02d:%02d\n", i/60%60, i%60)
	}
	head := b.String() // what detection sees; the MAC row comes after it
	b.WriteString("919714499703,00:1A:2B:3C:4D:5E,1.2.3.4,443,2024-03-21 18:00:00\n")
	text := b.String()
	l, err := Sniff([]byte(head), false, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if l.Columns[FIMEI] != 1 || l.Columns[FDeviceID] != 1 {
		t.Fatalf("columns %v", l.Columns)
	}
	rd := NewReader(strings.NewReader(text), l)
	var last *Row
	for {
		row, err := rd.Next()
		if err != nil {
			break
		}
		if row.Line == 2 && (row.Data.IMEI != "352099001761481" || row.Data.DeviceID != "") {
			t.Errorf("line 2: imei %q device %q", row.Data.IMEI, row.Data.DeviceID)
		}
		last = row
	}
	if last == nil || last.Data.IMEI != "" || last.Data.DeviceID != "00:1A:2B:3C:4D:5E" || len(last.Issues) != 1 || !strings.Contains(last.Issues[0].Reason, "kept as the device id") {
		t.Errorf("the MAC row: %+v", last)
	}
	mixed := "MSISDN,Device ID,DESTIP,DESTPORT,START\n" +
		"919714499703,352099001761481,1.2.3.4,443,2024-03-20 18:00:00\n" +
		"919714499703,a4-5e-60-c2-11-0f,1.2.3.4,443,2024-03-20 18:01:00\n"
	if l, err := Sniff([]byte(mixed), true, Options{}); err != nil || l.Has(FIMEI) || !l.Has(FDeviceID) {
		t.Errorf("a column with a MAC among its samples: %v %v", l, err)
	}
}
