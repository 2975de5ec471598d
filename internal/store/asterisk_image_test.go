package store

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"github.com/cdrtui/cdrtui/internal/testkit"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func gzipped(t *testing.T, s string) string {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.String()
}

const (
	imageCall1 = `"","9876500001","98765000019123456789","from-pbx","""Boss"" <9876500001>","SIP/pbx-00000001","Dongle/dongle0-0100000001","Dial","Dongle/dongle0/9123456789,60","2024-03-18 10:00:00","2024-03-18 10:00:05","2024-03-18 10:01:05",65,60,"ANSWERED","DOCUMENTATION","1710736200.1",""`
	imageCall2 = `"100","9876500001","9123000000","from-pbx","""Boss"" <9876500001>","SIP/pbx-00000002","Dongle/dongle0-0100000002","Dial","Dongle/dongle0/9123000000,60","2024-03-18 23:30:00",,"2024-03-18 23:30:20",20,0,"NO ANSWER","DOCUMENTATION","1710786000.2",""`
	imageLog   = "[Mar 18 10:00:00] VERBOSE[100][C-00000001] pbx.c: -- Executing [s@from-pbx:1] Dial\n" +
		"[Mar 18 10:00:01] WARNING[100] chan_dongle.c: [dongle0] weak signal\n"
	imageOldLog = "[Dec 31 23:59:59] NOTICE[1] loader.c: started\n[Jan  1 00:00:05] NOTICE[1] cdr.c: CDR simple logging enabled.\n"
)

func testImageFiles(t *testing.T) map[string]string {
	return map[string]string{
		"etc/timezone":                               "Europe/Moscow\n",
		"var/log/asterisk/cdr-csv/Master.csv":        imageCall1 + "\n" + imageCall2 + "\n",
		"var/log/asterisk/cdr-csv/100.csv":           imageCall2 + "\n",
		"var/log/asterisk/messages":                  imageLog,
		"var/log/asterisk/messages.1.gz":             gzipped(t, imageOldLog),
		"etc/asterisk/dongle.conf":                   "[dongle0]\nimei=356408037586752\nimsi=250011234567890\nexten=+79161234567\n",
		"root/.bash_history":                         "#1710700000\napt install asterisk\n",
		"home/ivan/Documents/notes.txt":              "not evidence\n",
		"usr/share/doc/asterisk/changelog.Debian.gz": gzipped(t, "asterisk (1:16) unstable; urgency=medium\n"),
	}
}

func TestImportImageTree(t *testing.T) {
	root := t.TempDir()
	testkit.WriteTree(t, root, testImageFiles(t))
	const linkText = "/nonexistent-zoneinfo/zoneinfo/Asia/Kolkata"
	if err := os.Symlink(linkText, filepath.Join(root, "etc", "localtime")); err != nil {
		t.Fatal(err)
	}
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{root}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]FileResult{}
	for _, r := range res {
		rel, _ := filepath.Rel(root, r.Path)
		got[filepath.ToSlash(rel)] = r
		if r.Error != "" {
			t.Errorf("%s: %s", rel, r.Error)
		}
	}
	// The link is the zone: its text is hashed, it is not followed.
	link := got["etc/localtime"]
	sum := sha256.Sum256([]byte(linkText))
	if link.Kind != KindHostZone || link.Zone != "Asia/Kolkata" || link.SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("etc/localtime: %+v", link)
	}
	if r := got["etc/timezone"]; r.Kind != KindHostZone || r.Zone != "Europe/Moscow" {
		t.Errorf("etc/timezone: %+v", r)
	}
	// Calls are read in Asia/Kolkata (+05:30): localtime wins, the notes say
	// etc/timezone disagreed.
	master := got["var/log/asterisk/cdr-csv/Master.csv"]
	if master.Rows != 2 || master.Zone != "Asia/Kolkata" {
		t.Fatalf("Master.csv: %+v", master)
	}
	if h := got["var/log/asterisk/cdr-csv/100.csv"]; h.Rows != 0 || h.Duplicates != 1 {
		t.Errorf("100.csv: %+v", h)
	}
	var notes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", master.SourceID).Scan(&notes)
	if !strings.Contains(notes, "etc/timezone names Europe/Moscow but etc/localtime is Asia/Kolkata") {
		t.Errorf("notes %q do not report the disagreement", notes)
	}
	var start, offset int64
	var recipient, from, dongle string
	st.DB().QueryRow("SELECT start, wall_offset, recipient, recipient_from, dongle FROM ast_calls WHERE line = 1 AND source_id = ?", master.SourceID).
		Scan(&start, &offset, &recipient, &from, &dongle)
	want := time.Date(2024, 3, 18, 10, 0, 0, 0, time.FixedZone("IST", 19800)).Unix()
	if start != want || offset != 19800 || recipient != "9123456789" || from != "trunk" || dongle != "dongle0" {
		t.Errorf("call 1: start %d (want %d) offset %d recipient %s from %s dongle %s", start, want, offset, recipient, from, dongle)
	}
	// The gzipped rotated log: hashed as stored, read decompressed, its
	// Dec 31 -> Jan 1 crossing dated around the calls' year.
	gz := got["var/log/asterisk/messages.1.gz"]
	raw, _ := os.ReadFile(filepath.Join(root, "var/log/asterisk/messages.1.gz"))
	gzSum := sha256.Sum256(raw)
	if gz.Kind != KindAsteriskLog || gz.Rows != 2 || gz.SHA256 != hex.EncodeToString(gzSum[:]) {
		t.Errorf("messages.1.gz: %+v", gz)
	}
	var years []int
	rows, _ := st.DB().Query("SELECT year FROM ast_log WHERE source_id = ? ORDER BY line", gz.SourceID)
	for rows.Next() {
		var y int
		rows.Scan(&y)
		years = append(years, y)
	}
	rows.Close()
	// No year puts them within a day of the calls (18 March 2024), and a
	// numbered rotation (.1) states no day: the calls do not date them (the
	// newest call did, a guess), so they keep no year, the notes saying why.
	if len(years) != 2 || years[0] != 0 || years[1] != 0 {
		t.Errorf("rotated log years %v, want none placed", years)
	}
	var gzNotes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", gz.SourceID).Scan(&gzNotes)
	if !strings.Contains(gzNotes, "2 timestamps with no year left without one and not placed in time: under no year do they fall within the call records' span") {
		t.Errorf("messages.1.gz notes %q", gzNotes)
	}
	var logTime, logOffset int64
	st.DB().QueryRow("SELECT time, wall_offset FROM ast_log WHERE source_id = ? AND line = 1", got["var/log/asterisk/messages"].SourceID).Scan(&logTime, &logOffset)
	if logTime != want || logOffset != 19800 {
		t.Errorf("log entry at %d+%d, want the call's instant %d", logTime, logOffset, want)
	}
	if r := got["root/.bash_history"]; r.Kind != KindShellHistory || r.Rows != 1 {
		t.Errorf("history: %+v", r)
	}
	var user string
	var htime int64
	st.DB().QueryRow("SELECT user, time FROM shell_history").Scan(&user, &htime)
	if user != "root" || htime != 1710700000 {
		t.Errorf("history row: %s %d", user, htime)
	}
	if _, seen := got["usr/share/doc/asterisk/changelog.Debian.gz"]; seen {
		t.Error("a gzipped changelog was reported")
	}
	if n := count(t, st, "SELECT count(*) FROM ast_dongles WHERE imei = '356408037586752'"); n != 1 {
		t.Errorf("dongles with the planted IMEI: %d", n)
	}
}

