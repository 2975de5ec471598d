package store

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/evidence"
	"github.com/cdrtui/cdrtui/internal/evidence/asterisk"
	"github.com/cdrtui/cdrtui/internal/evidence/hostimage"
	"github.com/cdrtui/cdrtui/internal/evidence/htmltable"
)

// The kinds of evidence (sources.kind) the Asterisk importers write.
const (
	KindAsteriskCDR   = "asterisk-cdr"   // cdr_csv and cdr_custom call records
	KindFreeSWITCHCDR = "freeswitch-cdr" // FreeSWITCH mod_cdr_csv call records (same file name, other system)
	KindCUCMCDR       = "cucm-cdr"       // Cisco Unified CM CDR files
	KindKamailioAcc   = "kamailio-acc"   // Kamailio/OpenSIPS accounting exports
	KindThreeCXCDR    = "3cx-cdr"        // 3CX CDR service output (default field order)
	KindAsteriskLog   = "asterisk-log"   // messages, full
	KindAsteriskConf  = "asterisk-conf"  // dongle.conf, extensions.conf, sip.conf, pjsip.conf ...
	KindHostZone      = "host-zone"      // etc/timezone, etc/localtime
	KindShellHistory  = "shell-history"  // .bash_history and kin
)

// gzipMagic starts every gzip stream.
var gzipMagic = []byte{0x1f, 0x8b}

// detectHostArtefact recognises, before the check for binary content, the
// image's zone files (etc/localtime may be TZif bytes) and gzipped
// Asterisk artefacts (rotated logs: messages.1.gz). A gzipped file is
// hashed as stored and read decompressed.
func detectHostArtefact(path string, head []byte, complete bool, opts ImportOptions) (*detection, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, nil
	}
	_, place, _ := hostimage.Locate(abs)
	switch {
	case place == hostimage.PlaceTimezone:
		return detectTimezoneFile(head, opts)
	case place == hostimage.PlaceLocaltime && hostimage.IsTZif(head):
		return detectTZifFile(head, complete, opts)
	case bytes.HasPrefix(head, sqliteMagic):
		return detectCDRSQLite(abs, head, opts)
	case bytes.HasPrefix(head, gzipMagic):
		inner, innerComplete, err := gunzipHead(head, complete)
		if err != nil || len(inner) == 0 {
			return nil, nil
		}
		if form := htmltable.Sniff(inner); form != htmltable.None {
			// read as tables from the file itself (tablebook.go), never
			// as text through a decompressor
			return nil, fmt.Errorf("gzip-compressed %s: decompress it and import the file itself, whose tables are read as a workbook's sheets", form)
		}
		det, err := asteriskContent(abs, inner, innerComplete, opts, true)
		if det == nil {
			// an operator export sent compressed
			det, err = detectTable(path, inner, innerComplete, opts, true)
			if det == nil {
				if err != nil && !isLayoutProblem(err) {
					err = fmt.Errorf("gzip-compressed: %w", err)
				}
				return nil, err
			}
			det.gzipped = true
		}
		det.format += " (gzip-compressed: hashed as stored, read decompressed)"
		return det, nil
	}
	return nil, nil
}

// gunzipHead decompresses what the head of a gzip file holds, up to
// evidence.SniffBytes; complete says the whole stream was decompressed.
func gunzipHead(head []byte, complete bool) ([]byte, bool, error) {
	zr, err := gzip.NewReader(bytes.NewReader(head))
	if err != nil {
		return nil, false, err
	}
	out, err := io.ReadAll(io.LimitReader(zr, evidence.SniffBytes))
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return out, false, nil
	}
	return out, complete && err == nil && len(out) < evidence.SniffBytes, nil
}

// detectAsterisk recognises Asterisk artefacts by content (call records,
// daemon logs) and, for configuration files and shell history whose
// content alone says too little, by name with a check of the content.
func detectAsterisk(path string, head []byte, complete bool, opts ImportOptions) (*detection, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return asteriskContent(abs, head, complete, opts, false)
}

