package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/testkit"
)

// FreeSWITCH's per-call CDR files in the layouts mod_xml_cdr and
// mod_json_cdr write (switch_ivr_generate_xml_cdr / _json_cdr: <cdr
// core-uuid=...> or {"core-uuid": ...}, the channel variables URL-encoded
// under variables, the caller profile under callflow), in an image whose
// zone is Europe/Berlin (CET +01:00, CEST +02:00 from 31 March 2024 to 27
// October 2024 03:00). Worked by hand:
//   - the A leg (XML, a_ prefix): start_stamp 2024-03-18 10:00:00 and
//     start_epoch 1710752400 (09:00:00 UTC): the instant 09:00:00 UTC, the
//     wall offset +3600; the parties from the first callflow's
//     caller_profile (1001 -> 0301234567), never the originatee's nested
//     profile (9999); duration 125 and billsec 120 as written;
//     call_direction outbound as stated; linkedid its own uuid;
//   - the other legs state no call_direction: their own direction
//     variable (the channel's view) is not the call's, so unknown;
//   - the B leg (JSON, URL-encoded values, epochs only): the instants of
//     1710752401/1710752405/1710752525, shown at the zone's +3600;
//     duration 124 and billsec 120 counted as FreeSWITCH defines them;
//     bridge_uuid names the A leg and last_bridge_role originatee: its A
//     leg is in the case, so it is counted once with it, a copy of the A
//     leg's call (its file, line 1) in ast_call_copies;
//   - an unanswered leg (JSON, encode-values false: a literal space in
//     the stamps): answer_epoch 0 is no answer, billsec 0;
//   - 2024-10-27 02:30:00 happened twice in Berlin; start_epoch 1729992600
//     (01:30:00 UTC) says it is the second, at +3600;
//   - rejected saying why: no start at all; no parties; a start_stamp its
//     epoch contradicts (10:00:30 against 09:00:00 UTC: 3630 s apart).
func TestImportFreeSWITCHCDRFiles(t *testing.T) {
	const a, b = "a1b2c3d4-0000-4000-8000-00000000000a", "a1b2c3d4-0000-4000-8000-00000000000b"
	xmlLeg := func(vars, profile string) string {
		return "<?xml version=\"1.0\"?>\n<cdr core-uuid=\"c0c0c0c0-0000-4000-8000-000000000001\" switchname=\"pbx\">\n" +
			"  <channel_data><state>CS_REPORTING</state><direction>inbound</direction></channel_data>\n" +
			"  <variables>" + vars + "</variables>\n" +
			"  <app_log><application app_name=\"bridge\" app_data=\"sofia/gateway/gw/0301234567\"></application></app_log>\n" +
			"  <callflow dialplan=\"XML\" profile_index=\"1\"><caller_profile>" + profile +
			"<originatee><originatee_caller_profile><caller_id_number>9999</caller_id_number></originatee_caller_profile></originatee>" +
			"</caller_profile><times><created_time>1710752400000000</created_time></times></callflow>\n</cdr>\n"
	}
	files := map[string]string{
		"etc/timezone": "Europe/Berlin\n",
		"usr/local/freeswitch/log/xml_cdr/a_" + a + ".cdr.xml": xmlLeg("<direction>inbound</direction><call_direction>outbound</call_direction>"+
			"<uuid>"+a+"</uuid><bleg_uuid>"+b+"</bleg_uuid><caller_id_name>Ann%20Lee</caller_id_name>"+
			"<start_stamp>2024-03-18%2010%3A00%3A00</start_stamp><answer_stamp>2024-03-18%2010%3A00%3A05</answer_stamp><end_stamp>2024-03-18%2010%3A02%3A05</end_stamp>"+
			"<start_epoch>1710752400</start_epoch><answer_epoch>1710752405</answer_epoch><end_epoch>1710752525</end_epoch>"+
			"<duration>125</duration><billsec>120</billsec><hangup_cause>NORMAL_CLEARING</hangup_cause><accountcode>77</accountcode>",
			"<caller_id_number>1001</caller_id_number><destination_number>0301234567</destination_number><context>default</context>"),
		"usr/local/freeswitch/log/json_cdr/" + b + ".cdr.json": `{"core-uuid":"c0c0c0c0-0000-4000-8000-000000000001","switchname":"pbx","channel_data":{"direction":"outbound"},` + "\n" +
			`"variables":{"direction":"outbound","uuid":"` + b + `","bridge_uuid":"` + a + `","last_bridge_role":"originatee","caller_id_number":"1001",` +
			`"destination_number":"0301234567","start_epoch":"1710752401","answer_epoch":"1710752405","end_epoch":"1710752525","hangup_cause":"NORMAL_CLEARING"},"callflow":[]}` + "\n",
		"usr/local/freeswitch/log/json_cdr/c1.cdr.json": "{\n  \"core-uuid\": \"c0\",\n  \"variables\": {\"uuid\": \"c1\", \"caller_id_number\": \"1002\", \"destination_number\": \"1003\", " +
			"\"start_stamp\": \"2024-03-18 11:00:00\", \"end_stamp\": \"2024-03-18 11:00:20\", \"start_epoch\": \"1710756000\", \"answer_epoch\": \"0\", " +
			"\"end_epoch\": \"1710756020\", \"duration\": \"20\", \"billsec\": \"0\", \"hangup_cause\": \"NO_ANSWER\"}\n}\n",
		"usr/local/freeswitch/log/xml_cdr/d1.cdr.xml": xmlLeg("<uuid>d1</uuid><start_stamp>2024-10-27%2002%3A30%3A00</start_stamp><start_epoch>1729992600</start_epoch>"+
			"<end_stamp>2024-10-27%2002%3A31%3A00</end_stamp><end_epoch>1729992660</end_epoch><duration>60</duration><billsec>0</billsec>",
			"<caller_id_number>1004</caller_id_number><destination_number>1005</destination_number>"),
		"usr/local/freeswitch/log/xml_cdr/e1.cdr.xml": xmlLeg("<uuid>e1</uuid><duration>60</duration>",
			"<caller_id_number>1006</caller_id_number><destination_number>1007</destination_number>"),
		"usr/local/freeswitch/log/xml_cdr/e2.cdr.xml": xmlLeg("<uuid>e2</uuid><start_epoch>1710752400</start_epoch>", ""),
		"usr/local/freeswitch/log/xml_cdr/e3.cdr.xml": xmlLeg("<uuid>e3</uuid><start_stamp>2024-03-18%2010%3A00%3A30</start_stamp><start_epoch>1710752400</start_epoch>",
			"<caller_id_number>1006</caller_id_number>"),
	}
	root := t.TempDir()
	testkit.WriteTree(t, root, files)
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{root}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{ // base name -> kind rows rejected
		"a_" + a + ".cdr.xml": "freeswitch-cdr 1 0", b + ".cdr.json": "freeswitch-cdr 0 0", "c1.cdr.json": "freeswitch-cdr 1 0",
		"d1.cdr.xml": "freeswitch-cdr 1 0", "e1.cdr.xml": "freeswitch-cdr 0 1", "e2.cdr.xml": "freeswitch-cdr 0 1", "e3.cdr.xml": "freeswitch-cdr 0 1",
	}
	for _, r := range res {
		w, ok := want[filepath.Base(r.Path)]
		if !ok {
			continue
		}
		if got := fmt.Sprintf("%s %d %d", r.Kind, r.Rows, r.Rejected); got != w {
			t.Errorf("%s: %s (%s), want %s", filepath.Base(r.Path), got, r.Error, w)
		}
		delete(want, filepath.Base(r.Path))
	}
	if len(want) > 0 {
		t.Fatalf("not imported: %v", want)
	}
	got := readRows(t, st, `SELECT line, src, dst, clid, dcontext, dstchannel, datetime(start, 'unixepoch'), wall_offset, start_text,
		datetime(answer, 'unixepoch'), datetime("end", 'unixepoch'), duration, billsec, disposition, uniqueid, linkedid, accountcode, direction
		FROM ast_calls ORDER BY start, uniqueid`)
	rows := []string{
		"2|1001|0301234567|Ann Lee|default|" + b + "|2024-03-18 09:00:00|3600|2024-03-18 10:00:00+01:00|2024-03-18 09:00:05|2024-03-18 09:02:05|125|120|NORMAL_CLEARING|" + a + "|" + a + "|77|outbound",
		"1|1002|1003||||2024-03-18 10:00:00|3600|2024-03-18 11:00:00+01:00||2024-03-18 10:00:20|20|0|NO_ANSWER|c1|c1||unknown",
		"2|1004|1005||||2024-10-27 01:30:00|3600|2024-10-27 02:30:00+01:00||2024-10-27 01:31:00|60|0||d1|d1||unknown",
	}
	if strings.Join(got, "\n") != strings.Join(rows, "\n") {
		t.Errorf("calls\n got  %s\n want %s", strings.Join(got, "\n      "), strings.Join(rows, "\n      "))
	}
	if got := readRows(t, st, `SELECT s.path, k.line, c.uniqueid FROM ast_call_copies k JOIN sources s ON s.id = k.source_id
		JOIN ast_calls c ON c.id = k.call_id`); len(got) != 1 || !strings.HasSuffix(got[0], "/"+b+".cdr.json|1|"+a) {
		t.Errorf("copies %q, want the B leg's file, line 1, kept with the A leg %s", got, a)
	}
	rej := readRows(t, st, `SELECT s.path, r.line, r.reason FROM rejects r JOIN sources s ON s.id = r.source_id ORDER BY s.path`)
	wantRej := []string{
		"e1.cdr.xml|2|no start: neither start_epoch, start_uepoch nor start_stamp",
		"e2.cdr.xml|2|no parties: neither caller_id_number, the caller profile's nor sip_from_user names the caller, and neither destination_number, the caller profile's nor sip_to_user the destination",
		`e3.cdr.xml|2|start_stamp "2024-03-18 10:00:30" and start_epoch 1710752400 are 3630 s apart: no UTC offset shows that instant as that wall clock`,
	}
	for i := range rej {
		if p := strings.Index(rej[i], "|"); p >= 0 {
			rej[i] = filepath.Base(rej[i][:p]) + rej[i][p:]
		}
	}
	if strings.Join(rej, "\n") != strings.Join(wantRej, "\n") {
		t.Errorf("rejects\n got  %s\n want %s", strings.Join(rej, "\n      "), strings.Join(wantRej, "\n      "))
	}
}
