package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// storedAt is when the port dictionary was kept in the case: the one
// value of an analysis's JSON that differs by design between two cases.
var storedAt = regexp.MustCompile(`"stored_at": "[^"]*"`)

// TestClickHouseParity: the generated case imported through the CLI into
// a local case and into a ClickHouse cluster of two shards; summary and
// persona (of every data subscriber and of voice subscribers, SIM-boxes
// among them) print the same --json on both, byte for byte (the case's
// name, import times and the dictionary's stored_at set apart).
func TestClickHouseParity(t *testing.T) {
	c := chkit.Start(t)
	dir := t.TempDir()
	evidence := filepath.Join(dir, "evidence")
	runOK(t, "gen", evidence, "--seed", "42", "--subscribers", "40", "--days", "7", "--records", "20000", "--voice", "60", "--simboxes", "6")
	truth, err := gen.ReadTruth(filepath.Join(evidence, gen.TruthFile))
	if err != nil {
		t.Fatal(err)
	}
	local := filepath.Join(dir, "case.db")
	runOK(t, "import", local, evidence)
	url := c.URL("parity")
	out := runOK(t, "import", "--cluster", c.Name, url, evidence)
	if !strings.Contains(out, "IPDR") && !strings.Contains(out, "ipdr") {
		t.Logf("import output: %s", out)
	}
	// again: nothing new, exit 0, every file already in the case
	again := runOK(t, "import", "--json", "--cluster", c.Name, url, evidence)
	if n := strings.Count(again, "already in the case as source"); n != len(truth.Files) {
		t.Errorf("importing again: %d files said already in the case, want %d:\n%s", n, len(truth.Files), again)
	}

	t.Run("summary", func(t *testing.T) {
		norm := func(s string) string {
			var v map[string]any
			if err := json.Unmarshal([]byte(s), &v); err != nil {
				t.Fatal(err)
			}
			delete(v, "case")
			for _, src := range v["sources"].([]any) {
				delete(src.(map[string]any), "imported_at")
			}
			b, _ := json.MarshalIndent(v, "", " ")
			return string(b)
		}
		want := norm(runOK(t, "summary", "--json", local))
		got := norm(runOK(t, "summary", "--json", "--cluster", c.Name, url))
		if got != want {
			t.Fatalf("summary on the cluster:\n%s\nwant:\n%s", got, want)
		}
	})

	t.Run("persona", func(t *testing.T) {
		var numbers []string
		for _, s := range truth.Subscribers {
			numbers = append(numbers, s.MSISDN)
		}
		for _, s := range truth.SimBoxes {
			numbers = append(numbers, s.MSISDN)
		}
		numbers = append(numbers, truth.HonestVoice[:min(5, len(truth.HonestVoice))]...)
		for _, n := range numbers {
			want := storedAt.ReplaceAllString(runOK(t, "persona", "--json", "--top", "-1", local, n), "")
			got := storedAt.ReplaceAllString(runOK(t, "persona", "--json", "--top", "-1", "--cluster", c.Name, url, n), "")
			if got != want {
				t.Fatalf("persona %s on the cluster:\n%s\nwant:\n%s", n, got, want)
			}
		}
		// in a time scope, pushed down to the shards: the same persona
		for _, n := range []string{truth.Subscribers[0].MSISDN, truth.Subscribers[2].MSISDN, truth.SimBoxes[0].MSISDN, truth.Pairs[0].A} {
			whole := counted(t, runOK(t, "persona", "--json", "--top", "-1", local, n))
			for _, scope := range [][]string{
				{"--from", "2024-03-19", "--to", "2024-03-21"},
				{"--from", "2024-03-20 10:30"},
				{"--to", "2024-03-19 06:00"},
			} {
				raw := runOK(t, append(append([]string{"persona", "--json", "--top", "-1"}, scope...), local, n)...)
				want := storedAt.ReplaceAllString(raw, "")
				got := storedAt.ReplaceAllString(runOK(t, append(append([]string{"persona", "--json", "--top", "-1", "--cluster", c.Name}, scope...), url, n)...), "")
				if got != want {
					t.Fatalf("persona %s %v on the cluster:\n%s\nwant:\n%s", n, scope, got, want)
				}
				if in := counted(t, raw); in >= whole || in == 0 {
					t.Fatalf("persona %s %v: %d records in the scope, %d in the case: the scope did not narrow it", n, scope, in, whole)
				}
			}
		}
		// typed without its country code: found the same way
		n := truth.Subscribers[0].MSISDN
		short := n[len(n)-8:]
		want := storedAt.ReplaceAllString(runOK(t, "persona", "--json", local, short), "")
		got := storedAt.ReplaceAllString(runOK(t, "persona", "--json", "--cluster", c.Name, url, short), "")
		if got != want {
			t.Fatalf("persona %s on the cluster:\n%s\nwant:\n%s", short, got, want)
		}
	})

	t.Run("trends", func(t *testing.T) {
		for _, tc := range [][]string{
			{"--app", "WhatsApp"},
			{"--app", "no port"},
			{"--app", "port 443"},
			{"--app", "WhatsApp", "--from", "2024-03-19", "--to", "2024-03-21"},
		} {
			for _, who := range []string{"all", truth.Pairs[0].A, truth.Pairs[0].A + "," + truth.Pairs[0].B, truth.Subscribers[3].MSISDN} {
				want := storedAt.ReplaceAllString(runOK(t, append(append([]string{"trends", "--json"}, tc...), local, who)...), "")
				got := storedAt.ReplaceAllString(runOK(t, append(append([]string{"trends", "--json", "--cluster", c.Name}, tc...), url, who)...), "")
				if got != want {
					t.Fatalf("trends %v %s on the cluster:\n%s\nwant:\n%s", tc, who, got, want)
				}
			}
		}
	})

	t.Run("trends --list", func(t *testing.T) {
		for _, tc := range [][]string{
			{"--list", "--app", "WhatsApp", truth.Pairs[0].A},
			{"--list-csv", "--app", "Web (HTTPS)", truth.Pairs[0].A + "," + truth.Pairs[0].B},
			{"--list", "--app", "no port", "all"},
			{"--list-csv", "--app", "WhatsApp", "--from", "2024-03-20", "--to", "2024-03-20", "all"},
		} {
			who, flags := tc[len(tc)-1], tc[:len(tc)-1]
			// the "# " lines of --list-csv name the case, its command and
			// the time of export, which differ; the connections do not
			want := dropMetaLines(runOK(t, append(append([]string{"trends"}, flags...), local, who)...))
			got := dropMetaLines(runOK(t, append(append([]string{"trends", "--cluster", c.Name}, flags...), url, who)...))
			if got != want {
				t.Fatalf("trends %v %s on the cluster:\n%s\nwant:\n%s", flags, who, got, want)
			}
			if strings.Count(want, "\n") < 3 {
				t.Fatalf("trends %v %s lists no connections: the test proves nothing:\n%s", flags, who, want)
			}
		}
	})

	t.Run("simbox", func(t *testing.T) {
		norm := func(s string) string {
			var v map[string]any
			if err := json.Unmarshal([]byte(s), &v); err != nil {
				t.Fatal(err)
			}
			delete(v, "case") // the case's name: a path, a URL
			b, _ := json.MarshalIndent(v, "", " ")
			return string(b)
		}
		for _, tc := range [][]string{
			{},
			{"--threshold", "0.2"},
			{"--from", "2024-03-19", "--to", "2024-03-22"},
		} {
			want := norm(runOK(t, append(append([]string{"simbox", "--json"}, tc...), local)...))
			got := norm(runOK(t, append(append([]string{"simbox", "--json", "--cluster", c.Name}, tc...), url)...))
			if got != want {
				t.Fatalf("simbox %v on the cluster:\n%s\nwant:\n%s", tc, got, want)
			}
			if !strings.Contains(got, truth.SimBoxes[0].MSISDN) {
				t.Fatalf("simbox %v: the planted SIM %s is not in the answer", tc, truth.SimBoxes[0].MSISDN)
			}
		}
	})

	t.Run("contacts", func(t *testing.T) {
		for _, tc := range [][]string{
			{truth.Pairs[0].A},
			{truth.Pairs[1].B, "--window", "60s", "--top", "0"},
			{truth.Subscribers[5].MSISDN, "--window", "5m"},
			{truth.Pairs[0].B, "--window", "21600"}, // six hours: spans of hours, asked as ranges
			{truth.Pairs[0].A, "--from", "2024-03-19", "--to", "2024-03-22"},
			{truth.Pairs[1].B, "--window", "60s", "--top", "0", "--from", "2024-03-20 12:00"},
			{truth.Pairs[0].B, "--window", "21600", "--to", "2024-03-21"},
		} {
			who, flags := tc[0], tc[1:]
			want := runOK(t, append(append([]string{"contacts", "--json"}, flags...), local, who)...)
			got := runOK(t, append(append([]string{"contacts", "--json", "--cluster", c.Name}, flags...), url, who)...)
			if got != want {
				t.Fatalf("contacts %v on the cluster:\n%s\nwant:\n%s", tc, got, want)
			}
			if slices.Contains(flags, "--from") || slices.Contains(flags, "--to") {
				whole := runOK(t, "contacts", "--json", local, who)
				if in, all := recordsA(t, got), recordsA(t, whole); in >= all || in == 0 {
					t.Fatalf("contacts %v: %d records of A in the scope, %d in the case: the scope did not narrow it", tc, in, all)
				}
			}
			if tc[0] == truth.Pairs[0].A && !strings.Contains(got, truth.Pairs[0].B) {
				t.Fatalf("contacts of %s: the planted partner %s is missing", who, truth.Pairs[0].B)
			}
		}
	})

	t.Run("correlate", func(t *testing.T) {
		p, q := truth.Pairs[0], truth.Pairs[1]
		for _, tc := range [][]string{
			{p.A, p.B},
			{p.B, p.A, "--list", "-1"},
			{q.A, q.B, "--match", "port", "--window", "60s", "--list", "-1"},
			{p.A, p.B, "--from", "2024-03-19", "--to", "2024-03-21", "--list", "5"},
			{p.A, truth.Subscribers[7].MSISDN, "--window", "5m"},
		} {
			a, b, flags := tc[0], tc[1], tc[2:]
			want := runOK(t, append(append([]string{"correlate", "--json"}, flags...), local, a, b)...)
			got := runOK(t, append(append([]string{"correlate", "--json", "--cluster", c.Name}, flags...), url, a, b)...)
			if got != want {
				t.Fatalf("correlate %v on the cluster:\n%s\nwant:\n%s", tc, got, want)
			}
			if len(tc) == 2 && !strings.Contains(got, `"a_source": "`) {
				t.Fatalf("correlate %v: the planted pair lists no matched pair with its source:\n%s", tc, got)
			}
		}
		// the text too: the same lines
		want := runOK(t, "correlate", local, p.A, p.B)
		if got := runOK(t, "correlate", "--cluster", c.Name, url, p.A, p.B); got != want {
			t.Fatalf("correlate on the cluster (text):\n%s\nwant:\n%s", got, want)
		}
	})

	t.Run("hunt", func(t *testing.T) {
		h := truth.Hunt
		dest := fmt.Sprintf("%s:%d", h.DestIP, h.DestPort)
		from := h.From.Format("2006-01-02T15:04:05")
		to := h.To.Add(-time.Second).Format("2006-01-02T15:04:05")
		norm := func(s string) string {
			var v map[string]any
			if err := json.Unmarshal([]byte(s), &v); err != nil {
				t.Fatal(err)
			}
			delete(v, "access") // how the case was read: an index, a cluster
			b, _ := json.MarshalIndent(v, "", " ")
			return string(b)
		}
		cells := strings.Join(h.Cells, ",")
		for _, tc := range [][]string{
			{"--dest", dest, "--cell", h.CellPrefix + "*", "--from", from, "--to", to},
			{"--dest", dest},
			{"--dest", h.DestIP + "/24"},
			{"--port", strconv.Itoa(h.DestPort), "--from", from, "--to", to},
			{"--cell", cells},
			{"--dest", dest, "--cell", "999-99-1-1"},
		} {
			want := norm(runOK(t, append([]string{"hunt", "--json", local}, tc...)...))
			got := norm(runOK(t, append([]string{"hunt", "--json", "--cluster", c.Name, url}, tc...)...))
			if got != want {
				t.Fatalf("hunt %v on the cluster:\n%s\nwant:\n%s", tc, got, want)
			}
		}
		visitor := truth.Hunt.Visitors[0].MSISDN
		got := runOK(t, "hunt", "--records", "--cluster", c.Name, url, "--dest", dest, "--cell", h.CellPrefix+"*", "--from", from, "--to", to)
		if !strings.Contains(got, visitor) {
			t.Fatalf("hunt --records on the cluster does not list the visitor %s:\n%s", visitor, got)
		}
		// the "found" line ends by how the case was read: set apart
		readBy := regexp.MustCompile(`(?m)^(found .*) \(read by .*$`)
		got = readBy.ReplaceAllString(got, "$1")
		if want := readBy.ReplaceAllString(runOK(t, "hunt", "--records", local, "--dest", dest, "--cell", h.CellPrefix+"*", "--from", from, "--to", to), "$1"); got != want {
			t.Fatalf("hunt --records on the cluster:\n%s\nwant:\n%s", got, want)
		}
	})

	t.Run("password never printed", func(t *testing.T) {
		for _, args := range [][]string{
			{"summary", "clickhouse://ana:s3cret@127.0.0.1:1/case42"},                                     // no server there
			{"summary", strings.Replace(c.URL("parity"), "clickhouse://", "clickhouse://ana:s3cret@", 1)}, // no such user
		} {
			var out, errOut bytes.Buffer
			if code := run(args, &out, &errOut); code == 0 {
				t.Errorf("cdrtui %s: exit 0", strings.Join(args, " "))
			}
			if strings.Contains(errOut.String()+out.String(), "s3cret") {
				t.Errorf("cdrtui %s printed the password: %s", args[0], errOut.String())
			}
		}
	})

	// notes and saved hunts kept in the cluster case answer as in the
	// local case: the same numbers, lists and reruns (times set apart)
	t.Run("notes and saved hunts", func(t *testing.T) {
		// times, and how the case was read (an index, a cluster), set
		// apart; JSON compared as data, text as printed
		apart := map[string]bool{"created_at": true, "ran_at": true, "created": true, "ran": true, "previous_ran_at": true, "access": true}
		var drop func(v any) any
		drop = func(v any) any {
			switch x := v.(type) {
			case map[string]any:
				for k := range x {
					if apart[k] {
						delete(x, k)
					} else {
						x[k] = drop(x[k])
					}
				}
			case []any:
				for i := range x {
					x[i] = drop(x[i])
				}
			}
			return v
		}
		norm := func(out string) string {
			var v any
			if json.Unmarshal([]byte(out), &v) != nil {
				return regexp.MustCompile(`\(read by [^)]*\)`).ReplaceAllString(out, "")
			}
			b, _ := json.MarshalIndent(drop(v), "", "  ")
			return string(b)
		}
		both := func(args ...string) (got, want string) {
			t.Helper()
			want = norm(runOK(t, append(args[:1:1], append([]string{local}, args[1:]...)...)...))
			got = norm(runOK(t, append(args[:1:1], append([]string{"--cluster", c.Name, url}, args[1:]...)...)...))
			return got, want
		}
		a, b := truth.Subscribers[0].MSISDN, truth.Subscribers[1].MSISDN
		for _, add := range [][]string{
			{"note", "add", "subscriber", a, "seen", "at", "the", "port", "--tag", "lead,Port", "--json"},
			{"note", "add", "subscriber", b, "second", "--tag", "port", "--json"},
			{"note", "add", "pair", a + "+" + b, "third", "--json"},
		} {
			if got, want := both(add...); got != want {
				t.Errorf("note add on the cluster:\n%s\nwant:\n%s", got, want)
			}
		}
		both("note", "remove", "2")
		got, want := both("note", "list", "--json")
		if got != want || !strings.Contains(want, `"id": 3`) || strings.Contains(want, `"id": 2`) {
			t.Errorf("notes on the cluster:\n%s\nwant:\n%s", got, want)
		}
		if got, want := both("note", "list", "--tag", "PORT", "--json"); got != want || !strings.Contains(want, a) || strings.Contains(want, b) {
			t.Errorf("notes tagged port on the cluster:\n%s\nwant:\n%s", got, want)
		}
		h := truth.Hunt
		dest := h.DestIP + ":" + strconv.Itoa(h.DestPort)
		if got, want := both("hunt", "--dest", dest, "--save", "blue whale", "--json"); got != want {
			t.Errorf("hunt --save on the cluster:\n%s\nwant:\n%s", got, want)
		}
		both("hunt", "--dest", h.DestIP, "--save", "grey seal")
		// listed most recently run first: two saved within a second of
		// each other are listed by name, so the order depends on when the
		// second turned; compared in name order
		byName := func(s string) string {
			var v []map[string]any
			if err := json.Unmarshal([]byte(s), &v); err != nil {
				t.Fatalf("saved hunts: %v\n%s", err, s)
			}
			slices.SortFunc(v, func(a, b map[string]any) int { return strings.Compare(a["name"].(string), b["name"].(string)) })
			out, _ := json.Marshal(v)
			return string(out)
		}
		got, want = both("hunt", "--saved", "--json")
		got, want = byName(got), byName(want)
		if got != want || !strings.Contains(want, "blue whale") || !strings.Contains(want, "grey seal") {
			t.Errorf("saved hunts on the cluster:\n%s\nwant:\n%s", got, want)
		}
		if got, want := both("hunt", "--rerun", "blue whale", "--json"); got != want || !strings.Contains(want, `"recorded": true`) {
			t.Errorf("hunt --rerun on the cluster:\n%s\nwant:\n%s", got, want)
		}
		both("hunt", "--delete", "grey seal")
		if got, want := both("hunt", "--saved", "--json"); got != want || strings.Contains(want, "grey seal") {
			t.Errorf("saved hunts after a delete on the cluster:\n%s\nwant:\n%s", got, want)
		}
		var out, errOut bytes.Buffer
		if code := run([]string{"hunt", "--cluster", c.Name, url, "--rerun", "grey seal"}, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "no saved hunt") {
			t.Errorf("rerun of a deleted hunt on the cluster: exit %d, %s", code, errOut.String())
		}
	})

	// Every command above recorded its run in the cluster case's trail,
	// each in a chain of its own, each chain following the newest entry
	// before it; the last run's result hash is the SHA-256 of what it
	// printed.
	t.Run("audit", func(t *testing.T) {
		a := truth.Subscribers[0].MSISDN
		var out, errOut bytes.Buffer
		if code := run([]string{"persona", "--json", "--cluster", c.Name, url, a}, &out, &errOut); code != 0 || errOut.Len() > 0 {
			t.Fatalf("persona on the cluster: exit %d, stderr %q", code, errOut.String())
		}
		printed := sha256.Sum256(out.Bytes())
		var trail struct {
			Raw   []map[string]any `json:"entries"`
			Check map[string]any   `json:"check"`
		}
		if err := json.Unmarshal([]byte(runOK(t, "audit", "--json", "--cluster", c.Name, url)), &trail); err != nil {
			t.Fatal(err)
		}
		es := trail.Raw
		if trail.Check["ok"] != true || len(es) < 5 {
			t.Fatalf("the cluster trail: %d entries, check %v", len(es), trail.Check)
		}
		chains := map[string]bool{}
		for i, e := range es {
			chain, _ := e["chain"].(string)
			if chain == "" || chains[chain] || e["seq"] != 1.0 {
				t.Errorf("entry %d: chain %q seq %v: want a new chain per command, starting at 1", i, chain, e["seq"])
			}
			chains[chain] = true
			want := "0000000000000000000000000000000000000000000000000000000000000000"
			if i > 0 {
				want = es[i-1]["entry_sha256"].(string)
			}
			if e["prev_sha256"] != want {
				t.Errorf("entry %d (%v) follows %v, want %s", i, e["action"], e["prev_sha256"], want)
			}
		}
		if es[0]["action"] != "import" {
			t.Errorf("first entry: %v, want the import", es[0]["action"])
		}
		last := es[len(es)-1]
		if last["action"] != "persona" || last["result_sha256"] != hex.EncodeToString(printed[:]) || !strings.Contains(last["params"].(string), a) {
			t.Errorf("last entry %v: want persona of %s with result %x", last, a, printed)
		}
		if trail.Check["chains"] != float64(len(es)) {
			t.Errorf("check names %v chains, want %d", trail.Check["chains"], len(es))
		}
		if v := runOK(t, "audit", "--verify", "--cluster", c.Name, url); !strings.HasPrefix(v, fmt.Sprintf("audit trail unbroken: %d entries in %d chains, head sha256 ", len(es), len(es))) {
			t.Errorf("audit --verify on the cluster: %q", v)
		}
	})

	t.Run("refusals", func(t *testing.T) {
		for _, args := range [][]string{
			{"persona", "--cluster", c.Name, local, truth.Subscribers[0].MSISDN},                 // --cluster with a local case
			{"persona", "--ports", local, "--cluster", c.Name, url, truth.Subscribers[0].MSISDN}, // --ports on a cluster
			{"persona", "--cluster", c.Name, url, "000000000000"},                                // no such subscriber
			{"summary", c.URL("nocase")},                                                         // no case there
			{"persona", "--cluster", "nosuchcluster", url, truth.Subscribers[0].MSISDN},          // unknown cluster
		} {
			var out, errOut bytes.Buffer
			if code := run(args, &out, &errOut); code == 0 {
				t.Errorf("cdrtui %s: exit 0, want a refusal", strings.Join(args, " "))
			} else if errOut.Len() == 0 {
				t.Errorf("cdrtui %s: refused without a word", strings.Join(args, " "))
			} else if strings.Contains(errOut.String(), "no case file") {
				t.Errorf("cdrtui %s: took the URL for a file: %s", strings.Join(args, " "), errOut.String())
			}
		}
	})
}

// counted is a persona's data and voice records (its --json).
func counted(t *testing.T, s string) int64 {
	t.Helper()
	var v struct {
		Total        int64 `json:"total"`
		VoiceRecords int64 `json:"voice_records"`
	}
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	return v.Total + v.VoiceRecords
}

// recordsA is the records of A a contacts ranking counted (its --json).
func recordsA(t *testing.T, s string) int {
	t.Helper()
	var v struct {
		RecordsA int `json:"records_a"`
	}
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	return v.RecordsA
}
