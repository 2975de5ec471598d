package gen

import (
	"strconv"
	"time"
)

const (
	daySeconds  = 86400
	hourSeconds = 3600
)

// world holds what every part of a case shares: the calendar, the cells
// and the identity source. Times inside the generator are seconds since
// midnight of the first day, on the wall clock.
type world struct {
	cfg   Config
	cells *cellMap
	ids   *identities
	// Per day index (0..Days+1): the date in each file's form and the
	// weekday, Monday = 0.
	dateA, dateB, dateV []string
	weekday             []int
}

func newWorld(cfg Config) *world {
	w := &world{cfg: cfg, ids: newIdentities(newRNG(cfg.Seed, tagIdentities))}
	w.cells = newCellMap(newRNG(cfg.Seed, tagCells), 40+cfg.Subscribers/3+(cfg.VoiceSubscribers+cfg.SimBoxes)/6)
	for d := 0; d < cfg.Days+2; d++ {
		t := cfg.Start.AddDate(0, 0, d)
		y, m, day := t.Date()
		ys, ms, ds := strconv.Itoa(y), strconv.Itoa(int(m)), strconv.Itoa(day)
		w.dateA = append(w.dateA, pad2(ds)+"/"+pad2(ms)+"/"+ys)
		w.dateB = append(w.dateB, ys+"-"+pad2(ms)+"-"+pad2(ds))
		w.dateV = append(w.dateV, ms+"/"+ds+"/"+ys)
		w.weekday = append(w.weekday, (int(t.Weekday())+6)%7)
	}
	return w
}

func pad2(s string) string {
	if len(s) < 2 {
		return "0" + s
	}
	return s
}

// wall converts generator seconds to a wall time.
func (w *world) wall(sec int64) WallTime {
	return WallTime{w.cfg.Start.Add(time.Duration(sec) * time.Second)}
}

// day returns the day index of generator seconds, clamped to the
// calendar's precomputed days.
func (w *world) day(sec int64) int {
	d := int(sec / daySeconds)
	if d >= len(w.dateA) {
		d = len(w.dateA) - 1
	}
	return d
}

// Labels of the random streams (newRNG paths), so every part of a case
// draws from its own stream and changing one part leaves the others be.
const (
	tagIdentities = iota + 1
	tagCells
	tagRoles
	tagModel
	tagStream
	tagPlant
	tagVoice
	tagVoiceStream
	tagNetwork
	tagVoicePlant
)
