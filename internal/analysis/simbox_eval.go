package analysis

// Confusion counts a detector's decisions against the planted truth.
// TP+FN is the number of SIM-boxes, FP+TN the number of honest
// subscribers; FP is the paper's measure, honest subscribers blocked.
type Confusion struct {
	TP int `json:"tp"` // SIM-boxes flagged
	FN int `json:"fn"` // SIM-boxes missed
	FP int `json:"fp"` // honest subscribers flagged (blocked)
	TN int `json:"tn"` // honest subscribers left alone
}

// Precision is TP/(TP+FP); ok is false when nothing was flagged.
func (c Confusion) Precision() (p float64, ok bool) {
	if c.TP+c.FP == 0 {
		return 0, false
	}
	return float64(c.TP) / float64(c.TP+c.FP), true
}

// Recall is TP/(TP+FN); ok is false when there are no SIM-boxes.
func (c Confusion) Recall() (r float64, ok bool) {
	if c.TP+c.FN == 0 {
		return 0, false
	}
	return float64(c.TP) / float64(c.TP+c.FN), true
}

// ConfusionAt compares the SIMs flagged at threshold t with the truth: a
// SIM-box the case holds no scored record of counts as missed, an honest
// subscriber absent from the result as left alone. SIMs in neither list
// are ignored.
func ConfusionAt(scores []SIMScore, simboxes, honest []string, t float64) Confusion {
	flagged := map[string]bool{}
	for _, s := range scores {
		if s.Scored && s.Score >= t {
			flagged[s.MSISDN] = true
		}
	}
	var c Confusion
	for _, m := range simboxes {
		if flagged[m] {
			c.TP++
		} else {
			c.FN++
		}
	}
	for _, m := range honest {
		if flagged[m] {
			c.FP++
		} else {
			c.TN++
		}
	}
	return c
}
