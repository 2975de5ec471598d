package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/cdrtui/cdrtui/internal/evidence/asterisk"
)

// aelDetection describes an AEL dial plan (etc/asterisk/extensions.ael and
// the .ael files beside it) and how to import it. An AEL file with a
// statement that does not parse (one AEL refuses, or blocks nested past
// what is followed) is not read at all (errNotRead, naming the
// statements): pbx_ael loads nothing from a file with a syntax error ("It
// doesn't make sense to compile"), so no part of it is the PBX's dial plan,
// and half of it is never taken for the whole.
func aelDetection(abs string) (*detection, error) {
	if why := aelRefusal(abs); why != "" {
		return nil, fmt.Errorf("%w: %s", errNotRead, why)
	}
	return &detection{kind: KindAsteriskConf, format: "Asterisk dial plan in AEL (" + filepath.Base(abs) + ", read by pbx_ael)",
		notes:    "AEL has no priorities: each step's priority is its place in its extension, counted from 1; a macro's steps are in a context of its name, extension s.",
		importer: func(ctx context.Context, j *importJob) error { return importAEL(ctx, j) }}, nil
}

// aelRefusal parses the AEL file at abs through its image root and says
// why it is not read, "" when it parses (or cannot be opened here: the
// import then reads it and judges again).
func aelRefusal(abs string) string {
	r, rel, ok := confImageRoot(abs)
	if !ok {
		return ""
	}
	defer r.Close()
	to, err := resolveIn(r, rel, "")
	if err != nil {
		return ""
	}
	f, err := r.Open(orDot(to))
	if err != nil {
		return ""
	}
	defer f.Close()
	_, problems, err := asterisk.ParseAEL(f)
	if err != nil {
		return "an AEL dial plan: " + err.Error()
	}
	return aelProblems(problems)
}

// aelProblems is the sentence refusing an AEL file for its problems, ""
// when there are none.
func aelProblems(problems []asterisk.Problem) string {
	if len(problems) == 0 {
		return ""
	}
	var parts []string
	for i, p := range problems {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("and %d more", len(problems)-i))
			break
		}
		parts = append(parts, fmt.Sprintf("line %d: %s", p.Line, p.Reason))
	}
	return fmt.Sprintf("an AEL dial plan with %s that do not parse (%s); pbx_ael loads nothing from a file with a syntax error, "+
		"so none of its contexts, steps or numbers are taken", plural(len(problems), "statement", "statements"), strings.Join(parts, "; "))
}

// importAEL reads an AEL file's steps and numbers into the dial-plan
// tables, and its globals as extensions.conf's [globals] entries, as
// importConf does for extensions.conf; a file with a statement
// that does not parse (one that changed since it was detected) is refused
// whole, nothing of it written. Calls already in the case are then
// classified anew, the dial plan's prefix strips now known.
func importAEL(ctx context.Context, j *importJob) error {
	dp, problems, err := asterisk.ParseAEL(j.reader())
	if err != nil {
		return fmt.Errorf("reading %s: %w", j.path, err)
	}
	if why := aelProblems(problems); why != "" {
		return fmt.Errorf("%w: %s", errNotRead, why)
	}
	var steps, numbers [][]any
	for _, x := range dp.Extensions {
		steps = append(steps, []any{j.sourceID, x.Context, x.Exten, x.Priority, x.App, x.AppData, int64(x.Line)})
	}
	for _, n := range dp.Numbers {
		numbers = append(numbers, []any{j.sourceID, n, int64(firstLineNaming(dp, n))})
	}
	if err := j.insert(ctx, "INSERT INTO ast_dialplan(source_id, context, exten, priority, app, appdata, line) %s", 7, append(steps, includeRows(j.sourceID, dp)...)); err != nil {
		return err
	}
	if err := j.insert(ctx, "INSERT INTO ast_dialplan_numbers(source_id, number, line) %s", 3, numbers); err != nil {
		return err
	}
	// globals { NAME=value; } are kept as extensions.conf's [globals] are,
	// so that what reads the dial plan's variables (PBXRoutes) reads both
	var globals [][]any
	for _, g := range dp.Globals {
		globals = append(globals, []any{j.sourceID, "extensions", "globals", int64(0), "", g.Key, g.Value, g.Op, int64(g.Line)})
	}
	if err := j.insert(ctx, "INSERT INTO ast_conf(source_id, file_kind, section, section_line, section_opts, key, value, op, line) %s", 9, globals); err != nil {
		return err
	}
	j.rows.Add(int64(len(steps)))
	j.det.notes = strings.TrimSpace(j.det.notes + fmt.Sprintf(" dial plan: %d contexts, %d steps, %d numbers.", len(dp.Contexts), len(steps), len(numbers)))
	n, err := reclassifyCalls(ctx, j.conn)
	if err != nil {
		return fmt.Errorf("%w: %w", errCaseFailed, err)
	}
	if n > 0 {
		j.det.notes = strings.TrimSpace(j.det.notes + fmt.Sprintf(" Recipient and direction of %d calls already in the case re-derived with this dial plan.", n))
	}
	return nil
}