// --tz overrides the image's zone, and the notes say so.
func TestImportImageZoneOverride(t *testing.T) {
	root := t.TempDir()
	files := testImageFiles(t)
	testkit.WriteTree(t, root, map[string]string{"etc/timezone": files["etc/timezone"],
		"var/log/asterisk/cdr-csv/Master.csv": files["var/log/asterisk/cdr-csv/Master.csv"]})
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{root}, ImportOptions{Zone: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	var master FileResult
	for _, r := range res {
		if filepath.Base(r.Path) == "Master.csv" {
			master = r
		}
	}
	if master.Zone != "UTC" {
		t.Fatalf("zone %q, want UTC", master.Zone)
	}
	var notes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", master.SourceID).Scan(&notes)
	if !strings.Contains(notes, "Europe/Moscow from") || !strings.Contains(notes, "overridden") {
		t.Errorf("notes %q", notes)
	}
	var start int64
	st.DB().QueryRow("SELECT start FROM ast_calls WHERE line = 1").Scan(&start)
	if want := time.Date(2024, 3, 18, 10, 0, 0, 0, time.UTC).Unix(); start != want {
		t.Errorf("start %d, want %d", start, want)
	}
	// A single file named on the command line still finds its image's zone.
	st2 := openTemp(t)
	r := importOne(t, st2, filepath.Join(root, "var/log/asterisk/cdr-csv/Master.csv"), ImportOptions{})
	if r.Zone != "Europe/Moscow" {
		t.Errorf("single file: zone %q, want Europe/Moscow", r.Zone)
	}
}

// goZoneFile returns a compiled zone from the Go toolchain's own zone
// archive (shipped with every Go installation).
func goZoneFile(t *testing.T, name string) []byte {
	t.Helper()
	zr, err := zip.OpenReader(filepath.Join(runtime.GOROOT(), "lib", "time", "zoneinfo.zip"))
	if err != nil {
		t.Skipf("no zone archive in the Go toolchain: %v", err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	t.Fatalf("%s not in the zone archive", name)
	return nil
}

// etc/localtime copied as TZif bytes (no link, no etc/timezone): the zone
// is named by comparing its rules with the zone database, and the calls are
// read with the file's own rules.
func TestImportImageTZifLocaltime(t *testing.T) {
	root := t.TempDir()
	testkit.WriteTree(t, root, map[string]string{
		"etc/localtime":                       string(goZoneFile(t, "Europe/Moscow")),
		"var/log/asterisk/cdr-csv/Master.csv": imageCall1 + "\n",
	})
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{root}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var zoneRes, master FileResult
	for _, r := range res {
		switch filepath.Base(r.Path) {
		case "localtime":
			zoneRes = r
		case "Master.csv":
			master = r
		}
	}
	if zoneRes.Kind != KindHostZone || zoneRes.Zone != "Europe/Moscow" || !strings.Contains(zoneRes.Format, "TZif") {
		t.Fatalf("localtime: %+v", zoneRes)
	}
	var start, offset int64
	st.DB().QueryRow("SELECT start, wall_offset FROM ast_calls").Scan(&start, &offset)
	// Moscow has kept +03:00 since 2014.
	if want := time.Date(2024, 3, 18, 10, 0, 0, 0, time.UTC).Unix() - 3*3600; master.Zone != "Europe/Moscow" || start != want || offset != 3*3600 {
		t.Errorf("call read in %q at %d%+d, want Europe/Moscow %d+10800", master.Zone, start, offset, want)
	}
}
