package gen

import (
	"strings"
	"testing"
	"time"
)

func isWhatsApp(port int) bool {
	switch port {
	case 5222, 5223, 5228, 4244, 5242:
		return true
	}
	return false
}

// TestPairsTalkWithin20Seconds finds every planted conversation in the
// files: a WhatsApp record of each member, starts at most 20 s apart.
func TestPairsTalkWithin20Seconds(t *testing.T) {
	dir, truth := generate(t, smallConfig())
	rowsA, rowsB := readIPDR(t, dir)
	by, _ := groupBySubscriber(append(rowsA, rowsB...))
	if len(truth.Pairs) != 3 {
		t.Fatalf("%d pairs planted, want 3", len(truth.Pairs))
	}
	cross := 0
	for _, p := range truth.Pairs {
		if p.App != "WhatsApp" || p.Conversations < 30 || p.Conversations > 60 || len(p.Moments) != p.Conversations {
			t.Errorf("pair %s-%s: app %q, %d conversations, %d moments", p.A, p.B, p.App, p.Conversations, len(p.Moments))
		}
		if opOf(truth, p.A) != opOf(truth, p.B) {
			cross++
			if !p.CrossOperator {
				t.Errorf("pair %s-%s crosses operators but cross_operator is false", p.A, p.B)
			}
		}
		for _, m := range p.Moments {
			gap := m.A.Sub(m.B.Time)
			if gap < -20*time.Second || gap > 20*time.Second {
				t.Errorf("pair %s-%s: starts %v and %v are %v apart", p.A, p.B, m.A, m.B, gap)
			}
			if !hasWhatsAppAt(by[p.A], m.A.Time) || !hasWhatsAppAt(by[p.B], m.B.Time) {
				t.Errorf("pair %s-%s: no WhatsApp records at %v / %v", p.A, p.B, m.A, m.B)
			}
		}
		first := minTime(p.Moments[0].A.Time, p.Moments[0].B.Time)
		last := p.Moments[len(p.Moments)-1]
		if !p.First.Equal(first) || !p.Last.Equal(minTime(last.A.Time, last.B.Time)) {
			t.Errorf("pair %s-%s: first %v last %v do not match the moments", p.A, p.B, p.First, p.Last)
		}
		// Independently: co-occurrences within 20 s in the files are at
		// least the planted conversations.
		if n := coOccurrences(by[p.A], by[p.B], 20*time.Second); n < p.Conversations {
			t.Errorf("pair %s-%s: %d WhatsApp co-occurrences within 20 s in the files, %d planted", p.A, p.B, n, p.Conversations)
		}
	}
	if cross == 0 {
		t.Error("no planted pair crosses operators")
	}
}

