package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/store"
)

func runSimBox(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("simbox", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	configPath := fs.String("config", "", "rule book (JSON) to apply instead of the one kept in the case or the defaults")
	threshold := fs.String("threshold", "", "flag SIMs scoring at least this (default: the rule book's)")
	keep := fs.Bool("keep", false, "keep the --config rule book in the case, for the workbench pane")
	printConfig := fs.Bool("print-config", false, "print the rule book (the defaults, or --config) as JSON and stop")
	top := fs.Int("top", -1, "SIMs to list (default: the flagged ones and 10 more)")
	scope := scopeFlags(fs)
	cluster := clusterFlag(fs)
	pos, ts, err := parseScoped(fs, scope, args)
	if err != nil {
		return err
	}
	if *printConfig && len(pos) == 0 {
		return printSimBoxConfig(stdout, *configPath)
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: need one case file", errUsage)
	}
	var st casework.Case
	var local *store.Store
	if isClusterCase(pos[0]) || *cluster != "" {
		st, local, err = openCase(pos[0], *cluster, stderr)
	} else {
		open := openReading
		if *keep {
			open = openExisting // the rule book is kept in the case
		}
		local, err = open(pos[0], stderr)
		st = local
	}
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	rules, err := casework.LoadSimBoxRules(ctx, st, *configPath)
	if err != nil {
		return err
	}
	if *printConfig {
		return writeJSON(stdout, rules.Config)
	}
	if *keep {
		if *configPath == "" {
			return fmt.Errorf("%w: --keep needs --config FILE", errUsage)
		}
		raw, err := os.ReadFile(*configPath)
		if err != nil {
			return err
		}
		if err := casework.KeepSimBoxRules(ctx, st, raw); err != nil {
			return err
		}
		recordRun(ctx, st, "simbox keep rules", args, raw, stderr)
		fmt.Fprintf(stderr, "rule book %s kept in the case\n", inert.String(*configPath))
	}
	if *threshold != "" {
		t, err := strconv.ParseFloat(*threshold, 64)
		if err != nil {
			return fmt.Errorf("%w: --threshold %q is not a number", errUsage, *threshold)
		}
		rules.Config.Threshold = t
		rules.Origin += fmt.Sprintf(", threshold %g from the command line", t)
	}
	rep, err := casework.SimBoxIn(ctx, st, rules, ts)
	if err != nil {
		return err
	}
	var result any = rep // as --json prints it
	if ts.Set() {        // says the scope it was computed in
		result = struct {
			*casework.SimBoxReport
			Scope casework.TimeScope `json:"time_scope"`
		}{rep, ts}
	}
	if *asJSON {
		// every SIM of the case: the list is written a SIM at a time, the
		// rest around it once, and hashed for the trail as it goes out
		res := *rep.SimBoxResult
		res.Subscribers = nil
		head := *rep
		head.SimBoxResult = &res
		var v any = &head
		if ts.Set() {
			v = struct {
				*casework.SimBoxReport
				Scope casework.TimeScope `json:"time_scope"`
			}{&head, ts}
		}
		digest, err := casework.WriteJSONTextList(stdout, v, "subscribers", rep.Subscribers)
		if err != nil {
			return err
		}
		recordRun(ctx, st, "simbox", args, digest, stderr)
		return nil
	}
	recordRun(ctx, st, "simbox", args, result, stderr)
	printScope(stdout, ts)
	printSimBox(stdout, rep, *top)
	return nil
}

func printSimBoxConfig(w io.Writer, path string) error {
	if path == "" {
		_, err := w.Write(analysis.DefaultSimBoxJSON())
		return err
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	c, err := analysis.ParseSimBoxConfig(raw)
	if err != nil {
		return err
	}
	return writeJSON(w, c)
}

func printSimBox(w io.Writer, rep *casework.SimBoxReport, top int) {
	fmt.Fprintf(w, "case %s\n", inert.String(rep.Case))
	fmt.Fprintf(w, "rule book: %s\n", inert.String(rep.ConfigOrigin))
	for _, l := range rep.RulesInWords {
		fmt.Fprintf(w, "  %s\n", inert.String(l))
	}
	scored := 0
	for _, s := range rep.Subscribers {
		if s.Scored {
			scored++
		}
	}
	fmt.Fprintf(w, "\n%s with voice records, %s scored, %s flagged at score ≥ %g (of at most %g)\n\n",
		analysis.Plural(int64(len(rep.Subscribers)), "SIM", "SIMs"), analysis.Thousands(int64(scored)), analysis.Thousands(int64(rep.Flagged)), rep.Threshold, rep.MaxScore)
	if top < 0 {
		top = rep.Flagged + 10
	}
	top = min(top, len(rep.Subscribers))
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "rank\tMSISDN\tscore\tflag\tcells\ttop%\tout\tin\tsms\tdist%\tnight\tnight#\tcalls/d\tdur s\t")
	for i, s := range rep.Subscribers[:top] {
		f := s.Features
		flag := ""
		switch {
		case s.Flagged:
			flag = "FLAG"
		case !s.Scored:
			flag = "n/s"
		}
		fmt.Fprintf(tw, "%d\t%s\t%g\t%s\t%d\t%.0f\t%d\t%d\t%d\t%.0f\t%d\t%d\t%.1f\t%.0f\t\n", i+1, inert.String(s.MSISDN), s.Score, flag,
			f.Cells, 100*f.TopCellShare, f.Outgoing, f.Incoming, f.SMS, 100*f.DistinctRatio, f.NightCalls, f.NightDistinct, f.CallsPerDay, f.MeanDuration)
	}
	tw.Flush()
	if top < len(rep.Subscribers) {
		fmt.Fprintf(w, "… %d more (--top N, or --json for all)\n", len(rep.Subscribers)-top)
	}
	fmt.Fprintln(w, "(n/s: not scored, too few outgoing calls)")
	if rep.Flagged > 0 {
		fmt.Fprintf(w, "\nwhy each flagged SIM scored:\n")
		for _, s := range rep.Subscribers {
			if !s.Flagged {
				continue
			}
			fmt.Fprintf(w, "%s  score %g (own features %g)\n", inert.String(s.MSISDN), s.Score, s.BaseScore)
			for _, f := range s.Fired {
				fmt.Fprintf(w, "    %s\n", inert.String(f.Statement))
			}
		}
	}
	if len(rep.Cells) > 0 {
		fmt.Fprintf(w, "\ncells, most suspects (own-feature score ≥ %g) first; a SIM is based in its top cell; median cell: %g SIMs based\n",
			rep.Config.Neighbours.SuspectScore, rep.MedianCellSIMs)
		tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "cell\tsuspects based\tsuspects seen\tflagged seen\tSIMs based\tSIMs seen\tcrowding\t")
		for i, c := range rep.Cells {
			if i == 20 {
				break
			}
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%.1f\t\n", inert.String(c.Cell), c.BasedSuspects, c.Suspects, c.Flagged, c.Based, c.SIMs, c.Crowding)
		}
		tw.Flush()
		if len(rep.Cells) > 20 {
			fmt.Fprintf(w, "… %d more cells (--json for all)\n", len(rep.Cells)-20)
		}
	}
}