// asteriskContent decides what an Asterisk-side file is. Call records and
// logs are recognised anywhere; a file at a standard Asterisk place that
// fits nothing gets an error saying why, so it is reported, not skipped.
func asteriskContent(abs string, head []byte, complete bool, opts ImportOptions, gz bool) (*detection, error) {
	_, place, _ := hostimage.Locate(abs)
	base := filepath.Base(abs)
	text := func(det *detection, err error) (*detection, error) {
		return asteriskText(det, err, abs, head, complete, opts, gz)
	}
	if det, err := customMappedDetection(abs, head, opts, gz); det != nil || err != nil {
		return text(det, err)
	}
	if f, reason, ok := asterisk.DetectFreeSWITCHCDRFile(head); ok {
		return fsCDRFileDetection(abs, f, reason, opts, gz), nil
	}
	if ok, reason := asterisk.DetectCEL(head); ok {
		return text(celDetection(abs, head, reason, opts, gz))
	}
	if det, err := celDetection(abs, head, "", opts, gz); det != nil || err != nil {
		return text(det, err)
	}
	if f, _, reason, ok := asterisk.Detect(head); ok {
		return text(callsDetection(abs, f, reason, opts, gz), nil)
	}
	if ok, reason := asterisk.DetectQueueTable(head); ok {
		return text(queueTableDetection(reason, opts, gz), nil)
	}
	if opts.image != nil {
		if aliases := odbcAliases(opts.image.odbc, abs); len(aliases) > 0 {
			if ok, reason := asterisk.DetectCDRTableAliases(head, aliases); ok {
				det := callsDetection(abs, asterisk.FormatCDRTable, reason, opts, gz)
				clk, _, _ := cdrClockZone(abs, asterisk.FormatCDRTable, opts)
				det.importer = func(ctx context.Context, j *importJob) error {
					r, err := j.stream(gz)
					if err != nil {
						return err
					}
					return j.readCalls(ctx, asterisk.NewTableReader(r, aliases), asterisk.FormatCDRTable, clk)
				}
				return text(det, nil)
			}
		}
	}
	if ok, reason := asterisk.DetectSQLDump(head); ok {
		return nil, fmt.Errorf("%w: %s", errNotRead, reason)
	}
	if ok, reason := asterisk.DetectCDRTable(head); ok {
		return text(callsDetection(abs, asterisk.FormatCDRTable, reason, opts, gz), nil)
	}
	if f, ok, reason := asterisk.DetectOtherSwitch(head); ok {
		return text(callsDetection(abs, f, reason, opts, gz), nil)
	} else if reason != "" {
		return nil, errors.New(reason)
	}
	if ok, reason := asterisk.DetectKamailioAccLog(head); ok {
		return text(callsDetection(abs, asterisk.FormatKamailioAccLog, reason, opts, gz), nil)
	}
	if ok, reason := asterisk.DetectQueueLog(head); ok {
		return text(queueDetection(reason, gz), nil)
	}
	if ok, reason := asterisk.DetectLog(head); ok {
		loc, zone, zoneNote := clockZone(opts)
		return text(&detection{kind: KindAsteriskLog, format: reason, zone: zone, notes: zoneNote + ".",
			importer: func(ctx context.Context, j *importJob) error { return importLog(ctx, j, loc, gz) }}, nil)
	}
	if gz {
		return nil, nil
	}
	if place == hostimage.PlaceConf && hostimage.IsAELName(base) {
		return aelDetection(abs)
	}
	if place == hostimage.PlaceConf && hostimage.IsLuaDialPlanName(base) {
		return nil, fmt.Errorf("%w: a dial plan in Lua (pbx_lua), a program cdrtui does not run or read: its contexts, numbers and "+
			"prefix strips are unknown to the classification of calls, which goes by the other configuration and the channels", errNotRead)
	}
	if place == hostimage.PlaceConf || hostimage.IsAsteriskConfName(base) {
		return text(detectConf(abs, head, complete))
	}
	if place == hostimage.PlaceHistory || isHistoryName(base) {
		return &detection{kind: KindShellHistory, format: "shell history, one command per line",
			importer: func(ctx context.Context, j *importJob) error { return importHistory(ctx, j, abs) }}, nil
	}
	if place == hostimage.PlaceCDR || strings.EqualFold(base, "Simple.csv") {
		if ok, reason := asterisk.DetectSimpleCSV(head); ok {
			return nil, errors.New(reason)
		}
	}
	switch place {
	case hostimage.PlaceCDR:
		_, _, reason, _ := asterisk.Detect(head)
		return nil, fmt.Errorf("in the Asterisk CDR folder but no call-record layout fits: %s", reason)
	case hostimage.PlaceLog:
		_, reason := asterisk.DetectLog(head)
		return nil, errors.New("in the Asterisk log folder but " + reason)
	case hostimage.PlaceQueueLog:
		_, reason := asterisk.DetectQueueLog(head)
		return nil, errors.New("named queue_log in the Asterisk log folder but " + reason)
	}
	return nil, nil
}

// errNotRead marks evidence cdrtui recognises but does not read (Channel
// Event Logging whose columns cannot be told, a Lua dial plan): skipped in
// a folder as "not read", never "not evidence".
var errNotRead = errors.New("not read")

