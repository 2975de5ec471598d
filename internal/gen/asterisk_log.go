package gen

import (
	"fmt"
	"sort"
	"strings"
)

// logEvent is one entry of the daemon log, with its continuation lines.
type logEvent struct {
	t     int64
	order int
	text  string // after the stamp; continuation lines after "\n"
}

// daemonLog is the planted log, split where logrotate cut it.
type daemonLog struct {
	current, rotated string // messages, and messages.1 before compression
	entries          int
	last             int64 // generator seconds of the last entry
}

// messagesLog writes what Asterisk logged while the calls were made: a
// restart banner (built long before), each modem connecting, a line per
// call at its start (Called Dongle/... out, Executing ... for a call back),
// busy lines and failures whose AT error is a continuation line. Stamps
// carry no year ("[Mar 18 09:12:03]", the day padded with a space, as
// Asterisk writes them). The last third of the days stays in messages, the
// rest is messages.1.
func messagesLog(w *world, calls []pbxCall, modems []ModemTruth) daemonLog {
	built := w.cfg.Start.AddDate(0, 0, -400).Format("2006-01-02 15:04:05")
	ev := []logEvent{{t: 8*hourSeconds + 55*60, text: "Asterisk 16.2.1~dfsg-1+deb10u2 built by pbuilder @ localhost on a x86_64 running Linux on " + built + " UTC"}}
	for i, m := range modems {
		at := int64(8*hourSeconds + 55*60 + 2 + i)
		ev = append(ev, logEvent{t: at, order: 1, text: fmt.Sprintf("NOTICE[2417] chan_dongle.c: [%s] Dongle has connected, initializing...", m.Name)},
			logEvent{t: at + 4, order: 2, text: fmt.Sprintf("NOTICE[2417] chan_dongle.c: [%s] Dongle initialized and ready", m.Name)})
	}
	for i, c := range calls {
		m := modems[c.modem]
		tid, cid := 3000+i%400, fmt.Sprintf("C-%08x", c.seq)
		if c.inbound {
			ev = append(ev, logEvent{t: c.t, order: 3, text: fmt.Sprintf(`VERBOSE[%d][%s] pbx.c: -- Executing [%s@from-dongle:1] Dial("Dongle/%s-01%s", "SIP/%s/7002,30") in new stack`,
				tid, cid, m.Number, m.Name, channelID(2*i+1), pbxPeerName)})
			continue
		}
		ev = append(ev, logEvent{t: c.t, order: 3, text: fmt.Sprintf("VERBOSE[%d][%s] app_dial.c: -- Called Dongle/%s/%s", tid, cid, m.Name, c.victim)})
		switch c.disposition {
		case "BUSY":
			ev = append(ev, logEvent{t: c.t + c.ring, order: 4, text: fmt.Sprintf("NOTICE[%d][%s] chan_dongle.c: [%s] Line busy", tid, cid, m.Name)})
		case "FAILED":
			ev = append(ev, logEvent{t: c.t + 1, order: 4, text: fmt.Sprintf("WARNING[%d][%s] chan_dongle.c: [%s] Error sending ATD command\n    +CME ERROR: 30", tid, cid, m.Name)})
		}
	}
	sort.SliceStable(ev, func(i, j int) bool {
		if ev[i].t != ev[j].t {
			return ev[i].t < ev[j].t
		}
		return ev[i].order < ev[j].order
	})
	keep := max(1, w.cfg.Days/3)
	rotateAt := int64((w.cfg.Days - keep) * daySeconds)
	var cur, rot strings.Builder
	for _, e := range ev {
		out := &cur
		if e.t < rotateAt {
			out = &rot
		}
		fmt.Fprintf(out, "[%s] %s\n", w.wall(e.t).Format("Jan _2 15:04:05"), e.text)
	}
	return daemonLog{current: cur.String(), rotated: rot.String(), entries: len(ev), last: ev[len(ev)-1].t}
}
