package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A cdr_pg_csv table holding both legs names no A leg in a B leg's row
// (uuid and bleg_uuid only): the A leg names its B leg as bleg_uuid.
// Worked by hand, whichever file or row came first:
//   - a1 (1001 -> 0441234567, 09:15:00+01) names b1, whose row names none
//     and whose channel was created a second later (09:15:01+01): b1 is
//     a1's B leg, kept as its copy (its file and line), not a call;
//   - a2 and b2 name each other and were created the same second: which
//     originated the other is not known, both stay calls;
//   - c1 names no leg: a call.
//
// So 4 calls (a1, a2, b2, c1), talk time 125 + 0 + 0 + 30 = 155 s, and
// one copy, b1's row, pointing at a1.
func TestFreeSWITCHTableBLegByBlegUUID(t *testing.T) {
	const head = "local_ip_v4,caller_id_name,caller_id_number,destination_number,context,start_stamp,answer_stamp,end_stamp,duration,billsec,hangup_cause,uuid,bleg_uuid,accountcode,read_codec,write_codec\n"
	rows := map[string]string{
		"a1": "192.0.2.10,Alice,1001,0441234567,default,2026-03-10 09:15:00+01,2026-03-10 09:15:07+01,2026-03-10 09:17:12+01,132,125,NORMAL_CLEARING,a1,b1,,PCMU,PCMU\n",
		"b1": "192.0.2.10,Alice,1001,0441234567,default,2026-03-10 09:15:01+01,2026-03-10 09:15:07+01,2026-03-10 09:17:12+01,131,125,NORMAL_CLEARING,b1,,,PCMU,PCMU\n",
		"a2": "192.0.2.10,Bob,1002,0449876543,default,2026-03-10 10:00:00+01,,2026-03-10 10:00:20+01,20,0,USER_BUSY,a2,b2,,PCMA,PCMA\n",
		"b2": "192.0.2.10,Bob,1002,0449876543,default,2026-03-10 10:00:00+01,,2026-03-10 10:00:20+01,20,0,USER_BUSY,b2,a2,,PCMA,PCMA\n",
		"c1": "192.0.2.10,Carol,1003,0445550000,default,2026-03-10 11:00:00+01,2026-03-10 11:00:05+01,2026-03-10 11:00:35+01,35,30,NORMAL_CLEARING,c1,,,PCMA,PCMA\n",
	}
	for _, c := range []struct {
		name  string
		files [][]string // each file's rows, imported in turn
		copy  string     // b1's file and line
	}{
		{"one table, A legs first", [][]string{{"a1", "b1", "a2", "b2", "c1"}}, "cdr1.csv|3"},
		{"the B legs' file first", [][]string{{"b1", "b2"}, {"a1", "a2", "c1"}}, "cdr1.csv|2"},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := openTemp(t)
			dir := t.TempDir()
			for i, f := range c.files {
				text := head
				for _, r := range f {
					text += rows[r]
				}
				p := filepath.Join(dir, "cdr"+string(rune('1'+i))+".csv")
				if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
				if res := importOne(t, st, p, ImportOptions{}); res.Error != "" || res.Kind != KindFreeSWITCHCDR {
					t.Fatalf("%+v", res)
				}
			}
			if got := readRows(t, st, "SELECT group_concat(uniqueid, ' '), sum(billsec) FROM (SELECT uniqueid, billsec FROM ast_calls ORDER BY uniqueid)"); strings.Join(got, "") != "a1 a2 b2 c1|155" {
				t.Errorf("calls %q, want a1 a2 b2 c1, 155 s", got)
			}
			got := readRows(t, st, "SELECT s.path, k.line, c.uniqueid FROM ast_call_copies k JOIN sources s ON s.id = k.source_id JOIN ast_calls c ON c.id = k.call_id")
			if len(got) != 1 || !strings.HasSuffix(got[0], string(filepath.Separator)+c.copy+"|a1") {
				t.Errorf("copies %q, want b1's row (%s) kept with a1", got, c.copy)
			}
			counts, err := st.PBXCounts(context.Background())
			if err != nil || counts.CallsByKind[KindFreeSWITCHCDR] != 4 || counts.Copies != 1 {
				t.Errorf("PBXCounts %+v (%v), want 4 FreeSWITCH calls, 1 copy", counts, err)
			}
		})
	}
}