// callsDetection describes a call-record file and how to import it.
func callsDetection(abs string, f asterisk.Format, reason string, opts ImportOptions, gz bool) *detection {
	clk, zone, zoneNote := cdrClockZone(abs, f, opts)
	kind := KindAsteriskCDR
	notes := zoneNote + "."
	if k, n := addedSwitchNotes(f); n != "" {
		kind, notes = k, n+notes
	}
	switch f {
	case asterisk.FormatCDRTable:
		notes = "A CDR database table export: a date written d/m/yyyy or m/d/yyyy is stored as yyyy-mm-dd in start_text, its order decided row by row by a part above 12 or else by the row's uniqueid (the Unix time of the call); a row neither settles is rejected. " + notes
	case asterisk.FormatCUCM:
		kind, clk, zone = KindCUCMCDR, cdrClock{read: time.UTC}, "UTC"
		notes = "Cisco Unified CM CDR: imported as calls (callingPartyNumber -> src, finalCalledPartyNumber -> dst and recipient, " +
			"dateTimeOrigination/Connect/Disconnect as Unix seconds in UTC, duration as talk time (billsec), the whole duration disconnect - origination (NULL without a disconnect), the Q.850 cause as disposition, " +
			"origDeviceName/destDeviceName as channels); direction is unknown to a CUCM file alone."
	case asterisk.FormatKamailioAcc:
		kind = KindKamailioAcc
		notes = "Kamailio/OpenSIPS acc: each INVITE is a call (src_user -> src, dst_ouser/dst_user -> dst and recipient, sip_code and " +
			"sip_reason as disposition, callid as uniqueid); the BYE of the same callid gives its end and duration (NULL until then), and an answered (2xx) " +
			"INVITE's talk time (billsec NULL until then; 0 for an INVITE not answered). " + notes
	}
	if f == asterisk.FormatKamailioAccLog {
		kind, clk, zone = KindKamailioAcc, cdrClock{read: time.UTC}, "UTC"
		shown := "the wall clocks shown are UTC (no image zone)"
		if img := opts.image; opts.Zone != nil {
			clk.wall, shown = opts.Zone, "each call's wall clock is given by "+opts.Zone.String()+" (--tz)"
		} else if img != nil && img.zone != nil && img.zone.Location != nil {
			clk.wall, shown = img.zone.Location, "each call's wall clock is given by the image's zone, "+img.zone.Name
		}
		notes = "Kamailio/OpenSIPS acc lines of a system log: each INVITE line is a call (src_user or the From user -> src, dst_ouser/dst_user or the " +
			"request URI's user -> dst and recipient, code and reason as disposition, call_id as uniqueid, the acc event in lastdata, the line number as its line); " +
			"the BYE line of the same call_id gives its end and duration. timestamp= is Unix seconds (UTC); " + shown + "."
	}
	if f == asterisk.FormatFreeSWITCHAsterisk {
		kind = KindFreeSWITCHCDR
		notes = "FreeSWITCH mod_cdr_csv written with its stock \"asterisk\" template, not Asterisk: the fields in cdr_csv's order " +
			"(accountcode, caller_id_number -> src, destination_number -> dst, context, caller_id -> clid, channel_name and bridge_channel as channels, " +
			"last_app/last_arg, the stamps, duration, billsec), the disposition column holding the hangup cause (NORMAL_CLEARING, USER_BUSY ...) " +
			"and uniqueid the call's UUID. " + notes
	}
	if f == asterisk.FormatFreeSWITCH {
		kind = KindFreeSWITCHCDR
		notes = "FreeSWITCH mod_cdr_csv, not Asterisk: imported as FreeSWITCH calls, the disposition column holding the hangup cause " +
			"(NORMAL_CLEARING, USER_BUSY ...), the B-leg UUID in dstchannel and the codecs in userfield. " + notes
	}
	return &detection{kind: kind, format: reason, zone: zone, notes: notes,
		importer: func(ctx context.Context, j *importJob) error { return importCalls(ctx, j, f, clk, gz) }}
}

