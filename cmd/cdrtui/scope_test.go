package main

import (
	"bytes"
	"database/sql"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/cdrtui/cdrtui/internal/gen"
)

// scopedCase generates a case with data and voice records over 14 days from
// 2024-03-18 and returns its path, the truth and a raw SQL handle on it: the
// reference the scoped figures are checked against.
func scopedCase(t *testing.T) (string, *gen.Truth, *sql.DB) {
	t.Helper()
	casePath, truth := genCase(t, "--seed", "9", "--subscribers", "40", "--records", "8000", "--voice", "120", "--simboxes", "4")
	db, err := sql.Open("sqlite", "file:"+casePath+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return casePath, truth, db
}

func wallUnix(t *testing.T, s string) int64 {
	t.Helper()
	for _, l := range []string{"2006-01-02 15:04", "2006-01-02"} {
		if v, err := time.ParseInLocation(l, s, time.UTC); err == nil {
			return v.Unix()
		}
	}
	t.Fatalf("bad time %q", s)
	return 0
}

func count(t *testing.T, db *sql.DB, q string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// --from/--to on summary, persona, trends, correlate and simbox count only
// the records whose wall clock is in the scope (a date as --to includes
// its day), by SQL written here (contacts: B's pairs as correlate counts
// them in the same scope); a bad bound is a usage error.
func TestTimeScopeFlags(t *testing.T) {
	casePath, truth, db := scopedCase(t)
	from, to := wallUnix(t, "2024-03-20 06:00"), wallUnix(t, "2024-03-24")+86400 // --to 2024-03-24: the whole day
	inScope := "start + wall_offset >= ? AND start + wall_offset < ?"

	// summary
	var sum struct {
		Records     map[string]int64         `json:"records"`
		Subscribers int64                    `json:"subscribers"`
		First       string                   `json:"first"`
		Scope       struct{ From, To int64 } `json:"time_scope"`
	}
	runJSON(t, []string{"summary", casePath, "--from", "2024-03-20 06:00", "--to", "2024-03-24", "--json"}, &sum)
	wantIPDR := count(t, db, "SELECT count(*) FROM ipdr WHERE "+inScope, from, to)
	wantVoice := count(t, db, "SELECT count(*) FROM voice WHERE "+inScope, from, to)
	allIPDR := count(t, db, "SELECT count(*) FROM ipdr")
	if sum.Records["ipdr"] != wantIPDR || sum.Records["voice"] != wantVoice || wantIPDR == 0 || wantIPDR == allIPDR {
		t.Fatalf("summary in scope: %v, want ipdr %d voice %d (of %d ipdr in all)", sum.Records, wantIPDR, wantVoice, allIPDR)
	}
	if sum.Scope.From != from || sum.Scope.To != to || !strings.HasPrefix(sum.First, "2024-03-20") {
		t.Fatalf("summary scope %+v first %q", sum.Scope, sum.First)
	}
	var text bytes.Buffer
	if code := run([]string{"summary", casePath, "--from", "2024-03-20 06:00", "--to", "2024-03-24"}, &text, &text); code != 0 ||
		!strings.Contains(text.String(), "time scope: 2024-03-20 06:00 – 2024-03-25 00:00") {
		t.Fatalf("summary text (%d):\n%s", code, text.String())
	}

	// trends: A's WhatsApp records in scope
	a := truth.Pairs[0].A
	var tr struct {
		Total int64    `json:"total"`
		Ports []string `json:"ports"`
	}
	runJSON(t, []string{"trends", casePath, a, "--app", "WhatsApp", "--from", "2024-03-20 06:00", "--to", "2024-03-24", "--json"}, &tr)
	var whole struct {
		Total int64 `json:"total"`
	}
	runJSON(t, []string{"trends", casePath, a, "--app", "WhatsApp", "--json"}, &whole)
	if len(tr.Ports) == 0 {
		t.Fatal("no WhatsApp ports")
	}
	var conds []string
	for _, p := range tr.Ports {
		lo, hi, ok := strings.Cut(p, "-")
		if !ok {
			hi = lo
		}
		conds = append(conds, "dest_port BETWEEN "+lo+" AND "+hi)
	}
	ports := "(" + strings.Join(conds, " OR ") + ")"
	want := count(t, db, "SELECT count(*) FROM ipdr WHERE subscriber_id = (SELECT id FROM subscribers WHERE msisdn = ?) AND "+ports+" AND "+inScope, a, from, to)
	if tr.Total != want || want == 0 || want >= whole.Total {
		t.Fatalf("trend total in scope %d, want %d (whole case %d)", tr.Total, want, whole.Total)
	}

	// correlate: records, days and pairs (matched by port, counted here by a nested loop)
	b := truth.Pairs[0].B
	var co struct {
		RecordsA int `json:"records_a"`
		RecordsB int `json:"records_b"`
		Days     int `json:"days"`
		Pairs    int `json:"pairs"`
	}
	runJSON(t, []string{"correlate", casePath, a, b, "--match", "port", "--window", "60s", "--list", "0", "--from", "2024-03-20 06:00", "--to", "2024-03-24", "--json"}, &co)
	type ev struct{ start, port int64 }
	load := func(msisdn string) []ev {
		rows, err := db.Query("SELECT start, coalesce(dest_port, -1) FROM ipdr WHERE subscriber_id = (SELECT id FROM subscribers WHERE msisdn = ?) AND "+inScope, msisdn, from, to)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []ev
		for rows.Next() {
			var e ev
			rows.Scan(&e.start, &e.port)
			out = append(out, e)
		}
		return out
	}
	ea, eb := load(a), load(b)
	pairs := 0
	for _, x := range ea {
		for _, y := range eb {
			if x.port == y.port && x.port >= 0 && x.start-y.start <= 60 && y.start-x.start <= 60 {
				pairs++
			}
		}
	}
	if co.RecordsA != len(ea) || co.RecordsB != len(eb) || co.Pairs != pairs || co.Days != 5 || pairs == 0 {
		t.Fatalf("correlate in scope: %+v; want records %d/%d, pairs %d, 5 days (20th to 24th)", co, len(ea), len(eb), pairs)
	}

	// simbox: each SIM's outgoing calls are those in scope
	var sb struct {
		Subscribers []struct {
			MSISDN   string `json:"msisdn"`
			Features struct {
				Outgoing int64 `json:"outgoing"`
			} `json:"features"`
		} `json:"subscribers"`
	}
	runJSON(t, []string{"simbox", casePath, "--from", "2024-03-20 06:00", "--to", "2024-03-24", "--json", "--top", "0"}, &sb)
	if len(sb.Subscribers) == 0 {
		t.Fatal("simbox in scope: no SIMs")
	}
	for _, s := range sb.Subscribers[:min(5, len(sb.Subscribers))] {
		want := count(t, db, "SELECT count(*) FROM voice WHERE call_type = 'VOICE_OUT' AND subscriber_id = (SELECT id FROM subscribers WHERE msisdn = ?) AND "+inScope, s.MSISDN, from, to)
		if s.Features.Outgoing != want {
			t.Fatalf("simbox %s outgoing %d in scope, want %d", s.MSISDN, s.Features.Outgoing, want)
		}
	}

	// persona: every figure from the records in scope, by SQL here
	var pe struct {
		Total        int64 `json:"total"`
		VoiceRecords int64 `json:"voice_records"`
		Bytes        int64 `json:"bytes"`
		First        string
		Hours        [24]int64 `json:"hours"`
		Cells        []struct {
			Cell        string `json:"cell"`
			DataRecords int64  `json:"data_records"`
		} `json:"cells"`
		IMEIs []struct {
			Value   string `json:"value"`
			Records int64  `json:"records"`
		} `json:"imeis"`
		DistinctDestinations int `json:"distinct_destinations"`
	}
	runJSON(t, []string{"persona", casePath, a, "--from", "2024-03-20 06:00", "--to", "2024-03-24", "--json"}, &pe)
	sub := "(SELECT id FROM subscribers WHERE msisdn = '" + a + "')"
	if want := count(t, db, "SELECT count(*) FROM ipdr WHERE subscriber_id = "+sub+" AND "+inScope, from, to); pe.Total != want || want == 0 {
		t.Fatalf("persona data records %d, want %d", pe.Total, want)
	}
	if want := count(t, db, "SELECT coalesce(sum(total), 0) FROM ipdr WHERE subscriber_id = "+sub+" AND "+inScope, from, to); pe.Bytes != want {
		t.Fatalf("persona bytes %d, want %d", pe.Bytes, want)
	}
	if want := count(t, db, "SELECT count(*) FROM ipdr WHERE subscriber_id = "+sub+" AND (start + wall_offset) % 86400 / 3600 = 21 AND "+inScope, from, to); pe.Hours[21] != want {
		t.Fatalf("persona 21:00 hour %d, want %d", pe.Hours[21], want)
	}
	if want := count(t, db, "SELECT count(DISTINCT coalesce(dest_ip, '') || ':' || coalesce(dest_port, -1)) FROM ipdr WHERE subscriber_id = "+sub+" AND "+inScope, from, to); int64(pe.DistinctDestinations) != want {
		t.Fatalf("persona destinations %d, want %d", pe.DistinctDestinations, want)
	}
	var cellSum int64
	for _, c := range pe.Cells {
		cellSum += c.DataRecords
	}
	if want := count(t, db, "SELECT count(*) FROM ipdr WHERE cell_id IS NOT NULL AND subscriber_id = "+sub+" AND "+inScope, from, to); cellSum != want {
		t.Fatalf("persona cell records %d, want %d", cellSum, want)
	}

	// contacts: A's records in scope, the days inside it, and B's pairs as
	// the pair view (correlate by application) counts them in the same scope
	var ct struct {
		RecordsA int `json:"records_a"`
		Days     int `json:"days"`
		Contacts []struct {
			MSISDN string `json:"msisdn"`
			Pairs  int    `json:"pairs"`
		} `json:"contacts"`
	}
	runJSON(t, []string{"contacts", casePath, a, "--window", "60s", "--top", "0", "--from", "2024-03-20 06:00", "--to", "2024-03-24", "--json"}, &ct)
	var byApp struct {
		Pairs int `json:"pairs"`
	}
	runJSON(t, []string{"correlate", casePath, a, b, "--window", "60s", "--list", "0", "--from", "2024-03-20 06:00", "--to", "2024-03-24", "--json"}, &byApp)
	var wholePairs struct {
		Pairs int `json:"pairs"`
	}
	runJSON(t, []string{"correlate", casePath, a, b, "--window", "60s", "--list", "0", "--json"}, &wholePairs)
	got := -1
	for _, c := range ct.Contacts {
		if c.MSISDN == b {
			got = c.Pairs
		}
	}
	if ct.RecordsA != len(ea) || ct.Days != 5 || got != byApp.Pairs || byApp.Pairs == 0 || byApp.Pairs == wholePairs.Pairs {
		t.Fatalf("contacts in scope: records %d (want %d), days %d, B's pairs %d, correlate's %d (whole case %d)",
			ct.RecordsA, len(ea), ct.Days, got, byApp.Pairs, wholePairs.Pairs)
	}
	// bad bounds
	for _, args := range [][]string{
		{"summary", casePath, "--from", "yesterday"},
		{"trends", casePath, a, "--from", "2024-03-24", "--to", "2024-03-20"},
		{"correlate", casePath, a, b, "--to", "24/03/2024"},
		{"simbox", casePath, "--from", "2024-13-01"},
	} {
		var out, errOut bytes.Buffer
		if code := run(args, &out, &errOut); code != 2 {
			t.Fatalf("%v: exit %d (%s), want 2", args, code, errOut.String())
		}
	}
}
