package store

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/cdrtui/cdrtui/internal/evidence/asterisk"
)

// KindAsteriskCEL is Channel Event Logging: one row per channel event.
const KindAsteriskCEL = "asterisk-cel"

// celConfig is what a seized image says of Channel Event Logging.
type celConfig struct {
	customConf bool                  // etc/asterisk/cel_custom.conf exists
	mappings   []asterisk.CELMapping // its mappings
	dateFormat string                // cel.conf [general] dateformat ("" when unset)
	dateNote   string                // which line set it
	sqlite     *asterisk.CELSQLiteMapping
}

// readCELConfig reads cel_custom.conf's mappings and cel.conf's
// dateformat from the image.
func readCELConfig(r *os.Root, info *imageInfo) {
	if b, err := readRootFile(r, "etc/asterisk/cel_custom.conf"); err == nil {
		if c, err := asterisk.ParseConf(bytes.NewReader(b)); err == nil {
			info.cel.customConf = true
			info.cel.mappings = asterisk.ParseCELMappings(c)
		}
	}
	if b, err := readRootFile(r, "etc/asterisk/cel_sqlite3_custom.conf"); err == nil {
		if c, err := asterisk.ParseConf(bytes.NewReader(b)); err == nil {
			info.cel.sqlite = asterisk.ParseCELSQLiteMapping(c)
		}
	}
	if b, err := readRootFile(r, "etc/asterisk/cel.conf"); err == nil {
		if c, err := asterisk.ParseConf(bytes.NewReader(b)); err == nil {
			if v, ok := c.Get("general", "dateformat"); ok && strings.TrimSpace(v) != "" {
				info.cel.dateFormat = strings.TrimSpace(v)
				info.cel.dateNote = fmt.Sprintf("etc/asterisk/cel.conf line %d: [general] dateformat=%s", confLine(c, "general", "dateformat"), info.cel.dateFormat)
			}
		}
	}
}

// celClock is the clock CEL times are read by: Unix seconds as they are;
// a formatted time (cel.conf's dateformat, the PBX's wall clock) in the
// image's zone or --tz.
func celClock(opts ImportOptions) (asterisk.CELClock, string, string) {
	loc, zone, note := clockZone(opts)
	clk := asterisk.CELClock{Loc: loc}
	how := "event times written as Unix seconds (cel.conf sets no dateformat) are read as they are; a formatted time is the PBX's wall clock: " + note
	if img := opts.image; img != nil && img.cel.dateFormat != "" {
		clk.DateFormat = img.cel.dateFormat
		how = img.cel.dateNote + ", so event times are the PBX's wall clock in that format: " + note
	}
	if loc == nil {
		how += "; a formatted time is then refused row by row"
	}
	return clk, zone, how
}

// celDetection decides how a Channel Event Logging file is read: by its
// header (a cel table export), by the image's cel_custom.conf mapping of
// its name, or by a stock mapping assumed when the image has none and
// exactly one stock mapping fits its values. Otherwise it is refused with
// the reason: a CEL file's columns are never guessed.
func celDetection(abs string, head []byte, detected string, opts ImportOptions, gz bool) (*detection, error) {
	clk, zone, clockNote := celClock(opts)
	build := func(m asterisk.CELMapping, header bool, fit, note string) *detection {
		notes := "Channel Event Logging: one row per channel event (a call is the events sharing a linkedid), read by " + m.From +
			" (" + m.Describe() + "). " + note + clockNote + "."
		return &detection{kind: KindAsteriskCEL, format: "Asterisk CEL: " + fit, zone: zone, notes: strings.TrimSpace(notes),
			importer: func(ctx context.Context, j *importJob) error {
				r, err := j.stream(gz)
				if err != nil {
					return err
				}
				return importCELEvents(ctx, j, asterisk.NewCELReader(r, m, header, clk).Next)
			}}
	}
	lines := bytes.SplitN(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), []byte("\n"), 2)
	if m, ok := asterisk.CELHeaderMapping(string(lines[0])); ok {
		if fit, why := asterisk.FitsCEL(head, m, true, clk); fit {
			return build(m, true, why, ""), nil
		} else {
			return nil, fmt.Errorf("%w: Channel Event Logging table export, but %s", errNotRead, why)
		}
	}
	name, inImage := celCustomName(abs, opts)
	img := opts.image
	if img != nil && name != "" {
		for _, m := range img.cel.mappings {
			if match, _ := mappingNames(m.File, name, inImage); !match {
				continue
			}
			if m.Problem != "" {
				return nil, fmt.Errorf("%w: Channel Event Logging written by %s, but %s", errNotRead, m.From, m.Problem)
			}
			fit, why := asterisk.FitsCEL(head, m, false, clk)
			if !fit {
				return nil, fmt.Errorf("%w: Channel Event Logging, but its lines do not fit the image's mapping: %s", errNotRead, why)
			}
			return build(m, false, why, ""), nil
		}
	}
	if detected == "" {
		return nil, nil
	}
	base := filepath.Base(abs)
	var why string
	switch {
	case img == nil:
		why = "the file is not inside a disk image, so no cel_custom.conf says its columns"
	case !img.cel.customConf:
		why = "the image has no etc/asterisk/cel_custom.conf"
	default:
		why = "the image's etc/asterisk/cel_custom.conf has no mapping of " + base + " (the one that wrote it was removed or commented out)"
	}
	var fits []asterisk.CELMapping
	var whys []string
	fitWhy := ""
	for _, m := range asterisk.StockCELMappings(base) {
		ok, w := asterisk.FitsCEL(head, m, false, clk)
		if ok {
			fits, fitWhy = append(fits, m), w
		}
		whys = append(whys, w)
	}
	if len(fits) != 1 {
		return nil, fmt.Errorf("%w: %s, and %s; its columns cannot be told (%s), so it is not read",
			errNotRead, detected, why, strings.Join(whys, "; "))
	}
	note := "Stock mapping assumed: " + why + "; most lines of the file's head fit it (" + fmt.Sprint(len(fits[0].Fields)) +
		" columns, a CEL event type, an event time), the other stock mapping does not, and a line that does not fit is a reject. "
	return build(fits[0], false, fitWhy+" ("+detected+")", note), nil
}

