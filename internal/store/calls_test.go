package store

import (
	"context"
	"testing"
)

// Two subscribers' records (one with its own calls to the other), numbers
// written in several forms: the edges are per key, counted by hand.
const edgesCDR = `MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION,CELL_ID
9714499703,VOICE_OUT,9812345678,18/03/2024,10:00:00,60,404-10-7301-12345
919714499703,VOICE_IN,+91 98123 45678,18/03/2024,11:00:00,30,404-10-7301-12345
9714499703,SMS_OUT,09812345678,18/03/2024,11:30:00,0,404-10-7301-12345
+91 97144 99703,SMS_IN,VM-HDFCBK,18/03/2024,12:00:00,0,404-10-7301-12345
09714499703,VOICE_OUT,00447700900123,18/03/2024,14:00:00,7,404-10-7301-12345
9812345678,VOICE_IN,9714499703,18/03/2024,10:00:01,60,404-10-7301-99999
`

func TestVoiceEdgesByKey(t *testing.T) {
	st := openTemp(t)
	if res := importOne(t, st, writeEvidence(t, "edges.csv", edgesCDR), ImportOptions{Country: "IN"}); res.Error != "" {
		t.Fatalf("%+v", res)
	}
	ctx := context.Background()
	a, err := st.SubscriberID(ctx, "9714499703")
	if err != nil {
		t.Fatal(err)
	}
	edges, err := st.VoiceEdges(ctx, []int64{a}, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		other                  string
		keyed                  bool
		out, in, smsOut, smsIn int64
		talk                   int64
	}
	wants := []want{
		{"447700900123", true, 1, 0, 0, 0, 7},
		{"919812345678", true, 1, 1, 1, 0, 90},
		{"VM-HDFCBK", false, 0, 0, 0, 1, 0},
	}
	if len(edges) != len(wants) {
		t.Fatalf("edges %+v", edges)
	}
	for i, w := range wants {
		e := edges[i]
		if e.Other != w.other || e.Keyed != w.keyed || e.CallsOut != w.out || e.CallsIn != w.in || e.SMSOut != w.smsOut ||
			e.SMSIn != w.smsIn || e.TalkS != w.talk || e.MSISDN != "919714499703" {
			t.Errorf("edge %d = %+v, want %+v", i, e, w)
		}
	}
	all, err := st.VoiceEdges(ctx, nil, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 4 || all[3].MSISDN != "919812345678" || all[3].Other != "919714499703" || all[3].CallsIn != 1 {
		t.Fatalf("all edges %+v", all)
	}
	recs, err := st.CallRecords(ctx, a, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 5 || recs[0].Type != "VOICE_OUT" || recs[0].OtherKey != "919812345678" || recs[0].CellKey != "404-10-7301-12345" ||
		recs[0].Duration != 60 || recs[0].Line != 2 || recs[3].OtherKey != "" || recs[3].Other != "VM-HDFCBK" {
		t.Fatalf("records %+v", recs)
	}
	subs, err := st.SubscribersByKey(ctx, []string{"919812345678", "447700900123"})
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 1 || subs["919812345678"].Records != 1 {
		t.Fatalf("by key %+v", subs)
	}
}
