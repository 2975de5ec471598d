package casework

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
)

// simboxCase generates a voice-only case and imports it.
func simboxCase(t *testing.T, mimicry float64) (*store.Store, *gen.Truth) {
	st, truth, _ := simboxCaseDir(t, mimicry)
	return st, truth
}

// simboxCaseDir also returns the directory of the evidence.
func simboxCaseDir(t *testing.T, mimicry float64) (*store.Store, *gen.Truth, string) {
	t.Helper()
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Days, cfg.Records, cfg.Pairs = 5, 7, 0, 0
	cfg.VoiceSubscribers, cfg.SimBoxes, cfg.Mimicry = 150, 12, mimicry
	st, evidence, truth := casekit.GeneratedCase(t, cfg)
	return st, truth, evidence
}

func defaults() SimBoxRules {
	return SimBoxRules{Config: analysis.DefaultSimBoxConfig(), Origin: "defaults"}
}

// The features agree with the generator's own count of what it wrote (an
// independent reference), and at mimicry 0 every planted SIM-box ranks
// above every honest subscriber.
func TestSimBoxOnGeneratedCase(t *testing.T) {
	st, truth := simboxCase(t, 0)
	rep, err := SimBox(context.Background(), st, defaults())
	if err != nil {
		t.Fatal(err)
	}
	byMSISDN := map[string]analysis.SIMScore{}
	for _, s := range rep.Subscribers {
		byMSISDN[s.MSISDN] = s
	}
	if len(rep.Subscribers) != len(truth.VoiceSubscribers) {
		t.Fatalf("%d SIMs scored, truth has %d voice subscribers", len(rep.Subscribers), len(truth.VoiceSubscribers))
	}
	for _, v := range truth.VoiceSubscribers {
		f := byMSISDN[v.MSISDN].Features
		if f.Outgoing != int64(v.Out) || f.Incoming != int64(v.In) || f.SMS != int64(v.SMSIn+v.SMSOut) ||
			f.DistinctCalled != int64(v.DistinctCalled) || f.NightCalls != int64(v.NightCalls) || f.Cells != int64(v.Cells) {
			t.Errorf("%s (%s): features %+v disagree with the truth %+v", v.MSISDN, v.Role, f, v)
		}
	}
	boxes := map[string]bool{}
	for _, b := range truth.SimBoxes {
		boxes[b.MSISDN] = true
	}
	if len(boxes) != 12 {
		t.Fatalf("%d SIM-boxes planted", len(boxes))
	}
	for i, s := range rep.Subscribers {
		if boxes[s.MSISDN] != (i < len(boxes)) {
			t.Fatalf("rank %d is %s (SIM-box %v, score %g): the SIM-boxes do not take the first %d ranks",
				i+1, s.MSISDN, boxes[s.MSISDN], s.Score, len(boxes))
		}
	}
	lowestBox, highestHonest := rep.Subscribers[len(boxes)-1], rep.Subscribers[len(boxes)]
	if lowestBox.Score <= highestHonest.Score {
		t.Errorf("lowest SIM-box %g is not above the highest honest %g", lowestBox.Score, highestHonest.Score)
	}
	if rep.Flagged != len(boxes) {
		t.Errorf("%d flagged at the default threshold, want the %d SIM-boxes", rep.Flagged, len(boxes))
	}
	// The two boxes' cells lead the cell view, each with its six SIMs.
	boxCells := map[string]bool{}
	for _, b := range truth.SimBoxes {
		boxCells[b.Cell] = true
	}
	for _, c := range rep.Cells[:2] {
		if !boxCells[c.Cell] || c.BasedSuspects != 6 {
			t.Errorf("cell %+v, want a box cell with 6 suspects based", c)
		}
	}
}

// The records behind a feature are the ones the feature counts, with their
// source file and line.
func TestSimBoxEvidence(t *testing.T) {
	st, _, evidenceDir := simboxCaseDir(t, 0.5)
	voiceFile := filepath.Join(evidenceDir, gen.FileVoice)
	ctx := context.Background()
	rules := defaults()
	rep, err := SimBox(ctx, st, rules)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, s := range rep.Subscribers[:20] {
		f := s.Features
		for feature, want := range map[string]int64{"night_calls": f.NightCalls, "outgoing": f.Outgoing, "incoming": f.Incoming,
			"sms": f.SMS, "top_cell_share": f.TopCellRecords, "cells": f.CellRecords} {
			recs, total, err := SimBoxEvidence(ctx, st, s, feature, rules.Config, 5)
			if err != nil {
				t.Fatal(err)
			}
			if total != want {
				t.Errorf("%s %s: %d records, the feature counts %d", s.MSISDN, feature, total, want)
			}
			for _, r := range recs {
				if r.Line < 2 || r.Source != voiceFile {
					t.Errorf("record %+v lacks its source and line", r)
				}
			}
			checked++
		}
		if recs, _, _ := SimBoxEvidence(ctx, st, s, "night_distinct", rules.Config, 1000); distinct(recs) != f.NightDistinct {
			t.Errorf("%s: night records call %d numbers, feature says %d", s.MSISDN, distinct(recs), f.NightDistinct)
		}
	}
	if checked == 0 {
		t.Fatal("nothing checked")
	}
	if _, _, err := SimBoxEvidence(ctx, st, rep.Subscribers[0], "nonsense", rules.Config, 1); err == nil {
		t.Error("an unknown feature gave no error")
	}
}

