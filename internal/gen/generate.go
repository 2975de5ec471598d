package gen

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// The files a case holds.
const (
	FileOperatorA = "operator_a_ipdr.csv" // paper Table I layout
	FileOperatorB = "operator_b_ipdr.csv" // ';', CRLF, BOM, preamble
	FileVoice     = "voice_cdr.tsv"       // tab-delimited voice CDR
	TruthFile     = "truth.json"
)

// partial marks a file being written; it is renamed when the case is done.
const partial = ".partial"

var evidenceFiles = []string{FileOperatorA, FileOperatorB, FileVoice}

// Generate writes the case into dir and returns the truth, also written
// to dir/truth.json. dir is created if missing. Generate refuses a
// directory holding anything it did not write itself, so it can never
// overwrite evidence; a directory of an earlier case is overwritten.
func Generate(dir string, cfg Config) (*Truth, error) {
	cfg, err := cfg.checked()
	if err != nil {
		return nil, err
	}
	if err := prepareDir(dir); err != nil {
		return nil, err
	}
	w := newWorld(cfg)
	t := &Truth{
		Generator: generatorMark, Seed: cfg.Seed, Start: w.wall(0), Days: cfg.Days, Mimicry: cfg.Mimicry,
		Files: []FileTruth{}, Pairs: []PairTruth{}, IDChanges: []IDChange{}, Subscribers: []SubscriberTruth{},
		SimBoxes: []SimBoxTruth{}, HonestVoice: []string{}, HeavyHonest: []string{}, VoiceSubscribers: []VoiceCountsTruth{},
	}
	err = writeCase(dir, w, t)
	if err == nil {
		err = finish(dir, t)
	}
	if err != nil {
		for _, name := range append(evidenceFiles, TruthFile) {
			os.Remove(filepath.Join(dir, name+partial))
		}
		os.RemoveAll(filepath.Join(dir, ImageDir+partial)) // hook: the disk image
		return nil, err
	}
	return t, nil
}

func writeCase(dir string, w *world, t *Truth) error {
	if w.cfg.Records > 0 {
		if err := writeData(dir, w, t); err != nil {
			return err
		}
	}
	if w.cfg.VoiceSubscribers > 0 {
		if err := writeVoiceFile(dir, w, t); err != nil {
			return err
		}
	}
	if w.cfg.AsteriskImage && w.cfg.PBX == PBXFreePBX { // hook: the disk image (asterisk*.go)
		return writeFreePBXImage(dir, w, t)
	}
	if w.cfg.AsteriskImage { // hook: the disk image (asterisk*.go)
		return writeAsteriskImage(dir, w, t)
	}
	return nil
}

// prepareDir creates dir or checks that everything in it is the
// generator's own.
func prepareDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	own := map[string]bool{}
	for _, name := range append(evidenceFiles, TruthFile) {
		own[name], own[name+partial] = true, true
	}
	hasEvidence, hasTruth := false, false
	for _, e := range entries {
		if imageDirs[e.Name()] && e.IsDir() { // hook: the disk image, checked below with the truth
			hasEvidence = true
			continue
		}
		if !own[e.Name()] || !e.Type().IsRegular() {
			return fmt.Errorf("gen: %s holds %s, which the generator did not write; refusing to write there (choose a new or empty directory)",
				dir, e.Name())
		}
		hasTruth = hasTruth || e.Name() == TruthFile
		for _, f := range evidenceFiles {
			hasEvidence = hasEvidence || e.Name() == f
		}
	}
	if hasTruth {
		if _, err := ReadTruth(filepath.Join(dir, TruthFile)); err != nil {
			return fmt.Errorf("gen: %s has a truth.json the generator cannot read (%v); refusing to overwrite", dir, err)
		}
	} else if hasEvidence {
		return fmt.Errorf("gen: %s holds evidence files but no truth.json: they may not be the generator's; refusing to overwrite", dir)
	}
	return nil
}

