package store

import (
	"context"
	"fmt"
	"github.com/cdrtui/cdrtui/internal/analysis"
	"path/filepath"
	"strings"

	"github.com/cdrtui/cdrtui/internal/evidence/asterisk"
)

// importConf reads an Asterisk .conf file: every key into ast_conf with its
// section and line, lines Asterisk would complain about into rejects, and,
// unless the file is a backup copy, what its kind says: the modems of a
// dongle.conf, the peers of sip.conf and pjsip.conf, the steps and numbers
// of extensions.conf. notLoaded marks each peer of a file Asterisk never
// loads (confLoaded), "" for any other.
func importConf(ctx context.Context, j *importJob, kind string, backup bool, notLoaded string) error {
	r, err := j.stream(false)
	if err != nil {
		return err
	}
	c, err := asterisk.ParseConf(r)
	if err != nil {
		return fmt.Errorf("reading %s: %w", j.path, err)
	}
	enclosing := ""
	if abs, err := filepath.Abs(j.path); err == nil && !backup && kind != "" {
		enclosing = enclosingContext(abs, kind, c)
	}
	var rows [][]any
	for _, s := range c.Sections {
		opts := sectionOpts(s)
		if s.Line == 0 {
			opts = "" // lines before any header, kept in the section open where the file is included: no (+) written
		}
		for _, e := range s.Entries {
			rows = append(rows, []any{j.sourceID, kind, s.Name, int64(s.Line), opts, e.Key, e.Value, e.Op, int64(e.Line)})
		}
	}
	for _, d := range c.Includes {
		rows = append(rows, []any{j.sourceID, kind, "", int64(0), "", "#" + d.Name, d.Arg, "#", int64(d.Line)})
	}
	if err := j.insert(ctx, "INSERT INTO ast_conf(source_id, file_kind, section, section_line, section_opts, key, value, op, line) %s", 9, rows); err != nil {
		return err
	}
	j.rows.Add(int64(len(rows)))
	var rejects []reject
	for _, p := range c.Problems {
		rejects = append(rejects, reject{line: int64(p.Line), severity: "row", reason: p.Reason, raw: p.Text})
	}
	j.rejected.Add(int64(len(rejects)))
	if err := j.writeRejects(ctx, rejects); err != nil {
		return err
	}
	if backup {
		return nil
	}
	if enclosing != "" {
		j.det.notes = strings.TrimSpace(strings.TrimSpace(j.det.notes) + " " + enclosing)
	}
	if abs, err := filepath.Abs(j.path); err == nil {
		if n := familyNotes(abs, kind, c); n != "" {
			j.det.notes = strings.TrimSpace(j.det.notes + " " + n)
		}
	}
	derived, note, err := j.deriveConf(ctx, c, kind, notLoaded)
	if err != nil {
		return err
	}
	if derived != "" {
		j.det.notes = strings.TrimSpace(j.det.notes + " " + derived + ".")
	}
	if note != "" {
		j.det.notes = strings.TrimSpace(j.det.notes + " " + note)
	}
	if abs, err := filepath.Abs(j.path); err == nil {
		if n := missingIncludes(abs, c); n != "" {
			j.det.notes = strings.TrimSpace(j.det.notes + " " + n)
		}
	}
	for _, d := range c.Includes {
		if d.Name == "exec" || d.Name == "tryexec" {
			j.det.notes = strings.TrimSpace(j.det.notes + fmt.Sprintf(" line %d: #%s %s: shown, never run (its output was part of the live configuration and is not in the image).", d.Line, d.Name, d.Arg))
		}
	}
	switch kind {
	case "sip", "pjsip", "iax", "dongle", "extensions", "users":
		n, err := reclassifyCalls(ctx, j.conn)
		if err != nil {
			return fmt.Errorf("%w: %w", errCaseFailed, err)
		}
		if n > 0 {
			j.det.notes = strings.TrimSpace(j.det.notes + fmt.Sprintf(" Recipient and direction of %d calls already in the case re-derived with this configuration.", n))
		}
	}
	return nil
}

// familyNotes reads c, the configuration file at abs, with its family as
// Asterisk reads it (sip, pjsip and iax: the lines (+) sections add, the
// templates and pjsip objects of other files; extensions: the templates,
// when its sections name one it does not define) and returns the sentence
// for the notes.
func familyNotes(abs, kind string, c *asterisk.Conf) string {
	var fr *familyRead
	var rel string
	switch kind {
	case "sip", "pjsip", "iax":
		fr, rel = confFamily(abs, kind)
	case "extensions":
		if len(missingTemplates(c)) == 0 && !hasAppend(c) {
			return ""
		}
		fr, rel = confFamily(abs, kind)
	default:
		return ""
	}
	n := familyTemplates(fr, rel, c)
	if kind != "extensions" {
		n = strings.TrimSpace(n + " " + familyAppends(fr, rel, c))
	} else {
		n = strings.TrimSpace(n + " " + dialPlanAppends(fr, rel, c))
	}
	if kind == "pjsip" {
		n = strings.TrimSpace(n + " " + familyObjects(fr, rel, c))
	}
	return n
}

