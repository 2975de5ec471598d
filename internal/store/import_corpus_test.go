package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/cdrtui/cdrtui/internal/testkit"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	st, err := Create(filepath.Join(t.TempDir(), "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func importOne(t *testing.T, st *Store, path string, opts ImportOptions) FileResult {
	t.Helper()
	res, err := st.Import(context.Background(), []string{path}, opts)
	if err != nil {
		t.Fatalf("import %s: %v", path, err)
	}
	if len(res) != 1 {
		t.Fatalf("import %s: %d results, want 1", path, len(res))
	}
	return res[0]
}

func count(t *testing.T, st *Store, q string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := st.DB().QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// The operator-style files of the corpus import with the counts read off
// the files by hand.
func TestImportCorpusOperatorFiles(t *testing.T) {
	cases := []struct {
		file           string
		kind           string
		rows, rejected int64
		dropped        int64
		subscribers    int64
	}{
		// 36 sessions of 4 pseudonymised subscribers (MSISDN 1..4), date and
		// time glued together (2021-04-0212:23:10), no ports.
		{"shashi-hagroo-mic3-data-engineering/ipdr.csv", "ipdr", 36, 0, 0, 4},
		// 5 sessions; the 14-digit IMSI 40419866162966 is kept, the 11-digit
		// IMSI 40999000099 and the 13-digit IMEI 3562549800598 are dropped
		// (lines 2, 3: IMEI; line 6: IMSI), each row kept.
		{"sid1125-tifm-cdr-ipdr-visualizer/demo_cross_case_ipdr.csv", "ipdr", 5, 0, 3, 3},
		// 14 calls/SMS: IMEIs of 13 digits on lines 2-4 and 8-10, IMSIs of 11
		// digits on lines 8-15: 6 + 8 values dropped, no row lost.
		{"sid1125-tifm-cdr-ipdr-visualizer/demo_cross_case_cdr.csv", "voice", 14, 0, 14, 5},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			st := openTemp(t)
			// an Indian project's demo: ten-digit numbers, which IN, US
			// and RU would key differently
			res := importOne(t, st, testkit.Corpus(t, c.file), ImportOptions{Country: "IN"})
			if res.Error != "" {
				t.Fatalf("error: %s", res.Error)
			}
			if res.Kind != c.kind || res.Rows != c.rows || res.Rejected != c.rejected || res.Dropped != c.dropped {
				t.Fatalf("got kind %s rows %d rejected %d dropped %d; want %s %d %d %d",
					res.Kind, res.Rows, res.Rejected, res.Dropped, c.kind, c.rows, c.rejected, c.dropped)
			}
			if got := count(t, st, "SELECT count(*) FROM subscribers"); got != c.subscribers {
				t.Errorf("subscribers = %d, want %d", got, c.subscribers)
			}
			table := map[string]string{"ipdr": "ipdr", "voice": "voice"}[c.kind]
			if got := count(t, st, "SELECT count(*) FROM "+table); got != c.rows {
				t.Errorf("%s rows = %d, want %d", table, got, c.rows)
			}
			if got := count(t, st, "SELECT count(*) FROM rejects WHERE severity = 'field'"); got != c.dropped {
				t.Errorf("field rejects = %d, want %d", got, c.dropped)
			}
		})
	}
}

