package gen

import (
	"strings"
	"testing"
	"time"
)

// refVoiceCounts recomputes the voice truth from voice_cdr.tsv, read with
// encoding/csv.
func refVoiceCounts(t *testing.T, dir string) (map[string]VoiceCountsTruth, map[string]map[string]bool) {
	t.Helper()
	rows := readCSV(t, dir+"/"+FileVoice, '\t', 0)
	if got := strings.Join(rows[0], "\t") + "\n"; got != headerV {
		t.Fatalf("voice header %q", got)
	}
	counts := map[string]VoiceCountsTruth{}
	called := map[string]map[string]bool{}
	cells := map[string]map[string]bool{}
	for _, f := range rows[1:] {
		if len(f) != 9 {
			t.Fatalf("voice row has %d fields: %q", len(f), f)
		}
		at := parseWall(t, "1/2/2006 15:04:05", f[7]+" "+f[8])
		c := counts[f[0]]
		c.MSISDN = f[0]
		if called[f[0]] == nil {
			called[f[0]], cells[f[0]] = map[string]bool{}, map[string]bool{}
		}
		cells[f[0]][f[4]] = true
		dur := atoi(t, f[3])
		switch f[5] {
		case "VOICE_OUT":
			c.Out++
			called[f[0]][f[6]] = true
			if h := at.Hour(); h >= 22 || h < 6 {
				c.NightCalls++
			}
		case "VOICE_IN":
			c.In++
		case "SMS_OUT":
			c.SMSOut++
		case "SMS_IN":
			c.SMSIn++
		default:
			t.Fatalf("call type %q", f[5])
		}
		if strings.HasPrefix(f[5], "SMS") != (dur == 0) {
			t.Fatalf("%s with duration %d", f[5], dur)
		}
		c.DistinctCalled, c.Cells = len(called[f[0]]), len(cells[f[0]])
		counts[f[0]] = c
	}
	return counts, cells
}

func TestVoiceTruthMatchesFile(t *testing.T) {
	dir, truth := generate(t, smallConfig())
	ref, _ := refVoiceCounts(t, dir)
	// 13 planted call-network subscribers (voice_plant.go) are honest too.
	n := PlantedVoiceSubscribers
	if len(truth.VoiceSubscribers) != 60+6+n || len(truth.HonestVoice) != 60+n || len(truth.SimBoxes) != 6 || len(truth.Planted) != n || n != 13 {
		t.Fatalf("%d voice subscribers, %d honest, %d SIM-box SIMs", len(truth.VoiceSubscribers), len(truth.HonestVoice), len(truth.SimBoxes))
	}
	rows := 0
	for _, want := range truth.VoiceSubscribers {
		got := ref[want.MSISDN]
		got.Role = want.Role
		if got != want {
			t.Errorf("voice %s:\n file  %+v\n truth %+v", want.MSISDN, got, want)
		}
		rows += want.Out + want.In + want.SMSOut + want.SMSIn
	}
	if rows != truth.VoiceRecords {
		t.Errorf("voice counts add to %d rows, truth says %d", rows, truth.VoiceRecords)
	}
}

