package store

import (
	"strconv"
	"strings"
	"testing"
)

// voiceLines reads a case's voice records as one line each, in file
// order: "line subscriber other [other's key] type start duration cell
// imei imsi", the start as the wall clock written, the cell by its key or
// as written; withKey adds the other party's key after it.
func voiceLines(t *testing.T, st *Store, withKey bool) []string {
	t.Helper()
	rows, err := st.DB().Query(`SELECT v.line, s.msisdn, v.other, coalesce(v.other_key, ''), v.call_type,
		strftime('%Y-%m-%dT%H:%M:%S', v.start + v.wall_offset, 'unixepoch'), v.duration,
		coalesce(c.cell_key, c.cell, ''), coalesce(d.imei, ''), coalesce(d.imsi, '')
		FROM voice v JOIN subscribers s ON s.id = v.subscriber_id LEFT JOIN cells c ON c.id = v.cell_id
		LEFT JOIN devices d ON d.id = v.device_id ORDER BY v.line`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var line, dur int
		var sub, other, key, ct, start, cell, imei, imsi string
		if err := rows.Scan(&line, &sub, &other, &key, &ct, &start, &dur, &cell, &imei, &imsi); err != nil {
			t.Fatal(err)
		}
		f := []string{strconv.Itoa(line), sub, other}
		if withKey {
			f = append(f, key)
		}
		got = append(got, strings.Join(append(f, ct, start, strconv.Itoa(dur), cell, imei, imsi), " "))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return got
}