// deriveConf writes what a configuration of kind says, each peer bearing
// notLoaded, and returns a summary and the notes of the modems.
func (j *importJob) deriveConf(ctx context.Context, c *asterisk.Conf, kind, notLoaded string) (summary, notes string, err error) {
	src := j.sourceID
	switch kind {
	case "dongle":
		var rows [][]any
		var ns []string
		for _, d := range asterisk.Dongles(c) {
			rows = append(rows, []any{src, d.Name, d.IMEI, d.IMSI, d.Exten, d.Context, d.AudioDev, d.DataDev, d.Group, int64(d.Line), strings.Join(d.Notes, "; ")})
			for _, n := range d.Notes {
				ns = append(ns, fmt.Sprintf("[%s] %s.", d.Name, n))
			}
		}
		err = j.insert(ctx, "INSERT INTO ast_dongles(source_id, name, imei, imsi, exten, context, audio, data, grp, line, notes) %s", 11, rows)
		return analysis.Plural(int64(len(rows)), "modem", "modems") + " (chan_dongle devices)", strings.Join(ns, " "), err
	case "sip", "pjsip", "iax", "users":
		peers := asterisk.SIPPeers(c)
		switch kind {
		case "pjsip":
			peers = asterisk.PJSIPPeers(c)
		case "users":
			peers = asterisk.UsersPeers(c)
		case "iax":
			for i := range peers {
				peers[i].Source = "iax"
			}
		}
		var rows [][]any
		for _, p := range peers {
			rows = append(rows, []any{src, p.Source, p.Name, p.Type, p.Host, p.Port, p.Username, p.Context, int64(p.Line), p.Detail, notLoaded})
		}
		err = j.insert(ctx, "INSERT INTO ast_peers(source_id, conf, name, type, host, port, username, context, line, detail, not_loaded) %s", 11, rows)
		trunks := 0
		for _, p := range peers {
			if party, ok := asterisk.PeerParty(p, "", nil, nil); ok && party.Trunk {
				trunks++
			}
		}
		what := strings.ToUpper(kind)
		if kind == "users" {
			what = "users.conf SIP and IAX2"
		}
		return fmt.Sprintf("%d %s parties (peers, registrations), %d of them trunks by their own settings", len(rows), what, trunks), "", err
	case "extensions":
		dp := asterisk.ParseDialPlan(c)
		var steps, numbers [][]any
		for _, x := range dp.Extensions {
			steps = append(steps, []any{src, x.Context, x.Exten, x.Priority, x.App, x.AppData, int64(x.Line)})
		}
		for _, n := range dp.Numbers {
			numbers = append(numbers, []any{src, n, int64(firstLineNaming(dp, n))})
		}
		if err = j.insert(ctx, "INSERT INTO ast_dialplan(source_id, context, exten, priority, app, appdata, line) %s", 7, append(steps, includeRows(src, dp)...)); err != nil {
			return "", "", err
		}
		err = j.insert(ctx, "INSERT INTO ast_dialplan_numbers(source_id, number, line) %s", 3, numbers)
		return fmt.Sprintf("dial plan: %d contexts, %d steps, %d numbers", len(dp.Contexts), len(steps), len(numbers)), "", err
	}
	return "", "", nil
}

// firstLineNaming is the line of the first dial-plan step whose extension
// or data holds number; 0 when none does (it cannot happen for a number
// ParseDialPlan found, in a context's step or a template's).
func firstLineNaming(dp asterisk.DialPlan, number string) int {
	for _, x := range append(dp.Extensions[:len(dp.Extensions):len(dp.Extensions)], dp.Templates...) {
		if strings.Contains(x.Exten, number) || strings.Contains(x.AppData, number) {
			return x.Line
		}
	}
	return 0
}

// sectionOpts writes a section's options as declared: "(!)", "(+)",
// "(tmpl1,tmpl2)" or "(!,tmpl)".
func sectionOpts(s asterisk.Section) string {
	var parts []string
	if s.IsTemplate {
		parts = append(parts, "!")
	}
	if s.Append {
		parts = append(parts, "+"+s.AppendFilter)
	}
	parts = append(parts, s.Templates...)
	if len(parts) == 0 {
		return ""
	}
	return "(" + strings.Join(parts, ",") + ")"
}

// insert writes rows through the feed, reporting a failure as the case's.
func (j *importJob) insert(ctx context.Context, stmt string, ncols int, rows [][]any) error {
	if err := bulk(ctx, j.conn, j.feedName, j.feed, stmt, ncols, rows); err != nil {
		return fmt.Errorf("%w: %w", errCaseFailed, err)
	}
	return nil
}
