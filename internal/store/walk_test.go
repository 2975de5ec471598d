package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Links to directories inside an image are walked (issue 21, item 4): the
// logs moved to data/ with var/log/asterisk linked to them (relative), a
// FreePBX custom-configuration directory linked by an absolute target read
// from the image's root. Each file is read once, placed where the link
// puts it (so Master.csv is the image's call records, dated in its zone)
// and recorded with its real location. Links out of the image are listed
// with their targets; loops, to an ancestor or between two directories,
// are listed as loops and the walk ends.
func TestImportImageDirectoryLinks(t *testing.T) {
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "host.conf"), []byte("[host]\nsecret=hostonly\n"), 0o644)
	root := t.TempDir()
	writeImage(t, root, map[string]string{
		"etc/timezone":                         "Europe/Moscow\n",
		"data/log/asterisk/cdr-csv/Master.csv": imageCall1 + "\n" + imageCall2 + "\n",
		"data/log/asterisk/messages":           imageLog,
		"var/lib/asterisk/custom/dongle.conf":  "[dongle0]\nimei=356408037586752\n",
		"srv/a/x.txt":                          "a\n",
		"srv/b/y.txt":                          "b\n",
	}, map[string]string{
		"var/log/asterisk":         "../../data/log/asterisk",
		"etc/asterisk/custom":      "/var/lib/asterisk/custom",
		"var/spool/asterisk/out":   outside,                   // absolute: the image's own path, which it does not hold
		"var/spool/asterisk/esc":   "../../../../../../../..", // relative, out of the image
		"var/spool/asterisk/up":    "..",                      // a loop: its own parent
		"srv/a/to-b":               "../b",                    // a loop between two directories
		"srv/b/to-a":               "../a",
		"var/spool/asterisk/self1": "self2",
		"var/spool/asterisk/self2": "self1",
	})
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{root}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]FileResult{}
	for _, r := range res {
		rel, _ := filepath.Rel(root, r.Path)
		by[filepath.ToSlash(rel)] = r
	}
	master := by["var/log/asterisk/cdr-csv/Master.csv"]
	if master.Kind != KindAsteriskCDR || master.Rows != 2 || master.Zone != "Europe/Moscow" {
		t.Errorf("Master.csv through the linked var/log/asterisk: %+v; want the image's 2 calls in its zone", master)
	}
	if r := by["data/log/asterisk/cdr-csv/Master.csv"]; !strings.Contains(r.Skipped, "read once") {
		t.Errorf("Master.csv at its real place: %+v; want it listed as read once, through the link", r)
	}
	if n := count(t, st, "SELECT count(*) FROM ast_calls"); n != 2 {
		t.Errorf("%d calls, want 2 (each file read once)", n)
	}
	if r := by["var/log/asterisk/messages"]; r.Kind != KindAsteriskLog || r.Rows != 2 {
		t.Errorf("messages through the link: %+v", r)
	}
	var loc, notes string
	st.DB().QueryRow("SELECT location, notes FROM sources WHERE id = ?", master.SourceID).Scan(&loc, &notes)
	if want := filepath.Join(root, "data/log/asterisk/cdr-csv/Master.csv"); loc != want {
		t.Errorf("Master.csv location %q, want its real place %q", loc, want)
	}
	if !strings.Contains(notes, "../../data/log/asterisk") {
		t.Errorf("Master.csv notes %q do not say which link led to it", notes)
	}
	if n := count(t, st, "SELECT count(*) FROM ast_conf WHERE key = 'imei'"); n != 1 {
		t.Errorf("dongle.conf through the absolute directory link: %d imei rows, want 1", n)
	}
	if n := count(t, st, "SELECT count(*) FROM sources WHERE path LIKE '%etc/asterisk/custom/dongle.conf' AND location LIKE '%var/lib/asterisk/custom/dongle.conf'"); n != 1 {
		t.Error("dongle.conf not recorded under the link's path with its real location")
	}
	for rel, want := range map[string]string{
		"var/spool/asterisk/out":   "not followed: its target is not in the image",
		"var/spool/asterisk/esc":   "points outside the image",
		"var/spool/asterisk/up":    "a loop",
		"var/spool/asterisk/self1": "a loop of symbolic links",
	} {
		if r := by[rel]; !strings.Contains(r.Skipped, want) || !strings.Contains(r.Skipped, "symbolic link to ") {
			t.Errorf("%s: %+v; want it listed with its target: %q", rel, r, want)
		}
	}
	if !strings.Contains(by["var/spool/asterisk/out"].Skipped, outside) {
		t.Errorf("the outside link's target is not named: %q", by["var/spool/asterisk/out"].Skipped)
	}
	loops := 0
	for _, r := range res {
		if strings.Contains(r.Skipped, "a loop (it leads back to") {
			loops++
		}
	}
	// srv/a/to-b/to-a and srv/b/to-a/to-b, and var/spool/asterisk/up
	if loops != 3 {
		t.Errorf("%d loops listed, want 3", loops)
		for _, r := range res {
			t.Logf("%s: %s", r.Path, r.Skipped)
		}
	}
	if n := count(t, st, "SELECT count(*) FROM ast_conf WHERE value = 'hostonly'"); n != 0 {
		t.Error("a file outside the image was read")
	}
}

// A directory walked that is not in an image follows its links to
// directories inside it, and not those out of it.
func TestImportWalkedDirectoryLinks(t *testing.T) {
	outside := t.TempDir()
	writeRows(t, filepath.Join(outside, "host.csv"), 3)
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "exports/2024"), 0o755)
	writeRows(t, filepath.Join(dir, "exports/2024/march.csv"), 5)
	os.Symlink("exports/2024", filepath.Join(dir, "latest"))
	os.Symlink(outside, filepath.Join(dir, "elsewhere"))
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{dir}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var skipped []string
	for _, r := range res {
		if r.Skipped != "" {
			skipped = append(skipped, filepath.Base(r.Path)+": "+r.Skipped)
		}
	}
	if n := count(t, st, "SELECT count(*) FROM ipdr"); n != 5 {
		t.Errorf("%d records, want the 5 of march.csv, read once", n)
	}
	all := strings.Join(skipped, "\n")
	if !strings.Contains(all, "elsewhere: symbolic link to "+outside+": not followed: it points outside the walked directory") {
		t.Errorf("skipped:\n%s\nwant the link out of the directory listed", all)
	}
	if !strings.Contains(all, "read once") {
		t.Errorf("skipped:\n%s\nwant march.csv reached twice listed as read once", all)
	}
}
