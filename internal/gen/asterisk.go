package gen

import (
	"fmt"
	"sort"
	"strconv"
)

// ImageDir is the disk-image tree a case with Config.AsteriskImage holds:
// the root of a seized Linux PC that ran Asterisk with chan_dongle modems.
const ImageDir = "image"

// The planted PBX's fixed parts.
const (
	imageZone     = "Asia/Kolkata"
	imageZoneLink = "/usr/share/zoneinfo/Asia/Kolkata"
	imageOffset   = 19800 // +05:30, no DST
	pbxPeerName   = "ippbx"
	pbxPeerHost   = "203.0.113.45" // the IP-PBX the gateway faces (documentation range)
	pbxPeerPort   = "5060"
	pbxAccount    = "100" // operator whose calls cdr_csv also copies into 100.csv
	modemCount    = 4
)

// AsteriskTruth is the planted PBX: its zone, modems and calls, and what
// an import must find in the image tree.
type AsteriskTruth struct {
	Root         string           `json:"root"` // relative to the case directory
	Zone         string           `json:"zone"`
	ZoneOffset   int              `json:"zone_offset"`
	Modems       []ModemTruth     `json:"modems"`
	Calls        int              `json:"calls"`  // distinct calls, all in Master.csv
	Copies       int              `json:"copies"` // rows of 100.csv, each also in Master.csv
	Dispositions map[string]int   `json:"dispositions"`
	PerDay       map[string]int   `json:"per_day"` // wall date -> calls
	BillSec      int64            `json:"billsec"`
	Top          []RecipientTruth `json:"top_recipients"` // by talk time, then calls, then number
	LogEntries   int              `json:"log_entries"`    // entries of messages and messages.1.gz
	LogYear      int              `json:"log_year"`       // the year of the last log entry (the stamps carry none)
	HistoryLines int              `json:"history_lines"`  // command lines of both shell histories
	SIPPeer      string           `json:"sip_peer"`       // name
	SIPHost      string           `json:"sip_host"`
	Files        []string         `json:"files"` // the image's files, relative to Root
	// Variant is "" for the chan_dongle gateway, "freepbx" for the office
	// PBX of Config.PBX; CallsTruth (freepbx) is every call's recipient and
	// direction, Queue its queue_log.
	Variant    string         `json:"variant,omitempty"`
	CallsTruth []PBXCallTruth `json:"calls_truth,omitempty"`
	Queue      *QueueTruth    `json:"queue,omitempty"`
}

// ModemTruth is one planted USB modem.
type ModemTruth struct {
	Name    string   `json:"name"` // dongle.conf section, Dongle/<name>-... channels
	IMEI    string   `json:"imei"`
	IMSI    string   `json:"imsi"`
	Number  string   `json:"number"` // the SIM's number, exten= in dongle.conf
	SeenIn  []string `json:"seen_in"`
	SeenAs  string   `json:"seen_as"` // "voice" (a SIM-box module), "ipdr" (a data subscriber) or "" (nowhere else)
	Calls   int      `json:"calls"`
	BillSec int64    `json:"billsec"`
	First   WallTime `json:"first"`
	Last    WallTime `json:"last"`
}

// RecipientTruth is what one number received.
type RecipientTruth struct {
	Number  string `json:"number"`
	BillSec int64  `json:"billsec"`
	Calls   int    `json:"calls"`
}

// tagAsterisk labels the PBX's random stream (far from world.go's tags).
const tagAsterisk = 1001

// pbxCall is one planted call before formatting.
type pbxCall struct {
	t           int64 // generator seconds (wall clock of the image)
	ring, bill  int64
	modem       int
	victim      string
	inbound     bool
	glued       bool // dst written as src+victim (the seed's quirk)
	account     bool // placed by operator 100: copied into 100.csv
	disposition string
	seq         int
}

// planModems chooses the modems' identities: SIM-box gateway modules of
// the voice file first (their IMEIs are in the voice records), then data
// subscribers whose records carry one IMEI, then fresh ones seen nowhere.
func planModems(w *world, t *Truth, r *rng) []ModemTruth {
	var out []ModemTruth
	usedIMEI := map[string]bool{}
	for _, s := range t.SimBoxes {
		if len(out) == 2 || s.IMEI == "" || usedIMEI[s.IMEI] {
			continue
		}
		usedIMEI[s.IMEI] = true
		out = append(out, ModemTruth{IMEI: s.IMEI, IMSI: s.IMSI, Number: s.MSISDN, SeenAs: "voice"})
	}
	var single []SubscriberTruth
	for _, s := range t.Subscribers {
		if len(s.IMEIs) == 1 && len(s.IMSIs) == 1 {
			single = append(single, s)
		}
	}
	for len(out) < modemCount-1 && len(single) > 0 {
		i := r.intn(len(single))
		s := single[i]
		single = append(single[:i], single[i+1:]...)
		out = append(out, ModemTruth{IMEI: s.IMEIs[0], IMSI: s.IMSIs[0], Number: s.MSISDN, SeenAs: "ipdr"})
	}
	for len(out) < modemCount {
		out = append(out, ModemTruth{IMEI: w.ids.imeiWithTAC(gatewayTAC), IMSI: w.ids.IMSI(), Number: w.ids.MSISDN()})
	}
	for i := range out {
		out[i].Name = "dongle" + strconv.Itoa(i)
		out[i].SeenIn = seenIn(t, out[i].IMEI)
	}
	return out
}

