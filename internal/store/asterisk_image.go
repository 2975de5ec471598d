package store

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/evidence/asterisk"
	"github.com/cdrtui/cdrtui/internal/evidence/hostimage"
)

// imageInfo is what an import knows about the disk image a file lies in:
// its root and the zone its clocks ran in.
type imageInfo struct {
	root string
	zone *hostimage.Zone // nil when the image names no zone
	// from is the file the zone was read from; notes explain the choice
	// (a disagreement between etc/timezone and etc/localtime, say).
	from  string
	notes string
	// cdrCSVUTC says cdr.conf's [csv] section sets usegmtime: cdr_csv
	// writes Master.csv in UTC; cdrCustomUTC says cdr_custom.conf's mapping
	// formats its times in UTC. cdrNote says which line decided.
	cdrCSVUTC, cdrCustomUTC bool
	cdrNote                 string
	// odbc are the tables cdr_adaptive_odbc.conf and cdr_odbc.conf write,
	// each with its usegmtime.
	odbc []odbcTable
	// sqlite3 is cdr_sqlite3_custom.conf's [master] mapping, nil when the
	// image has none.
	sqlite3 *sqliteMapping
	// custom are cdr_custom.conf's [mappings]: the columns of each file
	// cdr_custom writes.
	custom []asterisk.CustomMapping
	// queueGMT says logger.conf sets queue_log_realtime_use_gmt: a realtime
	// queue_log's times are UTC; queueNote says which line decided.
	queueGMT  bool
	queueNote string
	// cdrBatch says where cdr.conf batches the records ("" when it does
	// not): a record's ${EPOCH} is then the batch's post time.
	cdrBatch string
	// cel is what the image says of Channel Event Logging: cel_custom.conf's
	// mappings and cel.conf's dateformat.
	cel celConfig
}

// imageCache remembers each image root's zone for one Import call.
type imageCache map[string]*imageInfo

// maxZoneFile bounds what is read of a zone file.
const maxZoneFile = 1 << 20

// forFile returns the image a file belongs to: the root the standard
// layout gives its path, or else the directory the analyst named when that
// directory looks like an image root (it has etc/timezone or
// etc/localtime). nil when neither applies.
func (c imageCache) forFile(path, walkRoot string) *imageInfo {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil
	}
	root, _, ok := hostimage.Locate(abs)
	if !ok && walkRoot != "" {
		if r, err := filepath.Abs(walkRoot); err == nil && hasZoneFiles(r) {
			root, ok = r, true
		}
	}
	if !ok {
		return nil
	}
	if info, seen := c[root]; seen {
		return info
	}
	info := readImageZone(root)
	c[root] = info
	return info
}

// hasZoneFiles reports whether dir/etc holds timezone or localtime (as
// anything, a link included).
func hasZoneFiles(dir string) bool {
	for _, name := range []string{"timezone", "localtime"} {
		if _, err := os.Lstat(filepath.Join(dir, "etc", name)); err == nil {
			return true
		}
	}
	return false
}

// readImageZone reads the zone of the image at root. etc/localtime is what
// libc, and so Asterisk, use; etc/timezone (Debian's record) is the
// fall-back and is checked against it. Nothing is followed out of the
// image: a link's text is read, never its target, and files are opened
// through an os.Root that refuses paths leaving the root.
func readImageZone(root string) *imageInfo {
	info := &imageInfo{root: root}
	r, err := os.OpenRoot(root)
	if err != nil {
		return info
	}
	defer r.Close()
	var notes []string
	local, localErr := localtimeZone(r)
	named, namedErr := timezoneFileZone(r)
	switch {
	case local != nil:
		info.zone, info.from = local, filepath.Join(root, "etc", "localtime")
		if named != nil && named.Name != local.Name {
			notes = append(notes, fmt.Sprintf("etc/timezone names %s but etc/localtime is %s; Asterisk reads the time through etc/localtime, so %s is used",
				named.Name, local.Name, local.Name))
		}
	case named != nil:
		info.zone, info.from = named, filepath.Join(root, "etc", "timezone")
	}
	for _, e := range []error{localErr, namedErr} {
		if e != nil {
			notes = append(notes, e.Error())
		}
	}
	info.notes = strings.Join(notes, "; ")
	readCDRClock(r, info)
	return info
}

