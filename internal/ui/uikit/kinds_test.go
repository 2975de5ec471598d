package uikit

import (
	"reflect"
	"testing"
)

func TestKindCountsOrderRecordsFirst(t *testing.T) {
	got := KindCounts(map[string]int64{"asterisk-conf": 72, "ipdr": 40, "voice": 0, "asterisk-cdr": 7, "odd": 1, "asterisk-log": 9})
	var labels []string
	records := 0
	for _, k := range got {
		labels = append(labels, k.Label)
		if k.Record {
			records++
		}
	}
	want := []string{"ipdr", "pbx calls", "log entries", "conf keys", "odd"}
	if !reflect.DeepEqual(labels, want) || records != 2 {
		t.Fatalf("labels %v (records %d), want %v with 2 records", labels, records, want)
	}
}