func distinct(recs []store.VoiceEvidence) int64 {
	seen := map[string]bool{}
	for _, r := range recs {
		if r.Other != "" {
			seen[r.Other] = true
		}
	}
	return int64(len(seen))
}

func TestLoadSimBoxRules(t *testing.T) {
	st, _ := simboxCase(t, 0)
	ctx := context.Background()
	r, err := LoadSimBoxRules(ctx, st, "")
	if err != nil || r.Origin != "defaults" || r.Config.Threshold != 50 {
		t.Fatalf("defaults: %+v %v", r, err)
	}
	file := filepath.Join(t.TempDir(), "rules.json")
	if err := os.WriteFile(file, []byte(`{"threshold": 35}`), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err = LoadSimBoxRules(ctx, st, file)
	if err != nil || r.Origin != "file "+file || r.Config.Threshold != 35 {
		t.Fatalf("file: %+v %v", r, err)
	}
	if err := KeepSimBoxRules(ctx, st, []byte(`{"threshold": 42}`)); err != nil {
		t.Fatal(err)
	}
	r, err = LoadSimBoxRules(ctx, st, "")
	if err != nil || r.Origin != "kept in the case" || r.Config.Threshold != 42 {
		t.Fatalf("kept: %+v %v", r, err)
	}
	if err := KeepSimBoxRules(ctx, st, []byte(`{"treshold": 1}`)); err == nil {
		t.Error("a bad rule book was kept")
	}
	if err := os.WriteFile(file, []byte(`{"rules": [{"feature": "nope"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadSimBoxRules(ctx, st, file); err == nil || !strings.Contains(err.Error(), file) {
		t.Errorf("bad file: %v", err)
	}
}

// The evaluation's counts add up, and recall falls as mimicry rises.
func TestSimBoxEval(t *testing.T) {
	opts := DefaultSimBoxEvalOptions()
	opts.VoiceSubscribers, opts.SimBoxes, opts.Days = 150, 12, 7
	opts.Mimicry = []float64{0, 0.5, 1}
	opts.Thresholds = []float64{50, 30, 70}
	rep, err := SimBoxEval(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Rows) != 9 {
		t.Fatalf("%d rows, want 3 mimicry levels × 3 thresholds", len(rep.Rows))
	}
	recall := map[float64][]float64{} // threshold -> recall by mimicry
	for i, r := range rep.Rows {
		if want := []float64{30, 50, 70}[i%3]; r.Threshold != want {
			t.Errorf("row %d threshold %g, want %g (sorted)", i, r.Threshold, want)
		}
		if r.TP+r.FN != 12 || r.SimBoxes != 12 || r.FP+r.TN != 150+gen.PlantedVoiceSubscribers || r.Honest != 150+gen.PlantedVoiceSubscribers || r.Flagged != r.TP+r.FP || r.HonestBlocked != r.FP {
			t.Errorf("counts do not add up: %+v", r)
		}
		if got := float64(r.TP) / 12; r.Recall != got {
			t.Errorf("recall %g, TP/(TP+FN) = %g", r.Recall, got)
		}
		if (r.Precision == nil) != (r.Flagged == 0) || r.Precision != nil && *r.Precision != float64(r.TP)/float64(r.Flagged) {
			t.Errorf("precision %v with TP %d of %d flagged", r.Precision, r.TP, r.Flagged)
		}
		recall[r.Threshold] = append(recall[r.Threshold], r.Recall)
	}
	for th, rs := range recall {
		for i := 1; i < len(rs); i++ {
			if rs[i] > rs[i-1] {
				t.Errorf("threshold %g: recall rises with mimicry: %v", th, rs)
			}
		}
	}
	if r := recall[50]; r[0] != 1 || r[len(r)-1] >= r[0] {
		t.Errorf("at the default threshold recall goes %v; want 1 at mimicry 0 and less at 1", r)
	}
	if !slices.Equal([]float64{rep.Rows[0].Mimicry, rep.Rows[3].Mimicry, rep.Rows[6].Mimicry}, []float64{0, 0.5, 1}) {
		t.Error("rows not in mimicry order")
	}
}
