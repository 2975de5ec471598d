package store

import (
	"errors"

	"github.com/cdrtui/cdrtui/internal/evidence"
	"github.com/cdrtui/cdrtui/internal/evidence/asterisk"
)

// callTimes are a call's start, answer and end as packCall stores them:
// Unix seconds (nil when not read), the offsets of the start (see
// callTime), whether each lost its seconds, and why one was not read.
type callTimes struct {
	start, answer, end             any
	off, readOff                   int32
	lostStart, lostAnswer, lostEnd bool
	startErr, answerErr, endErr    error
}

// resolveCallTimes reads a call's times by clk. A time the PBX's zone
// showed twice (its clocks went back that night: cdr.conf's default
// writes local wall clocks without an offset) is placed by the call's own
// arithmetic when that leaves one instant, as Asterisk wrote duration =
// end − start and billsec = end − answer: start and end as the one pair of
// their instants that fits the duration (with none given, the one pair
// with the end after the start), the answer as the end less the talk time
// (or the one instant between start and end). Otherwise it is not read,
// never read an hour off: a start so is the row's reason to be rejected,
// an answer or end a dropped value.
func resolveCallTimes(c asterisk.Call, clk cdrClock) callTimes {
	var t callTimes
	t.start, t.off, t.readOff, t.lostStart, t.startErr = callTime(c.Start, clk)
	t.answer, _, _, t.lostAnswer, t.answerErr = callTime(c.Answer, clk)
	t.end, _, _, t.lostEnd, t.endErr = callTime(c.End, clk)
	starts, startCE := candidates(t.start, t.startErr)
	ends, endCE := candidates(t.end, t.endErr)
	if startCE != nil || endCE != nil {
		// the one pair of start and end that fits the duration (or, with
		// none given, has the end after the start)
		var s0, e0 int64
		pairs := 0
		for _, s := range starts {
			for _, e := range ends {
				if e >= s && (c.Duration < 0 || e-s == c.Duration) {
					s0, e0 = s, e
					pairs++
				}
			}
		}
		if pairs == 1 {
			if startCE != nil {
				t.start, t.startErr = s0, nil
				t.off, t.readOff = startCE.WallOffset(s0), startCE.WallOffset(s0)
			}
			if endCE != nil {
				t.end, t.endErr = e0, nil
			}
		}
	}
	var ce *evidence.ClockError
	if errors.As(t.answerErr, &ce) {
		s, sok := t.start.(int64)
		e, eok := t.end.(int64)
		if u, ok := ce.Only(func(u int64) bool {
			switch {
			case eok && c.BillSec >= 0:
				return e-u == c.BillSec
			case sok && eok:
				return u >= s && u <= e
			}
			return false
		}); ok {
			t.answer, t.answerErr = u, nil
		}
	}
	return t
}

// candidates are the instants a call time may be: its own, or both of
// a wall clock the clocks showed twice (ce then says which).
func candidates(v any, err error) ([]int64, *evidence.ClockError) {
	var ce *evidence.ClockError
	if errors.As(err, &ce) {
		return ce.Instants, ce
	}
	if u, ok := v.(int64); ok && err == nil {
		return []int64{u}, nil
	}
	return nil, nil
}
