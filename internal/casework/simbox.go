package casework

import (
	"context"
	"fmt"
	"os"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
)

// SimBoxConfigKey is the case_info key under which a case keeps the SIM-box
// rule book the analyst chose (cdrtui simbox CASE.db --config FILE --keep),
// so the workbench pane applies the same rules as the command.
const SimBoxConfigKey = "simbox.config"

// SimBoxRules is a rule book and where it came from.
type SimBoxRules struct {
	Config analysis.SimBoxConfig
	Origin string // "defaults", "file PATH", "kept in the case"
}

// LoadSimBoxRules returns the rule book to apply: the file at path when
// one is given, else the one kept in the case, else the defaults.
func LoadSimBoxRules(ctx context.Context, st Case, path string) (SimBoxRules, error) {
	if path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return SimBoxRules{}, err
		}
		c, err := analysis.ParseSimBoxConfig(b)
		if err != nil {
			return SimBoxRules{}, fmt.Errorf("%s: %w", path, err)
		}
		return SimBoxRules{Config: c, Origin: "file " + path}, nil
	}
	kept, err := st.Info(ctx, SimBoxConfigKey)
	if err != nil {
		return SimBoxRules{}, err
	}
	if kept != "" {
		c, err := analysis.ParseSimBoxConfig([]byte(kept))
		if err != nil {
			return SimBoxRules{}, fmt.Errorf("the rule book kept in the case: %w", err)
		}
		return SimBoxRules{Config: c, Origin: "kept in the case"}, nil
	}
	return SimBoxRules{Config: analysis.DefaultSimBoxConfig(), Origin: "defaults"}, nil
}

// KeepSimBoxRules stores the rule book in the case.
func KeepSimBoxRules(ctx context.Context, st Case, raw []byte) error {
	if _, err := analysis.ParseSimBoxConfig(raw); err != nil {
		return err
	}
	return st.SetInfo(ctx, SimBoxConfigKey, string(raw))
}

// SimBoxReport is the SIM-box detector's answer for a case: the ranked
// SIMs, the cells, and the rule book applied, in data and in words.
type SimBoxReport struct {
	Case         string   `json:"case"`
	ConfigOrigin string   `json:"config_origin"`
	RulesInWords []string `json:"rules_in_words"`
	*analysis.SimBoxResult
}

// SimBox scores every SIM of the case with voice records by the rule book.
// The threshold is cfg.Threshold.
func SimBox(ctx context.Context, st Case, rules SimBoxRules) (*SimBoxReport, error) {
	night, err := rules.Config.NightWindow()
	if err != nil {
		return nil, err
	}
	acts, err := st.SimBoxActivity(ctx, night)
	if err != nil {
		return nil, err
	}
	res := analysis.ScoreSimBoxes(acts, rules.Config)
	return &SimBoxReport{Case: st.Path(), ConfigOrigin: rules.Origin, RulesInWords: rules.Config.Describe(), SimBoxResult: res}, nil
}

// SimBoxSelection is the selection of records behind one feature of one
// SIM (see analysis.FeatureDef.Records).
func SimBoxSelection(sim analysis.SIMScore, feature string, cfg analysis.SimBoxConfig) (store.VoiceSelection, error) {
	def, ok := analysis.SimBoxFeature(feature)
	if !ok {
		return store.VoiceSelection{}, fmt.Errorf("no SIM-box feature %q", feature)
	}
	sel := store.VoiceSelection{SubscriberID: sim.SubscriberID, Types: def.Records.Types, WithCell: def.Records.WithCell}
	if def.Records.Night {
		w, err := cfg.NightWindow()
		if err != nil {
			return sel, err
		}
		sel.Night = &w
	}
	if def.Records.TopCell {
		if sim.Features.Cells == 0 {
			sel.WithCell = true // no cell at all: the selection is empty, as the feature is unknown
		} else {
			sel.CellID = sim.Features.TopCellID
		}
	}
	return sel, nil
}

// SimBoxEvidence returns up to limit records behind one feature of one
// SIM, in time order, with their source file and line, and their count.
func SimBoxEvidence(ctx context.Context, st Case, sim analysis.SIMScore, feature string, cfg analysis.SimBoxConfig, limit int) ([]store.VoiceEvidence, int64, error) {
	sel, err := SimBoxSelection(sim, feature, cfg)
	if err != nil {
		return nil, 0, err
	}
	return st.VoiceRecords(ctx, sel, limit)
}
