package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/cdrtui/cdrtui/internal/evidence/asterisk"
)

// aelDetection describes an AEL dial plan (etc/asterisk/extensions.ael and
// the .ael files beside it) and how to import it.
func aelDetection(abs string) *detection {
	return &detection{kind: KindAsteriskConf, format: "Asterisk dial plan in AEL (" + filepath.Base(abs) + ", read by pbx_ael)",
		notes:    "AEL has no priorities: each step's priority is its place in its extension, counted from 1; a macro's steps are in a context of its name, extension s.",
		importer: func(ctx context.Context, j *importJob) error { return importAEL(ctx, j) }}
}

// importAEL reads an AEL file's steps and numbers into the dial-plan
// tables, as importConf does for extensions.conf; statements AEL would
// reject are rejects with their line. Calls already in the case are then
// classified anew, the dial plan's prefix strips now known.
func importAEL(ctx context.Context, j *importJob) error {
	dp, problems, err := asterisk.ParseAEL(j.reader())
	if err != nil {
		return fmt.Errorf("reading %s: %w", j.path, err)
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
	j.rows.Add(int64(len(steps)))
	var rejects []reject
	for _, p := range problems {
		rejects = append(rejects, reject{line: int64(p.Line), severity: "row", reason: p.Reason, raw: p.Text})
	}
	j.rejected.Add(int64(len(rejects)))
	if err := j.writeRejects(ctx, rejects); err != nil {
		return err
	}
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
