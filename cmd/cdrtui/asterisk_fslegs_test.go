package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/store"
)

// fsLegFiles are a FreeSWITCH PBX's records with both legs of its bridged
// calls: per-call CDR files (mod_xml_cdr's A leg a_<uuid>.cdr.xml naming
// its B leg as bleg_uuid; mod_json_cdr's B leg naming it back as
// originating_leg_uuid; a B leg whose A leg (fa..99) was never seized,
// tied by bridge_uuid with last_bridge_role originatee; a call of one
// leg, unanswered) and a FusionPBX v_xml_cdr export whose leg column says
// which row is the A leg and which the B leg (bridge_uuid naming the A
// leg), the B row written first when bFirst.
func fsLegFiles(t *testing.T, dir string, bFirst bool) []string {
	const a, b = "fa000000-0000-4000-8000-000000000001", "fb000000-0000-4000-8000-000000000001"
	const va, vb = "0e000000-0000-4000-8000-0000000000a1", "0e000000-0000-4000-8000-0000000000b1"
	files := map[string]string{
		"a_" + a + ".cdr.xml": "<?xml version=\"1.0\"?>\n<cdr core-uuid=\"c0c0c0c0-0000-4000-8000-000000000001\" switchname=\"pbx\">\n" +
			"  <channel_data><direction>inbound</direction></channel_data>\n  <variables><direction>inbound</direction><call_direction>outbound</call_direction>" +
			"<uuid>" + a + "</uuid><bleg_uuid>" + b + "</bleg_uuid><start_epoch>1710752400</start_epoch><answer_epoch>1710752405</answer_epoch>" +
			"<end_epoch>1710752525</end_epoch><duration>125</duration><billsec>120</billsec><hangup_cause>NORMAL_CLEARING</hangup_cause></variables>\n" +
			"  <callflow dialplan=\"XML\"><caller_profile><caller_id_number>1001</caller_id_number><destination_number>0301234567</destination_number>" +
			"</caller_profile></callflow>\n</cdr>\n",
		b + ".cdr.json": `{"core-uuid":"c0c0c0c0-0000-4000-8000-000000000001","channel_data":{"direction":"outbound"},` + "\n" +
			`"variables":{"direction":"outbound","uuid":"` + b + `","originating_leg_uuid":"` + a + `","caller_id_number":"1001",` +
			`"destination_number":"0301234567","start_epoch":"1710752401","answer_epoch":"1710752405","end_epoch":"1710752525","hangup_cause":"NORMAL_CLEARING"},"callflow":[]}` + "\n",
		"fb000000-0000-4000-8000-000000000002.cdr.json": `{"core-uuid":"c0","variables":{"uuid":"fb000000-0000-4000-8000-000000000002",` +
			`"bridge_uuid":"fa000000-0000-4000-8000-000000000099","last_bridge_role":"originatee","caller_id_number":"1002","destination_number":"1003",` +
			`"start_epoch":"1710756000","answer_epoch":"1710756005","end_epoch":"1710756035","duration":"35","billsec":"30","hangup_cause":"NORMAL_CLEARING"}}` + "\n",
		"d1.cdr.json": `{"core-uuid":"c0","variables":{"uuid":"d1","caller_id_number":"1004","destination_number":"1005",` +
			`"start_epoch":"1710759600","answer_epoch":"0","end_epoch":"1710759620","duration":"20","billsec":"0","hangup_cause":"NO_ANSWER"}}` + "\n",
	}
	head := "uuid,domain_name,accountcode,direction,leg,context,caller_id_name,caller_id_number,destination_number,start_epoch,start_stamp,answer_stamp," +
		"answer_epoch,end_epoch,end_stamp,duration,mduration,billsec,billmsec,bridge_uuid,read_codec,write_codec,hangup_cause\n"
	rowA := va + ",pbx.example.org,,inbound,a,public,Dave,+442071230009,201,1773134100,2026-03-10 09:15:00,2026-03-10 09:15:04,1773134104,1773134195," +
		"2026-03-10 09:16:35,95,95412,91,91230," + vb + ",PCMA,PCMA,NORMAL_CLEARING\n"
	rowB := vb + ",pbx.example.org,,local,b,public,Dave,+442071230009,201,1773134101,2026-03-10 09:15:01,2026-03-10 09:15:04,1773134104,1773134195," +
		"2026-03-10 09:16:35,94,94000,91,91230," + va + ",PCMA,PCMA,NORMAL_CLEARING\n"
	order := []string{"a_" + a + ".cdr.xml", b + ".cdr.json", "fb000000-0000-4000-8000-000000000002.cdr.json", "d1.cdr.json", "v_xml_cdr.csv"}
	files["v_xml_cdr.csv"] = head + rowA + rowB
	if bFirst {
		order = []string{"v_xml_cdr.csv", b + ".cdr.json", "fb000000-0000-4000-8000-000000000002.cdr.json", "d1.cdr.json", "a_" + a + ".cdr.xml"}
		files["v_xml_cdr.csv"] = head + rowB + rowA
	}
	var paths []string
	for _, name := range order {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(files[name]), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// Both legs of a bridged FreeSWITCH call are one call, whichever leg was
// imported first: the per-call files A and B, and the v_xml_cdr rows a and
// b, are 2 calls, not 4; with the B leg whose A leg is not in the case
// (1002 -> 1003, 30 s) and the call of one leg (1004 -> 1005, unanswered),
// 4 calls; talk time 120 + 91 + 30 + 0 = 241 s (not 452 with the B legs'
// 120 and 91 again); directions outbound 1 (A's call_direction), inbound 1
// (v_xml_cdr a), unknown 2 (never the B legs' unknown and local again);
// 0301234567 and 201 each called once; the B legs kept as 2 copies, each
// its file and line, pointing at their A leg; the lone B leg stays a call,
// its linkedid the absent A leg's uuid, its file's notes saying so.
func TestAsteriskFreeSWITCHLegsCountedOnce(t *testing.T) {
	for _, bFirst := range []bool{false, true} {
		dir := t.TempDir()
		casePath := filepath.Join(dir, "case.db")
		for _, p := range fsLegFiles(t, dir, bFirst) {
			runOK(t, "import", casePath, p)
		}
		var r struct {
			Calls      int64            `json:"calls"`
			Copies     int64            `json:"copies"`
			BillSec    int64            `json:"billsec"`
			ByKind     map[string]int64 `json:"calls_by_kind"`
			Directions map[string]int64 `json:"directions"`
			Top        []struct {
				Number string `json:"number"`
				Calls  int64  `json:"calls"`
			} `json:"top_recipients"`
		}
		out := runOK(t, "asterisk", casePath, "--json")
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatal(err)
		}
		if r.Calls != 4 || r.Copies != 2 || r.BillSec != 241 || r.ByKind["freeswitch-cdr"] != 4 {
			t.Errorf("B first %v: %d calls, %d copies, %d s, by kind %v; want 4, 2, 241, freeswitch-cdr 4", bFirst, r.Calls, r.Copies, r.BillSec, r.ByKind)
		}
		if len(r.Directions) != 3 || r.Directions["outbound"] != 1 || r.Directions["inbound"] != 1 || r.Directions["unknown"] != 2 {
			t.Errorf("B first %v: directions %v, want outbound 1, inbound 1, unknown 2", bFirst, r.Directions)
		}
		top := map[string]int64{}
		for _, e := range r.Top {
			top[e.Number] = e.Calls
		}
		if len(top) != 4 || top["0301234567"] != 1 || top["201"] != 1 || top["1003"] != 1 || top["1005"] != 1 {
			t.Errorf("B first %v: top recipients %v, want 0301234567, 201, 1003, 1005 once each", bFirst, top)
		}
		st, err := store.Open(casePath)
		if err != nil {
			t.Fatal(err)
		}
		got := fsLegRows(t, st, `SELECT s.path, k.line, c.uniqueid FROM ast_call_copies k JOIN sources s ON s.id = k.source_id
			JOIN ast_calls c ON c.id = k.call_id ORDER BY c.uniqueid`)
		wantLine := "3"
		if bFirst {
			wantLine = "2"
		}
		want := []string{"v_xml_cdr.csv|" + wantLine + "|0e000000-0000-4000-8000-0000000000a1",
			"fb000000-0000-4000-8000-000000000001.cdr.json|1|fa000000-0000-4000-8000-000000000001"}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("B first %v: copies %q, want %q", bFirst, got, want)
		}
		got = fsLegRows(t, st, `SELECT s.path, s.rows_imported, c.src, c.dst, c.linkedid, s.notes LIKE '%1 call is the B leg%whose A leg is not in the case%'
			FROM ast_calls c JOIN sources s ON s.id = c.source_id WHERE c.uniqueid = 'fb000000-0000-4000-8000-000000000002'`)
		if want := "fb000000-0000-4000-8000-000000000002.cdr.json|1|1002|1003|fa000000-0000-4000-8000-000000000099|1"; strings.Join(got, "") != want {
			t.Errorf("B first %v: the lone B leg %q, want %q", bFirst, got, want)
		}
		got = fsLegRows(t, st, `SELECT path, rows_imported FROM sources WHERE path LIKE '%v_xml_cdr.csv' OR path LIKE '%fb000000-0000-4000-8000-000000000001.cdr.json'
			ORDER BY path`)
		if want := "fb000000-0000-4000-8000-000000000001.cdr.json|0 v_xml_cdr.csv|1"; strings.Join(got, " ") != want {
			t.Errorf("B first %v: rows imported %q, want %q", bFirst, got, want)
		}
		st.Close()
	}
}

// fsLegRows is q's rows, fields joined by "|", a path as its base name.
func fsLegRows(t *testing.T, st *store.Store, q string) []string {
	t.Helper()
	rows, err := st.DB().QueryContext(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var f []string
		for i, v := range vals {
			s := toText(v)
			if i == 0 {
				s = filepath.Base(s)
			}
			f = append(f, s)
		}
		out = append(out, strings.Join(f, "|"))
	}
	return out
}

func toText(v any) string {
	switch x := v.(type) {
	case []byte:
		return string(x)
	case nil:
		return "null"
	default:
		return fmt.Sprint(x)
	}
}
