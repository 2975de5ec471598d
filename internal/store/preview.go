package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/cdrtui/cdrtui/internal/evidence"
	"github.com/cdrtui/cdrtui/internal/ident"
)

// PreviewEntry is what an import would make of one file, decided by the
// same detection the import runs, before anything is written.
type PreviewEntry struct {
	Path string `json:"path"`
	// Sheet names the sheet or table of a workbook or page the entry is
	// of ("sheet CDR", "table 2"), as its source would be cited; "" for a
	// whole file.
	Sheet  string `json:"sheet,omitempty"`
	Kind   string `json:"kind,omitempty"`
	Format string `json:"format,omitempty"`
	Zone   string `json:"zone,omitempty"`
	Size   int64  `json:"size"`
	// Problem is why the file would not be imported ("" when it would).
	Problem string `json:"problem,omitempty"`

	// planUnknown is why the file's numbers alone cannot tell their
	// country's plan (the import's refusal when nothing else names one);
	// planFound says they can. Both are left unset unless the numbers were
	// sampled (previewImport with plans).
	planUnknown string
	planFound   bool
}

// Preview is the detected layout of every file under paths, as Import
// would read them (a directory is walked; files a walk passes over in
// silence are counted in Ignored, not listed). At most limit files are
// detected (0: 500); Truncated says there were more. Nothing is written to
// the case or to the evidence.
type Preview struct {
	Entries   []PreviewEntry `json:"entries"`
	Ignored   int            `json:"ignored"`
	Truncated bool           `json:"truncated"`
}

// PreviewImport detects the layout of each file under paths with opts.
func PreviewImport(ctx context.Context, paths []string, opts ImportOptions, limit int) (*Preview, error) {
	return previewImport(ctx, paths, opts, limit, false)
}

// previewImport is PreviewImport; with plans, each file of records also
// samples its numbers as the import would to tell their numbering plan
// (planUnknown, planFound): only PreviewImportInto looks, and only when
// nothing else names the plan.
func previewImport(ctx context.Context, paths []string, opts ImportOptions, limit int, plans bool) (*Preview, error) {
	if limit <= 0 {
		limit = 500
	}
	pv := &Preview{}
	add := func(p string, explicit bool) {
		if len(pv.Entries) >= limit {
			pv.Truncated = true
			return
		}
		if isWorkbook(p) {
			for _, e := range previewWorkbook(p, opts, plans) {
				if len(pv.Entries) >= limit {
					pv.Truncated = true
					return
				}
				pv.Entries = append(pv.Entries, e)
			}
			return
		}
		if entries, ok := previewBook(p, opts, explicit, plans); ok {
			for _, e := range entries {
				if !explicit && e.Path == p && e.Problem != "" && !(FileResult{Path: p, Skipped: e.Problem}).reportable() {
					pv.Ignored++ // a page with no table, passed over by a walk
					continue
				}
				if len(pv.Entries) >= limit {
					pv.Truncated = true
					return
				}
				pv.Entries = append(pv.Entries, e)
			}
			return
		}
		e := previewFile(p, opts, explicit, plans)
		if !explicit && e.Problem != "" && !(FileResult{Path: p, Skipped: e.Problem}).reportable() {
			pv.Ignored++
			return
		}
		pv.Entries = append(pv.Entries, e)
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			pv.Entries = append(pv.Entries, PreviewEntry{Path: p, Problem: err.Error()})
			continue
		}
		if !info.IsDir() {
			add(p, true)
			continue
		}
		var files []string
		err = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if d.Type().IsRegular() {
				files = append(files, q)
			}
			return nil
		})
		if err != nil {
			return pv, err
		}
		sort.Strings(files)
		for _, f := range files {
			if ctx.Err() != nil {
				return pv, ctx.Err()
			}
			add(f, false)
		}
	}
	return pv, nil
}

func previewFile(p string, opts ImportOptions, explicit, plans bool) PreviewEntry {
	e := PreviewEntry{Path: p}
	f, err := os.Open(p) // read-only
	if err != nil {
		e.Problem = err.Error()
		return e
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		e.Problem = err.Error()
		return e
	}
	e.Size = info.Size()
	head := make([]byte, evidence.SniffBytes)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		e.Problem = err.Error()
		return e
	}
	det, err := detect(p, head[:n], int64(n) == info.Size(), opts)
	if err != nil {
		if f := cellSiteFormat(head[:n]); f != "" {
			if opts.CellSites {
				e.Kind, e.Format = KindCells, "cell-site reference data: "+f
			} else {
				e.Problem = cellSiteRefusal(f) // the head read once
			}
			return e
		}
		switch col := mappedColumnIn(opts.Map, head[:n]); {
		case col != "":
			e.Problem = fmt.Sprintf("--map names its column %q, but the file is not yet a layout cdrtui reads: %v", col, err)
		case explicit || isLayoutProblem(err) || errors.Is(err, errNotRead):
			e.Problem = err.Error()
		default:
			e.Problem = "not evidence: " + err.Error()
		}
		return e
	}
	e.Kind, e.Format, e.Zone = det.kind, det.format, det.zone
	if plans {
		samplePlan(&e, p, det)
	}
	return e
}

// samplePlan reads, for a file of calls or sessions, the numbers the
// import would infer the numbering plan from, as it reads them, and says
// in e whether they tell it (planFound) or why not (planUnknown).
func samplePlan(e *PreviewEntry, p string, det *detection) {
	if det.layout == nil || (det.layout.Kind != evidence.KindVoice && det.layout.Kind != evidence.KindData) {
		return
	}
	j := &importJob{path: p, det: det, reopen: det.reopen}
	subs, others, cells, err := j.sampleRows()
	if err != nil {
		return
	}
	if country, _, err := ident.InferPlan(subs, others); err != nil {
		if hint, _, _ := planHint(det.layout, cells); planCandidate(err, hint) {
			e.planFound = true // the import settles it by the layout
		} else {
			e.planUnknown = err.Error()
		}
	} else {
		e.planFound = country != ""
	}
}

// PreviewImportInto is PreviewImport for an import into this case: a file
// whose numbers cannot tell their country's numbering plan is shown as
// the import would refuse it, when nothing else names one — no --country,
// no plan kept by the case, and no other file of the same import whose
// numbers tell it (the import keeps that one as the case's, and the file
// is then read under it).
func (s *Store) PreviewImportInto(ctx context.Context, paths []string, opts ImportOptions, limit int) (*Preview, error) {
	if opts.Country != "" {
		return PreviewImport(ctx, paths, opts, limit)
	}
	if plan, _, err := s.NumberingPlan(ctx); err != nil || plan.Country != "" {
		return PreviewImport(ctx, paths, opts, limit)
	}
	pv, err := previewImport(ctx, paths, opts, limit, true)
	if err != nil {
		return pv, err
	}
	for _, e := range pv.Entries {
		if e.Problem == "" && e.planFound {
			return pv, nil
		}
	}
	for i := range pv.Entries {
		if e := &pv.Entries[i]; e.Problem == "" && e.planUnknown != "" {
			e.Problem = e.planUnknown
		}
	}
	return pv, nil
}
