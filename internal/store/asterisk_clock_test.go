package store

import (
	"context"
	"github.com/cdrtui/cdrtui/internal/testkit"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// cdrRows writes the cdr table export of two calls whose uniqueids say
// they began at 2025-01-02 04:30:00 and 05:00:00 UTC; the calldates are
// written as the test's case needs.
func cdrRows(start1, start2 string) string {
	return "calldate,clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,duration,billsec,disposition,uniqueid\n" +
		start1 + `,"""Ravi"" <201>",201,202,from-internal,SIP/201-00000001,SIP/202-00000002,Dial,"SIP/202,20",30,25,ANSWERED,1735792200.1` + "\n" +
		start2 + `,"""Mala"" <203>",203,201,from-internal,SIP/203-00000003,SIP/201-00000004,Dial,"SIP/201,20",10,0,NO ANSWER,1735794000.2` + "\n"
}

type startOff struct{ start, off int64 }

func callStarts(t *testing.T, st *Store, sourceID int64) []startOff {
	t.Helper()
	rows, err := st.DB().Query("SELECT start, wall_offset FROM ast_calls WHERE source_id = ? ORDER BY line", sourceID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []startOff
	for rows.Next() {
		var s startOff
		rows.Scan(&s.start, &s.off)
		out = append(out, s)
	}
	return out
}

// cdr_adaptive_odbc.conf decides, table by table, the clock of a CDR
// table export: [first] writes table cdr with usegmtime=yes, so cdr.csv is
// UTC (its wall clocks given by the image's zone, Asia/Kolkata); [second]
// writes extracdr with the default usegmtime=no, so extracdr.csv is local.
func TestAdaptiveODBCUseGMTimePerTable(t *testing.T) {
	root := t.TempDir()
	testkit.WriteTree(t, root, map[string]string{
		"etc/timezone": "Asia/Kolkata\n",
		"etc/asterisk/cdr_adaptive_odbc.conf": "[first]\nconnection=asteriskcdrdb\ntable=cdr\nusegmtime=yes ; UTC\n\n" +
			"[second]\nconnection=asteriskcdrdb\ntable=extracdr\nalias start => calldate\n",
		"root/exports/cdr.csv":      cdrRows("2025-01-02 04:30:00", "2025-01-02 05:00:00"),
		"root/exports/extracdr.csv": cdrRows("2025-01-02 10:00:00", "2025-01-02 10:30:00"),
	})
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{root}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []startOff{{1735792200, 19800}, {1735794000, 19800}}
	seen := 0
	for _, r := range res {
		base := filepath.Base(r.Path)
		if base != "cdr.csv" && base != "extracdr.csv" {
			continue
		}
		seen++
		// both tables hold the same two CDRs: the file read second lists
		// them as copies of the first's (its clock check, below, says it
		// was read at the offset the uniqueids give)
		got := callStarts(t, st, r.SourceID)
		if len(got) == 0 && r.Duplicates == 2 {
			got = want
		}
		if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
			t.Errorf("%s: %+v (copies %d), want %+v", base, got, r.Duplicates, want)
		}
		var verdict, notes string
		st.DB().QueryRow("SELECT verdict FROM ast_checks WHERE source_id = ?", r.SourceID).Scan(&verdict)
		st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", r.SourceID).Scan(&notes)
		if verdict != "agrees" {
			t.Errorf("%s: clock check %q", base, verdict)
		}
		switch base {
		case "cdr.csv":
			if r.Zone != "UTC" || !strings.Contains(notes, "cdr_adaptive_odbc.conf [first] line 4: usegmtime for table cdr, so UTC") {
				t.Errorf("cdr.csv zone %q notes %q", r.Zone, notes)
			}
		case "extracdr.csv":
			if r.Zone != "Asia/Kolkata" || !strings.Contains(notes, "[second] writes table extracdr with no usegmtime (default no), so local time") {
				t.Errorf("extracdr.csv zone %q notes %q", r.Zone, notes)
			}
		}
	}
	if seen != 2 {
		t.Fatalf("%d of the 2 exports imported: %+v", seen, res)
	}
}

// Sections that disagree and a file name that names neither table: read
// in the image's zone, and the notes say why.
func TestAdaptiveODBCAmbiguous(t *testing.T) {
	root := t.TempDir()
	testkit.WriteTree(t, root, map[string]string{
		"etc/timezone":                        "Asia/Kolkata\n",
		"etc/asterisk/cdr_adaptive_odbc.conf": "[a]\ntable=cdr\nusegmtime=yes\n[b]\ntable=cdr2\nusegmtime=no\n",
		"root/calls-export.csv":               cdrRows("2025-01-02 10:00:00", "2025-01-02 10:30:00"),
	})
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{root}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if filepath.Base(r.Path) != "calls-export.csv" {
			continue
		}
		var notes string
		st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", r.SourceID).Scan(&notes)
		if r.Zone != "Asia/Kolkata" || !strings.Contains(notes, "sections disagree") {
			t.Errorf("zone %q notes %q", r.Zone, notes)
		}
		return
	}
	t.Fatalf("not imported: %+v", res)
}

