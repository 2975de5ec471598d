package gen

import (
	"encoding/json"
	"fmt"
	"os"
	"time"
)

// WallLayout is how truth.json writes times: wall clock, no zone.
const WallLayout = "2006-01-02T15:04:05"

// generatorMark is written in every truth.json so Generate knows a
// directory it may overwrite.
const generatorMark = "cdrtui gen"

// WallTime is a wall-clock time as the operators write it (no zone). It
// is held in UTC and written as "2006-01-02T15:04:05".
type WallTime struct{ time.Time }

// MarshalJSON writes the wall clock without a zone.
func (w WallTime) MarshalJSON() ([]byte, error) {
	return []byte(`"` + w.UTC().Format(WallLayout) + `"`), nil
}

// UnmarshalJSON reads a wall clock written by MarshalJSON.
func (w *WallTime) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	t, err := time.ParseInLocation(WallLayout, s, time.UTC)
	if err != nil {
		return err
	}
	w.Time = t
	return nil
}

// Truth is what a generated case holds and what was planted in it; it is
// written to truth.json.
type Truth struct {
	Generator    string      `json:"generator"` // always "cdrtui gen"
	Seed         int64       `json:"seed"`
	Start        WallTime    `json:"start"` // midnight of the first day
	Days         int         `json:"days"`
	IPDRRecords  int         `json:"ipdr_records"`  // data rows across both IPDR files
	VoiceRecords int         `json:"voice_records"` // rows of the voice file
	Files        []FileTruth `json:"files"`

	Pairs       []PairTruth       `json:"pairs"`
	HeavyDecoy  *HeavyDecoyTruth  `json:"heavy_decoy"`
	Hunt        *HuntTruth        `json:"hunt"`
	IDChanges   []IDChange        `json:"id_changes"`
	Subscribers []SubscriberTruth `json:"subscribers"`

	SimBoxes         []SimBoxTruth      `json:"simboxes"`
	HonestVoice      []string           `json:"honest_voice"`
	HeavyHonest      []string           `json:"heavy_honest"` // honest but legitimately heavy (call centre); also in HonestVoice
	Mimicry          float64            `json:"mimicry"`
	VoiceSubscribers []VoiceCountsTruth `json:"voice_subscribers"`
	Planted          []string           `json:"planted_voice"` // the call network's subscribers (role "planted"); also in HonestVoice
	Calls            *CallsTruth        `json:"calls"`         // the planted call network, nil without voice

	Asterisk *AsteriskTruth `json:"asterisk,omitempty"` // the seized PBX's disk image (Config.AsteriskImage)
}

// FileTruth describes one written evidence file.
type FileTruth struct {
	Path   string `json:"path"`   // relative to the case directory
	Kind   string `json:"kind"`   // "ipdr" or "voice"
	Layout string `json:"layout"` // "paper_table1", "operator_b" or "voice_tsv"
	Rows   int    `json:"rows"`   // data rows, header and preamble not counted
}

// PairTruth is a planted pair talking on WhatsApp.
type PairTruth struct {
	A             string         `json:"a"`
	B             string         `json:"b"`
	App           string         `json:"app"` // "WhatsApp"
	CrossOperator bool           `json:"cross_operator"`
	Conversations int            `json:"conversations"`
	First         WallTime       `json:"first"` // earlier start of the first conversation
	Last          WallTime       `json:"last"`  // earlier start of the last conversation
	Moments       []Conversation `json:"moments"`
}

// Conversation is one planted conversation: the starts of A's and B's
// WhatsApp records, at most 20 s apart.
type Conversation struct {
	A WallTime `json:"a"`
	B WallTime `json:"b"`
}

// HeavyDecoyTruth is the subscriber with about ten times anyone else's
// WhatsApp traffic who talks to nobody.
type HeavyDecoyTruth struct {
	MSISDN                string `json:"msisdn"`
	WhatsAppRecords       int    `json:"whatsapp_records"`
	MaxOtherWhatsApp      int    `json:"max_other_whatsapp_records"`
	WhatsAppBytes         int64  `json:"whatsapp_bytes"`
	MaxOtherWhatsAppBytes int64  `json:"max_other_whatsapp_bytes"`
}