func runSimBoxEval(args []string, stdout, stderr io.Writer) error {
	def := casework.DefaultSimBoxEvalOptions()
	fs := flag.NewFlagSet("simbox-eval", flag.ContinueOnError)
	seed := fs.Int64("seed", def.Seed, "random seed of the generated cases")
	asJSON := fs.Bool("json", false, "print JSON")
	configPath := fs.String("config", "", "rule book (JSON) to evaluate instead of the defaults")
	voice := fs.Int("voice", def.VoiceSubscribers, "honest voice subscribers per case")
	simboxes := fs.Int("simboxes", def.SimBoxes, "SIM-box SIMs per case")
	days := fs.Int("days", def.Days, "days of traffic")
	mimicry := fs.String("mimicry", joinFloats(def.Mimicry), "mimicry levels, comma-separated, 0..1")
	thresholds := fs.String("thresholds", joinFloats(def.Thresholds), "score thresholds, comma-separated")
	keepDir := fs.String("keep-dir", "", "build the cases here and keep them (default: a temporary directory, removed)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return fmt.Errorf("%w: simbox-eval takes no positional arguments", errUsage)
	}
	opts := def
	opts.Seed, opts.VoiceSubscribers, opts.SimBoxes, opts.Days, opts.WorkDir = *seed, *voice, *simboxes, *days, *keepDir
	if opts.Mimicry, err = parseFloats(*mimicry); err != nil {
		return fmt.Errorf("%w: --mimicry: %v", errUsage, err)
	}
	if opts.Thresholds, err = parseFloats(*thresholds); err != nil {
		return fmt.Errorf("%w: --thresholds: %v", errUsage, err)
	}
	if *configPath != "" {
		raw, err := os.ReadFile(*configPath)
		if err != nil {
			return err
		}
		c, err := analysis.ParseSimBoxConfig(raw)
		if err != nil {
			return err
		}
		opts.Rules = casework.SimBoxRules{Config: c, Origin: "file " + *configPath}
	}
	opts.Progress = func(s string) { fmt.Fprintln(stderr, s) }
	rep, err := casework.SimBoxEval(context.Background(), opts)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, rep)
	}
	printSimBoxEval(stdout, rep)
	return nil
}

// printSimBoxEval writes the evaluation as a table (Markdown-friendly).
func printSimBoxEval(w io.Writer, rep *casework.SimBoxEvalReport) {
	planted := ""
	if rep.VoiceSubscribers > 0 {
		planted = fmt.Sprintf(" (and the %d of the planted call network)", gen.PlantedVoiceSubscribers)
	}
	fmt.Fprintf(w, "seed %d: %d honest voice subscribers%s, %d SIM-box SIMs, %d days; rule book: %s\n\n",
		rep.Seed, rep.VoiceSubscribers, planted, rep.SimBoxes, rep.Days, inert.String(rep.ConfigOrigin))
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', tabwriter.AlignRight|tabwriter.Debug)
	fmt.Fprintln(tw, " mimicry\t threshold\t flagged\t TP\t FN\t FP\t TN\t precision\t recall\t honest blocked\t")
	for _, r := range rep.Rows {
		prec := "-"
		if r.Precision != nil {
			prec = fmt.Sprintf("%.1f%%", 100**r.Precision)
		}
		fmt.Fprintf(tw, " %.2f\t %g\t %d\t %d\t %d\t %d\t %d\t %s\t %.1f%%\t %d\t\n", r.Mimicry, r.Threshold, r.Flagged,
			r.TP, r.FN, r.FP, r.TN, prec, 100*r.Recall, r.HonestBlocked)
	}
	tw.Flush()
	fmt.Fprintln(w, "\nTP+FN = SIM-boxes planted, FP+TN = honest subscribers; honest blocked = FP; precision \"-\": nothing flagged")
}

func joinFloats(xs []float64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.FormatFloat(x, 'g', -1, 64)
	}
	return strings.Join(parts, ",")
}

func parseFloats(s string) ([]float64, error) {
	var out []float64
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		v, err := strconv.ParseFloat(p, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number", p)
		}
		out = append(out, v)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no values in %q", s)
	}
	return out, nil
}