// finish writes truth.json, then puts the evidence files in place and
// removes those of an earlier case that this one does not have.
func finish(dir string, t *Truth) error {
	b, err := t.encode()
	if err != nil {
		return err
	}
	truthPath := filepath.Join(dir, TruthFile)
	if err := os.WriteFile(truthPath+partial, b, 0o644); err != nil {
		return err
	}
	if err := os.Rename(truthPath+partial, truthPath); err != nil {
		return err
	}
	if err := finishImage(dir, t); err != nil { // hook: the disk image
		return err
	}
	written := map[string]bool{}
	for _, f := range t.Files {
		written[f.Path] = true
		p := filepath.Join(dir, f.Path)
		if err := os.Rename(p+partial, p); err != nil {
			return err
		}
	}
	for _, name := range evidenceFiles {
		if !written[name] {
			if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
	}
	return nil
}

// output is a file being written under its partial name.
type output struct {
	f *os.File
	*bufio.Writer
}

func create(dir, name, head string) (*output, error) {
	f, err := os.Create(filepath.Join(dir, name+partial))
	if err != nil {
		return nil, err
	}
	o := &output{f: f, Writer: bufio.NewWriterSize(f, 1<<20)}
	if _, err := o.WriteString(head); err != nil {
		o.f.Close()
		return nil, err
	}
	return o, nil
}

func (o *output) close() error {
	err := o.Flush()
	if cerr := o.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// writeData writes both operators' IPDR files and the data half of the truth.
func writeData(dir string, w *world, t *Truth) (err error) {
	plan := planData(w)
	outA, err := create(dir, FileOperatorA, headerA)
	if err != nil {
		return err
	}
	outB, err := create(dir, FileOperatorB, preambleB(w.cfg.Seed))
	if err != nil {
		outA.close()
		return err
	}
	defer func() {
		errA, errB := outA.close(), outB.close()
		err = errors.Join(err, errA, errB)
	}()
	st := &streamer{w: w}
	rows := map[byte]int{}
	tallies := map[*dataSub]*tally{}
	for _, s := range plan.subs {
		out := outA
		if s.operator == 'B' {
			out = outB
		}
		tl, err := st.run(s, out.Writer)
		if err != nil {
			return err
		}
		tallies[s] = tl
		rows[s.operator] += tl.records
		t.Subscribers = append(t.Subscribers, tl.truth(w, s))
	}
	t.IPDRRecords = rows['A'] + rows['B']
	t.Files = append(t.Files,
		FileTruth{Path: FileOperatorA, Kind: "ipdr", Layout: "paper_table1", Rows: rows['A']},
		FileTruth{Path: FileOperatorB, Kind: "ipdr", Layout: "operator_b", Rows: rows['B']})
	plan.describe(w, t, tallies)
	return nil
}

// describe writes the planted half of the data truth.
func (p *dataPlan) describe(w *world, t *Truth, tallies map[*dataSub]*tally) {
	for _, pp := range p.pairs {
		pt := PairTruth{A: pp.a.msisdn, B: pp.b.msisdn, App: "WhatsApp", CrossOperator: pp.a.operator != pp.b.operator,
			Conversations: len(pp.moments)}
		for _, m := range pp.moments {
			pt.Moments = append(pt.Moments, Conversation{A: w.wall(m[0]), B: w.wall(m[1])})
		}
		first, last := pp.moments[0], pp.moments[len(pp.moments)-1]
		pt.First, pt.Last = w.wall(min(first[0], first[1])), w.wall(min(last[0], last[1]))
		t.Pairs = append(t.Pairs, pt)
	}
	d := &HeavyDecoyTruth{MSISDN: p.decoy.msisdn, WhatsAppRecords: tallies[p.decoy].waRecords, WhatsAppBytes: tallies[p.decoy].waBytes}
	for s, tl := range tallies {
		if s != p.decoy {
			d.MaxOtherWhatsApp = max(d.MaxOtherWhatsApp, tl.waRecords)
			d.MaxOtherWhatsAppBytes = max(d.MaxOtherWhatsAppBytes, tl.waBytes)
		}
	}
	t.HeavyDecoy = d
	t.Hunt = p.hunt.truth(w)
	for _, s := range p.changes {
		c := IDChange{MSISDN: s.msisdn, Kind: "imei", Old: s.imei, New: s.newIMEI, At: w.wall(s.switchAt)}
		if s.newIMSI != "" {
			c.Kind, c.Old, c.New = "imsi", s.imsi, s.newIMSI
		}
		t.IDChanges = append(t.IDChanges, c)
	}
}

// writeVoiceFile writes the voice CDR file and the voice half of the truth.
func writeVoiceFile(dir string, w *world, t *Truth) error {
	subs := planVoice(w)
	subs, t.Calls = planCallNetwork(w, subs)
	out, err := create(dir, FileVoice, headerV)
	if err != nil {
		return err
	}
	counts, rows, roamed, err := writeVoice(w, subs, out.Writer)
	if cerr := out.close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	t.VoiceRecords = rows
	t.Calls.International.Records = roamed
	t.VoiceSubscribers = counts
	t.Files = append(t.Files, FileTruth{Path: FileVoice, Kind: "voice", Layout: "voice_tsv", Rows: rows})
	for _, s := range subs {
		switch s.role {
		case roleSimBox:
			t.SimBoxes = append(t.SimBoxes, SimBoxTruth{MSISDN: s.msisdn, Box: s.box, Cell: w.cells.names[s.boxCell], IMEI: s.imei, IMSI: s.imsi})
		case rolePlanted:
			t.HonestVoice = append(t.HonestVoice, s.msisdn)
			t.Planted = append(t.Planted, s.msisdn)
		case roleHeavyHonest:
			t.HeavyHonest = append(t.HeavyHonest, s.msisdn)
			t.HonestVoice = append(t.HonestVoice, s.msisdn)
		default:
			t.HonestVoice = append(t.HonestVoice, s.msisdn)
		}
	}
	return nil
}
