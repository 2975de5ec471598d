package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// celImage is a seized image of our own (testdata/asterisk-cel): its
// cel_custom.conf maps Master.csv in an order of the administrator's
// (eventtime first, then eventtype, channame, uniqueid, linkedid, caller
// number and name, exten, context, app, appdata, BRIDGEPEER), cel.conf
// sets no dateformat (times are "%ld.%06ld" Unix seconds), and cdr-csv
// holds the CDR of the first call with its uniqueid.
func celImage(t *testing.T) (*Store, map[string]FileResult) {
	t.Helper()
	root, err := filepath.Abs("../../testdata/asterisk-cel")
	if err != nil {
		t.Fatal(err)
	}
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{root}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]FileResult{}
	for _, r := range res {
		rel, _ := filepath.Rel(root, r.Path)
		byPath[filepath.ToSlash(rel)] = r
	}
	return st, byPath
}

// The mapped Master.csv is read as 16 events (17 lines, line 11 a reject:
// its type column holds a time), grouped in two calls by linkedid; the
// first is tied to the cdr-csv record by the uniqueid 1709283600.1.
func TestImportCELByImageMapping(t *testing.T) {
	st, got := celImage(t)
	cel := got["var/log/asterisk/cel-custom/Master.csv"]
	if cel.Kind != KindAsteriskCEL || cel.Rows != 16 || cel.Rejected != 1 || !strings.Contains(cel.Format, "cel_custom.conf line 3") {
		t.Fatalf("cel: %+v", cel)
	}
	var line int64
	var reason string
	st.DB().QueryRow("SELECT line, reason FROM rejects").Scan(&line, &reason)
	if line != 11 || !strings.Contains(reason, `event type "1709283665.205000"`) {
		t.Errorf("reject line %d %q", line, reason)
	}
	var tm, usec int64
	var app, data, peer string
	st.DB().QueryRow("SELECT line, time, usec, app, appdata, peer FROM ast_cel WHERE event = 'BRIDGE_ENTER'").Scan(&line, &tm, &usec, &app, &data, &peer)
	if line != 6 || tm != 1709283605 || usec != 270000 || app != "Dial" || data != "SIP/300,30" || peer != "SIP/300-00000002" {
		t.Errorf("BRIDGE_ENTER: line %d %d.%06d %q %q %q", line, tm, usec, app, data, peer)
	}
	ctx := context.Background()
	sum, err := st.CELSummary(ctx)
	if err != nil || sum.Events != 16 || sum.Calls != 2 || sum.CallsWithCDR != 1 {
		t.Fatalf("summary %+v %v", sum, err)
	}
	calls, err := st.CELCalls(ctx, "", 0)
	if err != nil || len(calls) != 2 {
		t.Fatalf("%v %+v", err, calls)
	}
	c := calls[0]
	// 12 events on two channels, from 1709283600.000100 to 1709283665.220000.
	if c.LinkedID != "1709283600.1" || c.Events != 12 || c.Channels != 2 || !c.Answered || c.First != 1709283600 || c.FirstUsec != 100 ||
		c.Last != 1709283665 || c.LastUsec != 220000 || c.Caller != "201" || c.Exten != "300" || c.CDRs != 1 || c.Zone != "Europe/Berlin" {
		t.Errorf("call 1: %+v", c)
	}
	if c := calls[1]; c.LinkedID != "1709287200.5" || c.Events != 4 || c.Answered || c.CDRs != 0 || c.Exten != "0612345678" {
		t.Errorf("call 2: %+v", c)
	}
	if only, _ := st.CELCalls(ctx, "0612", 0); len(only) != 1 || only[0].LinkedID != "1709287200.5" {
		t.Errorf("match 0612: %+v", only)
	}
	cdrs, err := st.CELCDRs(ctx, "1709283600.1")
	if err != nil || len(cdrs) != 1 || cdrs[0].By != "uniqueid" || cdrs[0].BillSec == nil || *cdrs[0].BillSec != 60 || cdrs[0].Line != 1 {
		t.Errorf("cdrs %+v %v", cdrs, err)
	}
	evs, err := st.CELEvents(ctx, "1709283600.1")
	if err != nil || len(evs) != 12 || evs[0].Event != "CHAN_START" || evs[11].Event != "LINKEDID_END" || evs[11].Line != 13 ||
		!strings.HasSuffix(evs[0].Source, "cel-custom/Master.csv") {
		t.Errorf("events %v %+v", err, evs)
	}
}
