package report

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/casework"
)

// Formats are the report formats, by the output file's extension.
var Formats = []string{".html", ".pdf", ".xlsx"}

// Render writes r in the format named by out's extension.
func Render(r *Report, out string) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	switch strings.ToLower(filepath.Ext(out)) {
	case ".html", ".htm":
		err = WriteHTML(&buf, r)
	case ".pdf":
		err = WritePDF(&buf, r)
	case ".xlsx":
		err = WriteXLSX(&buf, r)
	default:
		return nil, fmt.Errorf("%s: the report is written as .html, .pdf or .xlsx", out)
	}
	return buf.Bytes(), err
}

// Make builds the report once and writes it to each file of outs, in the
// format each one's extension names (so that they share one figures
// hash), never over an evidence folder, each written whole or not at all,
// and records each in the audit trail with the SHA-256 of the file. It
// returns the report and the bytes of the last file.
func Make(ctx context.Context, st casework.Case, p Params, analyst string, outs ...string) (*Report, []byte, error) {
	if len(outs) == 0 {
		return nil, nil, fmt.Errorf("no output file")
	}
	for _, out := range outs {
		if err := notEvidence(ctx, st, out); err != nil {
			return nil, nil, err
		}
		switch strings.ToLower(filepath.Ext(out)) {
		case ".html", ".htm", ".pdf", ".xlsx":
		default:
			return nil, nil, fmt.Errorf("%s: the report is written as .html, .pdf or .xlsx", out)
		}
	}
	r, err := Build(ctx, st, p, analyst, time.Now())
	if err != nil {
		return nil, nil, err
	}
	var doc []byte
	for _, out := range outs {
		if doc, err = Render(r, out); err != nil {
			return nil, nil, err
		}
		tmp := out + ".part"
		if err := os.WriteFile(tmp, doc, 0o644); err != nil {
			return nil, nil, err
		}
		if err := os.Rename(tmp, out); err != nil {
			os.Remove(tmp)
			return nil, nil, err
		}
		if _, err := casework.Record(ctx, st, analyst, "report", map[string]any{"out": out, "subscribers": p.Subscribers,
			"sections": r.Params.Sections, "window_s": r.Params.WindowS, "top": r.Params.Top, "app": r.Params.App,
			"figures_sha256": FiguresHash(r)}, doc); err != nil {
			return r, doc, err
		}
	}
	return r, doc, nil
}

// notEvidence refuses an output path that is one of the case's sources or
// lies in the folder of one.
func notEvidence(ctx context.Context, st casework.Case, out string) error {
	if err := casework.NotIntoEvidence(ctx, st, out); err != nil {
		return fmt.Errorf("the report: %w", err)
	}
	return nil
}
