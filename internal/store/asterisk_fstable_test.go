package store

import (
	"strings"
	"testing"
)

// FreeSWITCH CDR tables exported with their column names
// (testdata/operators/README.md says where each schema was published),
// read by name as FreeSWITCH calls, every field worked out by hand:
//   - cdr_pg_csv's stock schema as psql's COPY ... CSV HEADER writes it:
//     timestamptz values with an offset (+01), so 09:15:00+01 is 08:15 UTC
//     and the wall offset 3600; a caller name with a comma, quoted;
//   - FusionPBX's v_xml_cdr: duration and billsec in seconds, never the
//     mduration/billmsec milliseconds beside them; the direction column
//     (inbound, outbound) taken as stated; a row with no start_stamp
//     rejected, never dated from its neighbours;
//   - a subset without duration and billsec: counted as FreeSWITCH
//     defines them (end - start, end - answer); a row with no end has no
//     duration to count and is rejected.
func TestImportFreeSWITCHTables(t *testing.T) {
	cases := []struct {
		file    string
		rows    []string
		rejects []string
	}{
		{"freeswitch_cdr_pg_csv.csv", []string{
			"2|1001|0441234567|Alice|default|192.0.2.10|b5c9f6c0-e752-11e3-8bfb-65b6c3cdac7d|2026-03-10 08:15:00|3600|2026-03-10 08:15:07|2026-03-10 08:17:12|132|125|NORMAL_CLEARING|a5c9f6c0-e752-11e3-8bfb-65b6c3cdac7d||PCMU/PCMU|0441234567|unknown",
			"3|1002|0449876543|Bob|default|192.0.2.10||2026-03-10 09:00:00|3600||2026-03-10 09:00:20|20|0|USER_BUSY|c5c9f6c0-e752-11e3-8bfb-65b6c3cdac7d||PCMA/PCMA|0449876543|unknown",
			"4|+4915112340001|1001|Smith, Carol|public|192.0.2.10|e5c9f6c0-e752-11e3-8bfb-65b6c3cdac7d|2026-03-10 10:00:00|3600|2026-03-10 10:00:03|2026-03-10 10:01:00|60|57|NORMAL_CLEARING|d5c9f6c0-e752-11e3-8bfb-65b6c3cdac7d|sales|G722/G722|1001|unknown",
		}, nil},
		{"fusionpbx_xml_cdr.csv", []string{
			"2|+442071230009|201|Dave|public||f1a2b3c4-0000-4000-8000-0000000000b1|2026-03-10 09:15:00|0|2026-03-10 09:15:04|2026-03-10 09:16:35|95|91|NORMAL_CLEARING|f1a2b3c4-0000-4000-8000-000000000001||PCMA/PCMA|201|inbound",
			"3|202|00442071230010|Ext 202|pbx.example.org|||2026-03-10 10:00:00|0||2026-03-10 10:00:30|30|0|NO_ANSWER|f1a2b3c4-0000-4000-8000-000000000002||PCMA/PCMA|00442071230010|outbound",
		}, []string{`4|row|start_stamp (column 10) "" is not a date-time`}},
		{"freeswitch_cdr_stamps_only.csv", []string{
			"2|1001|0441234567|Alice|default|||2026-03-10 09:15:00|0|2026-03-10 09:15:07|2026-03-10 09:17:12|132|125|NORMAL_CLEARING|a5c9f6c0-e752-11e3-8bfb-65b6c3cdac7d|||0441234567|unknown",
			"3|1002|0449876543|Bob|default|||2026-03-10 10:00:00|0||2026-03-10 10:00:20|20|0|NO_ANSWER|c5c9f6c0-e752-11e3-8bfb-65b6c3cdac7d|||0449876543|unknown",
		}, []string{`4|row|no duration column and no end_stamp to count it from`}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			st := openTemp(t)
			res := importOne(t, st, operatorFile(c.file), ImportOptions{})
			if res.Error != "" || res.Kind != KindFreeSWITCHCDR || !strings.HasPrefix(res.Format, "freeswitch-cdr-table") ||
				res.Rows != int64(len(c.rows)) || res.Rejected != int64(len(c.rejects)) {
				t.Fatalf("%+v", res)
			}
			got := readRows(t, st, `SELECT line, src, dst, clid, dcontext, channel, dstchannel, datetime(start, 'unixepoch'), wall_offset,
				datetime(answer, 'unixepoch'), datetime("end", 'unixepoch'), duration, billsec, disposition, uniqueid, accountcode,
				userfield, recipient, direction FROM ast_calls ORDER BY line`)
			if strings.Join(got, "\n") != strings.Join(c.rows, "\n") {
				t.Errorf("calls\n got  %s\n want %s", strings.Join(got, "\n      "), strings.Join(c.rows, "\n      "))
			}
			if got := readRows(t, st, rejectsQuery); strings.Join(got, "\n") != strings.Join(c.rejects, "\n") {
				t.Errorf("rejects %q, want %q", got, c.rejects)
			}
		})
	}
}