// celCustomName is a file's name under cel-custom/ ("" when it is not
// there) and its path inside its image (a mapping may name either).
func celCustomName(abs string, opts ImportOptions) (name, inImage string) {
	s := filepath.ToSlash(abs)
	if img := opts.image; img != nil && strings.HasPrefix(s, filepath.ToSlash(img.root)) {
		inImage = s[len(filepath.ToSlash(img.root)):]
	}
	const dir = "/var/log/asterisk/cel-custom/"
	if i := strings.LastIndex(s, dir); i >= 0 {
		name = s[i+len(dir):]
	}
	if name == "" && inImage != "" {
		name = inImage // a mapping may write to an absolute path
	}
	return name, inImage
}

// celIdentity is an event's identity (migration 0018 says why): the
// columns of ast_cel's unique index ast_cel_identity, and the feed's
// column of each in importCELEvents' rows.
var celIdentity = []struct {
	col  string
	feed int
}{{"time", 2}, {"usec", 3}, {"event", 5}, {"userdeftype", 6}, {"channel", 7}, {"uniqueid", 8}, {"linkedid", 9},
	{"cid_name", 10}, {"cid_num", 11}, {"cid_ani", 12}, {"cid_dnid", 13}, {"exten", 14}, {"context", 15}, {"app", 16},
	{"appdata", 17}, {"accountcode", 18}, {"peer", 19}, {"extra", 20}}

// importCELEvents writes the events next yields into ast_cel, each with
// its line; rows that are not events are rejects with their line. An
// event the case already holds (from another source, or an earlier line
// of this one) is kept once: its row here is a row of ast_cel_copies
// pointing at the event.
func importCELEvents(ctx context.Context, j *importJob, next func() (asterisk.CELEvent, error)) error {
	var rows [][]any
	var events, copies int64
	linked := map[string]bool{}
	on := make([]string, len(celIdentity))
	for i, c := range celIdentity {
		on[i] = fmt.Sprintf("a.%s = f.c%d", c.col, c.feed)
	}
	insert := `INSERT INTO ast_cel(source_id, line, time, usec, time_text, event, userdeftype, channel, uniqueid, linkedid,
		cid_name, cid_num, cid_ani, cid_dnid, exten, context, app, appdata, accountcode, peer, extra) ` +
		feedSelect(j.feedName, 21) + ` WHERE true ON CONFLICT DO NOTHING`
	copiesStmt := `INSERT INTO ast_cel_copies(source_id, line, cel_id)
		SELECT f.c0, f.c1, a.id FROM ` + j.feedName + ` f JOIN ast_cel a ON ` + strings.Join(on, " AND ") + `
		WHERE a.source_id <> f.c0 OR a.line <> f.c1`
	flush := func(rejects []reject) error {
		if len(rows) > 0 {
			added, copied, err := j.insertKeepingCopies(ctx, rows, insert, copiesStmt)
			if err != nil {
				return err
			}
			j.rows.Add(added)
			events += added
			copies += copied
		}
		if err := j.writeRejects(ctx, rejects); err != nil {
			return err
		}
		rows = rows[:0]
		j.progress()
		return nil
	}
	take := func(e asterisk.CELEvent) (bool, []reject) {
		rows = append(rows, []any{j.sourceID, e.Line, e.Time, e.Usec, e.TimeText, e.Event, e.UserType, e.Channel, e.UniqueID, e.LinkedID,
			e.CIDName, e.CIDNum, e.CIDAni, e.CIDDnid, e.Exten, e.Context, e.App, e.AppData, e.AccountCode, e.Peer, e.Extra})
		if e.LinkedID != "" {
			linked[e.LinkedID] = true
		}
		return true, nil
	}
	if err := eachRow(j, next, take, flush); err != nil {
		return err
	}
	j.det.notes = strings.TrimSpace(j.det.notes + fmt.Sprintf(" %d events of %d calls (linkedids).", events+copies, len(linked)))
	if copies > 0 {
		j.det.notes += fmt.Sprintf(" %s an event already in the case (the same event in cel-custom/*.csv and master.db's cel table, another copy of the file, or a repeated row): kept once, each copy listed in ast_cel_copies with its line; %d events are new.",
			rowsRepeat(copies), events)
	}
	if events+copies == 0 { // a file that imports nothing says so, and why
		if n := j.rejected.Load(); n > 0 {
			j.res.Error = fmt.Sprintf("nothing imported: all %d CEL lines were rejected, for the reasons in its rejects; the attempt is recorded in the case", n)
		} else {
			j.res.Error = "nothing imported: no Channel Event Logging event in it (an empty cel table or file); the attempt is recorded in the case"
		}
	}
	return nil
}