// readCDRClock reads the CDR modules' own clock settings from the image:
// cdr.conf [csv] usegmtime (the stock sample sets it to yes) and a
// cdr_custom.conf mapping that formats its times in GMT/UTC.
func readCDRClock(r *os.Root, info *imageInfo) {
	var notes []string
	if b, err := readRootFile(r, "etc/asterisk/cdr.conf"); err == nil {
		if c, err := asterisk.ParseConf(bytes.NewReader(b)); err == nil {
			if v, ok := c.Get("csv", "usegmtime"); ok {
				line := confLine(c, "csv", "usegmtime")
				if asterisk.IsTrue(v) {
					info.cdrCSVUTC = true
					notes = append(notes, fmt.Sprintf("etc/asterisk/cdr.conf line %d: [csv] usegmtime=%s, so cdr_csv wrote its times in UTC", line, v))
				} else {
					notes = append(notes, fmt.Sprintf("etc/asterisk/cdr.conf line %d: [csv] usegmtime=%s, so cdr_csv wrote local time", line, v))
				}
			}
		}
	}
	if b, err := readRootFile(r, "etc/asterisk/cdr.conf"); err == nil {
		if c, err := asterisk.ParseConf(bytes.NewReader(b)); err == nil {
			if v, ok := c.Get("general", "batch"); ok && asterisk.IsTrue(v) {
				info.cdrBatch = fmt.Sprintf("etc/asterisk/cdr.conf line %d sets [general] batch=%s", confLine(c, "general", "batch"), v)
			}
		}
	}
	if b, err := readRootFile(r, "etc/asterisk/cdr_custom.conf"); err == nil {
		if c, err := asterisk.ParseConf(bytes.NewReader(b)); err == nil {
			info.custom = asterisk.ParseCustomMappings(c)
			for _, s := range c.Sections {
				if !strings.EqualFold(s.Name, "mappings") {
					continue
				}
				for _, e := range s.Entries {
					up := strings.ToUpper(e.Value)
					if strings.Contains(up, "STRFTIME") && (strings.Contains(up, ",GMT,") || strings.Contains(up, ",UTC,")) {
						info.cdrCustomUTC = true
						notes = append(notes, fmt.Sprintf("etc/asterisk/cdr_custom.conf line %d: the mapping for %s formats its times in UTC", e.Line, e.Key))
					}
				}
			}
		}
	}
	info.cdrNote = strings.Join(notes, "; ")
	info.odbc = readODBCTables(r)
	info.sqlite3 = readSQLiteMapping(r)
	readQueueClock(r, info)
	readCELConfig(r, info)
}

// confLine is the line of the last key in a section, 0 when absent.
func confLine(c *asterisk.Conf, section, key string) int {
	line := 0
	for _, s := range c.Sections {
		if strings.EqualFold(s.Name, section) {
			for _, e := range s.Entries {
				if strings.EqualFold(e.Key, key) {
					line = e.Line
				}
			}
		}
	}
	return line
}

