package main

import (
	"flag"
	"fmt"
	"github.com/cdrtui/cdrtui/internal/analysis"
	"io"

	"github.com/cdrtui/cdrtui/internal/gen"
)

func runGen(args []string, stdout, stderr io.Writer) error {
	def := gen.DefaultConfig()
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	seed := fs.Int64("seed", def.Seed, "random seed (same seed, same files)")
	subs := fs.Int("subscribers", def.Subscribers, "data (IPDR) subscribers")
	days := fs.Int("days", def.Days, "days of traffic")
	records := fs.Int("records", def.Records, "IPDR records in all, about (the planted pairs and roles move it; truth.json has the exact count); 0: none")
	voice := fs.Int("voice", def.VoiceSubscribers, "honest voice subscribers (0: no voice file)")
	simboxes := fs.Int("simboxes", def.SimBoxes, "SIM-box SIMs among the voice subscribers")
	mimicry := fs.Float64("mimicry", def.Mimicry, "0..1: how hard the SIM-boxes imitate honest subscribers")
	pairs := fs.Int("pairs", def.Pairs, "planted pairs who talk on WhatsApp")
	image := fs.Bool("asterisk", false, "also write image/: a seized PC running Asterisk with USB modems (calls, log, configuration, zone)")
	pbx := fs.String("pbx", "", "with --asterisk (implied): freepbx writes an office FreePBX instead (SIP and PJSIP trunks, outside-line prefixes, from-did-direct, a queue, a JSON log, CDR in UTC)")
	geo := fs.Bool("geo", false, "geography: cells with positions and azimuths (an operator's cell-site list and an OpenCellID export), places, a pair that meets and a set at three of four scenes in truth.json")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: need one output directory", errUsage)
	}
	cfg := def
	cfg.Seed, cfg.Subscribers, cfg.Days, cfg.Records = *seed, *subs, *days, *records
	cfg.VoiceSubscribers, cfg.SimBoxes, cfg.Mimicry, cfg.Pairs = *voice, *simboxes, *mimicry, *pairs
	cfg.AsteriskImage, cfg.PBX = *image || *pbx != "", *pbx
	cfg.Geography = *geo
	truth, err := gen.Generate(pos[0], cfg)
	if err != nil {
		return err
	}
	for _, f := range truth.Files {
		fmt.Fprintf(stdout, "wrote %s (%s, %s)\n", f.Path, f.Kind, analysis.Plural(int64(f.Rows), "row", "rows"))
	}
	if a := truth.Asterisk; a != nil {
		if a.Variant == gen.PBXFreePBX {
			fmt.Fprintf(stdout, "wrote %s/ (a seized FreePBX: %d calls, zone %s, CDR in UTC)\n", a.Root, a.Calls, a.Zone)
		} else {
			fmt.Fprintf(stdout, "wrote %s/ (a seized PBX: %d modems, %d calls, zone %s)\n", a.Root, len(a.Modems), a.Calls, a.Zone)
		}
	}
	fmt.Fprintf(stdout, "planted truth in %s/truth.json\n", pos[0])
	return nil
}
