package gen

import (
	"testing"
	"time"
)

// TestCallNetworkPlantedInFile reads voice_cdr.tsv back and checks each
// planted fact against the rows themselves.
func TestCallNetworkPlantedInFile(t *testing.T) {
	dir, truth := generate(t, smallConfig())
	c := truth.Calls
	if c == nil || len(c.Group1) != 5 || len(c.Group2) != 4 || c.Broker == "" || len(c.Group1Shared) != 2 {
		t.Fatalf("calls truth %+v", c)
	}
	rows := readCSV(t, dir+"/"+FileVoice, '\t', 1)
	type key struct{ a, b string }
	pairs := map[key]int{}
	imeis := map[string]map[string]bool{}
	roaming := 0
	for _, f := range rows {
		at := parseWall(t, "1/2/2006 15:04:05", f[7]+" "+f[8])
		pairs[key{f[0], f[6]}]++
		if imeis[f[2]] == nil {
			imeis[f[2]] = map[string]bool{}
		}
		imeis[f[2]][f[0]] = true
		if s := c.Silence; s != nil && f[0] == s.MSISDN && !at.Before(s.From.Time) && at.Before(s.To.Time) {
			t.Errorf("a record of %s inside the planted silence: %v", s.MSISDN, f)
		}
		if f[0] == c.International.MSISDN && f[4][:7] == "424-02-" {
			roaming++
			if at.Before(c.International.From.Time) || !at.Before(c.International.To.Time) {
				t.Errorf("roaming record outside the spell: %v", f)
			}
		}
	}
	for _, m := range c.Group1 {
		for _, n := range c.Group1Shared {
			if pairs[key{m, n}] == 0 {
				t.Errorf("%s never called shared number %s", m, n)
			}
		}
	}
	for _, m := range c.BrokerLinks {
		if pairs[key{c.Broker, m}] == 0 || pairs[key{m, c.Broker}] == 0 {
			t.Errorf("broker and %s: %d / %d records", m, pairs[key{c.Broker, m}], pairs[key{m, c.Broker}])
		}
	}
	for _, g1 := range c.Group1 {
		for _, g2 := range c.Group2 {
			if pairs[key{g1, g2}]+pairs[key{g2, g1}] > 0 {
				t.Errorf("groups linked directly: %s %s", g1, g2)
			}
		}
	}
	if !imeis[c.SIMMove.Into][c.SIMMove.MSISDN] || !imeis[c.SIMMove.Into][c.SIMMove.Owner] || len(imeis[c.SIMMove.Into]) != 2 {
		t.Errorf("handset %s carried %v", c.SIMMove.Into, imeis[c.SIMMove.Into])
	}
	if !imeis[c.HandsetSwap.New][c.HandsetSwap.MSISDN] || !imeis[c.HandsetSwap.Old][c.HandsetSwap.MSISDN] {
		t.Error("handset swap not in the file")
	}
	if roaming == 0 || roaming != c.International.Records {
		t.Errorf("%d roaming rows, truth says %d", roaming, c.International.Records)
	}
	if c.Chain.Count != min(truth.Days, 10) || pairs[key{c.Chain.B, c.Chain.C}] != c.Chain.Count {
		t.Errorf("chain %+v, B→C rows %d", c.Chain, pairs[key{c.Chain.B, c.Chain.C}])
	}
	if c.Silence != nil && c.Silence.To.Sub(c.Silence.From.Time) != 50*time.Hour {
		t.Errorf("silence %+v", c.Silence)
	}
}