// customMappedDetection recognises a file of cdr-custom/ by the image's
// cdr_custom.conf mapping for its name (or its absolute path on the seized
// system): the administrator's template says what each column is, so it
// goes before the stock layouts. nil when no mapping names the file or its
// lines do not fit it.
func customMappedDetection(abs string, head []byte, opts ImportOptions, gz bool) (*detection, error) {
	img := opts.image
	if img == nil || len(img.custom) == 0 {
		return nil, nil
	}
	s := filepath.ToSlash(abs)
	i := strings.LastIndex(s, "/var/log/asterisk/cdr-custom/")
	if i < 0 {
		return nil, nil
	}
	name := s[i+len("/var/log/asterisk/cdr-custom/"):]
	inImage := s[len(filepath.ToSlash(img.root)):]
	for _, m := range img.custom {
		match, rotated := mappingNames(m.File, name, inImage)
		if !match {
			continue
		}
		if m.Problem != "" {
			return nil, fmt.Errorf("written by the image's cdr_custom.conf mapping of %s (line %d), but %s", m.File, m.Line, m.Problem)
		}
		if m.Written > 0 && img.cdrBatch != "" {
			return nil, fmt.Errorf("written by the image's cdr_custom.conf mapping of %s (line %d), whose start would be ${EPOCH} - duration, but %s: "+
				"${EPOCH} is then when the batch was written, later than the hang-up by an unknown delay, so the start is not placed; not read as calls", m.File, m.Line, img.cdrBatch)
		}
		ok, reason := asterisk.FitsCustomMapping(head, m)
		if !ok {
			return nil, nil
		}
		rm, _, _ := m.Mapper()
		det := callsDetection(abs, asterisk.FormatCDRCustom, reason, opts, gz)
		clk, zone, note := mappingClock(m, opts)
		det.zone, det.notes = zone, note+"."
		det.importer = func(ctx context.Context, j *importJob) error {
			r, err := j.stream(gz)
			if err != nil {
				return err
			}
			return j.readCalls(ctx, asterisk.NewMappedReader(r, m, rm), asterisk.FormatCDRCustom, clk)
		}
		det.notes = fmt.Sprintf("Read by the image's cdr_custom.conf mapping (line %d): its %d columns are, in order, %s. ", m.Line, len(m.Vars), strings.Join(shownVars(m.Vars), ", ")) + det.notes
		if rotated {
			det.notes = fmt.Sprintf("A rotated copy of %s, read by its mapping as the image has it (its lines fit it). ", m.File) + det.notes
		}
		if m.Written > 0 {
			det.notes = fmt.Sprintf("Column %d is ${EPOCH}, the time cdr_custom wrote the record (the hang-up: cdr.conf does not batch); each start is that time less the duration (column %d). ",
				m.Written, m.Duration) + det.notes
		}
		return det, nil
	}
	return nil, nil
}

// mappingClock is the clock of one cdr_custom mapping's file: UTC when its
// start is a STRFTIME in GMT/UTC or Unix seconds (the image's zone giving
// the wall clocks), else the image's zone (or --tz).
func mappingClock(m asterisk.CustomMapping, opts ImportOptions) (cdrClock, string, string) {
	loc, name, note := clockZone(opts)
	if !m.UTC {
		return cdrClock{read: loc}, name, note
	}
	why := fmt.Sprintf("etc/asterisk/cdr_custom.conf line %d: the mapping of %s writes its start in UTC", m.Line, m.File)
	if opts.Zone != nil {
		return cdrClock{read: loc}, name, note + "; but " + why + " (--tz overrides it)"
	}
	clk, shown := cdrClock{read: time.UTC}, "the image names no zone, so the wall clocks shown are UTC"
	if img := opts.image; img != nil && img.zone != nil && img.zone.Location != nil {
		clk.wall, shown = img.zone.Location, "each call's wall clock is given by the image's zone, "+img.zone.Name
	}
	return clk, "UTC", "times read as UTC: " + why + "; " + shown
}

// shownVars names a mapping's columns for the notes ("-" for a column the
// reader does not use).
func shownVars(vars []string) []string {
	out := make([]string, len(vars))
	for i, v := range vars {
		out[i] = v
		if v == "" {
			out[i] = "-"
		}
	}
	return out
}

// isHistoryName reports whether a file name is a shell history file's.
func isHistoryName(base string) bool {
	switch base {
	case ".bash_history", ".zsh_history", ".sh_history":
		return true
	}
	return false
}

