package analysis

import (
	"cmp"
	"fmt"
	"slices"
)

// SIMActivity is what the voice CDRs say about one SIM (one subscriber),
// already counted by the case store: the SIM-box detector's input. Calls
// are VOICE_OUT records; "night" is the configured wall-clock window.
type SIMActivity struct {
	SubscriberID   int64
	MSISDN         string
	VoiceOut       int64 // outgoing calls
	VoiceIn        int64 // incoming calls
	SMSOut         int64
	SMSIn          int64
	Records        int64 // every voice-table record, other call types (USSD ...) included
	DistinctCalled int64 // distinct non-empty numbers called (VOICE_OUT)
	NightCalls     int64 // outgoing calls started in the night window
	NightDistinct  int64 // distinct numbers called in the night window
	ActiveDays     int64 // wall-clock dates with at least one record of any type
	DurationSum    int64 // seconds, over outgoing calls whose duration is known
	DurationCalls  int64 // outgoing calls whose duration is known
	Cells          []CellRecords
}

// CellRecords is how many voice records of a SIM carry one cell.
type CellRecords struct {
	CellID  int64  `json:"cell_id"`
	Cell    string `json:"cell"`
	Records int64  `json:"records"`
}

// SIMFeatures are the per-SIM features of the SIM-box paper, each a plain
// count or a ratio of two counts shown beside it, so every number can be
// recomputed by hand from the records. A ratio whose denominator is zero is
// 0 (and the rules that read it are skipped, see Known).
type SIMFeatures struct {
	Cells               int64   `json:"cells"`                  // distinct cells in the SIM's voice records
	TopCellID           int64   `json:"-"`                      // cells.id of TopCell
	TopCell             string  `json:"top_cell"`               // the cell with most of its records
	TopCellRecords      int64   `json:"top_cell_records"`       // records in TopCell
	CellRecords         int64   `json:"cell_records"`           // records carrying a cell
	TopCellShare        float64 `json:"top_cell_share"`         // TopCellRecords / CellRecords
	Outgoing            int64   `json:"outgoing"`               // VOICE_OUT
	Incoming            int64   `json:"incoming"`               // VOICE_IN
	SMS                 int64   `json:"sms"`                    // SMS_IN + SMS_OUT
	IncomingShare       float64 `json:"incoming_share"`         // Incoming / (Incoming + Outgoing)
	SMSShare            float64 `json:"sms_share"`              // SMS / (Incoming + Outgoing + SMS)
	DistinctCalled      int64   `json:"distinct_called"`        // distinct numbers called
	DistinctRatio       float64 `json:"distinct_ratio"`         // DistinctCalled / Outgoing
	NightCalls          int64   `json:"night_calls"`            // outgoing calls at night
	NightDistinct       int64   `json:"night_distinct"`         // distinct numbers called at night
	ActiveDays          int64   `json:"active_days"`            // dates with any record
	NightDistinctPerDay float64 `json:"night_distinct_per_day"` // NightDistinct / ActiveDays
	CallsPerDay         float64 `json:"calls_per_day"`          // Outgoing / ActiveDays
	MeanDuration        float64 `json:"mean_duration"`          // seconds, mean over outgoing calls with a duration
	DurationCalls       int64   `json:"duration_calls"`         // outgoing calls with a duration
	CellSIMs            int64   `json:"cell_sims"`              // SIMs based in TopCell (whose top cell it is), this one included
	CellCrowding        float64 `json:"cell_crowding"`          // CellSIMs / the median number of SIMs based in a cell
	CellSuspects        int64   `json:"cell_suspects"`          // other suspects based in TopCell (see NeighbourRule)
}