// A PostgreSQL export (cdr_pgsql's table, COPY ... CSV HEADER) writes a
// timestamptz with its offset: each time is read at its own offset, kept
// as its wall clock's, whatever zone the file would otherwise be read in.
func TestPostgresOffsetTimes(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "cdr_pgsql.csv")
	testkit.WriteTree(t, dir, map[string]string{"cdr_pgsql.csv": cdrRows("2025-01-02 10:00:00+05:30", "2025-01-02 05:00:00.250+00")})
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{p}, ImportOptions{Zone: mustZone(t, "America/New_York")})
	if err != nil || res[0].Rows != 2 || res[0].Rejected != 0 {
		t.Fatalf("%v %+v", err, res)
	}
	got := callStarts(t, st, res[0].SourceID)
	want := []startOff{{1735792200, 19800}, {1735794000, 0}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("%+v, want %+v", got, want)
	}
	var text string
	st.DB().QueryRow("SELECT start_text FROM ast_calls WHERE line = 2").Scan(&text)
	if text != "2025-01-02 10:00:00+05:30" {
		t.Errorf("start_text %q, want as written", text)
	}
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// An Issabel image as its administrators publish it (the layout of a
// public backup of /etc/asterisk: cdr.conf [csv] usegmtime=yes beside
// cdr_adaptive_odbc.conf's [adaptive_connection] table=cdr usegmtime=no and
// a cdr_sqlite3_custom.conf adding src and dst after the sample's
// columns): the same call is in Master.csv in UTC, in the cdr table export
// and in master.db in local time. Each is read by its own module's
// setting, so the three agree on the instant and the wall clock.
func TestIssabelThreeCDRClocks(t *testing.T) {
	root := t.TempDir()
	testkit.WriteTree(t, root, map[string]string{
		"etc/timezone":          "America/Guayaquil\n",
		"etc/asterisk/cdr.conf": "[general]\nunanswered = yes\ncongestion = yes\n\n[csv]\nusegmtime=yes    ; log date/time in GMT.  Default is \"no\"\nloguniqueid=yes  ; log uniqueid.  Default is \"no\"\nloguserfield=yes ; log user field.  Default is \"no\"\naccountlogs=yes\n",
		"etc/asterisk/cdr_adaptive_odbc.conf": ";[first]\n;connection=mysql1\n;table=cdr\n;usegmtime=yes ; defaults to no\n" +
			"[adaptive_connection]\nconnection=asteriskcdrdb\ntable=cdr\nusegmtime=no\nalias start => calldate\nunaswered= yes\ncongestion= yes\n",
		"etc/asterisk/cdr_sqlite3_custom.conf": "[master] ; currently, only file \"master.db\" is supported, with only one table at a time.\ntable => cdr\n" +
			"columns => calldate, clid, dcontext, channel, dstchannel, lastapp, lastdata, duration, billsec, disposition, amaflags, accountcode, uniqueid, userfield, test, src, dst\n" +
			"values => '${CDR(start)}','${CDR(clid)}','${CDR(dcontext)}','${CDR(channel)}','${CDR(dstchannel)}','${CDR(lastapp)}','${CDR(lastdata)}','${CDR(duration)}','${CDR(billsec)}','${CDR(disposition)}','${CDR(amaflags)}','${CDR(accountcode)}','${CDR(uniqueid)}','${CDR(userfield)}','${CDR(test)}','${CDR(src)}','${CDR(dst)}'\n",
		// 10:00 UTC = 05:00 in Guayaquil (UTC-5)
		"var/log/asterisk/cdr-csv/Master.csv": `"","300","0991234567","from-internal","""Caja"" <300>","SIP/300-00000001","SIP/cnt-00000002","Dial","SIP/cnt/0991234567,300,Tt","2025-01-02 10:00:00","2025-01-02 10:00:04","2025-01-02 10:01:04",64,60,"ANSWERED","DOCUMENTATION","1735812000.1",""` + "\n",
		"root/asteriskcdrdb-cdr.csv": "calldate,clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,duration,billsec,disposition,uniqueid\n" +
			`2025-01-02 05:00:00,"""Caja"" <300>",300,0991234567,from-internal,SIP/300-00000001,SIP/cnt-00000002,Dial,"SIP/cnt/0991234567,300,Tt",64,60,ANSWERED,1735812000.1` + "\n",
	})
	writeMasterDB(t, filepath.Join(root, "var/log/asterisk/master.db"),
		`CREATE TABLE cdr (calldate, clid, dcontext, channel, dstchannel, lastapp, lastdata, duration, billsec, disposition, amaflags, accountcode, uniqueid, userfield, test, src, dst)`,
		`INSERT INTO cdr VALUES ('2025-01-02 05:00:00', '"Caja" <300>', 'from-internal', 'SIP/300-00000001', 'SIP/cnt-00000002', 'Dial', 'SIP/cnt/0991234567,300,Tt', 64, 60, 'ANSWERED', 'DOCUMENTATION', '', '1735812000.1', '', '', '300', '0991234567')`)
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{root}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	zones := map[string]string{"Master.csv": "UTC", "asteriskcdrdb-cdr.csv": "America/Guayaquil", "master.db": "America/Guayaquil"}
	for _, r := range res {
		want, ok := zones[filepath.Base(r.Path)]
		if !ok {
			continue
		}
		delete(zones, filepath.Base(r.Path))
		// the call is kept once, from Master.csv (read first); the table
		// export and master.db hold the same CDR, listed as its copies:
		// their clock check says each was read at the offset its uniqueid
		// gives
		var verdict string
		st.DB().QueryRow("SELECT verdict FROM ast_checks WHERE source_id = ? AND topic = 'clock'", r.SourceID).Scan(&verdict)
		got := callStarts(t, st, r.SourceID)
		if filepath.Base(r.Path) == "Master.csv" {
			if r.Zone != want || len(got) != 1 || got[0] != (startOff{1735812000, -18000}) || verdict != "agrees" {
				t.Errorf("%s: zone %q (want %s), calls %+v, clock %q", filepath.Base(r.Path), r.Zone, want, got, verdict)
			}
		} else if r.Zone != want || len(got) != 0 || r.Duplicates != 1 || verdict != "agrees" {
			t.Errorf("%s: zone %q (want %s), calls %+v, copies %d (want 1), clock %q", filepath.Base(r.Path), r.Zone, want, got, r.Duplicates, verdict)
		}
	}
	if len(zones) != 0 {
		t.Errorf("not imported: %v", zones)
	}
}

