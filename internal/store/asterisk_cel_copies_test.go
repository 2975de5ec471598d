package store

import (
	"context"
	"fmt"
	"github.com/cdrtui/cdrtui/internal/testkit"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// celCopiesImage is a seized image of our own holding the same call's
// events twice: cel-custom/Master.csv (cel_custom.conf maps its columns)
// and master.db's cel table (cel_sqlite3_custom), which writes the times
// differently ("1709283600.0001" for the CSV's "1709283600.000100").
//
// Master.csv: line 1 CHAN_START, 2 ANSWER, 3 HANGUP at .000000, 4 HANGUP
// at .000001 (the same but for its microsecond: another event), 5 line 2
// again (a repeated row). master.db's cel: rowid 1 CHAN_START and 2
// ANSWER (the CSV's lines 1 and 2), 3 CHAN_END (only there).
//
// By hand: 5 events (CHAN_START, ANSWER, two HANGUPs, CHAN_END), 3
// copies (Master.csv line 5, master.db rowids 1 and 2), one call.
func celCopiesImage(t *testing.T) *Store {
	t.Helper()
	root := t.TempDir()
	row := func(tm, ev string) string {
		return `"` + tm + `","` + ev + `","SIP/201-00000001","1709283600.1","1709283600.1","201","Alice","300","internal","Dial","SIP/300,30",""` + "\n"
	}
	testkit.WriteTree(t, root, map[string]string{
		"etc/timezone":          "UTC\n",
		"etc/asterisk/cel.conf": "[general]\nenable=yes\n",
		"etc/asterisk/cel_custom.conf": "[mappings]\nMaster.csv => ${CSV_QUOTE(${eventtime})},${CSV_QUOTE(${eventtype})},${CSV_QUOTE(${CHANNEL(channame)})}," +
			"${CSV_QUOTE(${CHANNEL(uniqueid)})},${CSV_QUOTE(${CHANNEL(linkedid)})},${CSV_QUOTE(${CALLERID(num)})},${CSV_QUOTE(${CALLERID(name)})}," +
			"${CSV_QUOTE(${CHANNEL(exten)})},${CSV_QUOTE(${CHANNEL(context)})},${CSV_QUOTE(${CHANNEL(appname)})},${CSV_QUOTE(${CHANNEL(appdata)})},${CSV_QUOTE(${BRIDGEPEER})}\n",
		"var/log/asterisk/cel-custom/Master.csv": row("1709283600.000100", "CHAN_START") + row("1709283605.250000", "ANSWER") +
			row("1709283665.000000", "HANGUP") + row("1709283665.000001", "HANGUP") + row("1709283605.250000", "ANSWER"),
	})
	ins := func(id int, tm, ev string) string {
		return fmt.Sprintf(`INSERT INTO cel VALUES (%d, '%s', '%s', 'Alice', '201', '300', 'internal', 'SIP/201-00000001', 'Dial', 'SIP/300,30', '1709283600.1', '1709283600.1', '', '')`, id, ev, tm)
	}
	writeMasterDB(t, filepath.Join(root, "var/log/asterisk/master.db"),
		`CREATE TABLE cel (id INTEGER PRIMARY KEY, eventtype TEXT, eventtime TEXT, cid_name TEXT, cid_num TEXT, exten TEXT, context TEXT,
			channame TEXT, appname TEXT, appdata TEXT, uniqueid TEXT, linkedid TEXT, peer TEXT, eventextra TEXT)`,
		ins(1, "1709283600.0001", "CHAN_START"), ins(2, "1709283605.25", "ANSWER"), ins(3, "1709283665.5", "CHAN_END"))
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{root}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Error != "" || r.Skipped != "" && strings.HasSuffix(r.Path, "Master.csv") {
			t.Fatalf("%+v", r)
		}
	}
	return st
}

// where lists an event's occurrences as "file:line", the kept row's and
// its copies', sorted (which source is read first does not matter).
func where(e CELEventRow) string {
	at := []string{fmt.Sprintf("%s:%d", filepath.Base(e.Source), e.Line)}
	for _, c := range e.AlsoIn {
		at = append(at, fmt.Sprintf("%s:%d", filepath.Base(c.Source), c.Line))
	}
	sort.Strings(at)
	return strings.Join(at, " ")
}