// Features computes a SIM's own features from its activity; the features
// of its cell (CellSIMs, CellCrowding, CellSuspects) need every SIM and are
// filled by ScoreSimBoxes.
func Features(a SIMActivity) SIMFeatures {
	f := SIMFeatures{
		Outgoing:       a.VoiceOut,
		Incoming:       a.VoiceIn,
		SMS:            a.SMSIn + a.SMSOut,
		DistinctCalled: a.DistinctCalled,
		NightCalls:     a.NightCalls,
		NightDistinct:  a.NightDistinct,
		ActiveDays:     a.ActiveDays,
		DurationCalls:  a.DurationCalls,
	}
	cells := slices.Clone(a.Cells)
	slices.SortFunc(cells, func(x, y CellRecords) int {
		if c := cmp.Compare(y.Records, x.Records); c != 0 {
			return c
		}
		return cmp.Compare(x.Cell, y.Cell)
	})
	for _, c := range cells {
		if c.Records > 0 {
			f.Cells++
			f.CellRecords += c.Records
		}
	}
	if f.Cells > 0 {
		f.TopCellID, f.TopCell, f.TopCellRecords = cells[0].CellID, cells[0].Cell, cells[0].Records
		f.TopCellShare = ratio(f.TopCellRecords, f.CellRecords)
	}
	f.IncomingShare = ratio(f.Incoming, f.Incoming+f.Outgoing)
	f.SMSShare = ratio(f.SMS, f.Incoming+f.Outgoing+f.SMS)
	f.DistinctRatio = ratio(f.DistinctCalled, f.Outgoing)
	f.NightDistinctPerDay = ratio(f.NightDistinct, f.ActiveDays)
	f.CallsPerDay = ratio(f.Outgoing, f.ActiveDays)
	f.MeanDuration = ratio(a.DurationSum, a.DurationCalls)
	return f
}

func ratio(num, den int64) float64 {
	if den == 0 {
		return 0
	}
	return float64(num) / float64(den)
}

// Unit says how a feature's value is written.
type Unit int

// Units of features.
const (
	UnitCount   Unit = iota // a whole number
	UnitShare               // a fraction of 1, written as a percentage
	UnitRate                // a mean, written with one decimal
	UnitSeconds             // a mean duration in seconds
)

// Format writes v in unit u: "12", "87%", "3.4", "95 s".
func (u Unit) Format(v float64) string {
	switch u {
	case UnitShare:
		return fmt.Sprintf("%.0f%%", 100*v)
	case UnitRate:
		return fmt.Sprintf("%.1f", v)
	case UnitSeconds:
		return fmt.Sprintf("%.0f s", v)
	}
	return fmt.Sprintf("%.0f", v)
}

// RecordSelection says which voice records stand behind a feature, so the
// analyst can open them: the call types (none: every type), only those in
// the night window, only those in the SIM's top cell, only those with a
// cell.
type RecordSelection struct {
	Types    []string
	Night    bool
	TopCell  bool
	WithCell bool
}

// FeatureDef describes one feature rules may name.
type FeatureDef struct {
	Name    string
	Label   string // short column title
	Meaning string // what it counts, in words
	Unit    Unit
	Records RecordSelection
	// Value returns the feature and whether it is known: a share of
	// records with a cell is unknown when no record carries a cell, a
	// mean duration when no call has a duration.
	Value func(f *SIMFeatures) (float64, bool)
}

var (
	outgoingOnly = RecordSelection{Types: []string{"VOICE_OUT"}}
	voiceCalls   = RecordSelection{Types: []string{"VOICE_OUT", "VOICE_IN"}}
	allRecords   = RecordSelection{}
)

func known(v float64) (float64, bool) { return v, true }