// TestSimBoxesAtMimicryZero: no calls in, no SMS, one cell per box shared
// by its SIMs, many distinct numbers and many night calls.
func TestSimBoxesAtMimicryZero(t *testing.T) {
	dir, truth := generate(t, smallConfig())
	_, cells := refVoiceCounts(t, dir)
	counts := voiceByMSISDN(truth)
	boxCell := map[int]string{}
	for _, sb := range truth.SimBoxes {
		c := counts[sb.MSISDN]
		if c.Role != roleSimBox || c.In != 0 || c.SMSIn != 0 || c.SMSOut != 0 {
			t.Errorf("SIM-box SIM %s: %+v", sb.MSISDN, c)
		}
		days := float64(truth.Days)
		if perDay := float64(c.Out) / days; perDay < 30 || perDay > 140 {
			t.Errorf("SIM-box SIM %s makes %.1f calls a day", sb.MSISDN, perDay)
		}
		if c.DistinctCalled*10 < c.Out*9 || c.NightCalls*5 < c.Out {
			t.Errorf("SIM-box SIM %s: %d calls, %d distinct, %d at night", sb.MSISDN, c.Out, c.DistinctCalled, c.NightCalls)
		}
		if len(cells[sb.MSISDN]) != 1 || !cells[sb.MSISDN][sb.Cell] {
			t.Errorf("SIM-box SIM %s used cells %v, not only its box's %s", sb.MSISDN, cells[sb.MSISDN], sb.Cell)
		}
		if prev, ok := boxCell[sb.Box]; ok && prev != sb.Cell {
			t.Errorf("box %d has SIMs in %s and %s", sb.Box, prev, sb.Cell)
		}
		boxCell[sb.Box] = sb.Cell
	}
	if len(boxCell) != 2 || boxCell[1] == boxCell[2] {
		t.Errorf("boxes and cells %v, want two boxes in two cells", boxCell)
	}
	for _, m := range truth.HonestVoice {
		c := counts[m]
		if c.In == 0 || c.SMSIn+c.SMSOut == 0 {
			t.Errorf("honest %s has no calls in or no SMS: %+v", m, c)
		}
	}
	for _, m := range truth.HeavyHonest {
		if c := counts[m]; c.DistinctCalled < 200 || c.In == 0 || c.SMSOut == 0 || c.NightCalls != 0 {
			t.Errorf("call-centre worker %s: %+v", m, c)
		}
	}
}

func voiceByMSISDN(truth *Truth) map[string]VoiceCountsTruth {
	m := map[string]VoiceCountsTruth{}
	for _, c := range truth.VoiceSubscribers {
		m[c.MSISDN] = c
	}
	return m
}

// TestMimicryMovesSimBoxesTowardHonest: every SIM-box habit moves the
// right way as mimicry rises.
func TestMimicryMovesSimBoxesTowardHonest(t *testing.T) {
	// others is the share of rows made away from the box's cell.
	type habits struct{ perDay, night, distinct, others, in, sms float64 }
	measure := func(m float64) habits {
		cfg := smallConfig()
		cfg.Records, cfg.Mimicry, cfg.Days = 0, m, 14
		dir, truth := generate(t, cfg)
		counts := voiceByMSISDN(truth)
		boxCell := map[string]string{}
		var h habits
		var out float64
		for _, sb := range truth.SimBoxes {
			boxCell[sb.MSISDN] = sb.Cell
			c := counts[sb.MSISDN]
			out += float64(c.Out)
			h.night += float64(c.NightCalls)
			h.distinct += float64(c.DistinctCalled)
			h.in += float64(c.In)
			h.sms += float64(c.SMSIn + c.SMSOut)
		}
		var rows, away float64
		for _, f := range readCSV(t, dir+"/"+FileVoice, '\t', 1) {
			if cell, ok := boxCell[f[0]]; ok {
				rows++
				if f[4] != cell {
					away++
				}
			}
		}
		n := float64(len(truth.SimBoxes))
		return habits{perDay: out / n / 14, night: h.night / out, distinct: h.distinct / out, others: away / rows, in: h.in / n, sms: h.sms / n}
	}
	m0, half, m1 := measure(0), measure(0.5), measure(1)
	for _, step := range [][2]habits{{m0, half}, {half, m1}} {
		a, b := step[0], step[1]
		if !(b.perDay < a.perDay && b.night < a.night && b.distinct < a.distinct && b.others > a.others && b.in > a.in && b.sms > a.sms) {
			t.Errorf("habits do not move toward honest:\n %+v\n %+v", a, b)
		}
	}
	if m1.perDay > 8 || m1.in < 14*2 || m1.sms < 14*3 {
		t.Errorf("at mimicry 1 SIM-boxes should call and text like honest people: %+v", m1)
	}
}

func TestVoiceDatesAreMonthFirst(t *testing.T) {
	dir, truth := generate(t, smallConfig())
	rows := readCSV(t, dir+"/"+FileVoice, '\t', 0)
	first := truth.Start.Time
	for _, f := range rows[1:] {
		at := parseWall(t, "1/2/2006", f[7])
		if at.Before(first) || !at.Before(first.Add(time.Duration(truth.Days)*24*time.Hour)) {
			t.Fatalf("call date %s outside the case's days", f[7])
		}
		if len(f[8]) != 8 {
			t.Fatalf("CALL_TIME %q is not HH:MM:SS", f[8])
		}
	}
}
