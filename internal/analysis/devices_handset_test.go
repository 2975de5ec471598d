package analysis

import (
	"slices"
	"testing"
)

// One handset written as a 14-digit IMEI, a 15-digit IMEI with its check
// digit and a 16-digit IMEISV is listed once, under its key, shown as the
// form most records wrote, with the three forms; the SIM it held lists the
// handset once too.
func TestDeviceHistoryOneHandsetManyForms(t *testing.T) {
	at := func(u int64) Moment { return Moment{Unix: u} }
	uses := []DeviceUse{
		{IMSI: "404100000000001", IMEI: "352099001761481", Records: 3, First: at(100), Last: at(200)},
		{IMSI: "404100000000001", IMEI: "3520990017614823", Records: 2, First: at(150), Last: at(300)},
		{IMSI: "404100000000001", IMEI: "35209900176148", Records: 1, First: at(50), Last: at(60)},
		{IMSI: "404100000000001", IMEI: "490154203237518", Records: 4, First: at(400), Last: at(500)},
	}
	imeis, imsis, changes := DeviceHistory(uses)
	if len(imeis) != 2 {
		t.Fatalf("%d handsets, want 2: %+v", len(imeis), imeis)
	}
	h := imeis[0]
	wantForms := []string{"35209900176148", "352099001761481", "3520990017614823"}
	if h.Key != "35209900176148" || h.Value != "352099001761481" || h.Records != 6 || h.First.Unix != 50 || h.Last.Unix != 300 || !slices.Equal(h.Forms, wantForms) {
		t.Errorf("handset %+v; want 35209900176148, 6 records, 50..300, forms %v", h, wantForms)
	}
	if imeis[1].Key != "49015420323751" || imeis[1].Value != "490154203237518" || !slices.Equal(imeis[1].Forms, []string{"490154203237518"}) {
		t.Errorf("second handset %+v", imeis[1])
	}
	if len(imsis) != 1 || !slices.Equal(imsis[0].With, []string{"352099001761481", "490154203237518"}) {
		t.Errorf("SIM %+v", imsis)
	}
	if len(changes) != 1 || changes[0].Kind != "handset" {
		t.Errorf("changes %+v, want one change of handset", changes)
	}
}