// SimBoxFeatures lists the features in the order they are shown.
func SimBoxFeatures() []FeatureDef {
	return []FeatureDef{
		{"cells", "Cells", "distinct cells in the SIM's voice records", UnitCount, RecordSelection{WithCell: true},
			func(f *SIMFeatures) (float64, bool) { return float64(f.Cells), f.Cells > 0 }},
		{"top_cell_share", "Top%", "share of the records with a cell that are in the top cell", UnitShare, RecordSelection{TopCell: true},
			func(f *SIMFeatures) (float64, bool) { return f.TopCellShare, f.Cells > 0 }},
		{"outgoing", "Out", "outgoing calls (VOICE_OUT)", UnitCount, outgoingOnly,
			func(f *SIMFeatures) (float64, bool) { return known(float64(f.Outgoing)) }},
		{"incoming", "In", "incoming calls (VOICE_IN)", UnitCount, RecordSelection{Types: []string{"VOICE_IN"}},
			func(f *SIMFeatures) (float64, bool) { return known(float64(f.Incoming)) }},
		{"incoming_share", "In%", "incoming calls / (incoming + outgoing calls)", UnitShare, voiceCalls,
			func(f *SIMFeatures) (float64, bool) { return f.IncomingShare, f.Incoming+f.Outgoing > 0 }},
		{"sms", "SMS", "SMS sent and received", UnitCount, RecordSelection{Types: []string{"SMS_IN", "SMS_OUT"}},
			func(f *SIMFeatures) (float64, bool) { return known(float64(f.SMS)) }},
		{"sms_share", "SMS%", "SMS / (calls + SMS)", UnitShare, RecordSelection{Types: []string{"VOICE_OUT", "VOICE_IN", "SMS_IN", "SMS_OUT"}},
			func(f *SIMFeatures) (float64, bool) { return f.SMSShare, f.Incoming+f.Outgoing+f.SMS > 0 }},
		{"distinct_called", "Numbers", "distinct numbers called", UnitCount, outgoingOnly,
			func(f *SIMFeatures) (float64, bool) { return known(float64(f.DistinctCalled)) }},
		{"distinct_ratio", "Dist%", "distinct numbers called / outgoing calls", UnitShare, outgoingOnly,
			func(f *SIMFeatures) (float64, bool) { return f.DistinctRatio, f.Outgoing > 0 }},
		{"night_calls", "Night", "outgoing calls started in the night window (wall clock)", UnitCount, RecordSelection{Types: []string{"VOICE_OUT"}, Night: true},
			func(f *SIMFeatures) (float64, bool) { return known(float64(f.NightCalls)) }},
		{"night_distinct", "NightNo", "distinct numbers called in the night window", UnitCount, RecordSelection{Types: []string{"VOICE_OUT"}, Night: true},
			func(f *SIMFeatures) (float64, bool) { return known(float64(f.NightDistinct)) }},
		{"night_distinct_per_day", "Night/d", "distinct numbers called at night / active days", UnitRate, RecordSelection{Types: []string{"VOICE_OUT"}, Night: true},
			func(f *SIMFeatures) (float64, bool) { return f.NightDistinctPerDay, f.ActiveDays > 0 }},
		{"active_days", "Days", "wall-clock dates with at least one record", UnitCount, allRecords,
			func(f *SIMFeatures) (float64, bool) { return known(float64(f.ActiveDays)) }},
		{"calls_per_day", "Calls/d", "outgoing calls / active days", UnitRate, outgoingOnly,
			func(f *SIMFeatures) (float64, bool) { return f.CallsPerDay, f.ActiveDays > 0 }},
		{"mean_duration", "Dur", "mean duration of outgoing calls with a duration", UnitSeconds, outgoingOnly,
			func(f *SIMFeatures) (float64, bool) { return f.MeanDuration, f.DurationCalls > 0 }},
		{"cell_sims", "CellSIMs", "SIMs based in this SIM's top cell (their top cell too), itself included", UnitCount, RecordSelection{TopCell: true},
			func(f *SIMFeatures) (float64, bool) { return float64(f.CellSIMs), f.Cells > 0 }},
		{"cell_crowding", "Crowd", "SIMs based in the top cell / the median number of SIMs based in a cell of the case", UnitRate, RecordSelection{TopCell: true},
			func(f *SIMFeatures) (float64, bool) { return f.CellCrowding, f.Cells > 0 }},
		{"cell_suspects", "CellSus", "other suspects whose top cell is this SIM's top cell", UnitCount, RecordSelection{TopCell: true},
			func(f *SIMFeatures) (float64, bool) { return float64(f.CellSuspects), f.Cells > 0 }},
	}
}

// SimBoxFeature returns the definition of the named feature.
func SimBoxFeature(name string) (FeatureDef, bool) {
	for _, d := range SimBoxFeatures() {
		if d.Name == name {
			return d, true
		}
	}
	return FeatureDef{}, false
}
