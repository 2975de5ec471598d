package casework

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
)

// SimBoxEvalOptions is the recipe of a SIM-box evaluation: one generated
// case per mimicry level (same seed, so the same honest population), each
// imported into its own case file and scored, then judged at every
// threshold against the planted truth.
type SimBoxEvalOptions struct {
	Seed             int64
	Mimicry          []float64 // levels, 0..1
	Thresholds       []float64
	VoiceSubscribers int // honest voice subscribers per case
	SimBoxes         int // SIM-box SIMs per case
	Days             int
	Rules            SimBoxRules
	// WorkDir is where the cases are built; "" builds them in a temporary
	// directory removed afterwards.
	WorkDir  string
	Progress func(string) // may be nil
}

// DefaultSimBoxEvalOptions is the evaluation the README shows.
func DefaultSimBoxEvalOptions() SimBoxEvalOptions {
	return SimBoxEvalOptions{
		Seed:             1,
		Mimicry:          []float64{0, 0.2, 0.4, 0.6, 0.8, 1},
		Thresholds:       []float64{20, 30, 40, 50, 60, 70},
		VoiceSubscribers: 500,
		SimBoxes:         40,
		Days:             14,
		Rules:            SimBoxRules{Config: analysis.DefaultSimBoxConfig(), Origin: "defaults"},
	}
}

// SimBoxEvalRow is the detector judged at one mimicry level and threshold.
// HonestBlocked is the paper's measure (= FP).
type SimBoxEvalRow struct {
	Mimicry       float64  `json:"mimicry"`
	Threshold     float64  `json:"threshold"`
	SimBoxes      int      `json:"simboxes"`  // planted (TP+FN)
	Honest        int      `json:"honest"`    // honest voice subscribers (FP+TN)
	Flagged       int      `json:"flagged"`   // TP+FP
	Precision     *float64 `json:"precision"` // null when nothing is flagged
	Recall        float64  `json:"recall"`
	HonestBlocked int      `json:"honest_blocked"`
	analysis.Confusion
}

// SimBoxEvalReport is the evaluation's table.
type SimBoxEvalReport struct {
	Seed             int64           `json:"seed"`
	VoiceSubscribers int             `json:"voice_subscribers"`
	SimBoxes         int             `json:"simboxes"`
	Days             int             `json:"days"`
	ConfigOrigin     string          `json:"config_origin"`
	Rows             []SimBoxEvalRow `json:"rows"`
}

// SimBoxEval runs the evaluation.
func SimBoxEval(ctx context.Context, opts SimBoxEvalOptions) (*SimBoxEvalReport, error) {
	work := opts.WorkDir
	if work == "" {
		tmp, err := os.MkdirTemp("", "cdrtui-simbox-eval-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(tmp)
		work = tmp
	}
	thresholds := slices.Clone(opts.Thresholds)
	slices.Sort(thresholds)
	rep := &SimBoxEvalReport{Seed: opts.Seed, VoiceSubscribers: opts.VoiceSubscribers, SimBoxes: opts.SimBoxes,
		Days: opts.Days, ConfigOrigin: opts.Rules.Origin}
	for _, m := range opts.Mimicry {
		if opts.Progress != nil {
			opts.Progress(fmt.Sprintf("mimicry %.2f: generating and importing a case", m))
		}
		res, truth, err := simBoxEvalCase(ctx, filepath.Join(work, fmt.Sprintf("mimicry-%.2f", m)), m, opts)
		if err != nil {
			return nil, fmt.Errorf("mimicry %.2f: %w", m, err)
		}
		boxes := make([]string, 0, len(truth.SimBoxes))
		for _, b := range truth.SimBoxes {
			boxes = append(boxes, b.MSISDN)
		}
		for _, t := range thresholds {
			c := analysis.ConfusionAt(res.Subscribers, boxes, truth.HonestVoice, t)
			row := SimBoxEvalRow{Mimicry: m, Threshold: t, SimBoxes: c.TP + c.FN, Honest: c.FP + c.TN,
				Flagged: c.TP + c.FP, HonestBlocked: c.FP, Confusion: c}
			if p, ok := c.Precision(); ok {
				row.Precision = &p
			}
			row.Recall, _ = c.Recall()
			rep.Rows = append(rep.Rows, row)
		}
	}
	return rep, nil
}

// simBoxEvalCase generates, imports and scores one case.
func simBoxEvalCase(ctx context.Context, dir string, mimicry float64, opts SimBoxEvalOptions) (*analysis.SimBoxResult, *gen.Truth, error) {
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Days, cfg.Mimicry = opts.Seed, opts.Days, mimicry
	cfg.Records, cfg.Pairs = 0, 0 // voice only
	cfg.VoiceSubscribers, cfg.SimBoxes = opts.VoiceSubscribers, opts.SimBoxes
	evidenceDir := filepath.Join(dir, "evidence")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, err
	}
	truth, err := gen.Generate(evidenceDir, cfg)
	if err != nil {
		return nil, nil, err
	}
	casePath := filepath.Join(dir, "case.db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(casePath + suffix) // a case left by an earlier run in the same WorkDir
	}
	st, err := store.Create(casePath)
	if err != nil {
		return nil, nil, err
	}
	defer st.Close()
	results, err := st.Import(ctx, []string{evidenceDir}, store.ImportOptions{})
	if err != nil {
		return nil, nil, err
	}
	for _, r := range results {
		if r.Error != "" {
			return nil, nil, fmt.Errorf("%s: %s", r.Path, r.Error)
		}
	}
	rep, err := SimBox(ctx, st, opts.Rules)
	if err != nil {
		return nil, nil, err
	}
	return rep.SimBoxResult, truth, nil
}
