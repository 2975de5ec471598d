package analysis

import (
	"slices"
	"testing"
)

func at(unix int64) Moment { return Moment{Unix: unix, Offset: 19800} } // +05:30

// One SIM moves from handset X to handset Y (a change of handset), then a
// second SIM appears in Y while the first is still used (alongside).
func TestDeviceHistory(t *testing.T) {
	uses := []DeviceUse{
		{IMSI: "S1", IMEI: "X", Records: 10, First: at(1000), Last: at(2000)},
		{IMSI: "S1", IMEI: "Y", Records: 5, First: at(3000), Last: at(9000)},
		{IMSI: "S2", IMEI: "Y", Records: 7, First: at(5000), Last: at(6000)},
		{IMSI: "S1", IMEI: "", Records: 2, First: at(500), Last: at(700)}, // IMEI not given
		{IMSI: "S3", IMEI: "Z", Records: 0, First: at(1), Last: at(1)},    // no records: ignored
	}
	imeis, imsis, changes := DeviceHistory(uses)
	if len(imeis) != 2 || imeis[0].Value != "X" || imeis[0].Records != 10 || imeis[0].Change != "" ||
		imeis[1].Value != "Y" || imeis[1].Records != 12 || imeis[1].Change != "replaced" || imeis[1].Previous != "X" {
		t.Fatalf("imeis %+v", imeis)
	}
	if !slices.Equal(imeis[1].With, []string{"S1", "S2"}) {
		t.Errorf("Y with %v", imeis[1].With)
	}
	if imeis[1].FirstWall != "1970-01-01 06:20:00" || imeis[1].LastWall != "1970-01-01 08:00:00" {
		t.Errorf("Y seen %s .. %s", imeis[1].FirstWall, imeis[1].LastWall)
	}
	if len(imsis) != 2 || imsis[0].Value != "S1" || imsis[0].Records != 17 || imsis[0].First.Unix != 500 || imsis[0].Last.Unix != 9000 ||
		imsis[1].Value != "S2" || imsis[1].Change != "alongside" {
		t.Fatalf("imsis %+v", imsis)
	}
	want := []DeviceChange{
		{At: at(3000), AtWall: "1970-01-01 06:20:00", Kind: "handset", From: "X", To: "Y"},
		{At: at(5000), AtWall: "1970-01-01 06:53:20", Kind: "SIM", From: "S1", To: "S2", Alongside: true},
	}
	if !slices.Equal(changes, want) {
		t.Fatalf("changes %+v\nwant %+v", changes, want)
	}
}

func TestDeviceHistoryOneDevice(t *testing.T) {
	imeis, imsis, changes := DeviceHistory([]DeviceUse{{IMSI: "S", IMEI: "X", Records: 3, First: at(1), Last: at(2)}})
	if len(imeis) != 1 || len(imsis) != 1 || len(changes) != 0 || imeis[0].Change != "" {
		t.Fatalf("%+v %+v %+v", imeis, imsis, changes)
	}
	if a, b, c := DeviceHistory(nil); a != nil || b != nil || c != nil {
		t.Fatal("nil in, something out")
	}
}
