package main

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/testkit"
	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// TestClickHouseAsteriskParity: seized PBXs imported through the CLI into
// a local case and into a ClickHouse cluster of two shards, in the same
// steps: the generated chan_dongle gateway with the operator records that
// carry its modems' IMEIs (one import), then the corpus's real files in
// three more (Master.csv; then its per-account 100.csv, whose rows are
// copies of calls already in the case, its messages log, and a sip.conf
// that decides directions of calls imported before it; then the other
// CDRs, logs and dongle.conf files, one with a non-UTF-8 caller ID), then
// a generated FreePBX tree. After every step `asterisk --json` is the
// same on both, byte for byte; at the end so is every flag's answer and
// the text report, the summary counts the same sources and rows, and
// importing everything again adds nothing and changes nothing.
func TestClickHouseAsteriskParity(t *testing.T) {
	c := chkit.Start(t)
	dir := t.TempDir()
	evidence := filepath.Join(dir, "evidence")
	runOK(t, "gen", evidence, "--asterisk", "--seed", "11", "--subscribers", "30", "--days", "5", "--records", "2000", "--voice", "30", "--simboxes", "4")
	truth, err := gen.ReadTruth(filepath.Join(evidence, gen.TruthFile))
	if err != nil || truth.Asterisk == nil {
		t.Fatalf("truth: %v", err)
	}
	fpbx := filepath.Join(dir, "fpbx")
	runOK(t, "gen", fpbx, "--pbx", "freepbx", "--seed", "3", "--days", "4", "--records", "0", "--voice", "0", "--simboxes", "0")
	corpus := func(names ...string) []string {
		var out []string
		for _, n := range names {
			out = append(out, testkit.Corpus(t, n))
		}
		return out
	}
	steps := [][]string{
		{evidence},
		corpus("bugadm-telephonyswitching/Master.csv"),
		corpus("bugadm-telephonyswitching/100.csv", "bugadm-telephonyswitching/messages.head", "kaitocross-phonewave-asterisk-conf/sip.conf"),
		corpus("mineevburyat-dj-asterisk-cdr/Master.csv", "kelysaina-cdr/Master.csv", "kxingyunliushui-freeswitch-tools/Master.csv",
			"fail2ban/asterisk", "simularent-asterisk-for-speech-to-text/messages.head", "simularent-asterisk-for-speech-to-text/messages.2",
			"bg111-asterisk-chan-dongle/dongle.conf", "swa2050-dongle-conf/dongle.conf", "ahmed-emad02-issabel-analytics/dongle.conf"),
		{filepath.Join(fpbx, "image")},
	}
	local := filepath.Join(dir, "case.db")
	url := c.URL("pbx")
	same := func(t *testing.T, args ...string) string {
		t.Helper()
		want := runOK(t, append([]string{"asterisk", local}, args...)...)
		got := runOK(t, append([]string{"asterisk", "--cluster", c.Name, url}, args...)...)
		if got != want {
			t.Fatalf("asterisk %v on the cluster:\n%s\nwant (the local case):\n%s", args, got, want)
		}
		return want
	}
	var before string
	for i, files := range steps {
		runOK(t, append([]string{"import", local}, files...)...)
		runOK(t, append([]string{"import", "--cluster", c.Name, url}, files...)...)
		before = same(t, "--json")
		if i == 0 && !strings.Contains(before, `"seen_in": [`+"\n") {
			t.Fatalf("no modem's IMEI is seen in the operator records: the comparison proves little:\n%s", before)
		}
	}

	t.Run("every flag", func(t *testing.T) {
		var rep struct {
			Calls   int64 `json:"calls"`
			Dongles []struct {
				Name   string `json:"name"`
				Calls  int64  `json:"calls"`
				SeenIn []struct {
					MSISDN string `json:"msisdn"`
				} `json:"seen_in"`
			} `json:"dongles"`
			PerDay     map[string]int64 `json:"per_day"`
			Directions map[string]int64 `json:"directions"`
		}
		if err := json.Unmarshal([]byte(before), &rep); err != nil {
			t.Fatal(err)
		}
		seen := 0
		for _, m := range truth.Asterisk.Modems {
			for _, d := range rep.Dongles {
				if d.Name == m.Name && len(m.SeenIn) > 0 && len(d.SeenIn) == len(m.SeenIn) {
					seen++
				}
			}
		}
		if seen == 0 || rep.Directions["inbound"] == 0 || rep.Directions["outbound"] == 0 {
			t.Fatalf("the planted modems seen in records: %d; directions %v", seen, rep.Directions)
		}
		var days []string
		for d := range rep.PerDay {
			days = append(days, d)
		}
		sort.Strings(days)
		modem := truth.Asterisk.Modems[0].Name
		for _, args := range [][]string{
			{"--json", "--top", "3"},
			{"--json", "--from", days[0], "--to", days[len(days)/2]},
			{"--json", "--from", days[len(days)-1][:7]},
			{"--json", "--number", "91"},
			{"--json", "--disposition", "ANSWERED"},
			{"--json", "--disposition", "no answer", "--top", "1"},
			{"--json", "--dongle", modem},
			{"--json", "--dongle", "-"},
			{"--json", "--direction", "inbound"},
			{"--json", "--direction", "outbound", "--dongle", modem, "--top", "2"},
			{},
		} {
			out := same(t, args...)
			if len(args) > 0 && !strings.Contains(out, `"filtered": `) {
				t.Errorf("asterisk %v: not a report:\n%s", args, out)
			}
		}
		// the modems' IMEIs are looked for in the records of the window
		// (the cluster's, not the PBX copy's whole-case summaries): the
		// first two of the generated case's five days hold fewer such
		// records than the case
		seenRecords := func(out string) int64 {
			var r struct {
				Dongles []struct {
					SeenIn []struct {
						Records int64 `json:"records"`
					} `json:"seen_in"`
				} `json:"dongles"`
			}
			if err := json.Unmarshal([]byte(out), &r); err != nil {
				t.Fatal(err)
			}
			var n int64
			for _, d := range r.Dongles {
				for _, h := range d.SeenIn {
					n += h.Records
				}
			}
			return n
		}
		whole, two := seenRecords(before), seenRecords(same(t, "--json", "--from", "2024-03-18", "--to", "2024-03-19"))
		if two == 0 || two >= whole {
			t.Errorf("records carrying the modems' IMEIs: %d on the 18th and 19th, %d in the case", two, whole)
		}
	})

	t.Run("summary", func(t *testing.T) {
		type counts struct {
			Records     map[string]int64 `json:"records"`
			Rejected    int64            `json:"rejected"`
			Subscribers int64            `json:"subscribers"`
			Devices     int64            `json:"devices"`
			Sources     []struct {
				Path string `json:"path"`
				Kind string `json:"kind"`
				Rows int64  `json:"rows"`
			} `json:"sources"`
		}
		read := func(args ...string) counts {
			var v counts
			if err := json.Unmarshal([]byte(runOK(t, append([]string{"summary", "--json"}, args...)...)), &v); err != nil {
				t.Fatal(err)
			}
			sort.Slice(v.Sources, func(i, j int) bool { return v.Sources[i].Path < v.Sources[j].Path })
			return v
		}
		want, got := read(local), read("--cluster", c.Name, url)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("summary on the cluster:\n%+v\nwant:\n%+v", got, want)
		}
		if want.Records["asterisk-cdr"] == 0 || want.Records["asterisk-log"] == 0 || want.Records["asterisk-conf"] == 0 {
			t.Fatalf("the case holds no PBX artefacts: %v", want.Records)
		}
	})

	t.Run("again", func(t *testing.T) {
		var all []string
		for _, files := range steps {
			all = append(all, files...)
		}
		out := runOK(t, append([]string{"import", "--json", "--cluster", c.Name, url}, all...)...)
		var res struct {
			Files []struct {
				Path    string `json:"path"`
				Skipped string `json:"skipped"`
				Rows    int64  `json:"rows"`
			} `json:"files"`
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("%v:\n%s", err, out)
		}
		for _, f := range res.Files {
			if f.Rows != 0 || f.Skipped == "" {
				t.Errorf("imported again: %+v", f)
			}
		}
		if got := runOK(t, "asterisk", "--cluster", c.Name, url, "--json"); got != before {
			t.Fatalf("after importing again the report changed:\n%s", got)
		}
	})
}