// seenIn lists the subscribers whose IPDR or voice rows carry imei.
func seenIn(t *Truth, imei string) []string {
	seen := map[string]bool{}
	for _, s := range t.SimBoxes {
		if s.IMEI == imei {
			seen[s.MSISDN] = true
		}
	}
	for _, s := range t.Subscribers {
		for _, x := range s.IMEIs {
			if x == imei {
				seen[s.MSISDN] = true
			}
		}
	}
	out := []string{}
	for m := range seen {
		out = append(out, m)
	}
	sort.Strings(out)
	return out
}

// planCalls draws the rig's calls: each modem places some 8 to 20 calls a
// day between 09:00 and 21:00 to a pool of victims (a few called again and
// again), and now and then a victim calls back.
func planCalls(w *world, r *rng, modems []ModemTruth) []pbxCall {
	victims := make([]string, 60)
	for i := range victims {
		victims[i] = strconv.FormatUint(randomMSISDN(r), 10)
	}
	victimCum := zipf(len(victims), 1.1)
	var calls []pbxCall
	for d := 0; d < w.cfg.Days; d++ {
		for m := range modems {
			n := r.between(8, 20)
			if w.weekday[d] == 6 {
				n /= 3
			}
			for range n {
				c := pbxCall{t: int64(d*daySeconds + 9*hourSeconds + r.intn(12*hourSeconds)), modem: m,
					victim: victims[r.pick(victimCum)], ring: int64(r.between(3, 30))}
				c.inbound = r.chance(0.06)
				c.glued = !c.inbound && r.chance(0.25)
				c.account = !c.inbound && r.chance(0.3)
				switch p := r.float(); {
				case p < 0.55:
					c.disposition, c.bill = "ANSWERED", int64(max(1, r.lognormal(90, 0.9)))
				case p < 0.80:
					c.disposition = "NO ANSWER"
				case p < 0.92:
					c.disposition = "BUSY"
				default:
					c.disposition, c.ring = "FAILED", 0
				}
				calls = append(calls, c)
			}
		}
	}
	sortCalls(calls)
	for i := range calls {
		calls[i].seq = i
	}
	return calls
}

func sortCalls(calls []pbxCall) {
	sort.SliceStable(calls, func(i, j int) bool {
		if calls[i].t != calls[j].t {
			return calls[i].t < calls[j].t
		}
		return calls[i].modem < calls[j].modem
	})
}

// recipient is the number a call reached: the victim for calls out, the
// modem's own number for a victim's call back.
func (c pbxCall) recipient(modems []ModemTruth) string {
	if c.inbound {
		return modems[c.modem].Number
	}
	return c.victim
}

// describeCalls fills the calls' half of the truth.
func describeCalls(w *world, at *AsteriskTruth, calls []pbxCall) {
	at.Calls, at.Dispositions, at.PerDay = len(calls), map[string]int{}, map[string]int{}
	byNumber := map[string]*RecipientTruth{}
	for _, c := range calls {
		m := &at.Modems[c.modem]
		if m.Calls == 0 {
			m.First = w.wall(c.t)
		}
		m.Last = w.wall(c.t)
		m.Calls++
		m.BillSec += c.bill
		at.BillSec += c.bill
		at.Dispositions[c.disposition]++
		at.PerDay[w.wall(c.t).Format("2006-01-02")]++
		if c.account {
			at.Copies++
		}
		n := c.recipient(at.Modems)
		if byNumber[n] == nil {
			byNumber[n] = &RecipientTruth{Number: n}
		}
		byNumber[n].Calls++
		byNumber[n].BillSec += c.bill
	}
	at.Top = topRecipients(byNumber)
}

// topRecipients ranks the recipients by talk time, then calls, then
// number: the ten first.
func topRecipients(byNumber map[string]*RecipientTruth) []RecipientTruth {
	top := make([]RecipientTruth, 0, len(byNumber))
	for _, rt := range byNumber {
		top = append(top, *rt)
	}
	sort.Slice(top, func(i, j int) bool {
		a, b := top[i], top[j]
		if a.BillSec != b.BillSec {
			return a.BillSec > b.BillSec
		}
		if a.Calls != b.Calls {
			return a.Calls > b.Calls
		}
		return a.Number < b.Number
	})
	if len(top) == 0 {
		return nil
	}
	return top[:min(len(top), 10)]
}

// channelID is the hexadecimal suffix Asterisk gives a channel.
func channelID(n int) string { return fmt.Sprintf("%08x", n) }