// detectConf checks that a file named like an Asterisk configuration reads
// as one: sections or keys, and few lines Asterisk would complain about.
func detectConf(abs string, head []byte, complete bool) (*detection, error) {
	c, err := asterisk.ParseConf(bytes.NewReader(head))
	if err != nil {
		return nil, err
	}
	entries := 0
	for _, s := range c.Sections {
		entries += len(s.Entries)
	}
	problems := len(c.Problems)
	if !complete && problems > 0 {
		problems-- // the head may end in a cut line
	}
	if entries == 0 && len(c.Includes) == 0 {
		return nil, errors.New("named like an Asterisk configuration file but holds no key = value lines")
	}
	if problems > max(2, entries/4) {
		return nil, fmt.Errorf("named like an Asterisk configuration file but %d lines are neither sections, keys nor comments (%d keys)", problems, entries)
	}
	stem, backup := hostimage.ConfStem(filepath.Base(abs))
	kind := confKind(stem)
	notes := ""
	switch kind {
	case "extensions", "sip", "pjsip", "iax", "dongle":
	default:
		if k := includedKind(abs); k != "" {
			notes = "pulled in by the image's " + k + ".conf (#include), so read as " + k + " configuration. "
			kind = k
		}
	}
	format := fmt.Sprintf("Asterisk configuration (%s.conf): %d sections, %d keys", kind, len(c.Sections), entries)
	notLoaded := ""
	if backup {
		notes += "a backup copy (" + filepath.Base(abs) + "), not the live configuration: its keys are kept, no modems, peers or dial plan are derived from it."
	} else {
		var undecided string
		if notLoaded, undecided = confLoaded(abs, kind); notLoaded != "" {
			format = fmt.Sprintf("Asterisk configuration (%s.conf), %s: %d sections, %d keys", kind, notLoaded, len(c.Sections), entries)
			notes += notLoadedNote(notLoaded, kind) + " "
		} else if undecided != "" {
			notes += undecided + " "
		}
	}
	return &detection{kind: KindAsteriskConf, format: format, notes: notes,
		importer: func(ctx context.Context, j *importJob) error { return importConf(ctx, j, kind, backup, notLoaded) }}, nil
}

// confKind names what a configuration file configures, from its stem:
// chan_dongle-like modules are "dongle"; FreePBX's and Issabel's generated
// and custom files (extensions_additional, extensions_custom,
// extensions_override_freepbx; sip_additional, sip_custom; pjsip.endpoint,
// pjsip_wizard; iax_additional) are the dial plan, sip, pjsip and iax.
func confKind(stem string) string {
	s := strings.ToLower(stem)
	switch s {
	case "dongle", "chan_dongle", "quectel", "datacard":
		return "dongle"
	}
	for _, family := range []string{"extensions", "pjsip", "sip", "iax"} {
		if s == family || strings.HasPrefix(s, family+"_") || strings.HasPrefix(s, family+".") {
			switch {
			case s == "iax_general_additional", s == "sip_general_additional", s == "sip_general_custom",
				strings.HasPrefix(s, "sip_notify"), strings.HasPrefix(s, "pjsip_notify"): // sip_notify_additional.conf: sip_notify.conf's
				return s
			}
			return family
		}
	}
	return s
}

// stream is the file's content as an importer reads it: through the
// hashing reader, decompressed when the file is gzipped, as UTF-8 when its
// detection found it in an 8-bit encoding (asteriskText).
func (j *importJob) stream(gz bool) (io.Reader, error) {
	if !gz {
		return j.textStream(j.reader()), nil
	}
	r, err := gunzip(j.reader())
	if err != nil {
		return nil, err
	}
	return j.textStream(r), nil
}

// gunzip reads a gzip stream decompressed, within the bounds of
// inflateGuard.
func gunzip(r io.Reader) (io.Reader, error) {
	in := &countingReader{r: r}
	zr, err := gzip.NewReader(in)
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	return &inflateGuard{r: zr, in: in}, nil
}

// Decompression is bounded so that a gzip bomb (a few megabytes that
// expand to terabytes of zeros) cannot hold the machine: past
// inflateFree bytes, a stream may expand at most maxInflateRatio times
// the compressed bytes read, and never past maxInflated bytes. Text and
// logs compress 5 to 50 times, a log of one line repeated some 200 times;
// deflate's own ceiling is about 1,030.
const (
	inflateFree     = 64 << 20
	maxInflateRatio = 400
	maxInflated     = 64 << 30
)

// ErrInflateBomb is returned by a decompressed stream past its bounds.
var ErrInflateBomb = errors.New("decompression bomb")

// inflateGuard counts what a gzip stream expands to.
type inflateGuard struct {
	r   io.Reader
	in  *countingReader
	out int64
}

func (g *inflateGuard) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	g.out += int64(n)
	if g.out > inflateFree && (g.out > maxInflateRatio*g.in.n || g.out > maxInflated) {
		return n, fmt.Errorf("%w: gzip-compressed content expanded to %d MB from %d KB read (more than %d times, or past %d GB): not read further",
			ErrInflateBomb, g.out>>20, g.in.n>>10, maxInflateRatio, maxInflated>>30)
	}
	return n, err
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
