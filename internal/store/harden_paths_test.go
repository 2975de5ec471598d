package store

import (
	"context"
	"github.com/cdrtui/cdrtui/internal/testkit"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

const sampleIPDR = "MSISDN,DESTIP,DESTPORT,START\n919800000001,1.2.3.4,443,2024-03-01 10:00:00\n919800000002,1.2.3.5,443,2024-03-01 10:05:00\n"

// A directory named through a symbolic link is walked; a directory with no
// file in it is an error, never a silent success.
func TestImportSymlinkedDirectoryArgument(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "export")
	os.MkdirAll(real, 0o755)
	os.WriteFile(filepath.Join(real, "ipdr.csv"), []byte(sampleIPDR), 0o644)
	link := filepath.Join(dir, "latest")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	st := openTemp(t)
	res := importOne(t, st, link, ImportOptions{})
	if res.Rows != 2 || res.Error != "" {
		t.Fatalf("import through a linked directory: %+v", res)
	}
	var path, loc string
	st.DB().QueryRow("SELECT path, location FROM sources").Scan(&path, &loc)
	if path != filepath.Join(link, "ipdr.csv") || loc != filepath.Join(real, "ipdr.csv") {
		t.Errorf("recorded path %q location %q; want the path as given and the real location", path, loc)
	}
	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	if res := importOne(t, st, empty, ImportOptions{}); !strings.Contains(res.Error, "nothing was examined") {
		t.Errorf("an empty directory: %+v; want an error", res)
	}
}

// A named pipe, on the command line or in a walked directory, is never
// opened (it would block the import forever): it is listed with its type.
func TestImportSkipsFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.csv")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "ipdr.csv"), []byte(sampleIPDR), 0o644)
	st := openTemp(t)
	done := make(chan []FileResult, 1)
	go func() {
		res, err := st.Import(context.Background(), []string{fifo, dir}, ImportOptions{})
		if err != nil {
			t.Error(err)
		}
		done <- res
	}()
	var res []FileResult
	select {
	case res = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the import blocked on a named pipe")
	}
	pipes, rows := 0, int64(0)
	for _, r := range res {
		if strings.Contains(r.Skipped, "named pipe (FIFO)") {
			pipes++
		}
		rows += r.Rows
	}
	if pipes != 2 || rows != 2 {
		t.Errorf("results %+v; want the pipe listed twice (named, and found in the walk) and the CSV imported", res)
	}
}

// writeImage writes files (relative path -> content) under root and links
// (relative path -> target).
func writeImage(t *testing.T, root string, files, links map[string]string) {
	t.Helper()
	testkit.WriteTree(t, root, files)
	for rel, target := range links {
		p := filepath.Join(root, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
}

// Links inside an image are followed while they stay in it (FreePBX's
// etc/asterisk/*.conf links, relative or absolute to the image's root),
// read where they lead and placed where they are; a link out of the image
// is listed with its target, not followed.
func TestImportImageLinks(t *testing.T) {
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "host.conf"), []byte("[host]\nsecret=hostonly\n"), 0o644)
	root := t.TempDir()
	writeImage(t, root, map[string]string{
		"etc/timezone": "Europe/Moscow\n",
		"var/www/html/admin/modules/core/etc/sip.conf":    "[general]\nbindport=5060\n[trunk1]\nhost=10.0.0.1\ntype=peer\n",
		"var/www/html/admin/modules/core/etc/dongle.conf": "[dongle0]\nimei=356408037586752\n",
	}, map[string]string{
		"etc/asterisk/sip.conf":    "../../var/www/html/admin/modules/core/etc/sip.conf",
		"etc/asterisk/dongle.conf": "/var/www/html/admin/modules/core/etc/dongle.conf", // absolute: the image's own root
		"etc/asterisk/host.conf":   filepath.Join(outside, "host.conf"),
		"etc/asterisk/escape.conf": "../../../../../../../../etc/passwd",
	})
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{root}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]FileResult{}
	for _, r := range res {
		rel, _ := filepath.Rel(root, r.Path)
		byPath[filepath.ToSlash(rel)] = r
	}
	if r := byPath["etc/asterisk/escape.conf"]; !strings.Contains(r.Skipped, "points outside the image") || !strings.Contains(r.Skipped, "../etc/passwd") {
		t.Errorf("escape.conf: %+v; want it listed as pointing outside, with its target, not followed", r)
	}
	// an absolute link is the image's own path: this one is not in it
	if r := byPath["etc/asterisk/host.conf"]; !strings.Contains(r.Skipped, "not followed: its target is not in the image") {
		t.Errorf("host.conf: %+v; want it listed as not followed", r)
	}
	if !strings.Contains(byPath["etc/asterisk/host.conf"].Skipped, filepath.Join(outside, "host.conf")) {
		t.Errorf("the outside link's target is not named: %q", byPath["etc/asterisk/host.conf"].Skipped)
	}
	if n := count(t, st, "SELECT count(*) FROM ast_conf WHERE value = 'hostonly'"); n != 0 {
		t.Error("a file outside the image was read")
	}
	// both links followed: each conf read once (the walk meets the real
	// file too: the same SHA-256 is not imported twice)
	if n := count(t, st, "SELECT count(*) FROM ast_conf WHERE key = 'host' AND value = '10.0.0.1'"); n != 1 {
		t.Errorf("sip.conf through its link: %d rows of the peer, want 1", n)
	}
	if n := count(t, st, "SELECT count(*) FROM ast_conf WHERE key = 'imei'"); n != 1 {
		t.Errorf("dongle.conf through its absolute link: %d imei rows, want 1", n)
	}
	var linked int64
	st.DB().QueryRow("SELECT count(*) FROM sources WHERE path LIKE '%etc/asterisk/sip.conf' AND location LIKE '%var/www/html/admin/modules/core/etc/sip.conf'").Scan(&linked)
	if linked != 1 {
		rows, _ := st.DB().Query("SELECT path, location FROM sources")
		for rows.Next() {
			var p, l string
			rows.Scan(&p, &l)
			t.Logf("source %s at %s", p, l)
		}
		t.Errorf("sip.conf not recorded under its link's path with its real location")
	}
}

// A path through a linked directory that leads out of the image (img/var/
// log/asterisk -> /elsewhere) is read where it leads, recorded there, and
// not dated in the image's zone.
func TestImportPathLeavingTheImage(t *testing.T) {
	elsewhere := t.TempDir()
	os.WriteFile(filepath.Join(elsewhere, "messages"), []byte(imageLog), 0o644)
	root := t.TempDir()
	writeImage(t, root, map[string]string{"etc/timezone": "Europe/Moscow\n"},
		map[string]string{"var/log/asterisk": elsewhere})
	st := openTemp(t)
	given := filepath.Join(root, "var/log/asterisk") + "/"
	res, err := st.Import(context.Background(), []string{given}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 || res[0].Rows != 2 {
		t.Fatalf("results %+v", res)
	}
	var loc, tz, notes string
	st.DB().QueryRow("SELECT location, tz, notes FROM sources").Scan(&loc, &tz, &notes)
	if loc != filepath.Join(elsewhere, "messages") {
		t.Errorf("location %q; want the real %q", loc, filepath.Join(elsewhere, "messages"))
	}
	if tz == "Europe/Moscow" {
		t.Error("a file outside the image was dated in the image's zone")
	}
	if !strings.Contains(notes, "leads out of the disk image") {
		t.Errorf("notes %q do not say the link led out of the image", notes)
	}
}
