package gen

import (
	"errors"
	"fmt"
	"time"
)

// Config is the recipe of a synthetic case. Start with DefaultConfig and
// change what the case needs.
type Config struct {
	Seed             int64     // same seed and config, same bytes
	Subscribers      int       // data (IPDR) subscribers, split between operators A and B
	Days             int       // days of traffic
	Records          int       // IPDR records across both files, approximately (exact count in Truth); 0 = no IPDR files
	Start            time.Time // first day; only its date is used (wall clock, no zone)
	Pairs            int       // planted pairs talking on WhatsApp
	VoiceSubscribers int       // honest voice subscribers; 0 = no voice file
	SimBoxes         int       // SIM-box SIMs, split over two boxes in two cells
	Mimicry          float64   // 0..1: how hard the SIM-boxes imitate honest subscribers
	AsteriskImage    bool      // also write image/, a seized PC running Asterisk with USB modems (see asterisk.go)
	PBX              string    // with AsteriskImage: "" the chan_dongle gateway, "freepbx" an office FreePBX (asterisk_freepbx.go)
	Geography        bool      // cells with positions (cell-site files), places, a meeting pair and scenes in truth.json (geo.go)
}

// DefaultConfig is a two-week case of 200 data subscribers with 100,000
// IPDR records, 3 talking pairs, 300 honest voice subscribers and 12
// SIM-box SIMs that make no effort to hide.
func DefaultConfig() Config {
	return Config{
		Seed:             1,
		Subscribers:      200,
		Days:             14,
		Records:          100_000,
		Start:            time.Date(2024, 3, 18, 0, 0, 0, 0, time.UTC),
		Pairs:            3,
		VoiceSubscribers: 300,
		SimBoxes:         12,
		Mimicry:          0,
	}
}

// huntRoles is how many data subscribers the server hunt plants: 5
// visitors and 3+3+3+2 decoys.
const huntRoles = 5 + 3 + 3 + 3 + 2

// MinSubscribers is the fewest data subscribers a case with IPDR records
// needs: the pairs, the heavy decoy and the hunt's visitors and decoys are
// all different people.
func MinSubscribers(pairs int) int { return 2*pairs + 1 + huntRoles }

// checked returns the config with its start date reduced to midnight, or
// an error naming the first value that cannot make a case.
func (c Config) checked() (Config, error) {
	if c.Start.IsZero() {
		c.Start = DefaultConfig().Start
	}
	y, m, d := c.Start.Date()
	c.Start = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	switch {
	case c.Days < 1 || c.Days > 3660:
		return c, fmt.Errorf("gen: days must be 1..3660, not %d", c.Days)
	case c.Records < 0:
		return c, fmt.Errorf("gen: records must not be negative (%d)", c.Records)
	case c.Pairs < 0:
		return c, fmt.Errorf("gen: pairs must not be negative (%d)", c.Pairs)
	case c.VoiceSubscribers < 0 || c.SimBoxes < 0:
		return c, errors.New("gen: voice subscribers and SIM-boxes must not be negative")
	case !(c.Mimicry >= 0 && c.Mimicry <= 1):
		return c, fmt.Errorf("gen: mimicry must be within 0..1, not %v", c.Mimicry)
	case c.Records > 0 && c.Geography && c.Subscribers < MinSubscribers(c.Pairs)+geoRoles:
		return c, fmt.Errorf("gen: %d pairs and geography need at least %d data subscribers (have %d)",
			c.Pairs, MinSubscribers(c.Pairs)+geoRoles, c.Subscribers)
	case c.Records > 0 && c.Subscribers < MinSubscribers(c.Pairs):
		return c, fmt.Errorf("gen: %d pairs need at least %d data subscribers (have %d)",
			c.Pairs, MinSubscribers(c.Pairs), c.Subscribers)
	case c.Subscribers > 10_000_000 || c.VoiceSubscribers+c.SimBoxes > 10_000_000:
		return c, errors.New("gen: at most 10,000,000 subscribers of each kind")
	case c.PBX != "" && c.PBX != PBXFreePBX:
		return c, fmt.Errorf("gen: pbx must be %q (or empty for the modem gateway), not %q", PBXFreePBX, c.PBX)
	}
	return c, nil
}