// cdrClockZone is how a call-record file at abs (format f) was written:
// UTC when the image's CDR module settings say so for it (cdr.conf [csv]
// usegmtime for cdr-csv/, a GMT mapping of cdr_custom.conf for cdr-custom/,
// usegmtime of the cdr_adaptive_odbc.conf section whose table a CDR table
// export holds, a GMT start in cdr_sqlite3_custom.conf for master.db), with
// the image's zone giving the wall clocks; else the image's zone
// (clockZone).
func cdrClockZone(abs string, f asterisk.Format, opts ImportOptions) (clk cdrClock, name, note string) {
	loc, name, note := clockZone(opts)
	clk.read = loc
	img := opts.image
	if img == nil {
		return clk, name, note
	}
	s := filepath.ToSlash(abs)
	utc, why := false, img.cdrNote
	switch {
	case f == asterisk.FormatCDRTable:
		var ok bool
		utc, why, ok = odbcClock(img.odbc, abs)
		if !ok && why == "" {
			why = img.cdrNote
		}
	case f == asterisk.FormatCDRSQLite:
		why = ""
		if img.sqlite3 != nil {
			utc, why = img.sqlite3.utc, img.sqlite3.clockNote()
		}
	default:
		utc = img.cdrCSVUTC && strings.Contains(s, "/var/log/asterisk/cdr-csv/") ||
			img.cdrCustomUTC && strings.Contains(s, "/var/log/asterisk/cdr-custom/")
	}
	switch {
	case utc && opts.Zone != nil:
		note += "; but " + why + " (--tz overrides it)"
	case utc:
		clk = cdrClock{read: time.UTC}
		shown := "the image names no zone, so the wall clocks shown are UTC"
		if img.zone != nil && img.zone.Location != nil {
			clk.wall = img.zone.Location
			shown = "each call's wall clock is given by the image's zone, " + img.zone.Name + " (" + img.zone.How + ")"
		}
		return clk, "UTC", "times read as UTC: " + why + ", whatever the image's zone says; " + shown
	case why != "":
		note += "; " + why
	}
	return clk, name, note
}

func orNone(z *hostimage.Zone) string {
	if z == nil {
		return "none"
	}
	return z.Name
}

// localtimeZone reads etc/localtime: a symbolic link's text names the zone
// (the image's own compiled file under usr/share/zoneinfo gives the rules
// when present), a regular file is TZif bytes.
func localtimeZone(r *os.Root) (*hostimage.Zone, error) {
	fi, err := r.Lstat("etc/localtime")
	if err != nil {
		return nil, nil
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		target, err := r.Readlink("etc/localtime")
		if err != nil {
			return nil, fmt.Errorf("etc/localtime: %v", err)
		}
		name, note, err := hostimage.ZoneFromLink(target)
		if err != nil {
			return nil, fmt.Errorf("etc/localtime: %v", err)
		}
		z := linkedZone(r, name, target)
		if note != "" {
			z.How += "; " + note
		}
		return z, nil
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("etc/localtime is neither a file nor a link")
	}
	b, err := readRootFile(r, "etc/localtime")
	if err != nil {
		return nil, fmt.Errorf("etc/localtime: %v", err)
	}
	z, err := hostimage.ZoneFromTZif(b)
	if err != nil {
		return nil, fmt.Errorf("etc/localtime: %v", err)
	}
	z.How = "etc/localtime is a " + z.How
	return &z, nil
}

// linkedZone builds the zone an etc/localtime link names.
func linkedZone(r *os.Root, name, target string) *hostimage.Zone {
	z := &hostimage.Zone{Name: name}
	own := "usr/share/zoneinfo/" + name
	if b, err := readRootFile(r, own); err == nil && hostimage.IsTZif(b) {
		if loc, err := time.LoadLocationFromTZData(name, b); err == nil {
			z.Location = loc
			z.How = fmt.Sprintf("etc/localtime is a symbolic link to %s (read as text, not followed); rules from the image's own %s", target, own)
			return z
		}
	}
	z.Location, _ = time.LoadLocation(name)
	z.How = fmt.Sprintf("etc/localtime is a symbolic link to %s (read as text, not followed); the image has no readable %s, so the rules are this program's zone database's", target, own)
	return z
}

// timezoneFileZone reads etc/timezone when it is a regular file.
func timezoneFileZone(r *os.Root) (*hostimage.Zone, error) {
	fi, err := r.Lstat("etc/timezone")
	if err != nil {
		return nil, nil
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("etc/timezone is not a regular file; not read")
	}
	b, err := readRootFile(r, "etc/timezone")
	if err != nil {
		return nil, fmt.Errorf("etc/timezone: %v", err)
	}
	name, line, err := hostimage.ParseTimezoneFile(b)
	if err != nil {
		return nil, fmt.Errorf("etc/timezone: %v", err)
	}
	loc, _ := time.LoadLocation(name)
	return &hostimage.Zone{Name: name, Location: loc, How: fmt.Sprintf("etc/timezone names %s (line %d)", name, line)}, nil
}

