package gen

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func imageConfig() Config {
	c := smallConfig()
	c.AsteriskImage = true
	return c
}

// readImage returns every file of the image and the localtime link's text.
func readImage(t *testing.T, dir string) (map[string][]byte, string) {
	t.Helper()
	root := filepath.Join(dir, ImageDir)
	files := map[string][]byte{}
	link := ""
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.Type()&os.ModeSymlink != 0 {
			link, err = os.Readlink(p)
			return err
		}
		files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files, link
}

func TestImageSameSeedSameBytes(t *testing.T) {
	cfg := imageConfig()
	dir1, t1 := generate(t, cfg)
	dir2, _ := generate(t, cfg)
	f1, l1 := readImage(t, dir1)
	f2, l2 := readImage(t, dir2)
	if len(f1) != len(t1.Asterisk.Files)-1 || l1 != "/usr/share/zoneinfo/Asia/Kolkata" || l1 != l2 {
		t.Fatalf("%d files (truth lists %d with the link), links %q %q", len(f1), len(t1.Asterisk.Files), l1, l2)
	}
	for name, b := range f1 {
		if !bytes.Equal(b, f2[name]) {
			t.Errorf("%s differs between two runs of the same seed", name)
		}
	}
}

// The files hold what the truth says, read back independently: Master.csv
// and 100.csv with encoding/csv, the gzipped log with compress/gzip, the
// modems' IMEIs in dongle.conf and in the voice and IPDR files.
func TestImageTruthMatchesFiles(t *testing.T) {
	dir, truth := generate(t, imageConfig())
	at := truth.Asterisk
	files, _ := readImage(t, dir)
	master := readCDR(t, files["var/log/asterisk/cdr-csv/Master.csv"])
	copies := readCDR(t, files["var/log/asterisk/cdr-csv/100.csv"])
	if len(master) != at.Calls || len(copies) != at.Copies || at.Copies == 0 {
		t.Fatalf("Master.csv %d rows (truth %d), 100.csv %d (truth %d)", len(master), at.Calls, len(copies), at.Copies)
	}
	inMaster := map[string]bool{}
	disp, perDay := map[string]int{}, map[string]int{}
	for _, r := range master {
		if len(r) != 18 {
			t.Fatalf("row of %d columns: %v", len(r), r)
		}
		inMaster[strings.Join(r, ",")] = true
		disp[r[14]]++
		perDay[r[9][:10]]++
	}
	for _, r := range copies {
		if !inMaster[strings.Join(r, ",")] || r[0] != "100" {
			t.Errorf("100.csv row not in Master.csv or of another account: %v", r)
		}
	}
	for k, v := range at.Dispositions {
		if disp[k] != v {
			t.Errorf("%s: %d rows, truth %d", k, disp[k], v)
		}
	}
	for k, v := range at.PerDay {
		if perDay[k] != v {
			t.Errorf("%s: %d rows, truth %d", k, perDay[k], v)
		}
	}
	if !bytes.Contains(files["var/log/asterisk/cdr-csv/Master.csv"], []byte("\xa5\xa5")) {
		t.Error("no caller ID with bytes that are not UTF-8")
	}
	zr, err := gzip.NewReader(bytes.NewReader(files["var/log/asterisk/messages.1.gz"]))
	if err != nil {
		t.Fatal(err)
	}
	rotated, _ := io.ReadAll(zr)
	entries := 0
	for _, l := range strings.Split(string(rotated)+string(files["var/log/asterisk/messages"]), "\n") {
		if strings.HasPrefix(l, "[") {
			entries++
		}
	}
	if entries != at.LogEntries {
		t.Errorf("log entries %d, truth %d", entries, at.LogEntries)
	}
	voice := string(readFile(t, dir, FileVoice))
	ipdr := string(readFile(t, dir, FileOperatorA)) + string(readFile(t, dir, FileOperatorB))
	kinds := map[string]int{}
	for _, m := range at.Modems {
		kinds[m.SeenAs]++
		if !bytes.Contains(files["etc/asterisk/dongle.conf"], []byte("imei="+m.IMEI+"\nimsi="+m.IMSI+"\nexten="+m.Number+"\n")) {
			t.Errorf("%s: identity not in dongle.conf", m.Name)
		}
		inVoice, inIPDR := strings.Contains(voice, m.IMEI), strings.Contains(ipdr, m.IMEI)
		if (m.SeenAs == "voice") != inVoice || (m.SeenAs == "ipdr") != inIPDR || (m.SeenAs == "") != (len(m.SeenIn) == 0) {
			t.Errorf("%s: seen as %q in %v, but in voice %v, in IPDR %v", m.Name, m.SeenAs, m.SeenIn, inVoice, inIPDR)
		}
	}
	if kinds["voice"] != 2 || kinds["ipdr"] != 1 || kinds[""] != 1 {
		t.Errorf("modems seen as %v, want 2 voice, 1 ipdr, 1 nowhere", kinds)
	}
	got := append([]string(nil), at.Files...)
	sort.Strings(got)
	if strings.Join(got, " ") != strings.Join(at.Files, " ") || !strings.Contains(strings.Join(got, " "), "etc/localtime") {
		t.Errorf("files %v", at.Files)
	}
}

func readCDR(t *testing.T, b []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// A case regenerated without the image loses it; a foreign directory
// called image is never overwritten.
func TestImageOverwriteAndRefuse(t *testing.T) {
	dir, _ := generate(t, imageConfig())
	cfg := smallConfig()
	if _, err := Generate(dir, cfg); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, ImageDir)); !os.IsNotExist(err) {
		t.Errorf("the earlier case's image is still there: %v", err)
	}
	foreign := t.TempDir()
	if err := os.MkdirAll(filepath.Join(foreign, ImageDir, "etc"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(foreign, imageConfig()); err == nil {
		t.Fatal("wrote over a directory holding someone's image/")
	}
	if _, err := os.Stat(filepath.Join(foreign, ImageDir, "etc")); err != nil {
		t.Errorf("the foreign image was touched: %v", err)
	}
}