func opOf(truth *Truth, msisdn string) string {
	for _, s := range truth.Subscribers {
		if s.MSISDN == msisdn {
			return s.Operator
		}
	}
	return ""
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func hasWhatsAppAt(rows []refRecord, at time.Time) bool {
	for _, r := range rows {
		if r.start.Equal(at) && isWhatsApp(r.destPort) {
			return true
		}
	}
	return false
}

// coOccurrences counts A's WhatsApp records with a WhatsApp record of B
// starting within window.
func coOccurrences(a, b []refRecord, window time.Duration) int {
	n := 0
	for _, x := range a {
		if !isWhatsApp(x.destPort) {
			continue
		}
		for _, y := range b {
			d := x.start.Sub(y.start)
			if isWhatsApp(y.destPort) && d >= -window && d <= window {
				n++
				break
			}
		}
	}
	return n
}

func TestHeavyDecoy(t *testing.T) {
	_, truth := generate(t, smallConfig())
	d := truth.HeavyDecoy
	maxOther := 0
	for _, s := range truth.Subscribers {
		wa := 0
		for _, n := range s.WhatsAppBins3h {
			wa += n
		}
		if s.MSISDN == d.MSISDN {
			if wa != d.WhatsAppRecords {
				t.Errorf("decoy WhatsApp records %d, bins add to %d", d.WhatsAppRecords, wa)
			}
			evening := s.WhatsAppBins3h[6] + s.WhatsAppBins3h[7]
			if evening*2 < wa {
				t.Errorf("decoy has %d of %d WhatsApp records after 18:00; the pairs' hours", evening, wa)
			}
			continue
		}
		maxOther = max(maxOther, wa)
	}
	if maxOther != d.MaxOtherWhatsApp {
		t.Errorf("max other WhatsApp %d, truth %d", maxOther, d.MaxOtherWhatsApp)
	}
	if d.WhatsAppRecords < 7*maxOther || d.WhatsAppBytes < 5*d.MaxOtherWhatsAppBytes {
		t.Errorf("decoy %d records / %d bytes vs busiest other %d / %d: not about ten times",
			d.WhatsAppRecords, d.WhatsAppBytes, maxOther, d.MaxOtherWhatsAppBytes)
	}
	for _, p := range truth.Pairs {
		if p.A == d.MSISDN || p.B == d.MSISDN {
			t.Error("the heavy decoy is a member of a planted pair")
		}
	}
}

// huntConditions says which of the hunt's four conditions a row meets.
type huntConditions struct{ ip, port, window, area bool }

func (c huntConditions) all() bool { return c.ip && c.port && c.window && c.area }

// TestHuntDecoysMissExactlyOneCondition evaluates every row touching
// 104.198.99.0/24 against the hunt, from the files.
func TestHuntDecoysMissExactlyOneCondition(t *testing.T) {
	dir, truth := generate(t, smallConfig())
	h := truth.Hunt
	if h.DestIP != "104.198.99.79" || h.DestPort != 443 || h.CellPrefix != "404-10-7301-" || h.To.Sub(h.From.Time) != 2*time.Hour {
		t.Fatalf("hunt %+v", h)
	}
	if day := h.From.Sub(truth.Start.Time); day < 48*time.Hour || day >= 72*time.Hour {
		t.Errorf("window starts %v after the first midnight, not on day 3", day)
	}
	for _, c := range h.Cells {
		if !strings.HasPrefix(c, h.CellPrefix) {
			t.Errorf("area cell %s lacks the prefix", c)
		}
	}
	rowsA, rowsB := readIPDR(t, dir)
	touched := map[string][]huntConditions{}
	for _, r := range append(rowsA, rowsB...) {
		if !strings.HasPrefix(r.destIP, "104.198.99.") {
			continue
		}
		touched[r.msisdn] = append(touched[r.msisdn], huntConditions{
			ip: r.destIP == h.DestIP, port: r.destPort == h.DestPort,
			window: !r.start.Before(h.From.Time) && r.start.Before(h.To.Time),
			area:   strings.HasPrefix(r.cell, h.CellPrefix),
		})
	}
	want := map[string]func(huntConditions) bool{}
	expect := func(members []HuntMember, lo, hi int, ok func(huntConditions) bool) {
		for _, m := range members {
			want[m.MSISDN] = ok
			if m.Records < lo || m.Records > hi || len(touched[m.MSISDN]) != m.Records {
				t.Errorf("%s: %d records in truth, %d in the files, want %d..%d", m.MSISDN, m.Records, len(touched[m.MSISDN]), lo, hi)
			}
		}
	}
	expect(h.Visitors, 2, 6, huntConditions.all)
	expect(h.Decoys.OutsideWindow, 1, 3, func(c huntConditions) bool { return c.ip && c.port && !c.window && c.area })
	expect(h.Decoys.OtherCell, 1, 3, func(c huntConditions) bool { return c.ip && c.port && c.window && !c.area })
	expect(h.Decoys.OtherPort, 1, 3, func(c huntConditions) bool { return c.ip && !c.port && c.window && c.area })
	expect(h.Decoys.SameSubnet, 1, 3, func(c huntConditions) bool { return !c.ip && c.port && c.window && c.area })
	if len(h.Visitors) != 5 || len(want) != 5+3+3+3+2 {
		t.Fatalf("%d visitors, %d distinct hunt subscribers; want 5 and 16", len(h.Visitors), len(want))
	}
	for msisdn, conds := range touched {
		ok, planted := want[msisdn]
		if !planted {
			t.Errorf("%s touches 104.198.99.0/24 but was not planted", msisdn)
			continue
		}
		for _, c := range conds {
			if !ok(c) {
				t.Errorf("%s: a row meets %+v, not its role's conditions", msisdn, c)
			}
		}
	}
}