// readRootFile reads at most maxZoneFile bytes of a file inside r, its
// symbolic links followed as the seized system would (an absolute target
// from the image's root: FreePBX's etc/asterisk/sip.conf ->
// /var/www/html/admin/modules/core/etc/sip.conf), never out of r.
func readRootFile(r *os.Root, name string) ([]byte, error) {
	return readRootLimited(r, name, maxZoneFile)
}

// maxFamilyFile bounds a configuration file read as another file's
// include family (a large FreePBX's extensions_additional.conf runs to
// megabytes); a larger one is not read, never read in part.
const maxFamilyFile = 64 << 20

// openRootConf opens a configuration file of an include family inside r,
// its links followed inside r, for reading whole as a stream (its lines
// bounded by the parser); a file over maxFamilyFile is refused.
func openRootConf(r *os.Root, name string) (*os.File, error) {
	to, err := resolveIn(r, name, "")
	if err != nil {
		return nil, err
	}
	f, err := r.Open(orDot(to))
	if err != nil {
		return nil, err
	}
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() || fi.Size() > maxFamilyFile {
		f.Close()
		return nil, fmt.Errorf("%s: not a regular file of at most %d MB", name, maxFamilyFile>>20)
	}
	return f, nil
}

// readRootLimited reads at most limit bytes of the file at name inside r,
// its links followed inside r.
func readRootLimited(r *os.Root, name string, limit int64) ([]byte, error) {
	to, err := resolveIn(r, name, "")
	if err != nil {
		return nil, err
	}
	f, err := r.Open(orDot(to))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit))
}

// clockZone is the zone a file's wall clocks are read in, with its name for
// sources.tz and a sentence for the notes: --tz first, then the image's.
func clockZone(opts ImportOptions) (loc *time.Location, name, note string) {
	img := opts.image
	switch {
	case opts.Zone != nil:
		note = "wall clocks read in " + opts.Zone.String() + " (--tz)"
		if img != nil && img.zone != nil && img.zone.Name != opts.Zone.String() {
			note += fmt.Sprintf("; the image's own zone, %s from %s, was overridden", img.zone.Name, img.from)
		}
		return opts.Zone, opts.Zone.String(), note
	case img != nil && img.zone != nil:
		note = fmt.Sprintf("wall clocks read in %s, the image's zone: %s (%s)", img.zone.Name, img.zone.How, img.from)
		if img.notes != "" {
			note += "; " + img.notes
		}
		return img.zone.Location, img.zone.Name, note
	case img != nil:
		note = "no zone: the image at " + img.root + " names none, so wall clocks are kept as written"
		if img.notes != "" {
			note += " (" + img.notes + ")"
		}
		return nil, "", note
	}
	return nil, "", "no zone: the file is not inside a disk image with etc/timezone or etc/localtime and no --tz was given, so wall clocks are kept as written"
}

// walkEntry is a file found by a walk.
type walkEntry struct {
	path string // where the file sits in the image's layout
	link bool   // a symbolic link read as text (etc/localtime), never followed
	ref  fileRef
}

// orderWalk sorts a walk's files so that what others need is read first
// (the zone, configuration, Master.csv, then the rest, then daemon logs and
// shell history; see hostimage.Phase), keeping path order within a phase.
func orderWalk(entries []walkEntry) {
	phase := make(map[string]int, len(entries))
	for _, e := range entries {
		abs, err := filepath.Abs(e.path)
		if err != nil {
			abs = e.path
		}
		phase[e.path] = hostimage.Phase(abs)
	}
	sort.SliceStable(entries, func(i, j int) bool {
		return phase[entries[i].path] < phase[entries[j].path]
	})
}