// The same event in a cel-custom CSV and in master.db's cel table counts
// once, a row repeated in one file counts once, each copy keeps its
// source and line; two events differing only in usec stay two.
func TestCELCopiesCountOnce(t *testing.T) {
	st := celCopiesImage(t)
	ctx := context.Background()
	var rows, copies int64
	st.DB().QueryRow("SELECT (SELECT count(*) FROM ast_cel), (SELECT count(*) FROM ast_cel_copies)").Scan(&rows, &copies)
	if rows != 5 || copies != 3 {
		t.Fatalf("ast_cel %d rows, ast_cel_copies %d, want 5 and 3", rows, copies)
	}
	sum, err := st.CELSummary(ctx)
	if err != nil || sum.Events != 5 || sum.Calls != 1 || sum.Copies != 3 {
		t.Fatalf("summary %+v %v", sum, err)
	}
	calls, err := st.CELCalls(ctx, "", 0)
	if err != nil || len(calls) != 1 || calls[0].Events != 5 || calls[0].Copies != 3 || calls[0].Channels != 1 {
		t.Fatalf("calls %+v %v", calls, err)
	}
	evs, err := st.CELEvents(ctx, "1709283600.1")
	if err != nil || len(evs) != 5 {
		t.Fatalf("%v %+v", err, evs)
	}
	var got []string
	for _, e := range evs {
		got = append(got, fmt.Sprintf("%s %d.%06d at %s", e.Event, e.Time, e.Usec, where(e)))
	}
	want := []string{
		"CHAN_START 1709283600.000100 at Master.csv:1 master.db:1",
		"ANSWER 1709283605.250000 at Master.csv:2 Master.csv:5 master.db:2",
		"HANGUP 1709283665.000000 at Master.csv:3",
		"HANGUP 1709283665.000001 at Master.csv:4",
		"CHAN_END 1709283665.500000 at master.db:3",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("events:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var notes string
	st.DB().QueryRow("SELECT group_concat(notes, ' | ') FROM sources WHERE kind IN (?, ?)", KindAsteriskCEL, KindAsteriskCDR).Scan(&notes)
	if !strings.Contains(notes, "kept once, each copy listed in ast_cel_copies with its line") {
		t.Errorf("notes %q", notes)
	}
}

// A case made before migration 0018 holds each copy as an event of its
// own (8 rows of the image above); opening it folds them: the same 5
// events, each copy in ast_cel_copies with its source and line.
func TestCELCopiesMigrationFoldsOldCase(t *testing.T) {
	st := celCopiesImage(t)
	ctx := context.Background()
	before, err := st.CELEvents(ctx, "1709283600.1")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"DROP INDEX ast_cel_identity",
		`INSERT INTO ast_cel(source_id, line, time, usec, time_text, event, userdeftype, channel, uniqueid, linkedid, cid_name, cid_num, cid_ani,
			cid_dnid, exten, context, app, appdata, accountcode, peer, extra)
		SELECT k.source_id, k.line, e.time, e.usec, e.time_text, e.event, e.userdeftype, e.channel, e.uniqueid, e.linkedid, e.cid_name, e.cid_num,
			e.cid_ani, e.cid_dnid, e.exten, e.context, e.app, e.appdata, e.accountcode, e.peer, e.extra
		FROM ast_cel_copies k JOIN ast_cel e ON e.id = k.cel_id`,
		"DROP TABLE ast_cel_copies",
	} {
		if _, err := st.DB().Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	var n int64
	if st.DB().QueryRow("SELECT count(*) FROM ast_cel").Scan(&n); n != 8 {
		t.Fatalf("the old case holds %d rows, want 8", n)
	}
	setVersionBefore(t, st, "ast_cel_copies.sql")
	path := st.path
	st.Close()
	st, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sum, err := st.CELSummary(ctx)
	if err != nil || sum.Events != 5 || sum.Copies != 3 {
		t.Fatalf("after the migration: %+v %v", sum, err)
	}
	after, err := st.CELEvents(ctx, "1709283600.1")
	if err != nil || len(after) != len(before) {
		t.Fatalf("%v %d events", err, len(after))
	}
	for i := range before {
		if a, b := where(after[i]), where(before[i]); a != b {
			t.Errorf("event %d at %s, want %s", i, a, b)
		}
	}
}
