package store

import "testing"

// AT&T's voice return with its number marks (testdata/operators/
// att_cdr_dialled.csv; README.md there says where the key was published):
// the Originating Number cell holds the originating number and, on its
// next line (or after a space once a spreadsheet flattened the cell), the
// number the caller dialled marked "(D)". The first number is the party:
// the target 4045550001 is still found as a party of every record, each
// direction is where it stands (line 7's cell is the target's own, with a
// mark cdrtui does not know: still outgoing), the other party is keyed by
// its own number (line 4's caller 4045550177, not the cell), and each
// marked number is kept in a note, never dropped or taken for a party.
// Before, the marks hid the target: every record was rejected.
func TestOperatorATTDialledMarks(t *testing.T) {
	note := "kept in this note: the number the caller dialled (AT&T's (D)), the call having gone to the called number"
	checkOperatorLayout(t, operatorLayoutCase{"att_cdr_dialled.csv", "voice", []string{"dates MDY", "target 4045550001"}, []string{
		"2|14045550001|VOICE_OUT|4045550199|2025-06-13 14:02:10|65|310410-12345-678|310410000000002|35391809000002",
		"4|14045550001|VOICE_IN|4045550177|2025-06-13 15:20:00|30|310410-12345-679|310410000000002|35391809000002",
		"6|14045550001|SMS_OUT|4045550188|2025-06-14 09:00:00|0|310410-12345-678|310410000000002|35391809000002",
		"7|14045550001|VOICE_OUT|4045550188|2025-06-14 09:05:00|0|310410-12345-678|310410000000002|35391809000002",
	}, []string{
		`2|field|a_party "4045550123(D)" ` + note,
		`4|field|a_party "4045550002(D)" ` + note,
		`6|field|a_party "4045550124(D)" ` + note,
		`7|field|a_party "4045550125(F)" kept in this note: a number marked (F) after the party's own, a mark whose meaning is not known here`,
	}})
	st := openTemp(t)
	res := importOne(t, st, operatorFile("att_cdr_dialled.csv"), ImportOptions{Country: "US"})
	var keys []string
	rows, _ := st.DB().Query("SELECT coalesce(other_key, '-') FROM voice ORDER BY line")
	defer rows.Close()
	for rows.Next() {
		var k string
		rows.Scan(&k)
		keys = append(keys, k)
	}
	if res.Rows != 4 || len(keys) != 4 || keys[1] != "14045550177" || keys[3] != "14045550188" {
		t.Errorf("rows %d, other keys %q", res.Rows, keys)
	}
}