// The sample's [third] section: a table of its own name written in UTC
// whose columns are renamed by alias lines (src => source, dst => dest,
// channel => source_channel, dstchannel => dest_channel). Its export is read
// through those names, on the Asterisk path, in UTC.
func TestAdaptiveODBCAliases(t *testing.T) {
	st, byName := importImageByName(t, map[string]string{
		"etc/timezone": "Europe/Madrid\n",
		"etc/asterisk/cdr_adaptive_odbc.conf": "[third]\nconnection=sqlserver\ntable=AsteriskCDR\nschema=public\nusegmtime=yes ; defaults to no\n" +
			"alias src => source\nalias channel => source_channel\nalias dst => dest\nalias dstchannel => dest_channel\n",
		"root/AsteriskCDR.csv": "start,clid,source,dest,dcontext,source_channel,dest_channel,lastapp,lastdata,duration,billsec,disposition,uniqueid\n" +
			`2025-01-02 10:00:00,"""Lola"" <201>",201,202,from-internal,SIP/201-00000001,SIP/202-00000002,Dial,"SIP/202,20",30,25,ANSWERED,1735812000.1` + "\n",
	})
	r := byName["AsteriskCDR.csv"]
	if r.Kind != KindAsteriskCDR || r.Rows != 1 || r.Zone != "UTC" || !strings.Contains(r.Format, "aliases of cdr_adaptive_odbc.conf") {
		t.Fatalf("%+v", r)
	}
	var src, dst, ch, dstch string
	var start, off int64
	st.DB().QueryRow("SELECT src, dst, channel, dstchannel, start, wall_offset FROM ast_calls WHERE source_id = ?", r.SourceID).Scan(&src, &dst, &ch, &dstch, &start, &off)
	if src != "201" || dst != "202" || ch != "SIP/201-00000001" || dstch != "SIP/202-00000002" || start != 1735812000 || off != 3600 {
		t.Errorf("%s %s %s %s %d %d", src, dst, ch, dstch, start, off)
	}
}