// HuntTruth is the planted server hunt: who reached DestIP:DestPort from
// the area's cells inside [From, To).
type HuntTruth struct {
	DestIP     string       `json:"dest_ip"`
	DestPort   int          `json:"dest_port"`
	Cells      []string     `json:"cells"`
	CellPrefix string       `json:"cell_prefix"`
	From       WallTime     `json:"from"`
	To         WallTime     `json:"to"` // exclusive; no planted record starts within 30 minutes of either edge outside
	Visitors   []HuntMember `json:"visitors"`
	Decoys     HuntDecoys   `json:"decoys"`
}

// HuntMember is a subscriber planted by the hunt and the number of records
// planted for them.
type HuntMember struct {
	MSISDN  string `json:"msisdn"`
	Records int    `json:"records"`
}

// HuntDecoys each miss exactly one condition of the hunt.
type HuntDecoys struct {
	OutsideWindow []HuntMember `json:"outside_window"` // target, area cells, outside the window
	OtherCell     []HuntMember `json:"other_cell"`     // target, in the window, cells outside the area
	OtherPort     []HuntMember `json:"other_port"`     // DestIP:80, in the window, area cells
	SameSubnet    []HuntMember `json:"same_subnet"`    // 104.198.99.80:443, in the window, area cells
}

// IDChange is a data subscriber who changed handset (IMEI) or SIM (IMSI).
type IDChange struct {
	MSISDN string   `json:"msisdn"`
	Kind   string   `json:"kind"` // "imei" or "imsi"
	Old    string   `json:"old"`
	New    string   `json:"new"`
	At     WallTime `json:"at"` // records starting at or after this use New
}

// SubscriberTruth counts exactly what the IPDR files hold for one data
// subscriber.
type SubscriberTruth struct {
	MSISDN          string      `json:"msisdn"`
	Operator        string      `json:"operator"` // "A" or "B"
	Records         int         `json:"records"`
	ByPort          map[int]int `json:"by_port"`
	IMEIs           []string    `json:"imeis"` // in order of first use
	IMSIs           []string    `json:"imsis"`
	Cells           int         `json:"cells"`            // distinct cells
	First           WallTime    `json:"first"`            // start of the first record
	Last            WallTime    `json:"last"`             // start of the last record
	WhatsAppBins3h  [8]int      `json:"whatsapp_bins_3h"` // WhatsApp-port records by start wall hour / 3
	WhatsAppWeekday [7]int      `json:"whatsapp_weekday"` // WhatsApp-port records by start weekday, Monday first
}

// SimBoxTruth is one SIM-box SIM.
type SimBoxTruth struct {
	MSISDN string `json:"msisdn"`
	Box    int    `json:"box"`  // 1 or 2
	Cell   string `json:"cell"` // the box's cell
	IMEI   string `json:"imei"` // the gateway module's (two SIMs share one)
	IMSI   string `json:"imsi"`
}

// VoiceCountsTruth counts exactly what the voice file holds for one voice
// subscriber.
type VoiceCountsTruth struct {
	MSISDN         string `json:"msisdn"`
	Role           string `json:"role"` // "honest", "heavy_honest" or "simbox"
	Out            int    `json:"out"`
	In             int    `json:"in"`
	SMSOut         int    `json:"sms_out"`
	SMSIn          int    `json:"sms_in"`
	DistinctCalled int    `json:"distinct_called"` // distinct B numbers of VOICE_OUT
	NightCalls     int    `json:"night_calls"`     // VOICE_OUT starting 22:00:00..05:59:59
	Cells          int    `json:"cells"`           // distinct cells over all rows
}

// ReadTruth reads a truth.json written by Generate.
func ReadTruth(path string) (*Truth, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var t Truth
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if t.Generator != generatorMark {
		return nil, fmt.Errorf("%s: not written by %s", path, generatorMark)
	}
	return &t, nil
}

// encode renders the truth as indented JSON.
func (t *Truth) encode() ([]byte, error) {
	b, err := json.MarshalIndent(t, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
