package casework

import (
	"context"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
)

// asteriskCase generates a case with the disk image and imports it whole.
func asteriskCase(t *testing.T) (*store.Store, *gen.Truth) {
	t.Helper()
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Subscribers, cfg.Days, cfg.Records = 5, 40, 9, 15_000
	cfg.VoiceSubscribers, cfg.SimBoxes, cfg.AsteriskImage = 40, 6, true
	st, _, truth := casekit.GeneratedCaseWith(t, cfg, casekit.CaseOptions{NoRejects: true})
	return st, truth
}

// The generated image, imported from the case directory, gives back the
// planted PBX: zone, calls, copies, dispositions, days, recipients, modems
// with their calls and the subscribers their IMEIs were seen with, the SIP
// peer, and log years placed from the calls.
func TestAsteriskFindsThePlantedPBX(t *testing.T) {
	st, truth := asteriskCase(t)
	at := truth.Asterisk
	r, err := Asterisk(context.Background(), st, AsteriskOptions{Top: 10})
	if err != nil {
		t.Fatal(err)
	}
	if r.Timezone != at.Zone || r.Calls != int64(at.Calls) || r.Copies != int64(at.Copies) || r.BillSec != at.BillSec {
		t.Fatalf("zone %q calls %d copies %d billsec %d; truth %q %d %d %d", r.Timezone, r.Calls, r.Copies, r.BillSec, at.Zone, at.Calls, at.Copies, at.BillSec)
	}
	for k, v := range at.Dispositions {
		if r.Dispositions[k] != int64(v) {
			t.Errorf("disposition %s: %d, truth %d", k, r.Dispositions[k], v)
		}
	}
	if len(r.PerDay) != len(at.PerDay) {
		t.Errorf("%d days, truth %d", len(r.PerDay), len(at.PerDay))
	}
	for k, v := range at.PerDay {
		if r.PerDay[k] != int64(v) {
			t.Errorf("day %s: %d, truth %d", k, r.PerDay[k], v)
		}
	}
	if len(r.TopRecipients) != len(at.Top) {
		t.Fatalf("top %d, truth %d", len(r.TopRecipients), len(at.Top))
	}
	for i, want := range at.Top {
		got := r.TopRecipients[i]
		if got.Number != want.Number || got.BillSec != want.BillSec || got.Calls != int64(want.Calls) {
			t.Errorf("top %d = %+v, truth %+v", i, got, want)
		}
	}
	if len(r.Dongles) != len(at.Modems) {
		t.Fatalf("%d dongles, truth %d", len(r.Dongles), len(at.Modems))
	}
	for i, m := range at.Modems {
		d := r.Dongles[i]
		var seen []string
		for _, h := range d.SeenIn {
			seen = append(seen, h.MSISDN)
		}
		sort.Strings(seen)
		if d.Name != m.Name || d.IMEI != m.IMEI || d.IMSI != m.IMSI || d.Exten != m.Number || d.Calls != int64(m.Calls) ||
			d.BillSec != m.BillSec || d.First != m.First.Format("2006-01-02 15:04:05") || d.Last != m.Last.Format("2006-01-02 15:04:05") ||
			strings.Join(seen, ",") != strings.Join(m.SeenIn, ",") {
			t.Errorf("dongle %+v\ntruth %+v", d, m)
		}
	}
	if len(r.SIPPeers) != 1 || r.SIPPeers[0].Name != at.SIPPeer || r.SIPPeers[0].Host != at.SIPHost {
		t.Errorf("sip peers %+v", r.SIPPeers)
	}
	if r.HistoryLines != int64(at.HistoryLines) {
		t.Errorf("history %d, truth %d", r.HistoryLines, at.HistoryLines)
	}
	var entries, wrongYear, offset int64
	st.DB().QueryRow(`SELECT count(*), sum(year <> ?), max(wall_offset) FROM ast_log`, at.LogYear).Scan(&entries, &wrongYear, &offset)
	if entries != int64(at.LogEntries) || wrongYear != 0 || offset != int64(at.ZoneOffset) {
		t.Errorf("log: %d entries (truth %d), %d not in %d, offset %d", entries, at.LogEntries, wrongYear, at.LogYear, offset)
	}
	// Instants: a call's wall clock minus +05:30.
	var start, off int64
	st.DB().QueryRow("SELECT start, wall_offset FROM ast_calls ORDER BY start LIMIT 1").Scan(&start, &off)
	first := at.Modems[0].First.Time
	for _, m := range at.Modems {
		if m.First.Before(first) {
			first = m.First.Time
		}
	}
	if start != first.Unix()-int64(at.ZoneOffset) || off != int64(at.ZoneOffset) {
		t.Errorf("first call at %d+%d, want %d", start, off, first.Unix()-int64(at.ZoneOffset))
	}
}

// A filter narrows the calls and what is counted from them.
func TestAsteriskFilter(t *testing.T) {
	st, truth := asteriskCase(t)
	at := truth.Asterisk
	m := at.Modems[1]
	f, err := PBXFilter("", "", "", "", m.Name)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Asterisk(context.Background(), st, AsteriskOptions{Filter: f})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Filtered || r.Calls != int64(m.Calls) || r.BillSec != m.BillSec {
		t.Errorf("modem %s: %d calls %d s, truth %d %d", m.Name, r.Calls, r.BillSec, m.Calls, m.BillSec)
	}
	day := truth.Start.Format("2006-01-02")
	f, _ = PBXFilter(day, day, "", "ANSWERED", "")
	r, _ = Asterisk(context.Background(), st, AsteriskOptions{Filter: f})
	var want int64
	st.DB().QueryRow(`SELECT count(*) FROM ast_calls WHERE start_text LIKE ? AND disposition = 'ANSWERED'`, day+"%").Scan(&want)
	if r.Calls != want || want == 0 || len(r.PerDay) != 1 {
		t.Errorf("answered on %s: %d, want %d (%v)", day, r.Calls, want, r.PerDay)
	}
}

func TestParseWallBound(t *testing.T) {
	cases := []struct {
		s    string
		end  bool
		want time.Time
		bad  bool
	}{
		{"2024-03-18", false, time.Date(2024, 3, 18, 0, 0, 0, 0, time.UTC), false},
		{"2024-03-18", true, time.Date(2024, 3, 19, 0, 0, 0, 0, time.UTC), false},
		{"2024-03", true, time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC), false},
		{"2024-03-18 10:30", true, time.Date(2024, 3, 18, 10, 30, 0, 0, time.UTC), false},
		{"18/03/2024", false, time.Time{}, true},
	}
	for _, c := range cases {
		got, err := ParseWallBound(c.s, c.end)
		if (err != nil) != c.bad || !c.bad && got != c.want.Unix() {
			t.Errorf("%q end=%v: %d %v", c.s, c.end, got, err)
		}
	}
	if _, err := PBXFilter("2024-03-19", "2024-03-18", "", "", ""); err == nil {
		t.Error("to before from accepted")
	}
}

func TestParseDirection(t *testing.T) {
	for in, want := range map[string]string{"": "", "Inbound": "inbound", "out": "outbound", "INT": "internal", "unk": "unknown"} {
		if got, err := ParseDirection(in); err != nil || got != want {
			t.Errorf("%q: %q %v", in, got, err)
		}
	}
	for _, bad := range []string{"in", "i", "sideways"} {
		if _, err := ParseDirection(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