// Values read from the corpus land in the right columns.
func TestImportCorpusValues(t *testing.T) {
	st := openTemp(t)
	importOne(t, st, testkit.Corpus(t, "sid1125-tifm-cdr-ipdr-visualizer/demo_cross_case_ipdr.csv"), ImportOptions{Country: "IN"})
	var msisdn, dest, start, imei, cell string
	var port, up, down, total int64
	err := st.DB().QueryRow(`SELECT subscriber, dest_ip, dest_port, start_wall, coalesce(imei, ''), cell, uplink, downlink, total
		FROM ipdr_readable WHERE line = 4`).Scan(&msisdn, &dest, &port, &start, &imei, &cell, &up, &down, &total)
	if err != nil {
		t.Fatal(err)
	}
	// line 4: 2026-06-21 10:40:00,...,3.165.223.248,142.250.190.79,9871913964,404100433218196,614300032179487,360,52000,443,TCP,15360,300000,TOW_CELL2680,CELL_2680A
	if msisdn != "919871913964" || dest != "142.250.190.79" || port != 443 || start != "2026-06-21 10:40:00" ||
		imei != "614300032179487" || cell != "CELL_2680A" || up != 15360 || down != 300000 || total != 315360 {
		t.Fatalf("line 4 read as %s %s:%d %s imei=%s cell=%s up=%d down=%d total=%d", msisdn, dest, port, start, imei, cell, up, down, total)
	}
	var other, callType string
	importOne(t, st, testkit.Corpus(t, "sid1125-tifm-cdr-ipdr-visualizer/demo_cross_case_cdr.csv"), ImportOptions{})
	var as string
	if err := st.DB().QueryRow(`SELECT msisdn_as FROM ipdr WHERE line = 4`).Scan(&as); err != nil || as != "9871913964" {
		t.Errorf("line 4's MSISDN as written: %q %v, want 9871913964", as, err)
	}
	// line 4: 9000000190 -> 9444555666, Voice incoming
	if err := st.DB().QueryRow(`SELECT other, call_type FROM voice_readable WHERE line = 4`).Scan(&other, &callType); err != nil {
		t.Fatal(err)
	}
	if other != "9444555666" || callType != "VOICE_IN" {
		t.Fatalf("line 4: other %s type %s, want 9444555666 VOICE_IN", other, callType)
	}
	// the second file is keyed by the plan the first set in the case
	var key string
	if err := st.DB().QueryRow(`SELECT other_key FROM voice WHERE line = 4`).Scan(&key); err != nil || key != "919444555666" {
		t.Errorf("line 4's other party key: %q %v, want 919444555666", key, err)
	}
}

// A second import of the same file adds nothing and says why.
func TestImportTwiceAddsNothing(t *testing.T) {
	st := openTemp(t)
	path := testkit.Corpus(t, "shashi-hagroo-mic3-data-engineering/ipdr.csv")
	first := importOne(t, st, path, ImportOptions{})
	second := importOne(t, st, path, ImportOptions{})
	if first.Rows != 36 || second.Rows != 0 || second.Skipped == "" || second.SHA256 != first.SHA256 {
		t.Fatalf("first %+v second %+v", first, second)
	}
	if got := count(t, st, "SELECT count(*) FROM ipdr"); got != 36 {
		t.Fatalf("ipdr rows after two imports = %d, want 36", got)
	}
	if got := count(t, st, "SELECT count(*) FROM sources"); got != 1 {
		t.Fatalf("sources = %d, want 1", got)
	}
}

// Configuration files are imported as what they are (Asterisk keys, not
// invented table rows), and a file that is neither a table nor an
// artefact is refused with the reason.
func TestImportRefusesNonTables(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, testkit.Corpus(t, "kaitocross-phonewave-asterisk-conf/sip.conf"), ImportOptions{})
	// 15 keys: 10 in [general] (allow x4, qualify, port, canreinvite, permit x3), 5 in [4001].
	if res.Kind != KindAsteriskConf || res.Rows != 15 || res.Error != "" {
		t.Errorf("sip.conf: %+v, want asterisk-conf with 15 keys", res)
	}
	if n := count(t, st, "SELECT (SELECT count(*) FROM ipdr) + (SELECT count(*) FROM voice)"); n != 0 {
		t.Errorf("sip.conf produced %d IPDR/voice rows", n)
	}
	prose := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(prose, []byte("The suspect said the modems were bought in March.\nNo more.\n"), 0o444); err != nil {
		t.Fatal(err)
	}
	res = importOne(t, st, prose, ImportOptions{})
	if res.Rows != 0 || res.Error == "" {
		t.Errorf("prose: %+v, want a refusal with a reason", res)
	}
}
