package store

import (
	"strings"
	"testing"
)

// FreeSWITCH mod_cdr_csv written with its stock "asterisk" template
// (testdata/operators/freeswitch_cdr_csv_asterisk.csv; README.md there says
// where the template was published). Before, refused as an unknown layout:
// its fields are in cdr_csv's order but the 15th is a hangup cause, not a
// disposition, so neither the cdr_csv nor the FreeSWITCH default reader
// took it. Now read as FreeSWITCH calls field by field: caller_id_number
// src, destination_number dst, channel_name and bridge_channel the
// channels, last_app/last_arg, duration 65 and billsec 60 as written, the
// hangup cause as the disposition, the UUID as uniqueid, accountcode ACC9
// and userfield vip on line 3. Line 4 has 17 fields (the userfield cut
// off): rejected with the count, never read in another order.
func TestImportFreeSWITCHAsteriskTemplate(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("freeswitch_cdr_csv_asterisk.csv"), ImportOptions{})
	if res.Error != "" || res.Kind != KindFreeSWITCHCDR || !strings.HasPrefix(res.Format, "freeswitch-cdr-csv-asterisk") || res.Rows != 3 || res.Rejected != 1 {
		t.Fatalf("%+v", res)
	}
	got := readRows(t, st, `SELECT line, accountcode, src, dst, dcontext, channel, dstchannel, lastapp, lastdata, start_text, answer_text,
		end_text, duration, billsec, disposition, uniqueid, userfield FROM ast_calls ORDER BY line`)
	want := []string{
		"1||1001|02079460001|default|sofia/internal/1001@192.0.2.10|sofia/external/02079460001@192.0.2.1|bridge|sofia/gateway/gw1/02079460001|" +
			"2026-04-01 10:00:00|2026-04-01 10:00:05|2026-04-01 10:01:05|65|60|NORMAL_CLEARING|a1b2c3d4-0000-4000-8000-000000000001|",
		"2||02079460002|1001|public|sofia/external/02079460002@192.0.2.1||||2026-04-01 11:00:00||2026-04-01 11:00:20|20|0|NO_ANSWER|a1b2c3d4-0000-4000-8000-000000000002|",
		"3|ACC9|1001|1002|default|sofia/internal/1001@192.0.2.10||bridge|user/1002|2026-04-01 12:00:00||2026-04-01 12:00:03|3|0|USER_BUSY|a1b2c3d4-0000-4000-8000-000000000003|vip",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("calls\n got  %s\n want %s", strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
	// no FreeSWITCH configuration in the case: the direction is not guessed
	if got := strings.Join(readRows(t, st, "SELECT line, direction, recipient FROM ast_calls ORDER BY line"), " "); got != "1|unknown|02079460001 2|unknown|1001 3|unknown|1002" {
		t.Errorf("directions %s", got)
	}
	if rej := readRows(t, st, rejectsQuery); strings.Join(rej, "\n") != `4|row|17 columns; mod_cdr_csv's "asterisk" template writes 18` {
		t.Errorf("rejects %q", rej)
	}
}

// FreeSWITCH mod_cdr_csv's stock "snom" template writes a space before
// its accountcode (`"${bleg_uuid}", "${accountcode}",…`). Before, that
// field was read as a bare value: accountcode ` "ACC9"` with its quotes,
// and an account code holding a comma ("SALES, EAST") split in two, which
// moved the codecs one column on (userfield ` EAST"/G722`). Now the quoted
// value after the space is the value: ACC9 and SALES, EAST, and the codecs
// PCMU/PCMA and G722/G722.
func TestImportFreeSWITCHSnomTemplate(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("freeswitch_cdr_csv_snom.csv"), ImportOptions{})
	if res.Error != "" || res.Kind != KindFreeSWITCHCDR || !strings.HasPrefix(res.Format, "freeswitch-cdr-csv with 20 columns") || res.Rows != 2 || res.Rejected != 0 {
		t.Fatalf("%+v", res)
	}
	got := readRows(t, st, "SELECT line, clid, src, dst, accountcode, dstchannel, duration, billsec, disposition, userfield FROM ast_calls ORDER BY line")
	want := []string{
		"1|Ann|1001|02079460001|ACC9|a1b2c3d4-0000-4000-8000-000000000012|65|60|NORMAL_CLEARING|PCMU/PCMA",
		"2|Bob|1002|02079460003|SALES, EAST|a1b2c3d4-0000-4000-8000-000000000014|39|30|NORMAL_CLEARING|G722/G722",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("calls\n got  %s\n want %s", strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
}

// mod_cdr_csv's stock "opencdrrate" template writes no start_stamp: the
// file is refused naming the template and why, never read with the
// answer as the start (line 1 answered at 10:00:05) or line 2 (never
// answered) without a time. Before, refused as an unknown layout.
func TestImportFreeSWITCHOpenCDRRateRefused(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("freeswitch_cdr_csv_opencdrrate_refused.csv"), ImportOptions{})
	if res.Rows != 0 || !strings.Contains(res.Error, `"opencdrrate" template`) || !strings.Contains(res.Error, "no start_stamp") {
		t.Fatalf("%+v", res)
	}
	if n := count(t, st, "SELECT count(*) FROM ast_calls"); n != 0 {
		t.Errorf("%d calls", n)
	}
}
