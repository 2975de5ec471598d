package store

import (
	"context"
	"path/filepath"
	"testing"
)

// pbxOnlyMaster is a seized PBX's Master.csv (18 columns) whose numbers no
// operator record holds: +91 99555 01234 calls extension 301 twice, and
// 301 dials 04423456789 (a national number: keyed only under a plan).
const pbxOnlyMaster = `"","+919955501234","301","from-trunk","""X"" <+919955501234>","SIP/trunk-00000001","SIP/301-00000002","Dial","SIP/301,60","2024-03-18 09:00:00","2024-03-18 09:00:02","2024-03-18 09:01:02",62,60,"ANSWERED","DOCUMENTATION","1710752400.1",""` + "\n" +
	`"","+919955501234","301","from-trunk","""X"" <+919955501234>","SIP/trunk-00000003","SIP/301-00000004","Dial","SIP/301,60","2024-03-18 09:30:00","2024-03-18 09:30:02","2024-03-18 09:30:12",12,10,"ANSWERED","DOCUMENTATION","1710754200.3",""` + "\n" +
	`"","301","04423456789","from-internal","""R"" <301>","SIP/301-00000005","SIP/trunk-00000006","Dial","SIP/trunk/04423456789,60","2024-03-18 10:00:00","2024-03-18 10:00:05","2024-03-18 10:00:35",35,30,"ANSWERED","DOCUMENTATION","1710756000.5",""` + "\n"

// A number the case holds only in seized PBXs' calls (no subscriber, no
// operator record) is found by the palette in any form the plan reads,
// with its count of PBX calls; SearchIdentities and the palette agree. A
// number the PBX wrote nationally in a case without a plan is found as
// written. The calls filter on the key keeps exactly its calls.
func TestPaletteFindsANumberOnlyPBXCallsHold(t *testing.T) {
	ctx := context.Background()
	st := openTemp(t)
	if res := importOne(t, st, writeEvidence(t, "cdr.csv", keyedVoice), ImportOptions{Country: "IN"}); res.Error != "" || res.Rows != 2 {
		t.Fatalf("%+v", res)
	}
	dir := filepath.Join(t.TempDir(), "var", "log", "asterisk", "cdr-csv")
	if res := importOne(t, st, writeEvidenceIn(t, dir, "Master.csv", pbxOnlyMaster), ImportOptions{}); res.Error != "" || res.Rows != 3 {
		t.Fatalf("%+v", res)
	}
	for _, typed := range []string{"+91 99555 01234", "09955501234", "9955501234", "00919955501234"} {
		ids, err := st.SearchIdentities(ctx, typed, 0)
		if err != nil || len(ids) != 1 || ids[0].Matched != "pbx" || ids[0].PBXCalls != 2 {
			t.Fatalf("SearchIdentities(%q): %+v %v", typed, ids, err)
		}
		hits, err := st.PaletteSearch(ctx, typed, 8)
		if err != nil || len(hits) != 1 {
			t.Fatalf("palette %q: %+v %v", typed, hits, err)
		}
		if h := hits[0]; h.Kind != "pbx" || h.Value != "919955501234" || !h.Keyed || h.Records != 2 || h.MSISDN != "" || h.Detail != "2 PBX calls" {
			t.Errorf("palette %q: %+v", typed, h)
		}
	}
	calls, err := st.PBXCalls(ctx, PBXFilter{Key: "919955501234"})
	if err != nil || len(calls) != 2 {
		t.Errorf("calls of the key: %d %v", len(calls), err)
	}
	// the national number is keyed under the case's plan (IN): found by key
	hits, err := st.PaletteSearch(ctx, "04423456789", 8)
	if err != nil || len(hits) != 1 || hits[0].Kind != "pbx" || hits[0].Value != "914423456789" || hits[0].Records != 1 {
		t.Errorf("palette of the national number: %+v %v", hits, err)
	}
	// a subscriber's number is a subscriber hit, never a pbx one
	hits, err = st.PaletteSearch(ctx, "9714499703", 8)
	if err != nil || len(hits) != 1 || hits[0].Kind != "subscriber" {
		t.Errorf("palette of a subscriber: %+v %v", hits, err)
	}

	// without a plan, the national number the PBX wrote is found as written
	bare := openTemp(t)
	dir = filepath.Join(t.TempDir(), "var", "log", "asterisk", "cdr-csv")
	if res := importOne(t, bare, writeEvidenceIn(t, dir, "Master.csv", pbxOnlyMaster), ImportOptions{}); res.Error != "" || res.Rows != 3 {
		t.Fatalf("%+v", res)
	}
	hits, err = bare.PaletteSearch(ctx, "04423456789", 8)
	if err != nil || len(hits) != 1 || hits[0].Kind != "pbx" || hits[0].Value != "04423456789" || hits[0].Keyed || hits[0].Records != 1 {
		t.Errorf("palette of a number the plan cannot key: %+v %v", hits, err)
	}
}
